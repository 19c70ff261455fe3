package web

import (
	"net/http"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/errs"
)

type assessRequest struct {
	Template      string         `json:"template"`
	Answers       assess.Answers `json:"answers"`
	ApplicationID string         `json:"application_id"`
}

// apiAssessPerson handles POST /api/v1/persons/{id}/assessments: scores the
// answers with the latest version of the template and stores them; 201 with
// the result, or 422 with one field error per item.
func (s *Server) apiAssessPerson(w http.ResponseWriter, r *http.Request) error {
	var req assessRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	as, err := s.db.Assess(r.Context(), r.PathValue("id"), req.ApplicationID, req.Template, req.Answers)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/persons/"+as.PersonID+"/assessments")
	return writeJSON(w, http.StatusCreated, as)
}

// apiListAssessments handles GET /api/v1/persons/{id}/assessments: the
// person's assessments, newest first.
func (s *Server) apiListAssessments(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.Assessments(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

// apiReassessmentsDue handles GET /api/v1/assessments/due: people whose
// reassessment is due now, by cycle or by a reported change.
func (s *Server) apiReassessmentsDue(w http.ResponseWriter, r *http.Request) error {
	var fs errs.Fields
	offset, limit := pageParams(r.URL.Query(), &fs)
	if err := fs.Err(); err != nil {
		return err
	}
	list, total, err := s.db.ReassessmentsDue(r.Context(), s.now(), offset, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": offset, "limit": limit})
}

// apiApplicationAssessment handles GET /api/v1/applications/{id}/assessment:
// the assessment the decision rests on, with its package.
func (s *Server) apiApplicationAssessment(w http.ResponseWriter, r *http.Request) error {
	as, err := s.db.ApplicationAssessment(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, as)
}

type assessmentPassRequest struct {
	Version int `json:"version"`
}

// apiPassAssessment handles POST /api/v1/applications/{id}/assessment-pass:
// the assessor passes the assessment step, which needs an assessment of the
// application on record. The answer shows the decided application with the
// assessment and its package.
func (s *Server) apiPassAssessment(w http.ResponseWriter, r *http.Request) error {
	var req assessmentPassRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if req.Version <= 0 {
		return errs.InvalidField("version", "err.required", nil)
	}
	app, err := s.db.PassAssessment(r.Context(), r.PathValue("id"), req.Version)
	if err != nil {
		return err
	}
	as, err := s.db.ApplicationAssessment(r.Context(), app.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"application": app, "assessment": as})
}
