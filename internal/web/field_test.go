package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
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

	"github.com/chromedp/chromedp"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// fieldAppServer starts a server over SQLite, with the demo dataset (and so
// the demo service worker "worker") when demoData is set.
func fieldAppServer(t *testing.T, demoData bool) *httptest.Server {
	t.Helper()
	db := testdb.Open(t, store.SQLite, nil)
	if demoData {
		if _, _, err := demo.Load(context.Background(), db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatalf("demo.Load: %v", err)
		}
	}
	ts := httptest.NewServer(web.New(db, slog.New(slog.DiscardHandler), web.Options{}))
	t.Cleanup(ts.Close)
	return ts
}

// fieldAppClient is a browser-like client (cookies, redirects not
// followed), signed in as the demo user unless user is "".
func fieldAppClient(t *testing.T, ts *httptest.Server, user string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if user != "" {
		res, _ := fieldAppDo(t, c, "POST", ts.URL+"/login", url.Values{"username": {user}, "password": {demo.Password}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("login %s: Status=%v", user, res.StatusCode)
		}
	}
	return c
}

func fieldAppDo(t *testing.T, c *http.Client, method, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	var res *http.Response
	var err error
	if method == "POST" {
		res, err = c.PostForm(u, form)
	} else {
		res, err = c.Get(u)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// TestFieldShell checks who may open the field app and that its shell comes
// in each language, with the strings the scripts need and a policy that
// admits its import map.
func TestFieldShell(t *testing.T) {
	ts := fieldAppServer(t, true)

	res, _ := fieldAppDo(t, fieldAppClient(t, ts, ""), "GET", ts.URL+"/field/", nil)
	if got, want := res.Header.Get("Location"), "/login?next="+url.QueryEscape("/field/"); res.StatusCode != http.StatusSeeOther || got != want {
		t.Errorf("anonymous: Status=%v Location=%q, want 303 %q", res.StatusCode, got, want)
	}
	res, _ = fieldAppDo(t, fieldAppClient(t, ts, "county"), "GET", ts.URL+"/field/", nil)
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/" {
		t.Errorf("county reviewer: Status=%v Location=%q, want 303 /", res.StatusCode, got)
	}

	t.Run("landing", func(t *testing.T) {
		for _, tc := range []struct{ user, next, want string }{
			{"worker", "", "/field/"},
			{"worker", "/", "/field/"},
			{"worker", "/my-day", "/my-day"},
			{"county", "", "/"},
		} {
			c := fieldAppClient(t, ts, "")
			res, _ := fieldAppDo(t, c, "POST", ts.URL+"/login", url.Values{"username": {tc.user}, "password": {demo.Password}, "next": {tc.next}})
			if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != tc.want {
				t.Errorf("%s with next=%q: Status=%v Location=%q, want 303 %q", tc.user, tc.next, res.StatusCode, got, tc.want)
			}
		}
	})

	worker := fieldAppClient(t, ts, "worker")
	importMap := regexp.MustCompile(`<script type="importmap">([^<]*)</script>`)
	bootJSON := regexp.MustCompile(`<script type="application/json" id="field-boot">([^<]*)</script>`)
	for _, l := range i18n.Langs {
		t.Run(l.Tag, func(t *testing.T) {
			if res, _ := fieldAppDo(t, worker, "GET", ts.URL+"/lang?to="+l.Tag+"&next=/field/", nil); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("switch to %s: Status=%v", l.Tag, res.StatusCode)
			}
			res, body := fieldAppDo(t, worker, "GET", ts.URL+"/field/", nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /field/: Status=%v; %.500s", res.StatusCode, body)
			}
			for _, want := range []string{
				`<html lang="` + l.Tag + `" dir="` + l.Dir + `">`,
				`<script type="module" src="/static/field/app.js?v=`,
				`<link rel="manifest" href="/field/manifest.webmanifest?lang=` + l.Tag + `">`,
				`data-test="sync-now"`, `data-test="outbox-count"`, `data-test="net-status"`,
				`<title>` + i18n.For(l.Tag).T("field.title", nil) + `</title>`,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("the shell lacks %s", want)
				}
			}
			if strings.Contains(body, `class="nav"`) {
				t.Error("the shell carries the console navigation")
			}
			if got := res.Header.Get("Cache-Control"); strings.Contains(got, "public") {
				t.Errorf("Cache-Control=%q: the shell names the worker", got)
			}
			m := importMap.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("no import map")
			}
			sum := sha256.Sum256([]byte(m[1]))
			if csp, hash := res.Header.Get("Content-Security-Policy"), base64.StdEncoding.EncodeToString(sum[:]); !strings.Contains(csp, "'sha256-"+hash+"'") {
				t.Errorf("Content-Security-Policy %q does not admit the import map (sha256-%s)", csp, hash)
			}
			var imports struct{ Imports map[string]string }
			if err := json.Unmarshal([]byte(m[1]), &imports); err != nil || !strings.Contains(imports.Imports["/static/vendor/idb/index.js"], "?v=") {
				t.Errorf("import map %s: %v", m[1], err)
			}
			b := bootJSON.FindStringSubmatch(body)
			if b == nil {
				t.Fatal("no boot data")
			}
			var boot struct {
				Lang     string              `json:"lang"`
				WorkerID string              `json:"worker_id"`
				Strings  map[string]string   `json:"strings"`
				Reasons  map[string][]string `json:"reasons"`
			}
			if err := json.Unmarshal([]byte(b[1]), &boot); err != nil {
				t.Fatalf("boot data: %v", err)
			}
			if boot.Lang != l.Tag || boot.WorkerID == "" {
				t.Errorf("boot lang=%q worker_id=%q", boot.Lang, boot.WorkerID)
			}
			for _, key := range []string{"field.checkin", "field.missed.moved_pasture", "language.kk", "location.winter"} {
				if got, want := boot.Strings[key], i18n.For(l.Tag).T(key, nil); got != want {
					t.Errorf("strings[%q]=%q, want %q", key, got, want)
				}
			}
			for kind, want := range map[string]int{"missed": 8, "fence": 5, "noconfirm": 5} {
				if got := len(boot.Reasons[kind]); got != want {
					t.Errorf("%d %s reasons, want %d", got, kind, want)
				}
			}
		})
	}
}

