package web

import (
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
)

func applicationFilter(q url.Values) (store.ApplicationFilter, error) {
	var f store.ApplicationFilter
	var fs errs.Fields
	if v := q.Get("state"); v != "" {
		s := approval.State(v)
		if !s.Valid() {
			fs.Add("state", "err.application.state", nil)
		}
		f.State = &s
	}
	if v := q.Get("overdue"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fs.Add("overdue", "err.bool", nil)
		}
		f.Overdue = b
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// apiListApplications handles GET /api/v1/applications.
func (s *Server) apiListApplications(w http.ResponseWriter, r *http.Request) error {
	f, err := applicationFilter(r.URL.Query())
	if err != nil {
		return err
	}
	list, total, err := s.db.Applications(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

type openApplicationRequest struct {
	NeedID string `json:"need_id"`
	Urgent bool   `json:"urgent"`
}

// apiOpenApplication handles POST /api/v1/applications: submits a ledger
// entry for approval on the resident's behalf.
func (s *Server) apiOpenApplication(w http.ResponseWriter, r *http.Request) error {
	var req openApplicationRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if req.NeedID == "" {
		return errs.InvalidField("need_id", "err.required", nil)
	}
	app, err := s.db.OpenApplication(r.Context(), req.NeedID, req.Urgent)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/applications/"+app.ID)
	return writeJSON(w, http.StatusCreated, app)
}

// apiGetApplication handles GET /api/v1/applications/{id}.
func (s *Server) apiGetApplication(w http.ResponseWriter, r *http.Request) error {
	app, err := s.db.Application(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, app)
}

type actRequest struct {
	Action  approval.Action `json:"action"`
	Reason  string          `json:"reason"`
	Version int             `json:"version"`
}

// apiActOnApplication handles POST /api/v1/applications/{id}/actions.
func (s *Server) apiActOnApplication(w http.ResponseWriter, r *http.Request) error {
	var req actRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	var fs errs.Fields
	if req.Version <= 0 {
		fs.Add("version", "err.required", nil)
	}
	if !validAction(req.Action) {
		fs.Add("action", "err.application.action", nil)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	app, err := s.db.Act(r.Context(), r.PathValue("id"), req.Action, req.Reason, req.Version)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, app)
}

func validAction(a approval.Action) bool {
	for _, k := range approval.Actions {
		if a == k {
			return true
		}
	}
	return false
}

// apiNotifications handles GET /api/v1/notifications: the newest messages
// for the caller's role in the caller's area.
func (s *Server) apiNotifications(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.Notifications(r.Context(), 100)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}
