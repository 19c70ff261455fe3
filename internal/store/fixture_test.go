package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Villages of the fixture: two in Changji City (two townships), one in Mori.
const (
	villageA = "652301001001" // 昌吉市 宁边路街道 A
	villageB = "652301002001" // 昌吉市 another township
	villageM = "652328101001" // 木垒 pastoral
)

func fixturePlaces() []place.Place {
	ps := []place.Place{place.Xinjiang, place.Changji}
	ps = append(ps, place.ChangjiCounties...)
	ps = append(ps,
		place.Place{Code: "652301001", Parent: "652301", Level: place.Township, Name: "宁边路街道"},
		place.Place{Code: "652301002", Parent: "652301", Level: place.Township, Name: "三工镇"},
		place.Place{Code: "652328101", Parent: "652328", Level: place.Township, Name: "大石头乡"},
		place.Place{Code: villageA, Parent: "652301001", Level: place.Village, Name: "建国路社区", Kind: place.Urban, Lat: 44.01, Lon: 87.30},
		place.Place{Code: villageB, Parent: "652301002", Level: place.Village, Name: "三工村", Kind: place.Rural, Lat: 44.05, Lon: 87.20},
		place.Place{Code: villageM, Parent: "652328101", Level: place.Village, Name: "阿克喀巴克牧业村", Kind: place.Pastoral, Lat: 43.60, Lon: 90.40},
	)
	return ps
}

// idFor returns a valid ID number for a county, birth date and sequence.
func idFor(county, birth string, seq string) string {
	s := county + birth + seq
	return s + string(person.CheckDigit(s))
}

// env is a store loaded with the fixture and a set of users.
type env struct {
	db    *store.DB
	clock *clock
	users map[string]*auth.User
}

func newEnv(t *testing.T, d store.Dialect) *env {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}
	e := &env{db: testdb.Open(t, d, c.Now), clock: c}
	e.users = seedFixture(t, e.db)
	return e
}

// seedFixture loads the fixture's places and users into db.
func seedFixture(t *testing.T, db *store.DB) map[string]*auth.User {
	t.Helper()
	ctx := store.System(context.Background())
	if err := db.PutPlaces(ctx, fixturePlaces()); err != nil {
		t.Fatal(err)
	}
	users := map[string]*auth.User{}
	for _, u := range []auth.User{
		{Username: "vw_a", Role: auth.VillageWorker, PlaceCode: villageA},
		{Username: "to_1", Role: auth.TownshipOfficer, PlaceCode: "652301001"},
		{Username: "cr_changji", Role: auth.CountyReviewer, PlaceCode: "652301"},
		{Username: "cr_mori", Role: auth.CountyReviewer, PlaceCode: "652328"},
		{Username: "admin", Role: auth.PrefectureAdmin, PlaceCode: "652300"},
		{Username: "worker", Role: auth.ServiceWorker, PlaceCode: "652301"},
		{Username: "assessor", Role: auth.Assessor, PlaceCode: "652300"},
	} {
		got, err := db.PutUser(ctx, &u, "correct-horse-1", false)
		if err != nil {
			t.Fatal(err)
		}
		users[u.Username] = got
	}
	return users
}

// as returns a context acting as the named user.
func (e *env) as(name string) context.Context { return asUser(e.users, name) }

func asUser(users map[string]*auth.User, name string) context.Context {
	return auth.WithActor(context.Background(), users[name].Actor())
}

func newPerson(name, village, id string) *person.Person {
	return &person.Person{Name: name, PlaceCode: village, IDNumber: id, Ethnicity: "han", Language: "zh",
		Categories: []person.Category{person.MinimumLiving}}
}

func mustCreate(t *testing.T, e *env, p *person.Person) *person.Person {
	t.Helper()
	got, err := e.db.CreatePerson(e.as("admin"), p, false)
	if err != nil {
		t.Fatalf("CreatePerson(%s): %v", p.Name, err)
	}
	return got
}
