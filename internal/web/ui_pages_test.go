package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/person"
)

// rawKey finds a message key printed instead of its text. Link targets are
// removed first: /static/app.css is a path, not a key.
var (
	rawKey  = regexp.MustCompile(`(?:^|[^\w/.-])((?:app|nav|login|home|persons?|form|flash|error|common|footer|category|ethnicity|language|relation|sex|location|role|level|kind|err)\.[a-z_]+(?:\.[a-z_]+)*)`)
	linkRef = regexp.MustCompile(`(?:href|src)="[^"]*"`)
)

// TestUIEveryPageEveryLanguage renders each console page in each language
// and checks the direction and that no message key shows unresolved.
func TestUIEveryPageEveryLanguage(t *testing.T) {
	e := newUIEnv(t)
	p := e.uiFindPerson(t, "652301", func(p *person.Person) bool { return p.HouseholdID != "" && p.NameArabic != "" })
	herder := e.uiFindPerson(t, "6523", func(p *person.Person) bool { return p.Ethnicity == "kazakh" && p.HouseholdID != "" })
	pages := []uiPage{
		{"", "GET", "/login", nil, 200},
		{"", "POST", "/login", url.Values{"username": {"county"}, "password": {"nope-nope-nope"}}, 401},
		{"", "GET", "/nowhere", nil, 404},
		{"admin", "GET", "/", nil, 200},
		{"admin", "GET", "/persons", nil, 200},
		{"admin", "GET", "/persons?q=zzzzzz", nil, 200},
		{"admin", "GET", "/persons?category=bad&ethnicity=bad&place=1", nil, 422},
		{"admin", "GET", "/persons/" + p.ID, nil, 200},
		{"admin", "GET", "/persons/" + herder.ID, nil, 200},
		{"admin", "GET", "/persons/" + p.ID + "/edit", nil, 200},
		{"admin", "GET", "/persons/new", nil, 200},
		{"admin", "POST", "/persons/new", url.Values{"name": {""}, "id_number": {"123"}, "lat": {"x"}}, 422},
		{"admin", "POST", "/persons/new", url.Values{"name": {"x"}, "id_number": {"65230119480312021X"}, "place_code": {"652301"},
			"ethnicity": {"elf"}, "language": {"xx"}, "relation": {"cousin"}, "categories": {"rich"}, "disability_grade": {"9"},
			"phone": {"1"}, "lat": {"99"}, "caregiver_gender": {"X"}, "guardian_id": {"nobody"}}, 422},
		{"admin", "POST", "/persons/" + p.ID + "/edit", url.Values{"name": {p.Name}, "version": {"999"}, "place_code": {p.PlaceCode},
			"ethnicity": {p.Ethnicity}, "language": {p.Language}}, 409},
		{"admin", "GET", "/persons/" + p.ID + "/nothing", nil, 404},
		{"worker", "GET", "/", nil, 200},
		{"worker", "GET", "/persons", nil, 403},
		{"liaison", "GET", "/", nil, 200},
		{"provider", "GET", "/", nil, 200},
		{"evaluator", "GET", "/", nil, 200},
		{"resident", "GET", "/", nil, 200},
		{"village", "GET", "/", nil, 200},
	}
	uiCheckPages(t, e, pages, rawKey, "nav.home", "zh-Hans", "en")
}

var (
	templateKey   = regexp.MustCompile(`\.T "([^"]+)"`)
	templateLabel = regexp.MustCompile(`\.Label "([^"]+)"`)
	codeKey       = regexp.MustCompile(`"((?:app|nav|login|home|persons?|form|flash|error|common|footer)\.[a-z_.]*[a-z_])"`)
)

