package web

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/store"
)

// The resident page (SPEC §2, self-application): public, no staff account,
// large type. A resident or a relative proves a phone number with a one-time
// code, files a need and checks its status.
const (
	residentCookie = "jiuzhu_resident"    // the resident session token
	applyPhone     = "jiuzhu_apply_phone" // the number a code was asked for, between the two steps
)

// residentSite is the self-application surface: its SMS gateway and the
// per-address and per-session throttles that sit in front of the store's
// per-number limits.
type residentSite struct {
	s       *Server
	sms     notify.SMS
	codes   *loginLimiter // code requests per client address
	guesses *loginLimiter // wrong codes per client address
	filings *loginLimiter // filings per resident session
}

func newResidentSite(s *Server) *residentSite {
	return &residentSite{s: s, sms: s.opts.SMS,
		codes:   newLoginLimiter(20, 10*time.Minute),
		guesses: newLoginLimiter(30, 10*time.Minute),
		filings: newLoginLimiter(10, store.ResidentLifetime)}
}

// residentCategories are the needs a resident may ask for, in the order the
// form offers them: check_visit last, as "not sure, please come and see".
var residentCategories = []need.Category{need.Care, need.Housekeeping, need.Medical, need.Emotional, need.Child, need.Skills, need.CheckVisit}

// publicTemplates holds one template set per resident page, each parsed
// with the resident layout (public.html), which has no console navigation.
var publicTemplates = func() map[string]*template.Template {
	names, err := fs.Glob(templateFS, "templates/public_*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		out[name] = template.Must(template.New("public.html").ParseFS(templateFS, "templates/public.html", n))
	}
	return out
}()

// newView starts a resident page. back is where the language switch
// returns: always a GET page, never the POST that rendered it.
func (p *residentSite) newView(w http.ResponseWriter, r *http.Request, titleKey, back string) *view {
	v := p.s.newView(w, r, titleKey)
	v.User = nil
	v.Path = back
	return v
}

// render writes a resident page with the console's security headers.
func (p *residentSite) render(w http.ResponseWriter, r *http.Request, status int, page string, v *view) {
	var buf bytes.Buffer
	t, ok := publicTemplates[page]
	if !ok {
		p.s.log.Error("render: no such page", "page", page, "request_id", requestID(r.Context()))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	if err := t.Execute(&buf, v); err != nil {
		p.s.log.Error("render", "page", page, "err", err, "request_id", requestID(r.Context()))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", consolePolicy)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail shows an error on a resident page, with a way back to back.
func (p *residentSite) fail(w http.ResponseWriter, r *http.Request, err error, back string) {
	prob := p.s.problemFor(r, err)
	v := p.newView(w, r, "", back)
	v.Title = prob.Title
	v.Data = struct {
		Problem
		Back string
	}{prob, back}
	p.render(w, r, prob.Status, "public_error", v)
}

// tooMany is the per-address throttle's answer.
var tooMany = errs.New(errs.TooMany, "err.too_many_requests")

// residentToken returns the request's resident session token, or "".
func residentToken(r *http.Request) string {
	if c, err := r.Cookie(residentCookie); err == nil {
		return c.Value
	}
	return ""
}

// setCookie sets or (maxAge < 0) clears a cookie of the resident page.
func (p *residentSite) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: "/apply", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: p.s.opts.SecureCookies, SameSite: http.SameSiteLaxMode}
	if maxAge < 0 {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// signedIn wraps a page that needs a resident session: without one the
// visitor goes back to the start, where the number is asked for.
func (p *residentSite) signedIn(h func(w http.ResponseWriter, r *http.Request, token string) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := residentToken(r)
		if _, err := p.s.db.ResidentSession(r.Context(), token); err != nil {
			if !errs.Is(err, errs.Unauthenticated) {
				p.fail(w, r, err, "/apply")
				return
			}
			if token != "" {
				p.setCookie(w, residentCookie, "", -1)
			}
			http.Redirect(w, r, "/apply", http.StatusSeeOther)
			return
		}
		if err := h(w, r, token); err != nil {
			p.fail(w, r, err, "/apply/status")
		}
	})
}
