package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/visit"
	"jiuzhu/internal/web"
)

// testClock is the server's clock and the phone's: the same shift from the
// real time, so the device times the phone writes and the server's receipt
// times agree, and a test can let an hour pass at once on both.
type testClock struct{ shift atomic.Int64 }

func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.shift.Load())) }

// pageScript makes the page's Date run on the clock: the page reads the
// shift from localStorage, where advance writes it.
func (c *testClock) pageScript() string {
	return `(() => {
  const Real = Date;
  const shift = () => Number(localStorage.getItem('test-clock-shift') || '` + strconv.FormatInt(c.shift.Load()/1e6, 10) + `');
  const now = () => Real.now() + shift();
  function FakeDate(...a) {
    if (!new.target) return new Real(now()).toString();
    return a.length ? new Real(...a) : new Real(now());
  }
  FakeDate.prototype = Real.prototype;
  FakeDate.now = now; FakeDate.parse = Real.parse; FakeDate.UTC = Real.UTC;
  Object.setPrototypeOf(FakeDate, Real);
  self.Date = FakeDate;
})();`
}

// advance lets d pass on the server and on the phone.
func (c *testClock) advance(d time.Duration) chromedp.Action[chromedp.Void] {
	c.shift.Add(int64(d))
	js := `localStorage.setItem('test-clock-shift', '` + strconv.FormatInt(c.shift.Load()/1e6, 10) + `')`
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[any](js)(ctx, t)
		return chromedp.Void{}, err
	}
}

func cdp(method string, params map[string]any) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, t.Call(ctx, method, params, nil)
	}
}

func setPosition(p visit.Position) chromedp.Action[chromedp.Void] {
	return cdp("Emulation.setGeolocationOverride", map[string]any{"latitude": p.Lat, "longitude": p.Lon, "accuracy": p.AccuracyM})
}

func network(offline bool) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if err := t.Call(ctx, "Network.enable", map[string]any{}, nil); err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, t.Call(ctx, "Network.emulateNetworkConditions",
			map[string]any{"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, nil)
	}
}

