package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

var (
	week1 = time.Date(2026, 11, 30, 0, 0, 0, 0, plan.Zone)
	week2 = week1.AddDate(0, 0, 7)
)

// orderSetup approves a care.intensive plan and assigns care.personal units
// 0 and 1 to w1 and house.cleaning to w2.
func orderSetup(t *testing.T, e *env) *plan.Plan {
	t.Helper()
	p := mustPlan(t, e, approveApp(t, e, "601").PersonID)
	addWorkers(t, e.db)
	personal := itemOf(t, p, "care.personal")
	makeCurrent(t, e.db, p, personal, 0, "w1", "pr1")
	makeCurrent(t, e.db, p, personal, 1, "w1", "pr1")
	makeCurrent(t, e.db, p, itemOf(t, p, "house.cleaning"), 0, "w2", "pr1")
	return p
}

// ordersOf lists a plan's orders as the system sees them.
func ordersOf(t *testing.T, e *env, f plan.OrderFilter) []*plan.Order {
	t.Helper()
	f.Limit = store.MaxPageSize
	list, _, err := e.db.Orders(store.System(context.Background()), f)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func countStates(list []*plan.Order) map[plan.OrderState]int {
	out := map[plan.OrderState]int{}
	for _, o := range list {
		out[o.State]++
	}
	return out
}

func TestGenerateWeek(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := orderSetup(t, e)
		if _, err := e.db.GenerateWeek(e.as("vw_a"), week1, ""); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("village worker generates orders: %v", err)
		}
		rep, err := e.db.GenerateWeek(e.as("cr_changji"), week1, "")
		if err != nil {
			t.Fatal(err)
		}
		// care.personal 3 + care.bathing 1 + house.cleaning 1 + care.meal 3.
		if rep.Week != "2026-11-30" || rep.Plans != 1 || rep.Created != 8 || rep.Assigned != 3 || rep.Open != 5 || rep.WorkerDays != 3 {
			t.Fatalf("report = %+v", rep)
		}
		again, err := e.db.GenerateWeek(e.as("admin"), week1.Add(50*time.Hour), "652301")
		if err != nil || again.Created != 0 || again.Existing != 8 {
			t.Fatalf("second run = %+v, %v; want nothing new", again, err)
		}
		if rep, _ := e.db.GenerateWeek(e.as("cr_mori"), week1, ""); rep.Plans != 0 {
			t.Fatalf("Mori reviewer made orders for Changji: %+v", rep)
		}
		prices, err := e.db.QueryStringsForTest(context.Background(), `SELECT price_fen FROM catalog_items WHERE code = 'care.personal' AND version = 1`)
		if err != nil || len(prices) != 1 {
			t.Fatalf("catalogue price: %v %v", prices, err)
		}
		personal := itemOf(t, p, "care.personal")
		list := ordersOf(t, e, plan.OrderFilter{PersonID: &p.PersonID})
		days := map[string]bool{}
		for _, o := range list {
			if o.ItemCode != "care.personal" {
				continue
			}
			days[o.Day] = true
			if strconv.FormatInt(o.PriceFen, 10) != prices[0] || o.ItemVersion != 1 || o.Minutes != personal.Minutes {
				t.Errorf("order %+v: want price %s version 1", o, prices[0])
			}
			wantWorker := map[int]string{0: "w1", 1: "w1", 2: ""}[o.SeqInWeek]
			if o.WorkerID != wantWorker || (wantWorker == "") != (o.State == plan.Open) {
				t.Errorf("seq %d: worker %q state %s, want %q", o.SeqInWeek, o.WorkerID, o.State, wantWorker)
			}
			from, to, _ := plan.Window(o.Day, plan.DefaultFrom, plan.DefaultTo)
			if !o.WindowStart.Equal(from) || !o.WindowEnd.Equal(to) {
				t.Errorf("window %v–%v, want %v–%v", o.WindowStart, o.WindowEnd, from, to)
			}
			if o.State == plan.Assigned && (o.RouteSeq != 1 || o.ETA == nil || o.TravelM <= 0) {
				t.Errorf("assigned order not routed: %+v", o)
			}
		}
		if !days["2026-11-30"] || !days["2026-12-02"] || !days["2026-12-04"] {
			t.Errorf("care.personal days = %v, want Mon, Wed, Fri", days)
		}

		// A price revision reaches later orders only.
		mustExec(t, e.db, `INSERT INTO catalog_items (code, version, project, kind, name, unit, price_fen, minutes, times, every_weeks, funding, note, created_by, created_at)
			SELECT code, 2, project, kind, name, unit, price_fen + 1000, minutes, times, every_weeks, funding, 'price review', 'admin', created_at
			FROM catalog_items WHERE code = 'care.personal' AND version = 1`)
		if _, err := e.db.GenerateWeek(e.as("admin"), week2, ""); err != nil {
			t.Fatal(err)
		}
		for _, o := range ordersOf(t, e, plan.OrderFilter{PersonID: &p.PersonID}) {
			if o.ItemCode != "care.personal" {
				continue
			}
			old, _ := strconv.ParseInt(prices[0], 10, 64)
			want, version := old, 1
			if o.Week == "2026-12-07" {
				want, version = old+1000, 2
			}
			if o.PriceFen != want || o.ItemVersion != version {
				t.Errorf("week %s: price %d v%d, want %d v%d", o.Week, o.PriceFen, o.ItemVersion, want, version)
			}
		}

		day, err := e.db.DaySchedule(e.as("admin"), "w1", "2026-11-30")
		if err != nil || len(day.Stops) != 1 || day.WorkerName != "阿依古丽" || day.DistanceM != day.Stops[0].TravelM {
			t.Fatalf("DaySchedule = %+v, %v", day, err)
		}
	})
}

