package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/photo"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/visit"
)

// visitWorld is a week of orders for worker w1 and the field worker's
// context.
type visitWorld struct {
	*env
	orders []*plan.Order
	w1     context.Context
	target visit.Target
}

func newVisitWorld(t *testing.T, d store.Dialect) *visitWorld {
	t.Helper()
	e := newEnv(t, d)
	orderSetup(t, e)
	if _, err := e.db.GenerateWeek(e.as("admin"), week1, ""); err != nil {
		t.Fatal(err)
	}
	w := &visitWorld{env: e, w1: providerActor(auth.ServiceWorker, "pr1", "w1")}
	worker := "w1"
	w.orders = ordersOf(t, e, plan.OrderFilter{WorkerID: &worker})
	if len(w.orders) < 2 {
		t.Fatalf("w1 has %d orders, want at least 2", len(w.orders))
	}
	e.clock.Set(mustDay(t, w.orders[0].Day).Add(16 * time.Hour)) // after the visits, as a sync at the end of the day
	_, stops, err := e.db.FieldDay(w.w1, w.orders[0].Day)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stops {
		if s.Order.ID == w.orders[0].ID {
			w.target = s.Target
		}
	}
	if w.target.RadiusM == 0 {
		t.Fatalf("no target for order %s", w.orders[0].ID)
	}
	return w
}

func mustDay(t *testing.T, day string) time.Time {
	t.Helper()
	d, err := plan.ParseDay(day)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ev makes an event of order o from device dev at minute m after 10:00
// local time of the order's day.
func (w *visitWorld) ev(o *plan.Order, dev string, kind visit.EventKind, m int) *visit.Event {
	day, _ := plan.ParseDay(o.Day)
	return &visit.Event{ID: uuid.Must(uuid.NewV7()).String(), OrderID: o.ID, Kind: kind, DeviceID: dev,
		DeviceTime: day.Add(10*time.Hour + time.Duration(m)*time.Minute).UTC()}
}

// at puts the event's fix dx metres east of the target.
func (w *visitWorld) at(e *visit.Event, eastM float64) *visit.Event {
	// One degree of longitude at 44° N is about 80 km.
	e.Pos = &visit.Position{Lat: w.target.Lat, Lon: w.target.Lon + eastM/80_000, AccuracyM: 15}
	return e
}

func (w *visitWorld) record(t *testing.T, e *visit.Event) *store.VisitResult {
	t.Helper()
	res, err := w.db.RecordVisitEvent(w.w1, e)
	if err != nil {
		t.Fatalf("record %s: %v", e.Kind, err)
	}
	return res
}

// upload records an image's facts as the field worker would upload it.
func (w *visitWorld) upload(t *testing.T, sha string, phash uint64) {
	t.Helper()
	if err := w.db.RecordBlob(w.w1, sha, 1000, photo.Meta{ContentType: photo.JPEG, Width: 10, Height: 10, PHash: phash}); err != nil {
		t.Fatal(err)
	}
}

// fullVisit is a complete visit of o: check-in at eastM from the target,
// tasks, a photo, a signature and check-out after the planned minutes.
func (w *visitWorld) fullVisit(t *testing.T, o *plan.Order, eastM float64, photoSHA string) []*visit.Event {
	t.Helper()
	sig := sha(photoSHA + "sig")
	w.upload(t, photoSHA, 0x0f0f0f0f0f0f0f0f)
	w.upload(t, sig, 0)
	in := w.at(w.ev(o, "phone-1", visit.CheckIn, 0), eastM)
	tasks := w.ev(o, "phone-1", visit.Tasks, 20)
	tasks.Tasks = []visit.TaskTick{{Task: "洗澡", Done: true}}
	ph := w.ev(o, "phone-1", visit.Photo, 21)
	ph.PhotoSHA, ph.PhotoStage = photoSHA, visit.Before
	conf := w.ev(o, "phone-1", visit.Confirm, o.Minutes-1)
	conf.Method, conf.SignatureSHA, conf.Rating = visit.BySignature, sig, 5
	out := w.at(w.ev(o, "phone-1", visit.CheckOut, o.Minutes), eastM)
	return []*visit.Event{in, tasks, ph, conf, out}
}

// sha is a stand-in content hash for an image named s.
func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// Set moves the clock to t.
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func TestVisitVerifiedAndExactlyOnce(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newVisitWorld(t, d)
		o := w.orders[0]
		events := w.fullVisit(t, o, 50, sha("photo-1"))
		// The sync is cut off after three events, then the whole outbox
		// is sent again: nothing is stored twice.
		for _, e := range events[:3] {
			if res := w.record(t, e); res.Duplicate {
				t.Fatalf("first send of %s answered duplicate", e.Kind)
			}
		}
		var last *store.VisitResult
		for _, e := range events {
			last = w.record(t, e)
		}
		for _, e := range events {
			if res := w.record(t, e); !res.Duplicate {
				t.Fatalf("replay of %s stored again", e.Kind)
			}
		}
		if got, want := last.Outcome, visit.Verified; got != want {
			t.Fatalf("Outcome=%v, want %v (flags %v)", got, want, last.Flags)
		}
		rec, err := w.db.Visit(w.as("to_1"), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(rec.Events), len(events); got != want {
			t.Fatalf("stored events=%d, want %d", got, want)
		}
		if got, want := rec.State, visit.Done; got != want {
			t.Fatalf("State=%v, want %v", got, want)
		}
		if got, want := rec.Rating, 5; got != want {
			t.Fatalf("Rating=%d, want %d", got, want)
		}
		got, err := w.db.Order(w.as("admin"), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != plan.Done {
			t.Fatalf("order state %s, want done", got.State)
		}

		// The same id with other content is refused and changes nothing.
		forged := *events[0]
		forged.Pos = &visit.Position{Lat: 40, Lon: 80, AccuracyM: 5}
		if _, err := w.db.RecordVisitEvent(w.w1, &forged); !errs.Is(err, errs.Invalid) {
			t.Fatalf("reused id with other content: %v, want invalid", err)
		}
	})
}

func TestVisitConcurrentReplay(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newVisitWorld(t, d)
		in := w.at(w.ev(w.orders[0], "phone-1", visit.CheckIn, 0), 0)
		var wg sync.WaitGroup
		created := make(chan bool, 8)
		for range 8 {
			wg.Go(func() {
				e := *in
				res, err := w.db.RecordVisitEvent(w.w1, &e)
				if err != nil {
					t.Error(err)
					return
				}
				created <- !res.Duplicate
			})
		}
		wg.Wait()
		close(created)
		n := 0
		for c := range created {
			if c {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d of 8 concurrent sends stored the event, want 1", n)
		}
	})
}