// TestFieldWorkerAndManifest checks the service worker script and the web
// app manifest, and that every file the worker caches on install exists.
func TestFieldWorkerAndManifest(t *testing.T) {
	ts := fieldAppServer(t, false)
	c := fieldAppClient(t, ts, "")

	res, body := fieldAppDo(t, c, "GET", ts.URL+"/field/sw.js", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /field/sw.js: Status=%v", res.StatusCode)
	}
	if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/javascript") {
		t.Errorf("sw.js Content-Type=%q", got)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("sw.js Cache-Control=%q, want no-cache", got)
	}
	first, _, _ := strings.Cut(body, "\n")
	var cfg struct {
		Version string
		Shell   string
		Assets  []string
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(first, "self.FIELD = "), ";")), &cfg); err != nil {
		t.Fatalf("sw.js config line %q: %v", first, err)
	}
	if cfg.Shell != "/field/" || cfg.Version == "" {
		t.Errorf("sw.js config %+v", cfg)
	}
	for _, want := range []string{"/static/field/app.js", "/static/field/outbox.js", "/static/field/field.css", "/static/vendor/idb/index.js"} {
		if !slices.Contains(cfg.Assets, want+"?v="+cfg.Version) {
			t.Errorf("sw.js does not cache %s", want)
		}
	}
	for _, a := range cfg.Assets {
		res, _ := fieldAppDo(t, c, "GET", ts.URL+a, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: Status=%v", a, res.StatusCode)
		}
		if strings.Contains(a, ".js?") && !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("%s Content-Type=%q: browsers refuse such a module", a, res.Header.Get("Content-Type"))
		}
	}

	for _, l := range i18n.Langs {
		res, body := fieldAppDo(t, c, "GET", ts.URL+"/field/manifest.webmanifest?lang="+l.Tag, nil)
		if got := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || got != "application/manifest+json" {
			t.Fatalf("manifest: Status=%v Content-Type=%q", res.StatusCode, got)
		}
		var m struct {
			Name       string `json:"name"`
			StartURL   string `json:"start_url"`
			Scope      string `json:"scope"`
			Display    string `json:"display"`
			ThemeColor string `json:"theme_color"`
			Dir        string `json:"dir"`
			Lang       string `json:"lang"`
			Icons      []struct {
				Src string `json:"src"`
			} `json:"icons"`
		}
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatal(err)
		}
		if m.Name != i18n.For(l.Tag).T("field.app_name", nil) || m.StartURL != "/field/" || m.Scope != "/field/" ||
			m.Display != "standalone" || m.ThemeColor == "" || m.Dir != l.Dir || m.Lang != l.Tag || len(m.Icons) == 0 {
			t.Errorf("manifest in %s: %+v", l.Tag, m)
		}
		for _, ic := range m.Icons {
			res, _ := fieldAppDo(t, c, "GET", ts.URL+ic.Src, nil)
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/svg+xml") {
				t.Errorf("icon %s: Status=%v Content-Type=%q", ic.Src, res.StatusCode, res.Header.Get("Content-Type"))
			}
		}
	}
}

