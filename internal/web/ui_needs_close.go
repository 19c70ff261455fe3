package web

import (
	"net/http"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

// maxReason bounds a closing reason, as a filing's note is bounded.
const maxReason = 2000

// closeNeed handles POST /needs/{id}/close: end a need as "no need found"
// or "closed", with a reason that goes into its history.
func (s *Server) closeNeed(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WriteNeeds); err != nil {
		return err
	}
	r.ParseForm()
	d := &needData{Form: "close", Version: formVersion(r), Close: closeForm{
		Status: r.PostForm.Get("status"), Reason: strings.TrimSpace(r.PostForm.Get("reason"))}}
	var fs errs.Fields
	if d.Version <= 0 {
		fs.Add("version", "err.required", nil)
	}
	status := need.Status(d.Close.Status)
	if status != need.NoNeed && status != need.Closed {
		fs.Add("status", "err.need.status", nil)
	}
	if d.Close.Reason == "" {
		fs.Add("reason", "err.reason.required", nil)
	} else if len([]rune(d.Close.Reason)) > maxReason {
		fs.Add("reason", "err.text.too_long", map[string]any{"Max": maxReason})
	}
	if err := fs.Err(); err != nil {
		return s.renderNeedError(w, r, d, err)
	}
	id := r.PathValue("id")
	if _, err := s.db.CloseNeed(r.Context(), id, status, d.Close.Reason, d.Version); err != nil {
		return s.renderNeedError(w, r, d, err)
	}
	s.setFlash(w, "flash.need_closed")
	http.Redirect(w, r, "/needs/"+id, http.StatusSeeOther)
	return nil
}
