package web

import (
	"net/http"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
)

type runRequest struct {
	PlaceCode string `json:"place_code"`
	Week      string `json:"week"` // Monday, YYYY-MM-DD; "" = next Monday
}

func (r *runRequest) validate() error {
	if _, err := placeLevel(r.PlaceCode); err != nil {
		return errs.InvalidField("place_code", "err.place.unknown", nil)
	}
	return nil
}

// apiListRuns handles GET /api/v1/matching/runs.
func (s *Server) apiListRuns(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var fs errs.Fields
	f := match.RunFilter{}
	if v := q.Get("place"); v != "" {
		if _, err := placeLevel(v); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		f.PlaceCode = &v
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	if err := fs.Err(); err != nil {
		return err
	}
	list, total, err := s.db.Runs(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiPreviewRun handles POST /api/v1/matching/runs: a preview of the global
// matching under a place.
func (s *Server) apiPreviewRun(w http.ResponseWriter, r *http.Request) error {
	var req runRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if err := req.validate(); err != nil {
		return err
	}
	run, err := s.db.PreviewMatching(r.Context(), req.PlaceCode, req.Week)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/matching/runs/"+run.ID)
	return writeJSON(w, http.StatusCreated, run)
}

// apiGetRun handles GET /api/v1/matching/runs/{id}.
func (s *Server) apiGetRun(w http.ResponseWriter, r *http.Request) error {
	run, err := s.db.Run(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, run)
}

// apiConfirmRun handles POST /api/v1/matching/runs/{id}/confirm.
func (s *Server) apiConfirmRun(w http.ResponseWriter, r *http.Request) error {
	run, err := s.db.ConfirmRun(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, run)
}

// apiDiscardRun handles POST /api/v1/matching/runs/{id}/discard.
func (s *Server) apiDiscardRun(w http.ResponseWriter, r *http.Request) error {
	run, err := s.db.DiscardRun(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, run)
}

// apiOneClick handles POST /api/v1/matching/one-click: plans for approved
// applications, a confirmed full run and the week's orders.
func (s *Server) apiOneClick(w http.ResponseWriter, r *http.Request) error {
	var req runRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if err := req.validate(); err != nil {
		return err
	}
	out, err := s.db.MatchAndGenerate(r.Context(), req.PlaceCode, req.Week)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}
