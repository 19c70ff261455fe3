package web

import (
	"net/http"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// login checks credentials against both the per-address limiter and the
// per-account lockout, and opens a session of the given kind.
func (s *Server) login(r *http.Request, username, password, kind string) (string, error) {
	ip := clientIP(r)
	if !s.limiter.allowed(ip, s.now()) {
		return "", errs.New(errs.TooMany, "err.too_many_requests")
	}
	token, _, err := s.db.Login(r.Context(), username, password, kind)
	if errs.Is(err, errs.Unauthenticated) {
		s.limiter.fail(ip, s.now())
	}
	return token, err
}

// apiLogin handles POST /api/v1/auth/login.
func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	var fs errs.Fields
	if req.Username == "" {
		fs.Add("username", "err.required", nil)
	}
	if req.Password == "" {
		fs.Add("password", "err.required", nil)
	}
	if err := fs.Err(); err != nil {
		s.fail(w, r, err)
		return
	}
	token, err := s.login(r, req.Username, req.Password, store.APISession)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "expires_in": int(store.APILifetime.Seconds())})
}

// apiLogout handles POST /api/v1/auth/logout.
func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) error {
	if err := s.db.Logout(r.Context(), sessionToken(r)); err != nil {
		return err
	}
	if bearer(r) == "" {
		s.clearSessionCookie(w)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiMe handles GET /api/v1/me.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, currentUser(r))
}
