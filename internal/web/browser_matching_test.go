package web_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// TestBrowserOneClickMatching drives the one click in headless Chromium: the
// demo county reviewer opens Matching, presses "match all approved needs and
// generate next week's orders", lands on the confirmed run, and follows it to
// one worker's assignments and one person's status.
func TestBrowserOneClickMatching(t *testing.T) {
	requireChromium(t)
	now := func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }
	db := testdb.Open(t, store.SQLite, now)
	if _, _, err := demo.LoadFull(context.Background(), db, now()); err != nil {
		t.Fatalf("demo.LoadFull: %v", err)
	}
	ts := httptest.NewServer(web.New(db, slog.New(slog.DiscardHandler), web.Options{Now: now}))
	defer ts.Close()

	browser, ctx, check := startBrowser(t, 90*time.Second)
	check("sign in", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/matching"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "county"),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("one-click-button")),
	))
	check("one click", chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("one-click-button")),
		chromedp.WaitVisible(chromedp.ID("run-orders")),
		chromedp.WaitVisible(chromedp.CSS(`#assignments a[href^="/matching/workers/"]`)),
	))
	browserDocShot(t, ctx, "matching-run-zh.png", true)
	check("per worker", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#assignments a[href^="/matching/workers/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#assignments a[href^="/matching/persons/"]`)),
	))
	browserDocShot(t, ctx, "matching-worker-zh.png", true)
	check("per person", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#assignments a[href^="/matching/persons/"]`)),
		chromedp.WaitVisible(chromedp.ID("intro")),
		chromedp.WaitVisible(chromedp.CSS(`#assignments a[href^="/matching/workers/"]`)),
	))
	browserDocShot(t, ctx, "matching-person-zh.png", true)

	// The demo field worker signs in on a phone and finds a day of next
	// week with stops in route order.
	check("sign out", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
		chromedp.SendKeys(chromedp.ID("username"), "worker"),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		// A field worker lands on the field app.
		chromedp.WaitVisible(chromedp.CSS(`[data-test="outbox-count"]`)),
	))
	var stops, width int
	var err error
	for day := 0; day < 5 && stops == 0; day++ {
		check("my day", chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/my-day?day="+time.Date(2026, 11, 30+day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)),
			chromedp.WaitVisible(chromedp.ID("summary")),
		))
		stops, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#stops > li").length`))
		check("count stops", err)
		width, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		check("page width", err)
	}
	if stops == 0 {
		browserFailShot(t, browser)
		t.Fatal("the demo worker has no stops in the week the one click generated")
	}
	if width > 360 {
		t.Errorf("my day is %d px wide on a 360 px phone", width)
	}
	browserDocShot(t, ctx, "myday-phone-zh.png", false)
}
