package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
)

// village is where every seeded person lives and every check-in is made.
var village = place.Place{Code: "652301001001", Parent: "652301001", Level: place.Village, Name: "建国路社区", Kind: place.Urban, Lat: 44.01, Lon: 87.30}

// seedPassword is the password of every seeded worker account.
const seedPassword = "bench-checkin-1"

// worker is a seeded service worker: the bearer token of an API session
// and the work orders assigned to them, each still waiting for its check-in.
type worker struct {
	ID     string
	Token  string
	Orders []string
	next   int // the next unused order; only the client acting as this worker moves it
}

// take returns the worker's next unused order, or "" when all are used.
func (w *worker) take() string {
	if w.next >= len(w.Orders) {
		return ""
	}
	w.next++
	return w.Orders[w.next-1]
}

// seed fills an empty store with a village, one person per worker, one
// provider with n service workers, a user account and API session per
// worker, and per worker an active plan with `orders` assigned work orders
// for today. Places, persons, providers, workers, users, links and sessions
// go through the store's own calls (validation, encryption, audit entries);
// plans and orders, which the product only makes through approval and
// matching, are inserted directly through the store's write pool.
func seed(ctx context.Context, db *store.DB, n, orders int, now time.Time) ([]*worker, error) {
	sys := store.System(ctx)
	places := append([]place.Place{place.Xinjiang, place.Changji}, place.ChangjiCounties...)
	places = append(places, place.Place{Code: "652301001", Parent: "652301", Level: place.Township, Name: "宁边路街道"}, village)
	ds := &store.Dataset{Places: places}
	for i := range n {
		ds.Persons = append(ds.Persons, person.Person{ID: uuid.Must(uuid.NewV7()).String(), Name: fmt.Sprintf("受助人%03d", i),
			PlaceCode: village.Code, IDNumber: idNumber(i), Ethnicity: "han", Language: "zh", Categories: []person.Category{person.MinimumLiving}})
	}
	if err := db.Import(sys, ds, "bench.seed"); err != nil {
		return nil, fmt.Errorf("seed persons: %w", err)
	}
	org := provider.Org{ID: uuid.Must(uuid.NewV7()).String(), Name: "昌吉基准服务社", Kind: provider.SocialOrg, PlaceCode: "652301", Active: true}
	var ws []provider.Worker
	for i := range n {
		ws = append(ws, provider.Worker{ID: uuid.Must(uuid.NewV7()).String(), ProviderID: org.ID, Name: fmt.Sprintf("护理员%03d", i),
			Kind: provider.Housekeeper, Sex: "F", Languages: []string{"zh"}, Capacity: 20, PlaceCode: "652301",
			Lat: village.Lat, Lon: village.Lon, Active: true, Items: []string{"care.personal"}, Coverage: []string{"652301"}})
	}
	if err := db.ImportProviders(sys, []provider.Org{org}, ws, "bench.seed"); err != nil {
		return nil, fmt.Errorf("seed workers: %w", err)
	}

	out := make([]*worker, n)
	errc := make(chan error, n)
	sem := make(chan struct{}, 2) // password hashing is the cost: one per core
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			name := fmt.Sprintf("bench_w%03d", i)
			u, err := db.PutUser(sys, &auth.User{Username: name, DisplayName: ws[i].Name, Role: auth.ServiceWorker, PlaceCode: "652301"}, seedPassword, false)
			if err == nil {
				err = db.LinkUser(sys, u.ID, org.ID, ws[i].ID)
			}
			var token string
			if err == nil {
				token, _, err = db.Login(ctx, name, seedPassword, store.APISession)
			}
			if err != nil {
				errc <- fmt.Errorf("seed account %s: %w", name, err)
				return
			}
			out[i] = &worker{ID: ws[i].ID, Token: token}
		})
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return nil, err
	}
	if err := seedOrders(ctx, db.WritePoolForBench(), ds.Persons, org.ID, out, orders, now); err != nil {
		return nil, fmt.Errorf("seed orders: %w", err)
	}
	return out, nil
}

// idNumber is a valid resident ID number of a person born in 1950 in
// Changji City, distinct for each i below 365 000.
func idNumber(i int) string {
	birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/1000).Format("20060102")
	s := fmt.Sprintf("652301%s%03d", birth, i%1000)
	return s + string(person.CheckDigit(s))
}

// seedOrders inserts, per worker, an active plan of its person with one
// care.personal item and `orders` assigned orders for today, in one
// transaction.
func seedOrders(ctx context.Context, w *sql.DB, persons []person.Person, providerID string, ws []*worker, orders int, now time.Time) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	at := now.UTC().Truncate(time.Microsecond)
	day := plan.Today(now)
	week := plan.Monday(now).Format(time.DateOnly)
	from, to, err := plan.Window(day, plan.DefaultFrom, plan.DefaultTo)
	if err != nil {
		return err
	}
	cols := []string{"id", "plan_id", "plan_item_id", "person_id", "place_code", "item_code", "item_version", "price_fen", "minutes",
		"week", "seq_in_week", "day", "window_start", "window_end", "provider_id", "worker_id", "state", "route_seq", "created_at", "updated_at"}
	var rows [][]any
	for i, wk := range ws {
		p := persons[i]
		planID, itemID := uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String()
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans (id, person_id, place_code, state, starts_on, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, 'active', $4, 'bench', $5, $5)`, planID, p.ID, p.PlaceCode, day, at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_items (id, plan_id, item_code, times, every_weeks, minutes, created_at, updated_at)
			VALUES ($1, $2, 'care.personal', 3, 1, 60, $3, $3)`, itemID, planID, at); err != nil {
			return err
		}
		wk.Orders = make([]string, orders)
		for j := range orders {
			id := uuid.Must(uuid.NewV7()).String()
			wk.Orders[j] = id
			rows = append(rows, []any{id, planID, itemID, p.ID, p.PlaceCode, "care.personal", 1, 4000, 60,
				week, j, day, from, to, providerID, wk.ID, string(plan.Assigned), j + 1, at, at})
		}
	}
	if err := insertRows(ctx, tx, "orders", cols, rows); err != nil {
		return err
	}
	return tx.Commit()
}

// insertRows inserts rows in multi-row statements of 20 rows (the SQLite
// driver binds long argument lists slowly).
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	for len(rows) > 0 {
		batch := rows[:min(len(rows), 20)]
		rows = rows[len(batch):]
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
		args := make([]any, 0, len(batch)*len(cols))
		for i, r := range batch {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "$%d", len(args)+j+1)
			}
			b.WriteByte(')')
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