// TestPlanStateCancelsFutureOrders: pausing cancels the future orders,
// resuming brings them back with their workers, cancelling ends the
// assignments too.
func TestPlanStateCancelsFutureOrders(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := orderSetup(t, e)
		if _, err := e.db.GenerateWeek(e.as("admin"), week1, ""); err != nil {
			t.Fatal(err)
		}
		mine := plan.OrderFilter{PlanID: &p.ID}
		got, err := e.db.PausePlan(e.as("to_1"), p.ID, p.Version, "住院")
		if err != nil || got.State != plan.Paused {
			t.Fatalf("PausePlan: %v", err)
		}
		list := ordersOf(t, e, mine)
		if n := countStates(list)[plan.OrderCanceled]; n != 8 {
			t.Fatalf("%d of %d cancelled after pausing, want 8", n, len(list))
		}
		if list[0].CancelReason != plan.ReasonPaused || list[0].RouteSeq != 0 {
			t.Fatalf("cancelled order %+v", list[0])
		}
		if rep, _ := e.db.GenerateWeek(e.as("admin"), week2, ""); rep.Created != 0 {
			t.Fatalf("a paused plan made orders: %+v", rep)
		}
		if _, err := e.db.PausePlan(e.as("to_1"), p.ID, got.Version, "again"); !errs.Is(err, errs.Conflict) {
			t.Fatalf("pausing a paused plan: %v", err)
		}
		got, err = e.db.ResumePlan(e.as("to_1"), p.ID, got.Version, "出院")
		if err != nil || got.State != plan.Active {
			t.Fatalf("ResumePlan: %v", err)
		}
		if c := countStates(ordersOf(t, e, mine)); c[plan.Assigned] != 3 || c[plan.Open] != 5 {
			t.Fatalf("after resuming: %v, want 3 assigned and 5 open", c)
		}
		got, err = e.db.CancelPlan(e.as("to_1"), p.ID, got.Version, "迁出")
		if err != nil || got.State != plan.Cancelled {
			t.Fatalf("CancelPlan: %v", err)
		}
		if c := countStates(ordersOf(t, e, mine)); c[plan.OrderCanceled] != 8 {
			t.Fatalf("after cancelling: %v", c)
		}
		for _, it := range got.Items {
			if len(it.Workers) != 0 {
				t.Fatalf("%s keeps workers %+v after cancelling", it.ItemCode, it.Workers)
			}
		}
		if _, err := e.db.ResumePlan(e.as("to_1"), p.ID, got.Version, "回来"); !errs.Is(err, errs.Conflict) {
			t.Fatalf("resuming a cancelled plan: %v", err)
		}
		if n := len(got.History); n != 4 {
			t.Fatalf("history %d entries, want 4", n)
		}
	})
}