// TestFieldMessages checks that the scripts' {name} placeholders are the
// same in every language, which the i18n tests cannot see.
func TestFieldMessages(t *testing.T) {
	ph := regexp.MustCompile(`\{(\w+)\}`)
	names := func(s string) []string {
		var out []string
		for _, m := range ph.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return out
	}
	zh := i18n.For(i18n.Default.Tag)
	for _, key := range i18n.Keys(i18n.Default.Tag) {
		if !strings.HasPrefix(key, "field.") {
			continue
		}
		want := names(zh.T(key, nil))
		for _, l := range i18n.Langs[1:] {
			if got := names(i18n.For(l.Tag).T(key, nil)); !slices.Equal(got, want) {
				t.Errorf("%s %q has placeholders %v, want %v", l.Tag, key, got, want)
			}
		}
	}
}

// fieldScriptChecks runs in the browser against the real modules: UUIDv7
// format and order, the outbox's order, removal, backoff, refusal and
// sign-in handling (with a fake fetch), the local fold and the geofence.
// It returns the failed checks.
const fieldScriptChecks = `(async () => {
  const { uuid7, isUUID7, uuid7Time } = await import('/static/field/uuid7.js');
  const { Outbox } = await import('/static/field/outbox.js');
  const { openFieldDB } = await import('/static/field/db.js');
  const { localVisit } = await import('/static/field/local.js');
  const { fence, distance } = await import('/static/field/geo.js');
  const errors = [];
  const check = (ok, msg) => { if (!ok) errors.push(msg); };

  const t0 = Date.now() - 3600000;
  const ids = [];
  for (let i = 0; i < 2000; i++) ids.push(uuid7(t0));
  for (let i = 0; i < 50; i++) ids.push(uuid7(t0 + 5 + i));
  ids.push(uuid7(t0 - 60000)); // the clock steps back
  ids.push(uuid7());
  check(ids.every(isUUID7), 'uuid7 format');
  check(ids.every((id) => id[14] === '7'), 'uuid7 version nibble');
  check(ids.every((id) => '89ab'.includes(id[19])), 'uuid7 variant bits');
  check(new Set(ids).size === ids.length, 'uuid7 unique');
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i - 1] < ids[i])) { check(false, 'uuid7 order at ' + i + ': ' + ids[i - 1] + ' then ' + ids[i]); break; }
  }
  check(uuid7Time(ids[0]) === t0 && uuid7Time(ids[1999]) === t0, 'uuid7 timestamp');
  check(uuid7Time(ids[2050]) === t0 + 54, 'uuid7 after a step back keeps the last time');
  check(ids[2050].slice(19) !== ids[2051].slice(19), 'uuid7 random bits');

  const db = await openFieldDB('field-test-' + Math.random());
  const calls = [];
  let respond = () => new Response('{}', { status: 201 });
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, key: init.headers['Idempotency-Key'] || '', body: init.body });
    return respond(url, init);
  };
  let clock = 1000000;
  const ob = new Outbox(db, { workerID: 'w1', fetch, now: () => clock, random: () => 1 });
  const ev = (kind, extra) => ({ id: uuid7(), order_id: 'o1', kind, device_id: 'd1', device_time: new Date().toISOString(), ...extra });
  const keys = () => calls.filter((c) => c.method === 'POST').map((c) => c.key).join();

  const e1 = ev('check_in'), e2 = ev('photo', { photo_sha: 'abc', photo_stage: 'before' }), e3 = ev('check_out');
  await ob.add(e1);
  await ob.add(e2, [{ sha: 'abc', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), type: 'image/jpeg' }]);
  await ob.add(e3);
  check((await ob.pending()).map((i) => i.id).join() === [e1, e2, e3].map((e) => e.id).join(), 'outbox keeps the order made');
  respond = () => new Response(JSON.stringify({ duplicate: false, visit: { order_id: 'o1', state: 'in_progress' } }), { status: 201 });
  let sent = 0;
  ob.onSent = (it, answer) => { if (answer.visit) sent++; };
  const r1 = await ob.send();
  check(r1.sent === 3 && !r1.wait && !r1.auth && sent === 3, 'send all: ' + JSON.stringify(r1));
  check(calls.map((c) => c.method + ' ' + c.url).join('|') ===
    'POST /api/v1/visit-events|PUT /api/v1/blobs/abc|POST /api/v1/visit-events|POST /api/v1/visit-events', 'blob before its event: ' + JSON.stringify(calls.map((c) => c.url)));
  check(keys() === [e1, e2, e3].map((e) => e.id).join(), 'Idempotency-Key is the event id');
  check(JSON.parse(calls[0].body).id === e1.id, 'the body is the event');
  check((await ob.list()).length === 0, 'removed after 2xx');
  check((await db.getAll('sent')).length === 3, 'kept as sent');
  check((await db.get('blobs', 'abc')).uploaded === true, 'blob marked uploaded');

  calls.length = 0;
  const e4 = ev('tasks', { tasks: [{ task: 'a', done: true }] }), e5 = ev('confirm', { method: 'code', code: '1234' });
  await ob.add(e4);
  await ob.add(e5);
  respond = () => new Response('busy', { status: 503 });
  const r2 = await ob.send();
  check(r2.wait && r2.sent === 0 && calls.length === 1, '5xx: later events wait behind: ' + JSON.stringify(r2));
  let p = await ob.pending();
  check(p.length === 2 && p[0].tries === 1 && p[0].next_at === clock + 2000, '5xx backs off: ' + JSON.stringify(p[0]));
  await ob.send();
  check(calls.length === 1, 'nothing is sent before the backoff ends');
  respond = () => { throw new TypeError('Failed to fetch'); };
  clock += 2000;
  const r3 = await ob.send();
  p = await ob.pending();
  check(r3.wait && calls.length === 2 && p[0].next_at === clock + 4000, 'no network: waits longer: ' + JSON.stringify(p[0]));

  respond = (url, init) => init.headers['Idempotency-Key'] === e4.id
    ? new Response(JSON.stringify({ title: 'Invalid', status: 422, errors: [{ field: 'tasks', key: 'k', detail: 'bad task' }] }), { status: 422 })
    : new Response(JSON.stringify({ duplicate: true }), { status: 200 });
  const r4 = await ob.send({ force: true });
  check(r4.failed === 1 && r4.sent === 1, '422 fails one, the next goes on: ' + JSON.stringify(r4));
  const failed = await ob.failed();
  check(failed.length === 1 && failed[0].id === e4.id && failed[0].error.detail.includes('bad task'), 'failed with the detail: ' + JSON.stringify(failed.map((f) => f.error)));
  calls.length = 0;
  await ob.send({ force: true });
  check(calls.length === 0, 'a refused event is never sent again');
  await ob.dismiss(failed[0].seq);
  check((await ob.list()).length === 0, 'dismissed');

  const e6 = ev('check_out'), e7 = ev('missed', { reason: 'not_home' });
  await ob.add(e6);
  await ob.add(e7);
  respond = () => new Response('{}', { status: 401 });
  const r5 = await ob.send({ force: true });
  check(r5.auth && calls.length === 1 && (await ob.pending()).length === 2, '401 keeps the outbox: ' + JSON.stringify(r5));

  const other = new Outbox(db, { workerID: 'w2', fetch, now: () => clock });
  calls.length = 0;
  respond = () => new Response('{}', { status: 201 });
  const r6 = await other.send({ force: true });
  check(r6.sent === 0 && calls.length === 0 && (await other.others()) === 2, 'another account never sends them');
  const r7 = await ob.send({ force: true });
  check(r7.sent === 2 && keys() === [e6.id, e7.id].join(), 'sending resumes after sign-in');
  db.close();

  const v = localVisit({ order_id: 'o1', visit: null }, [{ state: 'pending', event: e1 }, { state: 'pending', event: e2 }]);
  check(v.state === 'in_progress' && v.photos.length === 1 && v.waiting.has('check_in'), 'local fold');
  const d = distance({ lat: 44.0, lon: 87.3 }, { lat: 44.01, lon: 87.3 });
  check(Math.abs(d - 1112) < 3, 'haversine ' + d);
  check(fence({ lat: 44.0, lon: 87.3, accuracy_m: 20 }, { lat: 44.01, lon: 87.3, radius_m: 500 }).outside, 'outside the fence');
  check(!fence({ lat: 44.0, lon: 87.3, accuracy_m: 700 }, { lat: 44.01, lon: 87.3, radius_m: 500 }).outside, 'accuracy is allowed for');
  return errors;
})()`

