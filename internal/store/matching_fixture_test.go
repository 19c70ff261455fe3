package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// matchWorld is the matching fixture: three people with plans, three
// providers and four workers.
//
//	P1 (villageA, urban):   care.personal 2/week, house.cleaning 1/week
//	P2 (villageB, rural):   care.personal 1/week, Uyghur required
//	P3 (villageM, pastoral): care.personal 1/week, Kazakh required — nobody speaks it
type matchWorld struct {
	*env
	p1, p2, p3 string
}

func newMatchWorld(t testing.TB, e *env) *matchWorld {
	t.Helper()
	w := &matchWorld{env: e}
	w.p1 = createForMatch(t, e, newPerson("甲", villageA, idFor("652301", "19400101", "301"))).ID
	w.p2 = createForMatch(t, e, newPerson("乙", villageB, idFor("652301", "19400101", "311"))).ID
	w.p3 = createForMatch(t, e, newPerson("丙", villageM, idFor("652328", "19400101", "321"))).ID
	ts := "'2026-11-01 00:00:00'"
	e.exec(t, `UPDATE persons SET language = 'ug', preferences = '{"language_required":true}' WHERE id = '`+w.p2+`'`)
	e.exec(t, `UPDATE persons SET language = 'kk', preferences = '{"language_required":true}' WHERE id = '`+w.p3+`'`)
	for _, p := range []struct{ id, place string }{{"prov-a", "652301"}, {"prov-b", "652301"}, {"prov-m", "652328"}} {
		e.exec(t, fmt.Sprintf(`INSERT INTO providers (id, name, kind, place_code, halal, created_at, updated_at)
			VALUES ('%s', '%s', 'social_org', '%s', TRUE, %s, %s)`, p.id, "机构"+p.id, p.place, ts, ts))
	}
	for _, wk := range []struct {
		id, prov, langs, cover, items string
		capacity                      int
		lat, lon                      float64
	}{
		{"wa1", "prov-a", `["zh","ug"]`, "652301", "care.personal,house.cleaning", 5, 44.02, 87.28},
		{"wa2", "prov-a", `["zh"]`, "652301001", "care.personal", 2, 44.01, 87.31},
		{"wb1", "prov-b", `["zh"]`, "652301", "care.personal,house.cleaning", 3, 44.06, 87.21},
		{"wm1", "prov-m", `["zh"]`, "652328", "care.personal", 3, 43.62, 90.38},
	} {
		e.exec(t, fmt.Sprintf(`INSERT INTO workers (id, provider_id, name, kind, sex, languages, capacity, place_code, lat, lon, rating, created_at, updated_at)
			VALUES ('%s', '%s', '%s', 'housekeeper', 'F', '%s', %d, '%s', %g, %g, 400, %s, %s)`,
			wk.id, wk.prov, "工"+wk.id, wk.langs, wk.capacity, wk.cover, wk.lat, wk.lon, ts, ts))
		e.exec(t, fmt.Sprintf(`INSERT INTO worker_coverage (worker_id, place_code) VALUES ('%s', '%s')`, wk.id, wk.cover))
		for _, it := range strings.Split(wk.items, ",") {
			e.exec(t, fmt.Sprintf(`INSERT INTO worker_items (worker_id, item_code) VALUES ('%s', '%s')`, wk.id, it))
		}
	}
	w.addPlan(t, "plan1", w.p1, villageA, "pi1", "care.personal", 2)
	w.addItem(t, "plan1", "pi1c", "house.cleaning", 1)
	w.addPlan(t, "plan2", w.p2, villageB, "pi2", "care.personal", 1)
	w.addPlan(t, "plan3", w.p3, villageM, "pi3", "care.personal", 1)
	return w
}

func (w *matchWorld) addPlan(t testing.TB, id, personID, village, itemID, item string, times int) {
	t.Helper()
	w.exec(t, fmt.Sprintf(`INSERT INTO plans (id, person_id, place_code, package, state, starts_on, created_by, created_at, updated_at)
		VALUES ('%s', '%s', '%s', 'care.regular', 'active', '2026-11-01', 'test', '2026-11-01 00:00:00', '2026-11-01 00:00:00')`, id, personID, village))
	w.addItem(t, id, itemID, item, times)
}

func (w *matchWorld) addItem(t testing.TB, planID, itemID, item string, times int) {
	t.Helper()
	w.exec(t, fmt.Sprintf(`INSERT INTO plan_items (id, plan_id, item_code, times, every_weeks, minutes, created_at, updated_at)
		VALUES ('%s', '%s', '%s', %d, 1, 60, '2026-11-01 00:00:00', '2026-11-01 00:00:00')`, itemID, planID, item, times))
}

func (e *env) exec(t testing.TB, q string) {
	t.Helper()
	if err := e.db.ExecForTest(context.Background(), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func (e *env) strings(t testing.TB, q string) []string {
	t.Helper()
	got, err := e.db.QueryStringsForTest(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return got
}

// providerAdmin acts as the admin of a provider organisation.
func providerAdmin(providerID string) context.Context {
	return auth.WithActor(context.Background(), &auth.Actor{Username: "pa_" + providerID, Role: auth.ProviderAdmin, Scope: "652300", ProviderID: providerID})
}

func asErr(err error, target **errs.Error) bool { return errors.As(err, target) }

func createForMatch(t testing.TB, e *env, p *person.Person) *person.Person {
	t.Helper()
	got, err := e.db.CreatePerson(e.as("admin"), p, false)
	if err != nil {
		t.Fatalf("CreatePerson(%s): %v", p.Name, err)
	}
	return got
}

// newBenchEnv is newEnv for benchmarks: the fixture's places and an admin.
func newBenchEnv(b *testing.B, d store.Dialect) *env {
	b.Helper()
	c := &clock{t: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}
	e := &env{db: testdb.Open(b, d, c.Now), clock: c, users: map[string]*auth.User{}}
	ctx := store.System(context.Background())
	if err := e.db.PutPlaces(ctx, fixturePlaces()); err != nil {
		b.Fatal(err)
	}
	u, err := e.db.PutUser(ctx, &auth.User{Username: "admin", Role: auth.PrefectureAdmin, PlaceCode: "652300"}, "correct-horse-1", false)
	if err != nil {
		b.Fatal(err)
	}
	e.users["admin"] = u
	return e
}
