package web

import (
	"net/http"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/store"
)

// sessionCookie names the console's session cookie.
const sessionCookie = "jiuzhu_session"

// langCookie remembers the interface language chosen on the login page or
// by a visitor without an account.
const langCookie = "jiuzhu_lang"

type userKey struct{}

// withUser resolves the caller from a bearer token or the session cookie and
// puts the user and actor on the context. Unknown or expired credentials
// leave the request anonymous; handlers decide whether that is allowed.
func (s *Server) withUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token := sessionToken(r); token != "" {
			if u, err := s.db.SessionUser(r.Context(), token); err == nil {
				ctx := auth.WithActor(r.Context(), u.Actor())
				ctx = contextWithUser(ctx, u)
				r = r.WithContext(ctx)
				if info := infoOf(r); info != nil {
					info.user = u.Username
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// sessionToken returns the request's bearer token, or else its session cookie.
func sessionToken(r *http.Request) string {
	if t := bearer(r); t != "" {
		return t
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	return ""
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// api wraps an API handler that needs a signed-in user.
func (s *Server) api(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if currentUser(r) == nil {
			s.fail(w, r, errs.New(errs.Unauthenticated, "err.unauthenticated"))
			return
		}
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// setSessionCookie hands the browser its session token.
func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(store.WebLifetime.Seconds())})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// localizer picks the request's language: ?lang=, then the cookie, then the
// signed-in user's setting, then Accept-Language.
func (s *Server) localizer(r *http.Request) *i18n.Localizer {
	if l, ok := i18n.Lookup(r.URL.Query().Get("lang")); ok {
		return i18n.For(l.Tag)
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := i18n.Lookup(c.Value); ok {
			return i18n.For(l.Tag)
		}
	}
	if u := currentUser(r); u != nil {
		if l, ok := i18n.Lookup(u.Language); ok {
			return i18n.For(l.Tag)
		}
	}
	return i18n.For(i18n.Match(r.Header.Get("Accept-Language")).Tag)
}
