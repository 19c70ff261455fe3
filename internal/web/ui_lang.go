package web

import (
	"net/http"

	"jiuzhu/internal/i18n"
)

// switchLanguage handles GET /lang?to=TAG&next=PATH: it remembers the
// interface language in a cookie, and for a signed-in user also in the
// account, then returns to next (a local path).
func (s *Server) switchLanguage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if l, ok := i18n.Lookup(q.Get("to")); ok {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l.Tag, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
		if u := currentUser(r); u != nil && u.Language != l.Tag {
			if err := s.db.SetUserLanguage(r.Context(), u.ID, l.Tag); err != nil {
				s.log.Warn("set user language", "err", err, "request_id", requestID(r.Context()))
			}
		}
	}
	http.Redirect(w, r, localPath(q.Get("next")), http.StatusSeeOther)
}
