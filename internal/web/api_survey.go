package web

import (
	"net/http"
	"slices"
	"strconv"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/survey"
)

// roundRequest is the body of POST /api/v1/survey-rounds.
type roundRequest struct {
	Kind             survey.Kind       `json:"kind"`
	Name             string            `json:"name"`
	PlaceCode        string            `json:"place_code"`
	TargetCategories []person.Category `json:"target_categories"`
	FrequencyDays    int               `json:"frequency_days"`
	StartsOn         string            `json:"starts_on"`
	DueDays          int               `json:"due_days"`
}

// apiCreateSurveyRound handles POST /api/v1/survey-rounds: 201 with the
// round, whose tasks exist already when it starts today.
func (s *Server) apiCreateSurveyRound(w http.ResponseWriter, r *http.Request) error {
	var req roundRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	round, err := s.db.CreateSurveyRound(r.Context(), &survey.Round{Kind: req.Kind, Name: req.Name, PlaceCode: req.PlaceCode,
		TargetCategories: req.TargetCategories, FrequencyDays: req.FrequencyDays, StartsOn: req.StartsOn, DueDays: req.DueDays})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/survey-rounds/"+round.ID)
	return writeJSON(w, http.StatusCreated, round)
}

// apiListSurveyRounds handles GET /api/v1/survey-rounds.
func (s *Server) apiListSurveyRounds(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var fs errs.Fields
	f := survey.RoundFilter{}
	if v := q.Get("kind"); v != "" {
		k := survey.Kind(v)
		if !slices.Contains(survey.Kinds, k) {
			fs.Add("kind", "err.survey.kind", nil)
		}
		f.Kind = &k
	}
	if v := q.Get("status"); v != "" {
		st := survey.Status(v)
		if st != survey.Scheduled && st != survey.Active {
			fs.Add("status", "err.survey.round_status", nil)
		}
		f.Status = &st
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	if err := fs.Err(); err != nil {
		return err
	}
	list, total, err := s.db.SurveyRounds(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiGetSurveyRound handles GET /api/v1/survey-rounds/{id}.
func (s *Server) apiGetSurveyRound(w http.ResponseWriter, r *http.Request) error {
	round, err := s.db.SurveyRound(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, round)
}

// taskFilter reads visit-task filters from a query string, reporting each
// bad parameter by name.
func taskFilter(r *http.Request) (survey.TaskFilter, error) {
	q := r.URL.Query()
	var fs errs.Fields
	f := survey.TaskFilter{}
	if v := q.Get("round"); v != "" {
		f.RoundID = &v
	}
	if v := q.Get("place"); v != "" {
		if _, err := placeLevel(v); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		f.PlaceCode = &v
	}
	if v := q.Get("status"); v != "" {
		st := survey.TaskStatus(v)
		if !slices.Contains(survey.TaskStatuses, st) {
			fs.Add("status", "err.survey.task_status", nil)
		}
		f.Status = &st
	}
	for _, p := range []struct {
		name string
		dst  *bool
	}{{"overdue", &f.Overdue}, {"mine", &f.Mine}} {
		if v := q.Get(p.name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				fs.Add(p.name, "err.bool", nil)
			}
			*p.dst = b
		}
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// apiListSurveyTasks handles GET /api/v1/survey-tasks.
func (s *Server) apiListSurveyTasks(w http.ResponseWriter, r *http.Request) error {
	f, err := taskFilter(r)
	if err != nil {
		return err
	}
	list, total, err := s.db.SurveyTasks(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiGetSurveyTask handles GET /api/v1/survey-tasks/{id}.
func (s *Server) apiGetSurveyTask(w http.ResponseWriter, r *http.Request) error {
	t, err := s.db.SurveyTask(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

// apiCompleteSurveyTask handles POST /api/v1/survey-tasks/{id}/result: the
// visit's result; each need found is filed in the ledger. A task done
// already answers 409 and files nothing.
func (s *Server) apiCompleteSurveyTask(w http.ResponseWriter, r *http.Request) error {
	var res survey.Result
	if err := readJSON(r, &res); err != nil {
		return err
	}
	t, err := s.db.CompleteSurveyTask(r.Context(), r.PathValue("id"), res)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}