// testPhoto writes a JPEG the phone "takes".
func testPhoto(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for x := 0; x < 1200; x++ {
		for y := 0; y < 900; y++ {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), uint8((x + y) / 9), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// workerDay finds the day of the week with the most visits of the worker
// and returns it with the first two stops.
func workerDay(t *testing.T, db *store.DB, workerID, week string) (string, []*plan.Order) {
	t.Helper()
	monday, _ := time.Parse(time.DateOnly, week)
	to := monday.AddDate(0, 0, 6).Format(time.DateOnly)
	st := plan.Assigned
	list, _, err := db.Orders(store.System(context.Background()), plan.OrderFilter{WorkerID: &workerID, From: &week, To: &to, State: &st, Limit: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	byDay := map[string][]*plan.Order{}
	best := ""
	for _, o := range list {
		byDay[o.Day] = append(byDay[o.Day], o)
		if best == "" || len(byDay[o.Day]) > len(byDay[best]) {
			best = o.Day
		}
	}
	if len(byDay[best]) < 2 {
		t.Fatalf("the demo worker has no day with two visits in week %s", week)
	}
	return best, byDay[best][:2]
}

// drain waits until the outbox is empty. A console session ends after 30
// idle minutes (MLPS), so a worker offline longer is asked to sign in again:
// the outbox waits for that and is sent after it.
func drain(t *testing.T, ctx context.Context, check func(string, error), base string, outbox func() int, arrived func() bool) {
	t.Helper()
	for i := 0; i < 120 && (outbox() > 0 || !arrived()); i++ {
		expired, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.querySelector('[data-test="signin-again"]').hidden`))
		check("read the sign-in banner", err)
		if expired {
			check("sign in again", chromedp.Do(ctx,
				chromedp.Navigate(base+"/login?next=/field/"),
				chromedp.WaitVisible(chromedp.ID("username")),
				chromedp.SendKeys(chromedp.ID("username"), "worker"),
				chromedp.SendKeys(chromedp.ID("password"), demo.Password),
				chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
				chromedp.WaitVisible(chromedp.CSS(`[data-test="sync-now"]`)),
			))
		}
		time.Sleep(250 * time.Millisecond)
	}
	if n := outbox(); n != 0 || !arrived() {
		t.Fatalf("after sync %d records still wait", n)
	}
	failed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('[data-test="failed-list"]') || {}).innerText || ''`))
	check("read the refused list", err)
	if failed != "" {
		t.Fatalf("the server refused records: %s", failed)
	}
}

// TestBrowserFieldVisit is a worker's day with no signal: the demo service
// worker opens the day on a 360 px phone, goes offline, checks in at the
// home, ticks a task, adds a photo, collects a signature and a rating,
// checks out, comes back online and syncs; the supervisor finds the visit
// verified. A second visit checked in 5 km from the home ends flagged with
// the geofence message, and the supervisor clears it with a reason.
func TestBrowserFieldVisit(t *testing.T) {
	requireChromium(t)
	ctx0 := context.Background()
	loadAt := time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC)
	clock := &testClock{}
	clock.shift.Store(int64(time.Until(loadAt)))
	db := testdb.Open(t, store.SQLite, clock.Now)
	if _, _, err := demo.LoadFull(ctx0, db, loadAt); err != nil {
		t.Fatalf("demo.LoadFull: %v", err)
	}
	const week = "2026-11-30"
	if _, err := db.MatchAndGenerate(store.System(ctx0), "652300", week); err != nil {
		t.Fatalf("MatchAndGenerate: %v", err)
	}
	_, worker, err := db.Login(ctx0, "worker", demo.Password, "api")
	if err != nil {
		t.Fatal(err)
	}
	day, stops := workerDay(t, db, worker.WorkerID, week)
	start, _ := plan.ParseDay(day)
	clock.shift.Store(int64(time.Until(start.Add(9 * time.Hour))))

	ts := httptest.NewServer(web.New(db, slog.New(slog.DiscardHandler), web.Options{Now: clock.Now}))
	defer ts.Close()
	_, ctx, check := startBrowser(t, 3*time.Minute)
	idle := chromedp.WaitReady(chromedp.CSS(`body[data-sync="idle"]`))
	check("phone", chromedp.Do(ctx,
		cdp("Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": clock.pageScript()}),
		cdp("Browser.grantPermissions", map[string]any{"permissions": []string{"geolocation"}, "origin": ts.URL}),
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
	))
	check("sign in", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "worker"),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="stop-`+stops[0].ID+`"]`)),
		idle,
	))
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	check("page width", err)
	if width > 360 {
		t.Errorf("the day is %d px wide on a 360 px phone", width)
	}
	browserDocShot(t, ctx, "field-day-zh.png", false)

	type target struct {
		Lat, Lon float64
		Tasks    int
	}
	targetOf := func(orderID string) target {
		tg, err := chromedp.Run(ctx, chromedp.Evaluate[target](`fetch('/api/v1/field/day?day=`+day+`').then(r => r.json()).then(d => {
			const s = d.stops.find(s => s.order_id === '`+orderID+`');
			return {Lat: s.target.lat, Lon: s.target.lon, Tasks: s.tasks.length};
		})`, chromedp.EvalAwaitPromise))
		check("target", err)
		return tg
	}
	home1, home2 := targetOf(stops[0].ID), targetOf(stops[1].ID)
	photo := testPhoto(t)
	sign := func() {
		type rect struct{ X, Y, W, H float64 }
		r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => { const c = document.querySelector('[data-test="sign-pad"]');
			c.scrollIntoView({block: 'center'}); const r = c.getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height}; })()`))
		check("find the signature pad", err)
		steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent("mousePressed", r.X+20, r.Y+r.H/2, chromedp.ButtonLeft)}
		for i := 1; i <= 20; i++ {
			steps = append(steps, chromedp.MouseEvent("mouseMoved", r.X+20+float64(i)*(r.W-40)/20, r.Y+r.H/2+float64(i%4-2)*12, chromedp.ButtonLeft))
		}
		steps = append(steps, chromedp.MouseEvent("mouseReleased", r.X+r.W-20, r.Y+r.H/2, chromedp.ButtonLeft))
		check("sign", chromedp.Do(ctx, steps...))
	}
	outbox := func() int {
		n, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-test="outbox-count"]`)))
		check("outbox count", err)
		v, _ := strconv.Atoi(strings.TrimSpace(n))
		return v
	}
	stored := func(orderID string) int {
		rec, err := db.Visit(store.System(ctx0), orderID)
		if err != nil {
			return 0
		}
		return len(rec.Events)
	}

	// Visit 1, with no signal from the moment the stop is opened.
	near := visit.Position{Lat: home1.Lat + 0.0002, Lon: home1.Lon, AccuracyM: 12} // about 20 m from the home
	check("visit 1 offline", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-test="stop-`+stops[0].ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="person-card"]`)),
		idle,
		network(true),
		chromedp.WaitVisible(chromedp.CSS(`#net.off`)),
		setPosition(near),
		chromedp.Click(chromedp.CSS(`[data-test="checkin"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="step-tasks"]`)),
		idle,
		chromedp.Click(chromedp.CSS(`[data-test="task-0"]`)),
		chromedp.Click(chromedp.CSS(`[data-test="tasks-save"]`)),
		idle,
		chromedp.SetUploadFiles(chromedp.CSS(`[data-test="photo-before"]`), []string{photo}),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="step-photos"] .thumb img`)),
		idle,
	))
	sign()
	check("confirm and check out", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-test="rating-5"]`)),
		chromedp.Click(chromedp.CSS(`[data-test="confirm-save"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="confirm-summary"]`)),
		idle,
		clock.advance(time.Duration(stops[0].Minutes)*time.Minute),
		chromedp.Click(chromedp.CSS(`[data-test="checkout"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="visit-summary"]`)),
		idle,
	))
	browserDocShot(t, ctx, "field-offline-zh.png", false)
	if n := outbox(); n < 5 {
		t.Fatalf("offline: %d records wait in the outbox, want check-in, tasks, photo, confirmation and check-out", n)
	}
	if n := stored(stops[0].ID); n != 0 {
		t.Fatalf("offline: the server has %d events of the visit already", n)
	}
	check("back online", chromedp.Do(ctx,
		network(false),
		chromedp.WaitVisible(chromedp.CSS(`#net.on`)),
		chromedp.Click(chromedp.CSS(`[data-test="sync-now"]`)),
	))
	drain(t, ctx, check, ts.URL, outbox, func() bool { return stored(stops[0].ID) == 5 })
	rec, err := db.Visit(store.System(ctx0), stops[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Outcome != visit.Verified || len(rec.Visit.Photos) != 1 || rec.Visit.Confirmation == nil || rec.Rating != 5 {
		t.Fatalf("visit 1: outcome %s, flags %v, photos %d, rating %d", rec.Outcome, rec.Flags, len(rec.Visit.Photos), rec.Rating)
	}
	if len(rec.Visit.Tasks) == 0 || !rec.Visit.Tasks[0].Done {
		t.Fatalf("visit 1 tasks %+v, want the first ticked", rec.Visit.Tasks)
	}

	// Visit 2: the phone puts the worker 5 km from the home.
	far := visit.Position{Lat: home2.Lat, Lon: home2.Lon + 5000.0/80_000, AccuracyM: 10}
	check("visit 2", chromedp.Do(ctx,
		clock.advance(20*time.Minute), // the drive to the next home
		chromedp.Navigate(ts.URL+"/field/#day/"+day),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="stop-`+stops[1].ID+`"]`)),
		idle,
		chromedp.Click(chromedp.CSS(`[data-test="stop-`+stops[1].ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="person-card"]`)),
		idle,
		setPosition(far),
		chromedp.Click(chromedp.CSS(`[data-test="checkin"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="fence-panel"]`)),
	))
	browserDocShot(t, ctx, "field-fence-zh.png", false)
	check("outside the fence", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-test="fence-gps_wrong"]`)),
		chromedp.Click(chromedp.CSS(`[data-test="fence-save"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="step-tasks"]`)),
		idle,
		chromedp.Click(chromedp.CSS(`[data-test="task-0"]`)),
		chromedp.Click(chromedp.CSS(`[data-test="tasks-save"]`)),
		idle,
	))
	sign()
	check("visit 2 check out", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-test="confirm-save"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="confirm-summary"]`)),
		idle,
		clock.advance(time.Duration(stops[1].Minutes)*time.Minute),
		chromedp.Click(chromedp.CSS(`[data-test="checkout"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="visit-summary"]`)),
		idle,
	))
	drain(t, ctx, check, ts.URL, outbox, func() bool { return stored(stops[1].ID) == 4 })
	check("the phone shows the flag", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/field/#stop/"+stops[1].ID),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="outcome"].outcome-flagged`)),
	))
	browserDocShot(t, ctx, "field-stop-zh.png", false)

	// The supervisor of the visits' area.
	supervisor := "admin"
	if strings.HasPrefix(stops[1].PlaceCode, "652301") {
		supervisor = "county"
	}
	check("supervisor signs in", chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		cdp("Network.clearBrowserCookies", map[string]any{}),
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), supervisor),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.nav`)),
		chromedp.Navigate(ts.URL+"/visits/"+stops[0].ID),
		chromedp.WaitVisible(chromedp.CSS(`#outcome.o-verified`)),
		chromedp.Navigate(ts.URL+"/visits"),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/visits/`+stops[1].ID+`"]`)),
	))
	queue, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	check("read the queue", err)
	if want := "米"; !strings.Contains(queue, want) {
		t.Errorf("the queue does not explain the geofence flag in metres (%q):\n%s", want, queue)
	}
	browserDocShot(t, ctx, "visits-queue-zh.png", true)
	check("clear the flag", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/visits/`+stops[1].ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form#clear`)),
	))
	browserDocShot(t, ctx, "visit-show-zh.png", true)
	check("clear", chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("clear_reason_code"), "gps_error_confirmed"),
		chromedp.Click(chromedp.CSS(`form#clear button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)),
		chromedp.WaitVisible(chromedp.CSS(`#outcome.o-verified`)),
	))
	rec, err = db.Visit(store.System(ctx0), stops[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Outcome != visit.Verified || len(rec.Decisions) != 1 || rec.Decisions[0].ReasonCode != "gps_error_confirmed" {
		t.Fatalf("visit 2 after clearing: %s %+v", rec.Outcome, rec.Decisions)
	}
	hasGeofence := false
	for _, f := range rec.Flags {
		hasGeofence = hasGeofence || f.Rule == visit.RuleGeofence
	}
	if !hasGeofence {
		t.Fatalf("visit 2 flags %v, want the geofence flag kept for the record", rec.Flags)
	}
}
