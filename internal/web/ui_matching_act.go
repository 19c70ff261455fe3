package web

import (
	"net/http"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/match"
	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
)

// assignmentData is one assignment's page: its explanation, the override
// form for matching staff and the decline form for its provider.
type assignmentData struct {
	Row             assignmentRow
	CanOverride     bool
	CanDecline      bool
	Workers         []choice // who covers the village and offers the item
	OverrideReasons []choice
	DeclineReasons  []choice
	Override        match.Override
	Decline         match.Decline
	Error           string
	Fields          map[string]string
}

// Err is the message for one field, or "".
func (d *assignmentData) Err(field string) string { return d.Fields[field] }

// showAssignmentPage handles GET /matching/assignments/{id}.
func (s *Server) showAssignmentPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderAssignment(w, r, http.StatusOK, &assignmentData{})
}

func (s *Server) renderAssignment(w http.ResponseWriter, r *http.Request, status int, d *assignmentData) error {
	ctx := r.Context()
	as, err := s.db.Assignment(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	v := s.newView(w, r, "match.assignment.title")
	v.Nav = "matching"
	a := auth.ActorFrom(ctx)
	d.Row = s.matchNames(ctx, v).rows([]*match.Assignment{as})[0]
	d.CanOverride = a.Can(auth.RunMatching) && !a.ProviderSide() && (as.State == match.Current || as.State == match.Unassigned || as.State == match.Declined)
	d.CanDecline = a.ProviderSide() && a.Can(auth.RespondOrders) && as.State == match.Current
	if d.CanOverride {
		active := true
		ws, _, err := s.db.ListWorkers(ctx, provider.WorkerFilter{Place: &as.PlaceCode, Item: &as.ItemCode, Active: &active, Limit: store.MaxPageSize})
		if err != nil {
			return err
		}
		for _, wk := range ws {
			d.Workers = append(d.Workers, choice{Value: wk.ID, Label: wk.Name + " · " + wk.ProviderName})
		}
	}
	for _, c := range match.OverrideReasons {
		d.OverrideReasons = append(d.OverrideReasons, choice{Value: c, Label: v.T("match.override." + c)})
	}
	for _, c := range match.DeclineReasons {
		d.DeclineReasons = append(d.DeclineReasons, choice{Value: c, Label: v.T("match.decline." + c)})
	}
	v.Data = d
	s.render(w, r, status, "matching_assignment", v)
	return nil
}

// overrideAssignment handles POST /matching/assignments/{id}/override.
func (s *Server) overrideAssignment(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	o := match.Override{WorkerID: strings.TrimSpace(r.PostForm.Get("worker_id")), ReasonCode: r.PostForm.Get("reason_code"),
		Reason: r.PostForm.Get("reason"), Force: r.PostForm.Get("force") == "on"}
	got, err := s.db.Override(r.Context(), r.PathValue("id"), o)
	if err != nil {
		return s.assignmentFailed(w, r, &assignmentData{Override: o}, err)
	}
	s.setFlash(w, "match.flash.overridden")
	http.Redirect(w, r, "/matching/assignments/"+got.ID, http.StatusSeeOther)
	return nil
}

// declineAssignment handles POST /matching/assignments/{id}/decline.
func (s *Server) declineAssignment(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	dc := match.Decline{ReasonCode: r.PostForm.Get("reason_code"), Reason: r.PostForm.Get("reason")}
	got, err := s.db.Decline(r.Context(), r.PathValue("id"), dc)
	if err != nil {
		return s.assignmentFailed(w, r, &assignmentData{Decline: dc}, err)
	}
	s.setFlash(w, "match.flash.declined")
	http.Redirect(w, r, "/matching/assignments/"+got.ID, http.StatusSeeOther)
	return nil
}

// assignmentFailed shows the form again with its errors; other errors go to
// the error page.
func (s *Server) assignmentFailed(w http.ResponseWriter, r *http.Request, d *assignmentData, err error) error {
	p := s.problemFor(r, err)
	if p.Status != http.StatusUnprocessableEntity && p.Status != http.StatusConflict {
		return err
	}
	d.Error, d.Fields = p.Title, map[string]string{}
	for _, e := range p.Errors {
		d.Fields[e.Field] = e.Detail
	}
	return s.renderAssignment(w, r, p.Status, d)
}
