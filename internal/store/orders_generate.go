package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// dueItem is an active item of an active plan, as GenerateWeek reads it.
type dueItem struct {
	planID, personID, placeCode, startsOn, endsOn string
	itemID, code                                  string
	times, every, minutes, from, to               int
}

// catalogPrice is the version and unit price of an item's current
// catalogue row.
type catalogPrice struct {
	version int
	fen     int64
}

// GenerateWeek makes the work orders of the week starting monday (local)
// for every active plan in the actor's scope, under placeCode if given:
// each active item due that week gets its visits on the days VisitDays
// gives, inside the item's daily window, priced at the current catalogue
// version, with the worker of the current assignment of its unit or open.
// Running it again for the same week adds only what is missing. The routes
// of the days that got orders are planned afterwards.
func (db *DB) GenerateWeek(ctx context.Context, monday time.Time, placeCode string) (plan.WeekReport, error) {
	a := actorOf(ctx)
	week := plan.Monday(monday).Format(time.DateOnly)
	rep := plan.WeekReport{Week: week}
	if !a.Can(auth.ManagePlans) {
		return rep, errs.New(errs.Forbidden, "err.forbidden")
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		rep = plan.WeekReport{Week: week}
		items, err := tx.dueItems(a, week, placeCode)
		if err != nil {
			return err
		}
		prices, err := tx.catalogPrices()
		if err != nil {
			return err
		}
		ins, err := tx.Prepare(`INSERT INTO orders (id, plan_id, plan_item_id, person_id, place_code, item_code, item_version, price_fen, minutes,
			week, seq_in_week, day, window_start, window_end, provider_id, worker_id, assignment_id, state, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
			ON CONFLICT (plan_item_id, week, seq_in_week) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		plans := map[string]bool{}
		days := workerDays{}
		for _, it := range items {
			plans[it.planID] = true
			if !plan.Due(it.startsOn, week, it.every) {
				continue
			}
			price, ok := prices[it.code]
			if !ok {
				continue // not in the catalogue: nothing to price the visit at
			}
			cur, err := tx.currentAssignees(it.itemID)
			if err != nil {
				return err
			}
			units := max(1, plan.WeeklyUnits(it.times, it.every))
			for seq, day := range plan.VisitDays(week, it.times) {
				if day < it.startsOn || (it.endsOn != "" && day > it.endsOn) {
					continue
				}
				from, to, err := plan.Window(day, it.from, it.to)
				if err != nil {
					return err
				}
				as := cur[plan.UnitOf(seq, units)]
				state := plan.Open
				if as.WorkerID != "" {
					state = plan.Assigned
				}
				res, err := ins.Exec(uuid.Must(uuid.NewV7()).String(), it.planID, it.itemID, it.personID, it.placeCode, it.code, price.version, price.fen,
					it.minutes, week, seq, day, from, to, as.ProviderID, as.WorkerID, as.AssignmentID, string(state), tx.now)
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n == 0 {
					rep.Existing++
					continue
				}
				rep.Created++
				if state == plan.Assigned {
					rep.Assigned++
					days.add(as.WorkerID, day)
				} else {
					rep.Open++
				}
			}
		}
		rep.Plans, rep.WorkerDays = len(plans), len(days)
		if err := tx.reschedule(days); err != nil {
			return err
		}
		scope := placeCode
		if scope == "" {
			scope = a.Scope
		}
		return tx.audit("orders.generate", "orders", week, scope, rep)
	})
	return rep, err
}

// dueItems reads the active items of active plans that overlap the week,
// in the actor's scope and under placeCode.
func (tx *Tx) dueItems(a *auth.Actor, week, placeCode string) ([]dueItem, error) {
	q := &query{}
	q.add(`SELECT p.id, p.person_id, p.place_code, p.starts_on, p.ends_on, i.id, i.item_code, i.times, i.every_weeks, i.minutes, i.window_from, i.window_to
		FROM plans p JOIN plan_items i ON i.plan_id = p.id
		WHERE p.state = %s AND i.active = %s AND p.starts_on <= %s AND (p.ends_on = '' OR p.ends_on >= %s)`,
		q.arg(string(plan.Active)), q.arg(true), q.arg(plan.AddDays(week, 6)), q.arg(week))
	q.scoped("p.place_code", a)
	if placeCode != "" {
		q.inScope("p.place_code", placeCode)
	}
	q.raw(` ORDER BY p.place_code, p.id, i.item_code`)
	rows, err := tx.Query(q.String(), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dueItem
	for rows.Next() {
		var d dueItem
		if err := rows.Scan(&d.planID, &d.personID, &d.placeCode, &d.startsOn, &d.endsOn, &d.itemID, &d.code, &d.times, &d.every,
			&d.minutes, &d.from, &d.to); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// catalogPrices maps each catalogue item to its current version and price.
func (tx *Tx) catalogPrices() (map[string]catalogPrice, error) {
	rows, err := tx.Query(`SELECT c.code, c.version, c.price_fen FROM catalog_items c
		WHERE c.version = (SELECT MAX(v.version) FROM catalog_items v WHERE v.code = c.code)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]catalogPrice{}
	for rows.Next() {
		var code string
		var p catalogPrice
		if err := rows.Scan(&code, &p.version, &p.fen); err != nil {
			return nil, err
		}
		out[code] = p
	}
	return out, rows.Err()
}
