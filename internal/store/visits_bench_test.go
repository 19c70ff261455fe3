package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/photo"
	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/visit"
)

// checkInWorld is a store with one service worker holding n assigned
// orders for today, none visited yet.
type checkInWorld struct {
	db     *store.DB
	worker context.Context
	orders []string
}

func newCheckInWorld(tb testing.TB, d store.Dialect, n int) *checkInWorld {
	tb.Helper()
	db := testdb.Open(tb, d, nil)
	sys := store.System(context.Background())
	p := newPerson("马秀兰", villageA, idFor("652301", "19500101", "001"))
	p.ID = uuid.Must(uuid.NewV7()).String()
	if err := db.Import(sys, &store.Dataset{Places: fixturePlaces(), Persons: []person.Person{*p}}, "bench"); err != nil {
		tb.Fatal(err)
	}
	org := provider.Org{ID: "pr-bench", Name: "昌吉社工", Kind: provider.SocialOrg, PlaceCode: "652301", Active: true}
	w := provider.Worker{ID: "w-bench", ProviderID: org.ID, Name: "阿依古丽", Kind: provider.Housekeeper, Sex: "F", Languages: []string{"zh"},
		Capacity: 20, PlaceCode: "652301", Lat: 44.01, Lon: 87.30, Active: true, Items: []string{"care.personal"}, Coverage: []string{"652301"}}
	if err := db.ImportProviders(sys, []provider.Org{org}, []provider.Worker{w}, "bench"); err != nil {
		tb.Fatal(err)
	}
	exec := func(q string) {
		if err := db.ExecForTest(context.Background(), q); err != nil {
			tb.Fatalf("%s: %v", q[:min(len(q), 200)], err)
		}
	}
	day := time.Now().Format(time.DateOnly)
	exec(fmt.Sprintf(`INSERT INTO plans (id, person_id, place_code, state, starts_on, created_by, created_at, updated_at)
		VALUES ('plan-bench', '%s', '%s', 'active', '%s', 'bench', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, p.ID, villageA, day))
	exec(`INSERT INTO plan_items (id, plan_id, item_code, times, every_weeks, minutes, created_at, updated_at)
		VALUES ('item-bench', 'plan-bench', 'care.personal', 3, 1, 60, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`)
	c := &checkInWorld{db: db, worker: providerActor(auth.ServiceWorker, org.ID, w.ID)}
	for len(c.orders) < n {
		var b strings.Builder
		b.WriteString(`INSERT INTO orders (id, plan_id, plan_item_id, person_id, place_code, item_code, item_version, price_fen, minutes,
			week, seq_in_week, day, window_start, window_end, provider_id, worker_id, state, route_seq, created_at, updated_at) VALUES `)
		for i := 0; i < 500 && len(c.orders) < n; i++ {
			id := uuid.Must(uuid.NewV7()).String()
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `('%s', 'plan-bench', 'item-bench', '%s', '%s', 'care.personal', 1, 4000, 60, '%s', %d, '%s',
				CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '%s', '%s', 'assigned', %d, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
				id, p.ID, villageA, day, len(c.orders), day, org.ID, w.ID, len(c.orders)+1)
			c.orders = append(c.orders, id)
		}
		exec(b.String())
	}
	return c
}

// event is an event of kind on order made now, at the village centre.
func (c *checkInWorld) event(order string, kind visit.EventKind) *visit.Event {
	return &visit.Event{ID: uuid.Must(uuid.NewV7()).String(), OrderID: order, Kind: kind, DeviceID: "phone-1",
		DeviceTime: time.Now().UTC(), Pos: &visit.Position{Lat: 44.0101, Lon: 87.3001, AccuracyM: 12}}
}

// BenchmarkRecordCheckIn is the store's share of POST /api/v1/visit-events
// for a check-in: several phones at once, each event the first of its
// visit. bench/checkin measures the whole endpoint.
func BenchmarkRecordCheckIn(b *testing.B) {
	for _, d := range testdb.Dialects {
		b.Run(string(d), func(b *testing.B) {
			c := newCheckInWorld(b, d, b.N)
			var next atomic.Int64
			b.SetParallelism(4)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					o := c.orders[next.Add(1)-1]
					if _, err := c.db.RecordVisitEvent(c.worker, c.event(o, visit.CheckIn)); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// TestCheckInVisitRowEqualsFold: the visit row written for an order's first
// event, without reading the events back, is the fold of the stored events;
// so is the row of an order whose first event was a photo, and of one
// reported missed at once. A replay answers the stored visit.
func TestCheckInVisitRowEqualsFold(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		c := newCheckInWorld(t, d, 3)
		ctx := context.Background()
		shaPhoto := sha("photo-first")
		if err := c.db.RecordBlob(c.worker, shaPhoto, 1000, photo.Meta{ContentType: photo.JPEG, Width: 10, Height: 10}); err != nil {
			t.Fatal(err)
		}
		ph := c.event(c.orders[1], visit.Photo)
		ph.Pos, ph.PhotoSHA, ph.PhotoStage = nil, shaPhoto, visit.Before
		missed := c.event(c.orders[2], visit.Missed)
		missed.Pos, missed.Reason = nil, "not_home"
		in := c.event(c.orders[0], visit.CheckIn)
		in.DeviceTime = in.DeviceTime.In(time.FixedZone("CST", 8*3600)) // as a phone in Xinjiang sends it
		for _, evs := range [][]*visit.Event{{in}, {ph, c.event(c.orders[1], visit.CheckIn)}, {missed}} {
			var last *store.VisitResult
			for _, e := range evs {
				res, err := c.db.RecordVisitEvent(c.worker, e)
				if err != nil {
					t.Fatalf("%s: %v", e.Kind, err)
				}
				last = res
			}
			order := evs[0].OrderID
			bodies, err := c.db.QueryStringsForTest(ctx, `SELECT body FROM visit_events WHERE order_id = '`+order+`'`)
			if err != nil {
				t.Fatal(err)
			}
			var events []visit.Event
			for _, b := range bodies {
				var e visit.Event
				if err := json.Unmarshal([]byte(b), &e); err != nil {
					t.Fatal(err)
				}
				events = append(events, e)
			}
			want, _ := json.Marshal(visit.Fold(order, events))
			got, err := c.db.QueryStringsForTest(ctx, `SELECT detail FROM visits WHERE order_id = '`+order+`'`)
			if err != nil || len(got) != 1 {
				t.Fatalf("visit rows of %s: %v %v", order, got, err)
			}
			if got[0] != string(want) {
				t.Errorf("%s: visit row\n%s\nwant the fold of the stored events\n%s", evs[0].Kind, got[0], want)
			}
			answered, _ := json.Marshal(last.Visit)
			if string(answered) != string(want) {
				t.Errorf("%s: answered visit\n%s\nwant\n%s", evs[0].Kind, answered, want)
			}
		}
		states, err := c.db.QueryStringsForTest(ctx, `SELECT o.state || '/' || v.state || '/' || v.outcome FROM orders o JOIN visits v ON v.order_id = o.id ORDER BY o.seq_in_week`)
		if err != nil {
			t.Fatal(err)
		}
		// The missed visit's outcome is the verification rules' to decide.
		if got := strings.Join(states, " "); !strings.HasPrefix(got, "in_progress/in_progress/pending in_progress/in_progress/pending missed/missed/") {
			t.Errorf("order/visit states %s", got)
		}
		res, err := c.db.RecordVisitEvent(c.worker, in)
		if err != nil || !res.Duplicate || res.Visit.CheckIn == nil || res.Visit.CheckIn.ID != in.ID {
			t.Fatalf("replay = %+v, %v", res, err)
		}
		reused := *in
		reused.DeviceID = "phone-2"
		if _, err := c.db.RecordVisitEvent(c.worker, &reused); !errs.Is(err, errs.Invalid) {
			t.Fatalf("id reused with other content: %v", err)
		}
	})
}