func TestVisitGeofenceFlagAndDecision(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newVisitWorld(t, d)
		o := w.orders[0]
		var last *store.VisitResult
		for _, e := range w.fullVisit(t, o, 5000, sha("photo-far")) {
			last = w.record(t, e)
		}
		if last.Outcome != visit.Flagged || len(last.Flags) == 0 || last.Flags[0].Rule != visit.RuleGeofence {
			t.Fatalf("5 km away: outcome %v flags %v, want flagged by geofence", last.Outcome, last.Flags)
		}
		flagged := visit.Flagged
		queue, _, err := w.db.Visits(w.as("to_1"), visit.Filter{Outcome: &flagged})
		if err != nil || len(queue) != 1 || queue[0].OrderID != o.ID {
			t.Fatalf("township queue: %v %v", queue, err)
		}
		if list, _, err := w.db.Visits(w.as("cr_mori"), visit.Filter{Outcome: &flagged}); err != nil || len(list) != 0 {
			t.Fatalf("another county's queue: %v %v", list, err)
		}
		clear := visit.Decision{Action: "clear", ReasonCode: "gps_error_confirmed", Note: "电话核实"}
		if _, err := w.db.DecideVisit(w.w1, o.ID, clear); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("worker decides own visit: %v", err)
		}
		if _, err := w.db.DecideVisit(w.as("cr_mori"), o.ID, clear); !errs.Is(err, errs.NotFound) {
			t.Fatalf("out-of-scope decision: %v", err)
		}
		rec, err := w.db.DecideVisit(w.as("to_1"), o.ID, clear)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Outcome != visit.Verified || len(rec.Decisions) != 1 || rec.Decisions[0].By != "to_1" {
			t.Fatalf("after clearing: %v %+v", rec.Outcome, rec.Decisions)
		}
		// A late event does not undo the supervisor's decision.
		late := w.ev(o, "phone-1", visit.Photo, o.Minutes+5)
		late.PhotoSHA, late.PhotoStage = sha("photo-far"), visit.After
		if res := w.record(t, late); res.Outcome != visit.Verified {
			t.Fatalf("late event changed the decided outcome to %v", res.Outcome)
		}
	})
}

func TestVisitTwoDevicesConflict(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newVisitWorld(t, d)
		o := w.orders[0]
		w.record(t, w.at(w.ev(o, "phone-A", visit.CheckIn, 0), 0))
		res := w.record(t, w.at(w.ev(o, "phone-B", visit.CheckIn, 3), 30))
		if len(res.Visit.Conflicts) != 1 || res.Visit.Conflicts[0].Slot != visit.SlotStart {
			t.Fatalf("two devices checked in: conflicts %+v", res.Visit.Conflicts)
		}
		rec, err := w.db.Visit(w.as("to_1"), o.ID)
		if err != nil || rec.Conflicts != 1 || len(rec.Events) != 2 {
			t.Fatalf("stored conflict: %+v %v", rec, err)
		}
		fix := w.ev(o, "phone-A", visit.Resolve, 5)
		fix.ResolveSlot, fix.ResolveDevice = visit.SlotStart, "phone-B"
		res = w.record(t, fix)
		if len(res.Visit.Conflicts) != 0 || res.Visit.CheckIn == nil || res.Visit.CheckIn.DeviceID != "phone-B" {
			t.Fatalf("after resolving: %+v", res.Visit)
		}
	})
}

func TestVisitScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newVisitWorld(t, d)
		o := w.orders[0]
		w2 := providerActor(auth.ServiceWorker, "pr1", "w2")
		if _, err := w.db.RecordVisitEvent(w2, w.at(w.ev(o, "x", visit.CheckIn, 0), 0)); !errs.Is(err, errs.NotFound) {
			t.Fatalf("another worker checks in on w1's order: %v", err)
		}
		if _, err := w.db.RecordVisitEvent(w.as("to_1"), w.at(w.ev(o, "x", visit.CheckIn, 0), 0)); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("an official records a visit: %v", err)
		}
		w.record(t, w.at(w.ev(o, "phone-1", visit.CheckIn, 0), 0))
		if _, err := w.db.Visit(w2, o.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("another worker reads the visit: %v", err)
		}
		if _, err := w.db.Visit(providerActor(auth.ProviderAdmin, "pr2", ""), o.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("another provider reads the visit: %v", err)
		}
		if _, err := w.db.Visit(providerActor(auth.ProviderAdmin, "pr1", ""), o.ID); err != nil {
			t.Fatalf("own provider reads the visit: %v", err)
		}
	})
}