// TestUIMessageKeysExist checks that every message key the templates and
// the console code name exists in every language file.
func TestUIMessageKeysExist(t *testing.T) {
	used := map[string]string{}
	files, _ := filepath.Glob("templates/*.html")
	code, _ := filepath.Glob("ui_*.go")
	for _, f := range append(files, code...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		re := templateKey
		if strings.HasSuffix(f, ".go") {
			re = codeKey
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = f
		}
		enums := map[string][]string{"category": nil, "ethnicity": person.Ethnicities, "language": person.Languages,
			"relation": person.Relations, "sex": {"M", "F"}, "location": {"home", "winter", "summer", "other"}, "role": nil}
		for _, c := range person.Categories {
			enums["category"] = append(enums["category"], string(c))
		}
		for _, r := range auth.Roles {
			enums["role"] = append(enums["role"], string(r))
		}
		for _, m := range templateLabel.FindAllStringSubmatch(string(b), -1) {
			values, ok := enums[m[1]]
			if !ok {
				t.Errorf("%s: Label %q: no list of values to check", f, m[1])
			}
			for _, v := range values {
				used[m[1]+"."+v] = f
			}
		}
	}
	for _, r := range auth.Roles {
		if !r.Can(auth.ReadPersons) && r != auth.Assessor {
			used["home.welcome."+string(r)] = "ui_home.go"
		}
	}
	for _, k := range flashKeys {
		used[k] = "ui_flash.go"
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys: is the scan broken?", len(used))
	}
	for _, l := range i18n.Langs {
		have := i18n.Keys(l.Tag)
		for k, f := range used {
			if !slices.Contains(have, k) {
				t.Errorf("%s uses %q, missing in locales/%s.toml", f, k, l.Tag)
			}
		}
	}
}

func TestUIHeaders(t *testing.T) {
	e := newUIEnv(t)
	c := e.client(t, "county")
	res, _ := uiGet(t, c, e.ts.URL+"/persons")
	for h, want := range map[string]string{"Content-Security-Policy": consolePolicy, "Cache-Control": "no-store",
		"X-Frame-Options": "DENY", "Content-Type": "text/html; charset=utf-8"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s=%q, want %q", h, got, want)
		}
	}
	for _, tc := range []struct{ path, cache, ctype string }{
		{"/static/app.css?v=" + staticVersion, "public, max-age=31536000, immutable", "text/css; charset=utf-8"},
		{"/static/app.css", "public, max-age=3600", "text/css; charset=utf-8"},
		{"/static/favicon.svg", "public, max-age=3600", "image/svg+xml"},
	} {
		res, body := uiGet(t, c, e.ts.URL+tc.path)
		if res.StatusCode != http.StatusOK || body == "" {
			t.Fatalf("GET %s: Status=%v", tc.path, res.StatusCode)
		}
		if got := res.Header.Get("Cache-Control"); got != tc.cache {
			t.Errorf("GET %s: Cache-Control=%q, want %q", tc.path, got, tc.cache)
		}
		if got := res.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("GET %s: Content-Type=%q, want %q", tc.path, got, tc.ctype)
		}
	}
	mustPage(t, c, e.ts.URL+"/static/", http.StatusNotFound)
	mustPage(t, c, e.ts.URL+"/static/nothing.js", http.StatusNotFound)
}

func TestUILanguageSwitch(t *testing.T) {
	e := newUIEnv(t)
	c := e.client(t, "county")
	res, _ := uiGet(t, c, e.ts.URL+"/lang?to=ug&next="+url.QueryEscape("/persons?page=2"))
	if got, want := res.Header.Get("Location"), "/persons?page=2"; res.StatusCode != http.StatusSeeOther || got != want {
		t.Fatalf("Status=%v Location=%q, want 303 %q", res.StatusCode, got, want)
	}
	body := mustPage(t, c, e.ts.URL+"/persons", http.StatusOK)
	uiHas(t, body, `<html lang="ug" dir="rtl">`, i18n.For("ug").T("persons.title", nil))
	if got, want := uiUser(t, e, "county").Language, "ug"; got != want {
		t.Errorf("account language=%q, want %q", got, want)
	}
	// The account remembers the choice on a new device (no cookie).
	body = mustPage(t, e.client(t, "county"), e.ts.URL+"/", http.StatusOK)
	uiHas(t, body, `dir="rtl"`)
	for _, next := range []string{"https://evil.example/", "//evil.example"} {
		res, _ := uiGet(t, c, e.ts.URL+"/lang?to=en&next="+url.QueryEscape(next))
		if got := res.Header.Get("Location"); got != "/" {
			t.Errorf("next=%q: Location=%q, want /", next, got)
		}
	}
	res, _ = uiGet(t, c, e.ts.URL+"/lang?to=fr&next=/")
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("unknown language: Status=%v", res.StatusCode)
	}
}
