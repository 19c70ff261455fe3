package web

import (
	"math"
	"net/http"
	"strconv"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/match"
)

// runSummary is the head of a run's page.
type runSummary struct {
	Run       runRow
	CanDecide bool
	GreedyGap string // how much worse the greedy baseline is
	Orders    string // orders the one click made
}

// showRunPage handles GET /matching/runs/{id}: the summary and every
// assignment with its explanation; ?state=unassigned lists the open units.
func (s *Server) showRunPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	run, err := s.db.Run(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	v := s.newView(w, r, "match.run.title")
	v.Nav = "matching"
	a := auth.ActorFrom(ctx)
	place := s.placeNamer(ctx, v.Lang.Tag)(run.PlaceCode)
	sum := &runSummary{Run: newRunRow(v, run, place),
		CanDecide: run.State == match.RunPreview && a.Can(auth.RunMatching), Orders: r.URL.Query().Get("orders")}
	if st := run.Stats; st.Cost > 0 {
		sum.GreedyGap = v.T("match.run.gap", "Percent", formatPercent(float64(st.GreedyCost-st.Cost)/float64(st.Cost)), "Open", st.GreedyUnassigned)
	}
	d := &assignmentsData{Heading: v.Title + " · " + place, Summary: sum, RowsTitle: v.T("match.run.rows"), pageData: newPageData(r, "/matching/runs/"+run.ID)}
	f := match.AssignmentFilter{RunID: &run.ID, Offset: d.offset(), Limit: matchPageSize}
	if r.URL.Query().Get("state") == string(match.Unassigned) {
		st := match.Unassigned
		f.State, d.RowsTitle = &st, v.T("match.run.open")
	}
	list, total, err := s.db.Assignments(ctx, f)
	if err != nil {
		return err
	}
	d.setTotal(total)
	d.Rows = s.matchNames(ctx, v).rows(list)
	v.Data = d
	s.render(w, r, http.StatusOK, "matching_assignments", v)
	return nil
}

func formatPercent(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64) + "%"
}

// confirmRun handles POST /matching/runs/{id}/confirm.
func (s *Server) confirmRun(w http.ResponseWriter, r *http.Request) error {
	run, err := s.db.ConfirmRun(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	s.setFlash(w, "match.flash.confirmed")
	http.Redirect(w, r, "/matching/runs/"+run.ID, http.StatusSeeOther)
	return nil
}

// discardRun handles POST /matching/runs/{id}/discard.
func (s *Server) discardRun(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.db.DiscardRun(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	s.setFlash(w, "match.flash.discarded")
	http.Redirect(w, r, "/matching", http.StatusSeeOther)
	return nil
}
