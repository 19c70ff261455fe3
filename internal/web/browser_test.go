package web_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// chromiumPath is Debian's Chromium.
const chromiumPath = "/usr/bin/chromium"

// TestBrowserConsole drives the console in headless Chromium as the demo
// county reviewer: sign in, find a person by name, open the file, check a
// field, switch to Uyghur and check the page turns right to left. On failure
// it saves a full-page screenshot under testdata/screenshots/. With
// JIUZHU_SCREENSHOTS set it also saves pictures for the docs in /tmp/jiuzhu-shots/.
func TestBrowserConsole(t *testing.T) {
	requireChromium(t)
	db := testdb.Open(t, store.SQLite, nil)
	if _, _, err := demo.Load(context.Background(), db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	p := browserFindPerson(t, db)
	ts := httptest.NewServer(web.New(db, slog.New(slog.DiscardHandler), web.Options{}))
	defer ts.Close()

	browser, ctx, check := startBrowser(t, 60*time.Second)
	check("sign in", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/persons"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "county"),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("q")), // back on the list it asked for
	))
	check("search", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("q"), p.NameLatin),
		chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)),
		// The unfiltered list may show the person too: wait for the answer
		// page, whose search box carries the query in its markup.
		chromedp.WaitVisible(chromedp.CSS(`#q[value="`+p.NameLatin+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/persons/`+p.ID+`"]`)),
	))
	browserDocShot(t, ctx, "persons-zh.png", true)
	check("open the file", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/persons/`+p.ID+`"]`)),
		chromedp.WaitVisible(chromedp.ID("f-id_number")),
	))
	idText, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("f-id_number")))
	check("read the ID number", err)
	if got, want := strings.TrimSpace(idText), p.IDNumber; got != want {
		browserFailShot(t, browser)
		t.Fatalf("ID number shown=%q, want the full number %q for a county reviewer", got, want)
	}
	check("switch to Uyghur", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.langs a[hreflang="ug"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[dir="rtl"] #f-id_number`)),
	))
	dir, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dir`))
	check("read dir", err)
	if dir != "rtl" {
		browserFailShot(t, browser)
		t.Fatalf(`document.documentElement.dir=%q, want "rtl"`, dir)
	}
	browserDocShot(t, ctx, "person-ug.png", true)
	if os.Getenv("JIUZHU_SCREENSHOTS") != "" {
		check("home", chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/lang?to=zh-Hans&next=/"),
			chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-Hans"] table.matrix`)),
		))
		browserDocShot(t, ctx, "home-zh.png", true)
		check("back to Uyghur", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/lang?to=ug&next=/persons")))
		check("phone view", chromedp.Do(ctx,
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(ts.URL+"/persons?q="+url.QueryEscape(p.NameLatin)),
			chromedp.WaitVisible(chromedp.ID("total")),
		))
		browserDocShot(t, ctx, "persons-ug-phone.png", true)
	}
}

// browserFindPerson picks a person of county 652301 with all three
// spellings of the name, as the system sees the file (full ID number).
func browserFindPerson(t *testing.T, db *store.DB) *person.Person {
	t.Helper()
	ctx := store.System(context.Background())
	county := "652301"
	list, _, err := db.Persons(ctx, person.Filter{PlaceCode: &county, Limit: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.NameLatin != "" && p.NameArabic != "" && p.HouseholdID != "" {
			full, err := db.Person(ctx, p.ID, "test")
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
	}
	t.Fatal("no person in 652301 has all three spellings")
	return nil
}

// browserFailShot saves a full-page screenshot for a failed test under
// testdata/screenshots/ and logs its path.
func browserFailShot(t *testing.T, browser context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	path := filepath.Join("testdata", "screenshots", strings.ReplaceAll(t.Name(), "/", "_")+".png")
	err = os.MkdirAll(filepath.Dir(path), 0o755)
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	abs, _ := filepath.Abs(path)
	t.Logf("screenshot of the failure: %s", abs)
}

// browserDocShot saves a picture for the docs when JIUZHU_SCREENSHOTS is
// set: the full page, or only the viewport (a phone's first screen).
func browserDocShot(t *testing.T, ctx context.Context, name string, full bool) {
	t.Helper()
	if os.Getenv("JIUZHU_SCREENSHOTS") == "" {
		return
	}
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	dir := "/tmp/jiuzhu-shots"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", filepath.Join(dir, name))
}

// requireChromium skips the test when Chromium is missing, except in CI,
// where the browser tests must run.
func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing: CI must run the browser test", chromiumPath)
		}
		t.Skipf("%s is missing", chromiumPath)
	}
}

// startBrowser starts headless Chromium for the test, returning the
// browser's context, a context for the test's steps that ends after timeout,
// and check, which saves a screenshot and stops the test on a failed step.
func startBrowser(t *testing.T, timeout time.Duration) (browser, ctx context.Context, check func(step string, err error)) {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	// The first run starts the browser and must have no timeout: the
	// browser lives as long as that run's context.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	ctx, cancel := context.WithTimeout(browser, timeout)
	t.Cleanup(cancel)
	check = func(step string, err error) {
		t.Helper()
		if err != nil {
			browserFailShot(t, browser)
			t.Fatalf("%s: %v", step, err)
		}
	}
	return browser, ctx, check
}
