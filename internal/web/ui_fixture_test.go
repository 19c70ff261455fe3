package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// uiEnv is a console server over a SQLite store with the demo dataset.
type uiEnv struct {
	db *store.DB
	ts *httptest.Server
}

// newUIEnv loads the demo dataset (a second or two) and starts a server.
func newUIEnv(tb testing.TB) *uiEnv {
	tb.Helper()
	db := testdb.Open(tb, store.SQLite, nil)
	if _, _, err := demo.Load(context.Background(), db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		tb.Fatalf("demo.Load: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewServer(New(db, log, Options{}))
	tb.Cleanup(ts.Close)
	return &uiEnv{db: db, ts: ts}
}

// client returns a browser-like client (cookies, no redirects followed),
// signed in as the demo account user unless user is "".
func (e *uiEnv) client(tb testing.TB, user string) *http.Client {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if user != "" {
		res, body := uiPost(tb, c, e.ts.URL+"/login", url.Values{"username": {user}, "password": {demo.Password}})
		if res.StatusCode != http.StatusSeeOther {
			tb.Fatalf("login %s: Status=%v, want %v; body: %s", user, res.StatusCode, http.StatusSeeOther, body)
		}
	}
	return c
}

// setLang makes c ask for pages in the language tag, as the language switch does.
func (e *uiEnv) setLang(tb testing.TB, c *http.Client, tag string) {
	tb.Helper()
	res, _ := uiGet(tb, c, e.ts.URL+"/lang?to="+url.QueryEscape(tag)+"&next=/")
	if res.StatusCode != http.StatusSeeOther {
		tb.Fatalf("switch to %s: Status=%v", tag, res.StatusCode)
	}
}

func uiGet(tb testing.TB, c *http.Client, u string) (*http.Response, string) {
	tb.Helper()
	res, err := c.Get(u)
	if err != nil {
		tb.Fatal(err)
	}
	return res, uiBody(tb, res)
}

func uiPost(tb testing.TB, c *http.Client, u string, form url.Values) (*http.Response, string) {
	tb.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		tb.Fatal(err)
	}
	return res, uiBody(tb, res)
}

func uiBody(tb testing.TB, res *http.Response) string {
	tb.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// mustPage gets a console page and fails unless it answers want.
func mustPage(tb testing.TB, c *http.Client, u string, want int) string {
	tb.Helper()
	res, body := uiGet(tb, c, u)
	if res.StatusCode != want {
		tb.Fatalf("GET %s: Status=%v, want %v; body: %.2000s", u, res.StatusCode, want, body)
	}
	return body
}

// uiFindPerson returns the first person file (as the system sees it) under
// the place code prefix.
func (e *uiEnv) uiFindPerson(tb testing.TB, under string, ok func(*person.Person) bool) *person.Person {
	tb.Helper()
	ctx := store.System(context.Background())
	f := person.Filter{PlaceCode: &under, Limit: store.MaxPageSize}
	for {
		list, total, err := e.db.Persons(ctx, f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range list {
			if ok == nil || ok(p) {
				full, err := e.db.Person(ctx, p.ID, "test")
				if err != nil {
					tb.Fatal(err)
				}
				return full
			}
		}
		f.Offset += len(list)
		if len(list) == 0 || f.Offset >= total {
			tb.Fatalf("no person under %s fits", under)
		}
	}
}

// uiHas fails unless body contains every one of want.
func uiHas(tb testing.TB, body string, want ...string) {
	tb.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			tb.Errorf("page lacks %q; body: %.3000s", w, body)
		}
	}
}

// uiLacks fails if body contains any of bad.
func uiLacks(tb testing.TB, body string, bad ...string) {
	tb.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			tb.Errorf("page contains %q", b)
		}
	}
}

// uiPage is one request of an every-language page check.
type uiPage struct {
	user, method, path string
	form               url.Values
	status             int
}

// uiCheckPages requests every page as its user in every language and checks
// the status, the <html lang dir>, that no raw message key matching rawKey
// shows, and that the navigation item navKey is not left in Chinese in the
// languages outside skipNav.
func uiCheckPages(t *testing.T, e *uiEnv, pages []uiPage, rawKey *regexp.Regexp, navKey string, skipNav ...string) {
	t.Helper()
	clients := map[string]*http.Client{}
	chineseNav := i18n.For("zh-Hans").T(navKey, nil) + "<"
	for _, l := range i18n.Langs {
		t.Run(l.Tag, func(t *testing.T) {
			for _, pg := range pages {
				c := clients[pg.user+"/"+l.Tag]
				if c == nil {
					c = e.client(t, pg.user)
					e.setLang(t, c, l.Tag)
					clients[pg.user+"/"+l.Tag] = c
				}
				var res *http.Response
				var body string
				if pg.method == "POST" {
					res, body = uiPost(t, c, e.ts.URL+pg.path, pg.form)
				} else {
					res, body = uiGet(t, c, e.ts.URL+pg.path)
				}
				where := pg.user + " " + pg.method + " " + pg.path
				if res.StatusCode != pg.status {
					t.Errorf("%s: Status=%v, want %v; body: %.1500s", where, res.StatusCode, pg.status, body)
					continue
				}
				if want := `<html lang="` + l.Tag + `" dir="` + l.Dir + `">`; !strings.Contains(body, want) {
					t.Errorf("%s: no %s", where, want)
				}
				if m := rawKey.FindStringSubmatch(linkRef.ReplaceAllString(body, "")); m != nil {
					t.Errorf("%s: raw message key %q in the page", where, m[1])
				}
				if !slices.Contains(skipNav, l.Tag) && strings.Contains(body, chineseNav) {
					t.Errorf("%s: Chinese navigation on a %s page", where, l.Tag)
				}
			}
		})
	}
}
