package web

import (
	"net/http"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
	"jiuzhu/internal/store"
)

// assignmentsData is a list of assignments: a worker's, a person's, the
// declined queue or a provider's own.
type assignmentsData struct {
	Heading    string
	Intro      string
	Summary    *runSummary // a run's page only
	RowsTitle  string
	Rows       []assignmentRow
	CanDecline bool
	pageData
}

// showWorkerAssignmentsPage handles GET /matching/workers/{id}: the result
// of matching for one worker.
func (s *Server) showWorkerAssignmentsPage(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	name := id
	if wk, err := s.db.Worker(r.Context(), id); err == nil {
		name = wk.Name + " · " + wk.ProviderName
	}
	return s.renderAssignments(w, r, "match.worker.title", name, match.AssignmentFilter{WorkerID: &id})
}

// showPersonAssignmentsPage handles GET /matching/persons/{id}: every unit
// of a person's plan and who serves it, declined ones included.
func (s *Server) showPersonAssignmentsPage(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := mustCan(r, auth.ReadServices); err != nil {
		return err
	}
	return s.renderAssignments(w, r, "match.person.title", "", match.AssignmentFilter{PersonID: &id})
}

// showDeclinedPage handles GET /matching/declined: the queue of units
// providers declined, to match again.
func (s *Server) showDeclinedPage(w http.ResponseWriter, r *http.Request) error {
	st := match.Declined
	return s.renderAssignments(w, r, "match.declined.title", "", match.AssignmentFilter{State: &st})
}

// showMyAssignmentsPage handles GET /matching/mine: a provider's current
// assignments, each with a way to decline it.
func (s *Server) showMyAssignmentsPage(w http.ResponseWriter, r *http.Request) error {
	if a := auth.ActorFrom(r.Context()); !a.ProviderSide() {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	st := match.Current
	return s.renderAssignments(w, r, "match.mine.title", "", match.AssignmentFilter{State: &st})
}

// renderAssignments shows the assignments matching f. Without a state, it
// shows what stands per unit (current, open, declined): superseded and
// discarded rows are history, not status.
func (s *Server) renderAssignments(w http.ResponseWriter, r *http.Request, titleKey, intro string, f match.AssignmentFilter) error {
	ctx := r.Context()
	v := s.newView(w, r, titleKey)
	v.Nav = "matching"
	if titleKey == "match.mine.title" {
		v.Nav = "assignments"
	}
	a := auth.ActorFrom(ctx)
	d := &assignmentsData{Heading: v.Title, Intro: intro, RowsTitle: v.T("match.rows"), CanDecline: a.ProviderSide() && a.Can(auth.RespondOrders), pageData: newPageData(r, r.URL.Path)}
	f.Offset, f.Limit = d.offset(), matchPageSize
	var list []*match.Assignment
	total := 0
	if f.State == nil {
		// Status per unit: what stands now (current, open, declined).
		for _, st := range []match.State{match.Current, match.Unassigned, match.Declined} {
			f.State = &st
			f.Offset, f.Limit = 0, store.MaxPageSize
			part, n, err := s.db.Assignments(ctx, f)
			if err != nil {
				return err
			}
			list, total = append(list, part...), total+n
		}
		d.Page = 1
	} else {
		var err error
		if list, total, err = s.db.Assignments(ctx, f); err != nil {
			return err
		}
	}
	d.setTotal(total)
	if d.Intro == "" && f.PersonID != nil && len(list) > 0 {
		d.Intro = list[0].PersonName
	}
	d.Rows = s.matchNames(ctx, v).rows(list)
	v.Data = d
	s.render(w, r, http.StatusOK, "matching_assignments", v)
	return nil
}