// TestFrequencyDecreaseDropsOrders: fewer visits cancel the surplus future
// orders and end the assignments of units that no longer exist.
func TestFrequencyDecreaseDropsOrders(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := orderSetup(t, e)
		if _, err := e.db.GenerateWeek(e.as("admin"), week1, ""); err != nil {
			t.Fatal(err)
		}
		personal := itemOf(t, p, "care.personal")
		got, err := e.db.UpdatePlanItem(e.as("to_1"), p.ID, personal.ID, p.Version, plan.Frequency{Times: 1, EveryWeeks: 1, WindowFrom: 540, WindowTo: 720}, "好转")
		if err != nil {
			t.Fatal(err)
		}
		if w := itemOf(t, got, "care.personal").Workers; len(w) != 1 || w[0].Unit != 0 {
			t.Fatalf("workers after the decrease: %+v, want unit 0 only", w)
		}
		list := ordersOf(t, e, plan.OrderFilter{PlanID: &p.ID})
		for _, o := range list {
			if o.PlanItemID != personal.ID {
				continue
			}
			switch o.SeqInWeek {
			case 0:
				if o.State != plan.Assigned || o.Day != "2026-12-02" || o.WindowEnd.In(plan.Zone).Hour() != 12 {
					t.Errorf("kept visit: %s on %s until %v", o.State, o.Day, o.WindowEnd.In(plan.Zone))
				}
			default:
				if o.State != plan.OrderCanceled || o.CancelReason != plan.ReasonReduced {
					t.Errorf("seq %d: %s %q, want cancelled (frequency reduced)", o.SeqInWeek, o.State, o.CancelReason)
				}
			}
		}
	})
}

// TestAssignAndReleaseOrders: an assignment that becomes current takes the
// open orders of its unit; releasing gives them back to matching.
func TestAssignAndReleaseOrders(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := orderSetup(t, e)
		if _, err := e.db.GenerateWeek(e.as("admin"), week1, ""); err != nil {
			t.Fatal(err)
		}
		meal := itemOf(t, p, "care.meal")
		id := makeCurrent(t, e.db, p, meal, 1, "w2", "pr1")
		ctx := store.System(context.Background())
		if err := e.db.AssignOpenOrdersForTest(ctx, meal.ID, 1, "pr1", "w2", id); err != nil {
			t.Fatal(err)
		}
		f := plan.OrderFilter{PlanID: &p.ID}
		var got *plan.Order
		for _, o := range ordersOf(t, e, f) {
			if o.PlanItemID == meal.ID && o.SeqInWeek == 1 {
				got = o
			} else if o.PlanItemID == meal.ID && o.State != plan.Open {
				t.Errorf("meal seq %d taken too: %s", o.SeqInWeek, o.State)
			}
		}
		if got == nil || got.State != plan.Assigned || got.WorkerID != "w2" || got.AssignmentID != id || got.RouteSeq == 0 || got.WorkerName != "王芳" {
			t.Fatalf("assigned order = %+v", got)
		}
		if err := e.db.ReleaseFutureOrdersForTest(ctx, meal.ID, 1); err != nil {
			t.Fatal(err)
		}
		o, err := e.db.Order(e.as("admin"), got.ID)
		if err != nil || o.State != plan.Open || o.WorkerID != "" || o.RouteSeq != 0 || o.ETA != nil {
			t.Fatalf("released order = %+v, %v", o, err)
		}
	})
}

