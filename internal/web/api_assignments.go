package web

import (
	"net/http"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
)

// assignmentFilter reads assignment filters from a query string.
func assignmentFilter(r *http.Request) (match.AssignmentFilter, error) {
	q := r.URL.Query()
	var f match.AssignmentFilter
	var fs errs.Fields
	for name, dst := range map[string]**string{"run": &f.RunID, "worker": &f.WorkerID, "person": &f.PersonID, "provider": &f.ProviderID, "plan_item": &f.PlanItemID} {
		if v := q.Get(name); v != "" {
			*dst = &v
		}
	}
	if v := q.Get("place"); v != "" {
		if _, err := placeLevel(v); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		f.PlaceCode = &v
	}
	if v := q.Get("state"); v != "" {
		st := match.State(v)
		if !st.Valid() {
			fs.Add("state", "match.err.state", nil)
		}
		f.State = &st
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// apiListAssignments handles GET /api/v1/assignments.
func (s *Server) apiListAssignments(w http.ResponseWriter, r *http.Request) error {
	f, err := assignmentFilter(r)
	if err != nil {
		return err
	}
	list, total, err := s.db.Assignments(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiGetAssignment handles GET /api/v1/assignments/{id}.
func (s *Server) apiGetAssignment(w http.ResponseWriter, r *http.Request) error {
	a, err := s.db.Assignment(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}

// apiOverrideAssignment handles POST /api/v1/assignments/{id}/override.
func (s *Server) apiOverrideAssignment(w http.ResponseWriter, r *http.Request) error {
	var o match.Override
	if err := readJSON(r, &o); err != nil {
		return err
	}
	a, err := s.db.Override(r.Context(), r.PathValue("id"), o)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}

// apiDeclineAssignment handles POST /api/v1/assignments/{id}/decline.
func (s *Server) apiDeclineAssignment(w http.ResponseWriter, r *http.Request) error {
	var d match.Decline
	if err := readJSON(r, &d); err != nil {
		return err
	}
	a, err := s.db.Decline(r.Context(), r.PathValue("id"), d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}

// apiMatchPlanItem handles POST /api/v1/plan-items/{id}/match: incremental
// matching of the item's open units.
func (s *Server) apiMatchPlanItem(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.MatchIncremental(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if list == nil {
		list = []*match.Assignment{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}
