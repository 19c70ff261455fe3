package web

import (
	"net/http"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// dayParam reads ?day=YYYY-MM-DD, today (Beijing time) when absent.
func (s *Server) dayParam(r *http.Request) (string, error) {
	v := r.URL.Query().Get("day")
	if v == "" {
		return plan.Today(s.now()), nil
	}
	if _, err := plan.ParseDay(v); err != nil {
		return "", errs.InvalidField("day", "err.date.format", nil)
	}
	return v, nil
}

// apiMyDay handles GET /api/v1/my-day: the signed-in service worker's
// route on a day.
func (s *Server) apiMyDay(w http.ResponseWriter, r *http.Request) error {
	day, err := s.dayParam(r)
	if err != nil {
		return err
	}
	d, err := s.db.MyDay(r.Context(), day)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

// apiWorkerDay handles GET /api/v1/workers/{id}/day: a worker's route on a
// day, for staff and the worker's provider.
func (s *Server) apiWorkerDay(w http.ResponseWriter, r *http.Request) error {
	day, err := s.dayParam(r)
	if err != nil {
		return err
	}
	d, err := s.db.DaySchedule(r.Context(), r.PathValue("id"), day)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}
