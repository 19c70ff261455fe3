package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/place"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageTemplates holds one template set per page, each parsed together with
// the layout, so every page defines its own "content".
var pageTemplates = func() map[string]*template.Template {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		out[name] = template.Must(template.New("layout.html").ParseFS(templateFS, "templates/layout.html", n))
	}
	return out
}()

// consolePolicy keeps every console page to its own origin: no inline script
// or style, no framing, forms only back to us.
const consolePolicy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// view is what every console template gets: the language, the user, the
// page's own data, and methods to translate.
type view struct {
	Lang   i18n.Lang
	Langs  []i18n.Lang
	User   *auth.User
	Title  string
	Path   string // the request's local URL, where a language switch returns to
	Nav    string // the active navigation item
	Flash  string
	Static string // version of the static files, for cache busting
	Data   any

	loc   *i18n.Localizer
	actor *auth.Actor
}

// newView starts the view of a console page; titleKey names its title.
func (s *Server) newView(w http.ResponseWriter, r *http.Request, titleKey string) *view {
	loc := s.localizer(r)
	v := &view{Lang: loc.Lang(), Langs: i18n.Langs, User: currentUser(r), Path: r.URL.RequestURI(),
		Static: staticVersion, loc: loc, actor: auth.ActorFrom(r.Context())}
	if titleKey != "" {
		v.Title = loc.T(titleKey, nil)
	}
	if key := takeFlash(w, r); key != "" {
		v.Flash = loc.T(key, nil)
	}
	return v
}

// T translates key; kv are placeholder name and value pairs.
func (v *view) T(key string, kv ...any) string {
	var args map[string]any
	if len(kv) > 0 {
		args = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			args[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return v.loc.T(key, args)
}

// Label translates an enumerated value: Label "category" "low_income".
func (v *view) Label(prefix string, value any) string {
	return v.loc.T(prefix+"."+fmt.Sprint(value), nil)
}

// Can reports whether the signed-in user holds a permission.
func (v *view) Can(p string) bool { return v.actor.Can(auth.Permission(p)) }

// PlaceName is a place's name in the page's language, or its Chinese name.
func (v *view) PlaceName(p place.Place) string { return placeName(p, v.Lang.Tag) }

func placeName(p place.Place, lang string) string {
	n := map[string]string{"ug": p.NameUG, "kk-Arab": p.NameKK, "en": p.NameEN}[lang]
	if n == "" {
		return p.Name
	}
	return n
}

// render writes a console page. The page is rendered into a buffer first, so
// a template error becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, v *view) {
	var buf bytes.Buffer
	t, ok := pageTemplates[page]
	if !ok {
		s.log.Error("render: no such page", "page", page, "request_id", requestID(r.Context()))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	if err := t.Execute(&buf, v); err != nil {
		s.log.Error("render", "page", page, "err", err, "request_id", requestID(r.Context()))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", consolePolicy)
	h.Set("Cache-Control", "no-store") // pages carry personal data
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
