package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/match"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
)

// planRawKey catches untranslated message keys of the plan pages.
var planRawKey = regexp.MustCompile(`(?:^|[^\w/.-])((?:plan|order|myday|nav|err|assess\.pkg)\.[a-z_]+(?:\.[a-z_]+)*)`)

// planFixture is a demo plan in Changji City whose first item's unit 0 is
// assigned to the demo service worker, with next week's orders made.
type planFixture struct {
	planID, itemID, workerID, day string
}

func newPlanFixture(t *testing.T, e *uiEnv) planFixture {
	t.Helper()
	ctx := store.System(context.Background())
	_, u, err := e.db.Login(ctx, "worker", demo.Password, store.APISession)
	if err != nil || u.WorkerID == "" {
		t.Fatalf("demo worker: %+v, %v", u, err)
	}
	place, active := "652301", plan.Active
	list, _, err := e.db.Plans(ctx, plan.Filter{PlaceCode: &place, State: &active, Limit: 1})
	if err != nil || len(list) == 0 {
		t.Fatalf("no active demo plan in Changji City: %v", err)
	}
	p, err := e.db.Plan(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	f := planFixture{planID: p.ID, itemID: p.Items[0].ID, workerID: u.WorkerID}
	if _, err := e.db.OverrideUnit(ctx, f.itemID, 0, match.Override{WorkerID: u.WorkerID, ReasonCode: "other", Reason: "页面测试", Force: true}); err != nil {
		t.Fatalf("OverrideUnit: %v", err)
	}
	if _, err := e.db.GenerateWeek(ctx, plan.NextMonday(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)), ""); err != nil {
		t.Fatal(err)
	}
	worker := u.WorkerID
	orders, _, err := e.db.Orders(ctx, plan.OrderFilter{WorkerID: &worker, PlanID: &f.planID})
	if err != nil || len(orders) == 0 {
		t.Fatalf("no orders for the demo worker: %v", err)
	}
	f.day = orders[0].Day
	return f
}

func TestUIPlansAndOrders(t *testing.T) {
	e := newMatchUIEnv(t)
	f := newPlanFixture(t, e)
	admin := e.client(t, "admin")

	list := mustPage(t, admin, e.ts.URL+"/plans", http.StatusOK)
	uiHas(t, list, `id="plans"`, `href="/plans/`+f.planID+`"`)
	page := mustPage(t, admin, e.ts.URL+"/plans/"+f.planID, http.StatusOK)
	uiHas(t, page, `id="items"`, `id="history"`, `href="/workers/`+f.workerID+`/day`, `action="/plans/`+f.planID+`/items/`+f.itemID+`"`)
	version := versionField.FindStringSubmatch(page)[1]

	// A frequency change without a reason shows the form's error in place.
	form := url.Values{"version": {version}, "times": {"1"}, "every_weeks": {"2"}, "window_from": {"10:00"}, "window_to": {"12:00"}}
	res, body := uiPost(t, admin, e.ts.URL+"/plans/"+f.planID+"/items/"+f.itemID, form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="errors"`) {
		t.Fatalf("no reason: Status=%v; body: %.1500s", res.StatusCode, body)
	}
	form.Set("reason", "家属可以分担")
	res, _ = uiPost(t, admin, e.ts.URL+"/plans/"+f.planID+"/items/"+f.itemID, form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/plans/"+f.planID+"?done=item_saved" {
		t.Fatalf("save: Status=%v Location=%q", res.StatusCode, res.Header.Get("Location"))
	}
	page = mustPage(t, admin, e.ts.URL+res.Header.Get("Location"), http.StatusOK)
	uiHas(t, page, "家属可以分担", `class="notice"`, "10:00–12:00")

	orders := mustPage(t, admin, e.ts.URL+"/orders?worker="+f.workerID+"&from="+f.day+"&to="+f.day, http.StatusOK)
	uiHas(t, orders, `class="card flush od-group"`, `href="/workers/`+f.workerID+`/day?day=`+f.day+`"`)
	mustPage(t, admin, e.ts.URL+"/orders?from=yesterday", http.StatusUnprocessableEntity)
	res, _ = uiPost(t, admin, e.ts.URL+"/orders/generate", url.Values{"week": {f.day}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/orders?queued=") {
		t.Fatalf("generate: Status=%v Location=%q", res.StatusCode, loc)
	}

	worker := e.client(t, "worker")
	day := mustPage(t, worker, e.ts.URL+"/my-day?day="+f.day, http.StatusOK)
	uiHas(t, day, `id="stops"`, `class="md-seq">1<`, `class="md-days"`)
	mustPage(t, worker, e.ts.URL+"/plans", http.StatusForbidden)
	mustPage(t, admin, e.ts.URL+"/my-day", http.StatusForbidden)
	mine := mustPage(t, worker, e.ts.URL+"/orders?from="+f.day+"&to="+f.day, http.StatusOK)
	uiHas(t, mine, `id="total"`)
	provider := e.client(t, "provider")
	mustPage(t, provider, e.ts.URL+"/workers/"+f.workerID+"/day?day="+f.day, http.StatusOK)

	// Pausing cancels the coming orders; the page says so.
	page = mustPage(t, admin, e.ts.URL+"/plans/"+f.planID, http.StatusOK)
	res, _ = uiPost(t, admin, e.ts.URL+"/plans/"+f.planID+"/state", url.Values{"version": {versionField.FindStringSubmatch(page)[1]}, "action": {"pause"}, "reason": {"住院"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("pause: Status=%v", res.StatusCode)
	}
	day = mustPage(t, worker, e.ts.URL+"/my-day?day="+f.day, http.StatusOK)
	uiHas(t, day, `id="empty"`)
}

func TestUIPlanPagesEveryLanguage(t *testing.T) {
	e := newMatchUIEnv(t)
	f := newPlanFixture(t, e)
	pages := []uiPage{
		{user: "admin", method: "GET", path: "/plans", status: http.StatusOK},
		{user: "admin", method: "GET", path: "/plans/" + f.planID, status: http.StatusOK},
		{user: "admin", method: "GET", path: "/plans?state=nonsense", status: http.StatusUnprocessableEntity},
		{user: "admin", method: "GET", path: "/orders?from=" + f.day, status: http.StatusOK},
		{user: "admin", method: "GET", path: "/workers/" + f.workerID + "/day?day=" + f.day, status: http.StatusOK},
		{user: "worker", method: "GET", path: "/my-day?day=" + f.day, status: http.StatusOK},
		{user: "worker", method: "GET", path: "/orders", status: http.StatusOK},
	}
	uiCheckPages(t, e, pages, planRawKey, "nav.plans", "zh-Hans")
}
