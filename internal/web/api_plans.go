package web

import (
	"net/http"
	"slices"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// planChangeRequest is the body of a plan change: the plan version read
// and why.
type planChangeRequest struct {
	Version int    `json:"version"`
	Reason  string `json:"reason"`
}

// planItemRequest is the body of adding or changing a plan item.
type planItemRequest struct {
	planChangeRequest
	ItemCode string `json:"item_code"`
	plan.Frequency
}

// apiListPlans handles GET /api/v1/plans.
func (s *Server) apiListPlans(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var fs errs.Fields
	f := plan.Filter{}
	if v := q.Get("state"); v != "" {
		st := plan.State(v)
		if !slices.Contains(plan.States, st) {
			fs.Add("state", "err.plan.state_value", nil)
		}
		f.State = &st
	}
	if v := q.Get("place"); v != "" {
		if _, err := placeLevel(v); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		f.PlaceCode = &v
	}
	if v := q.Get("person"); v != "" {
		f.PersonID = &v
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	if err := fs.Err(); err != nil {
		return err
	}
	list, total, err := s.db.Plans(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiGetPlan handles GET /api/v1/plans/{id}.
func (s *Server) apiGetPlan(w http.ResponseWriter, r *http.Request) error {
	p, err := s.db.Plan(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// apiAddPlanItem handles POST /api/v1/plans/{id}/items.
func (s *Server) apiAddPlanItem(w http.ResponseWriter, r *http.Request) error {
	var req planItemRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	p, err := s.db.AddPlanItem(r.Context(), r.PathValue("id"), req.Version, req.ItemCode, req.Frequency, req.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// apiUpdatePlanItem handles PUT /api/v1/plans/{id}/items/{item}.
func (s *Server) apiUpdatePlanItem(w http.ResponseWriter, r *http.Request) error {
	var req planItemRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	p, err := s.db.UpdatePlanItem(r.Context(), r.PathValue("id"), r.PathValue("item"), req.Version, req.Frequency, req.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// apiRemovePlanItem handles DELETE /api/v1/plans/{id}/items/{item}.
func (s *Server) apiRemovePlanItem(w http.ResponseWriter, r *http.Request) error {
	var req planChangeRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	p, err := s.db.RemovePlanItem(r.Context(), r.PathValue("id"), r.PathValue("item"), req.Version, req.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// apiPausePlan handles POST /api/v1/plans/{id}/pause.
func (s *Server) apiPausePlan(w http.ResponseWriter, r *http.Request) error {
	return s.apiPlanState(w, r, "pause")
}

// apiResumePlan handles POST /api/v1/plans/{id}/resume.
func (s *Server) apiResumePlan(w http.ResponseWriter, r *http.Request) error {
	return s.apiPlanState(w, r, "resume")
}

// apiCancelPlan handles POST /api/v1/plans/{id}/cancel.
func (s *Server) apiCancelPlan(w http.ResponseWriter, r *http.Request) error {
	return s.apiPlanState(w, r, "cancel")
}

// apiEndPlan handles POST /api/v1/plans/{id}/end.
func (s *Server) apiEndPlan(w http.ResponseWriter, r *http.Request) error {
	return s.apiPlanState(w, r, "end")
}

func (s *Server) apiPlanState(w http.ResponseWriter, r *http.Request, action string) error {
	var req planChangeRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	p, err := s.changePlanState(r, r.PathValue("id"), action, req.Version, req.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// changePlanState pauses, resumes, cancels or ends a plan.
func (s *Server) changePlanState(r *http.Request, id, action string, version int, reason string) (*plan.Plan, error) {
	ctx := r.Context()
	switch action {
	case "pause":
		return s.db.PausePlan(ctx, id, version, reason)
	case "resume":
		return s.db.ResumePlan(ctx, id, version, reason)
	case "cancel":
		return s.db.CancelPlan(ctx, id, version, reason)
	case "end":
		return s.db.EndPlan(ctx, id, version, reason)
	}
	return nil, errs.InvalidField("action", "err.plan.action", nil)
}