// TestOrderScope: a service worker sees only their own orders, a provider
// administrator only the organisation's, staff their area.
func TestOrderScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		orderSetup(t, e)
		if _, err := e.db.GenerateWeek(e.as("admin"), week1, ""); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			ctx  context.Context
			want int
		}{
			{"worker w1", providerActor(auth.ServiceWorker, "pr1", "w1"), 2},
			{"worker w2", providerActor(auth.ServiceWorker, "pr1", "w2"), 1},
			{"worker without a record", providerActor(auth.ServiceWorker, "pr1", ""), 0},
			{"provider pr1", providerActor(auth.ProviderAdmin, "pr1", ""), 3},
			{"provider pr2", providerActor(auth.ProviderAdmin, "pr2", ""), 0},
			{"township officer", e.as("to_1"), 8},
			{"Mori reviewer", e.as("cr_mori"), 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, total, err := e.db.Orders(tc.ctx, plan.OrderFilter{})
				if err != nil || total != tc.want {
					t.Fatalf("Orders: %d, %v; want %d", total, err, tc.want)
				}
			})
		}
		if _, _, err := e.db.Orders(e.as("assessor"), plan.OrderFilter{}); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("assessor lists orders: %v", err)
		}
		w1 := providerActor(auth.ServiceWorker, "pr1", "w1")
		if day, err := e.db.MyDay(w1, "2026-11-30"); err != nil || len(day.Stops) != 1 {
			t.Fatalf("MyDay = %+v, %v", day, err)
		}
		if _, err := e.db.DaySchedule(w1, "w2", "2026-11-30"); !errs.Is(err, errs.NotFound) {
			t.Fatalf("w1 reads w2's day: %v", err)
		}
		if _, err := e.db.DaySchedule(providerActor(auth.ProviderAdmin, "pr2", ""), "w1", "2026-11-30"); !errs.Is(err, errs.NotFound) {
			t.Fatalf("another provider reads w1's day: %v", err)
		}
		if _, err := e.db.MyDay(e.as("admin"), "2026-11-30"); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("MyDay for staff: %v", err)
		}
		if _, _, err := e.db.Plans(providerActor(auth.ProviderAdmin, "pr2", ""), plan.Filter{}); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := e.db.Plans(providerActor(auth.ProviderAdmin, "pr1", ""), plan.Filter{}); total != 1 {
			t.Fatalf("provider pr1 sees %d plans, want 1 (a recipient)", total)
		}
		if _, total, _ := e.db.Plans(providerActor(auth.ProviderAdmin, "pr2", ""), plan.Filter{}); total != 0 {
			t.Fatalf("provider pr2 sees %d plans, want 0", total)
		}
	})
}

// TestPlanWeekJob: starting the workers runs the weekly order job for the
// coming week (its Friday evening has passed) and it schedules the next.
func TestPlanWeekJob(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		c := &clock{t: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}
		db, err := store.Open(context.Background(), store.Options{URL: testdb.URL(t, d), DataDir: t.TempDir(), Keys: testdb.Keys(t),
			Now: c.Now, JobPoll: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		e := &env{db: db, clock: c, users: seedFixture(t, db)}
		p := orderSetup(t, e)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := db.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			jobs, err := db.QueryStringsForTest(context.Background(), `SELECT args FROM river_job WHERE kind = 'plan_week'`)
			if err != nil {
				t.Fatal(err)
			}
			if slices.ContainsFunc(jobs, func(s string) bool { return strings.Contains(s, "2026-12-07") }) {
				break
			}
			if time.Now().After(deadline) {
				errors, _ := db.QueryStringsForTest(context.Background(), `SELECT state || ' ' || COALESCE(CAST(errors AS TEXT), '') FROM river_job WHERE kind = 'plan_week'`)
				t.Fatalf("the weekly job did not schedule the next week within 30 s: jobs %v %v", jobs, errors)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if n := len(ordersOf(t, e, plan.OrderFilter{PlanID: &p.ID})); n != 8 {
			t.Fatalf("the job made %d orders, want 8", n)
		}
		if err := db.EnqueueWeek(e.as("vw_a"), week2); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("village worker enqueues: %v", err)
		}
		if err := db.EnqueueWeek(e.as("cr_changji"), week2); err != nil {
			t.Fatal(err)
		}
		for n := 0; n != 16; {
			if time.Now().After(deadline) {
				t.Fatalf("week 2 orders: %d, want 16 in all", n)
			}
			time.Sleep(100 * time.Millisecond)
			n = len(ordersOf(t, e, plan.OrderFilter{PlanID: &p.ID}))
		}
	})
}
