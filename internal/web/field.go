package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/visit"
)

// The field app (SPEC §7) is the service worker's phone app for a day of
// visits: a server-rendered shell, ES modules under /static/field/, a
// service worker that keeps the shell for offline use, and an IndexedDB
// outbox that sends visit events once a connection returns.

// fieldRoutes are the field app's pages: the shell, its service worker and
// its web app manifest. Its data comes from the JSON API.
func (s *Server) fieldRoutes() []route {
	return []route{
		{"GET", "/field/{$}", http.HandlerFunc(s.showFieldApp)},
		{"GET", "/field/sw.js", http.HandlerFunc(s.serveFieldWorker)},
		{"GET", "/field/manifest.webmanifest", http.HandlerFunc(s.serveFieldManifest)},
	}
}

// fieldTemplate is the shell on its own: it has no console layout.
var fieldTemplate = template.Must(template.ParseFS(templateFS, "templates/field.html"))

// fieldAssets are the static files the app needs offline, as versioned
// URLs; the service worker caches them on install.
var fieldAssets = func() []string {
	var out []string
	for _, dir := range []string{"static/field", "static/vendor/idb"} {
		fs.WalkDir(staticFS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch path.Ext(p) {
			case ".js", ".css", ".svg":
				if p != "static/field/sw.js" { // served at /field/sw.js for its scope
					out = append(out, "/"+p+"?v="+staticVersion)
				}
			}
			return nil
		})
	}
	slices.Sort(out)
	return out
}()

// fieldImportMap maps each module's plain URL to its versioned URL. Modules
// import each other by relative URL, which carries no version; the map makes
// every import versioned, so all of them may be cached for good.
var fieldImportMap, fieldImportHash = func() (string, string) {
	m := map[string]string{}
	for _, a := range fieldAssets {
		if u, _, _ := strings.Cut(a, "?"); strings.HasSuffix(u, ".js") {
			m[u] = a
		}
	}
	b, err := json.Marshal(map[string]any{"imports": m})
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	return string(b), "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// fieldPolicy is the console's policy plus what the app needs: its inline
// import map (by hash), photo previews from blob: URLs, and its service worker.
var fieldPolicy = "default-src 'self'; script-src 'self' " + fieldImportHash +
	"; img-src 'self' blob: data:; worker-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// fieldBoot is what the scripts need from the server, embedded as JSON in
// the shell so the app starts offline.
type fieldBoot struct {
	Lang       string              `json:"lang"`
	Dir        string              `json:"dir"`
	Version    string              `json:"version"`
	UserID     string              `json:"user_id"`
	WorkerID   string              `json:"worker_id"`
	WorkerName string              `json:"worker_name"`
	Strings    map[string]string   `json:"strings"`
	Reasons    map[string][]string `json:"reasons"`
	Langs      []i18n.Lang         `json:"langs"`
}

// fieldPage is the shell template's data.
type fieldPage struct {
	ImportMap template.HTML // built from embedded file names only
	Boot      fieldBoot
}

// showFieldApp handles GET /field/: the app shell, for a service worker
// linked to a worker record. Anyone else signed in goes to the console.
func (s *Server) showFieldApp(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if u == nil {
		s.redirectToLogin(w, r)
		return
	}
	if !fieldUser(u) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	v := s.newView(w, r, "field.title")
	loc := i18n.For(v.Lang.Tag)
	strs := map[string]string{}
	for _, k := range i18n.Keys(i18n.Default.Tag) {
		if strings.HasPrefix(k, "field.") || strings.HasPrefix(k, "language.") || strings.HasPrefix(k, "location.") {
			strs[k] = loc.T(k, nil)
		}
	}
	v.Data = fieldPage{
		ImportMap: template.HTML(fieldImportMap),
		Boot: fieldBoot{Lang: v.Lang.Tag, Dir: v.Lang.Dir, Version: staticVersion,
			UserID: u.ID, WorkerID: u.WorkerID, WorkerName: u.DisplayName, Strings: strs, Langs: i18n.Langs,
			Reasons: map[string][]string{"missed": visit.MissedReasons, "fence": visit.FenceReasons,
				"noconfirm": visit.NoConfirmReasons}},
	}
	var buf bytes.Buffer
	if err := fieldTemplate.Execute(&buf, v); err != nil {
		s.log.Error("render", "page", "field", "err", err, "request_id", requestID(r.Context()))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", fieldPolicy)
	// The service worker keeps this page for offline starts; the HTTP cache
	// must not, as it names the worker.
	h.Set("Cache-Control", "no-cache, private")
	h.Set("Vary", "Cookie")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	w.Write(buf.Bytes())
}

// fieldUser reports whether u may use the field app.
func fieldUser(u *auth.User) bool {
	return u != nil && u.Role == auth.ServiceWorker && u.WorkerID != ""
}

// landingAfterLogin is where a successful sign-in goes: the page asked
// for, or, when none was, a service worker's field app.
func (s *Server) landingAfterLogin(r *http.Request, token, next string) string {
	if next != "/" {
		return next
	}
	if u, err := s.db.SessionUser(r.Context(), token); err == nil && fieldUser(u) {
		return "/field/"
	}
	return next
}

// serveFieldWorker handles GET /field/sw.js: the service worker script with
// this release's version and asset list in front. Browsers compare the
// script byte for byte, so a new release installs a new worker and cache.
func (s *Server) serveFieldWorker(w http.ResponseWriter, r *http.Request) {
	src, err := staticFS.ReadFile("static/field/sw.js")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cfg, _ := json.Marshal(map[string]any{"version": staticVersion, "shell": "/field/", "assets": fieldAssets})
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write([]byte("self.FIELD = " + string(cfg) + ";\n"))
	w.Write(src)
}

// serveFieldManifest handles GET /field/manifest.webmanifest. The shell
// links it with ?lang=, since browsers fetch manifests without cookies.
func (s *Server) serveFieldManifest(w http.ResponseWriter, r *http.Request) {
	loc := s.localizer(r)
	icon := "/static/field/icon.svg?v=" + staticVersion
	m := map[string]any{
		"name":             loc.T("field.app_name", nil),
		"short_name":       loc.T("field.short_name", nil),
		"lang":             loc.Lang().Tag,
		"dir":              loc.Lang().Dir,
		"id":               "/field/",
		"start_url":        "/field/",
		"scope":            "/field/",
		"display":          "standalone",
		"orientation":      "portrait",
		"theme_color":      "#b3261e",
		"background_color": "#f3f5f7",
		"icons": []map[string]string{
			{"src": icon, "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
			{"src": "/static/field/icon-maskable.svg?v=" + staticVersion, "sizes": "any", "type": "image/svg+xml", "purpose": "maskable"},
		},
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/manifest+json")
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b)
}
