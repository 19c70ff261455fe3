package web

import (
	"net/http"
	"strings"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
)

// loginData is the login form: the values to keep and the problem to show.
type loginData struct {
	Username string
	Next     string
	Error    string
	Fields   map[string]string
}

// showLoginPage handles GET /login.
func (s *Server) showLoginPage(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.URL.Query().Get("next"))
	if currentUser(r) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginData{Next: next})
}

// submitLogin handles POST /login: on success it sets the session cookie
// and goes on to the page the user wanted.
func (s *Server) submitLogin(w http.ResponseWriter, r *http.Request) {
	d := loginData{Username: strings.TrimSpace(r.PostFormValue("username")), Next: localPath(r.PostFormValue("next"))}
	password := r.PostFormValue("password")
	var fs errs.Fields
	if d.Username == "" {
		fs.Add("username", "err.required", nil)
	}
	if password == "" {
		fs.Add("password", "err.required", nil)
	}
	err := fs.Err()
	var token string
	if err == nil {
		token, err = s.login(r, d.Username, password, store.WebSession)
	}
	if err != nil {
		p := s.problemFor(r, err)
		d.Error, d.Fields = p.Title, problemFields(p)
		s.renderLogin(w, r, p.Status, d)
		return
	}
	s.setSessionCookie(w, token)
	http.Redirect(w, r, s.landingAfterLogin(r, token, d.Next), http.StatusSeeOther)
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, d loginData) {
	v := s.newView(w, r, "login.title")
	v.User = nil // the login page never shows the navigation
	v.Data = d
	s.render(w, r, status, "login", v)
}

// logout handles POST /logout: it ends the session and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.db.Logout(r.Context(), c.Value); err != nil {
			s.log.Warn("logout", "err", err, "request_id", requestID(r.Context()))
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// problemFields maps each invalid field to its localized message.
func problemFields(p Problem) map[string]string {
	if len(p.Errors) == 0 {
		return nil
	}
	m := make(map[string]string, len(p.Errors))
	for _, f := range p.Errors {
		if _, seen := m[f.Field]; !seen {
			m[f.Field] = f.Detail
		}
	}
	return m
}