// TestFieldScripts runs the modules' checks in headless Chromium.
func TestFieldScripts(t *testing.T) {
	requireChromium(t)
	ts := fieldAppServer(t, false)
	_, ctx, check := startBrowser(t, 60*time.Second)
	check("open a page of the site", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/login")))
	errors, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fieldScriptChecks, chromedp.EvalAwaitPromise))
	check("run the checks", err)
	for _, e := range errors {
		t.Error(e)
	}
}

// TestFieldAppBrowser signs the demo service worker in on a 360 px phone:
// the app is the landing page, its service worker takes control and caches
// the shell, the page fits the screen left to right and right to left, and
// with the server gone the app still opens from the cache.
func TestFieldAppBrowser(t *testing.T) {
	requireChromium(t)
	ts := fieldAppServer(t, true)
	browser, ctx, check := startBrowser(t, 90*time.Second)
	ready := chromedp.WaitVisible(chromedp.CSS(`#app .day`))
	check("sign in", chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "worker"),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="sync-now"]`)),
		ready,
	))
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	check("read the location", err)
	if loc != "/field/" {
		t.Errorf("after sign-in the worker is at %q, want /field/", loc)
	}
	count, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-test="outbox-count"]`)))
	check("read the outbox count", err)
	if count != "0" {
		t.Errorf("outbox count %q, want 0", count)
	}
	scope, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.serviceWorker.ready.then((r) => r.scope)`, chromedp.EvalAwaitPromise))
	check("service worker ready", err)
	if scope != ts.URL+"/field/" {
		t.Errorf("service worker scope %q, want %s/field/", scope, ts.URL)
	}
	cached, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
		for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
		for (const k of await caches.keys()) if (k.startsWith('field-') && await (await caches.open(k)).match('/field/')) return !!navigator.serviceWorker.controller;
		return false;
	})()`, chromedp.EvalAwaitPromise))
	check("read the cache", err)
	if !cached {
		t.Error("the service worker did not take control or did not cache the shell")
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	check("page width", err)
	if width > 360 {
		t.Errorf("the day is %d px wide on a 360 px phone", width)
	}
	browserDocShot(t, ctx, "field-day-zh.png", false)

	check("Uyghur", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/lang?to=ug&next=/field/"),
		chromedp.WaitVisible(chromedp.CSS(`html[dir="rtl"] #app .day`)),
	))
	width, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	check("page width", err)
	if width > 360 {
		t.Errorf("the day in Uyghur is %d px wide on a 360 px phone", width)
	}

	// No server at all now: the shell comes from the service worker's cache
	// and the app starts from IndexedDB.
	ts.CloseClientConnections()
	ts.Close()
	check("open offline", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/field/"),
		chromedp.WaitVisible(chromedp.CSS(`html[dir="rtl"] [data-test="outbox-count"]`)),
		ready,
	))
	if _, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#app .day`))); err != nil {
		browserFailShot(t, browser)
		t.Fatal(err)
	}
}
