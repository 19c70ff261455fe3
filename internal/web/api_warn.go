package web

import (
	"net/http"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/warn"
)

// apiListWarningRules handles GET /api/v1/warning-rules.
func (s *Server) apiListWarningRules(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.db.WarningRules(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": rules})
}

// ruleRequest is a whole rule but its code, which is in the path.
type ruleRequest struct {
	Feed            warn.FeedKind    `json:"feed"`
	Threshold       int64            `json:"threshold"`
	WindowDays      int              `json:"window_days"`
	Target          warn.TargetGroup `json:"target"`
	Category        person.Category  `json:"category"`
	Urgency         warn.Urgency     `json:"urgency"`
	VisitWithinDays int              `json:"visit_within_days"`
	Enabled         bool             `json:"enabled"`
	Version         int              `json:"version"`
}

// apiPutWarningRule handles PUT /api/v1/warning-rules/{code}: 200 with the
// edited rule, 201 with a new one.
func (s *Server) apiPutWarningRule(w http.ResponseWriter, r *http.Request) error {
	var req ruleRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	rule := warn.Rule{Code: r.PathValue("code"), Feed: req.Feed, Threshold: req.Threshold, WindowDays: req.WindowDays, Target: req.Target,
		Category: req.Category, Urgency: req.Urgency, VisitWithinDays: req.VisitWithinDays, Enabled: req.Enabled}
	saved, created, err := s.db.PutWarningRule(r.Context(), rule, req.Version)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return writeJSON(w, status, saved)
}

// apiListDepartmentTokens handles GET /api/v1/department-tokens.
func (s *Server) apiListDepartmentTokens(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.DepartmentTokens(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

type tokenRequest struct {
	Department warn.Department `json:"department"`
	Label      string          `json:"label"`
}

// apiCreateDepartmentToken handles POST /api/v1/department-tokens: 201 with
// the token and its secret, shown this once.
func (s *Server) apiCreateDepartmentToken(w http.ResponseWriter, r *http.Request) error {
	var req tokenRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	t, secret, err := s.db.CreateDepartmentToken(r.Context(), req.Department, req.Label)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, struct {
		*store.DepartmentToken
		Token string `json:"token"`
	}{t, secret})
}

// apiRevokeDepartmentToken handles DELETE /api/v1/department-tokens/{id}.
func (s *Server) apiRevokeDepartmentToken(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.db.RevokeDepartmentToken(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiDeclareEmergency handles POST /api/v1/emergencies: 201 with the
// emergency and the check-visits it raised, or 200 with the same emergency
// already in force.
func (s *Server) apiDeclareEmergency(w http.ResponseWriter, r *http.Request) error {
	var d store.Declaration
	if err := readJSON(r, &d); err != nil {
		return err
	}
	rec, existing, err := s.db.DeclareEmergency(r.Context(), d, ledgerNote)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if existing {
		status = http.StatusOK
	}
	return writeJSON(w, status, rec)
}

// apiListEmergencies handles GET /api/v1/emergencies.
func (s *Server) apiListEmergencies(w http.ResponseWriter, r *http.Request) error {
	var fs errs.Fields
	offset, limit := pageParams(r.URL.Query(), &fs)
	if err := fs.Err(); err != nil {
		return err
	}
	list, total, err := s.db.Emergencies(r.Context(), offset, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": offset, "limit": limit})
}
