package web

import (
	"net/http"
	"strings"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// assignNeed handles POST /needs/{id}/assign: send a worker to visit by a
// deadline, typed in Beijing time. An empty deadline keeps the current one.
func (s *Server) assignNeed(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WriteNeeds); err != nil {
		return err
	}
	r.ParseForm()
	d := &needData{Form: "assign", Version: formVersion(r), Assign: assignForm{
		UserID: strings.TrimSpace(r.PostForm.Get("user_id")), Deadline: strings.TrimSpace(r.PostForm.Get("deadline"))}}
	var fs errs.Fields
	if d.Version <= 0 {
		fs.Add("version", "err.required", nil)
	}
	if d.Assign.UserID == "" {
		fs.Add("user_id", "err.required", nil)
	}
	deadline, err := parseChinaClock(d.Assign.Deadline)
	if err != nil {
		fs.Add("deadline", "err.datetime.format", nil)
	}
	if err := fs.Err(); err != nil {
		return s.renderNeedError(w, r, d, err)
	}
	id := r.PathValue("id")
	if _, err := s.db.AssignNeed(r.Context(), id, d.Assign.UserID, deadline, d.Version); err != nil {
		return s.renderNeedError(w, r, d, err)
	}
	s.setFlash(w, "flash.need_assigned")
	http.Redirect(w, r, "/needs/"+id, http.StatusSeeOther)
	return nil
}

// renderNeedError shows the need again with err beside the form that
// failed. A need that is gone or out of reach is an error page instead.
func (s *Server) renderNeedError(w http.ResponseWriter, r *http.Request, d *needData, err error) error {
	p := s.problemFor(r, err)
	switch p.Code {
	case errs.NotFound, errs.Forbidden, errs.Internal:
		return err
	}
	d.Error, d.Fields = p.Title, problemFields(p)
	d.Conflict = p.Code == errs.Conflict
	return s.renderNeedPage(w, r, p.Status, d)
}

// chinaClockLayouts are what a datetime-local input sends, with or without
// seconds, and the same typed by hand with a space.
var chinaClockLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"}

// parseChinaClock reads a date and time in Beijing time; "" is no time.
func parseChinaClock(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	var err error
	for _, layout := range chinaClockLayouts {
		var t time.Time
		if t, err = time.ParseInLocation(layout, s, chinaTime); err == nil {
			return &t, nil
		}
	}
	return nil, err
}
