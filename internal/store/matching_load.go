package store

import (
	"context"
	"encoding/json"
	"strings"

	"jiuzhu/internal/match"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/plan"
)

// unitKey names one weekly unit of a plan item.
type unitKey struct {
	item string
	unit int
}

// heldUnit is a current assignment as the loader sees it.
type heldUnit struct {
	id, workerID string
}

// demandSel selects the demands to load: a place subtree, optionally one
// plan item.
type demandSel struct {
	scope    string
	planItem string
}

func (s demandSel) where(q *query) {
	q.add(` WHERE pi.active AND p.state = %s`, q.arg(string(plan.Active)))
	q.inScope("p.place_code", s.scope)
	if s.planItem != "" {
		q.add(` AND pi.id = %s`, q.arg(s.planItem))
	}
}

// loadDemands reads every weekly unit of every active item of active plans
// selected by sel, with the person's wishes, the item's rules, the tier of
// the person's latest assessment, the current worker and who declined.
func loadDemands(ctx context.Context, db querier, sel demandSel) ([]match.Demand, map[unitKey]heldUnit, error) {
	items, err := loadItemRules(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	q := &query{}
	q.raw(`SELECT pi.id, pi.item_code, pi.times, pi.every_weeks, p.person_id, per.place_code, per.lat, per.lon, per.language, per.preferences,
		pl.kind, pl.lat, pl.lon, pl.name FROM plan_items pi JOIN plans p ON p.id = pi.plan_id
		JOIN persons per ON per.id = p.person_id JOIN places pl ON pl.code = per.place_code`)
	sel.where(q)
	q.raw(` ORDER BY pi.id`)
	rows, err := db.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []match.Demand
	for rows.Next() {
		var d match.Demand
		var times, every int
		var prefs string
		var vlat, vlon float64
		if err := rows.Scan(&d.PlanItemID, &d.Item, &times, &every, &d.PersonID, &d.Village, &d.Lat, &d.Lon, &d.Language, &prefs,
			&d.Kind, &vlat, &vlon, &d.PlaceName); err != nil {
			return nil, nil, err
		}
		var pf person.Preferences
		if prefs != "" {
			json.Unmarshal([]byte(prefs), &pf) // a malformed file means no wishes, not a failed run
		}
		d.LanguageRequired, d.CaregiverGender, d.Halal = pf.LanguageNeeded, pf.CaregiverGender, pf.Halal
		if d.Lat == 0 && d.Lon == 0 {
			d.Lat, d.Lon = vlat, vlon // no home coordinates: the village centre
		}
		r := items[d.Item]
		d.Cert, d.Food, d.WorkerKinds = r.cert, r.food, r.kinds
		for u := 0; u < plan.WeeklyUnits(times, every); u++ {
			d.Unit = u
			out = append(out, d)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	if err := loadDemandState(ctx, db, sel, out); err != nil {
		return nil, nil, err
	}
	current, err := loadHeld(ctx, db, sel, out)
	return out, current, err
}

type itemRule struct {
	cert  string
	food  bool
	kinds []string
}

// loadItemRules reads the current version of every catalogue item.
func loadItemRules(ctx context.Context, db querier) (map[string]itemRule, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.code, c.cert, c.food, c.worker_kinds FROM catalog_items c
		WHERE c.version = (SELECT MAX(v.version) FROM catalog_items v WHERE v.code = c.code)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]itemRule{}
	for rows.Next() {
		var code, kinds string
		var r itemRule
		if err := rows.Scan(&code, &r.cert, &r.food, &kinds); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(kinds), &r.kinds)
		out[code] = r
	}
	return out, rows.Err()
}

// loadDemandState fills each demand's tier (from the person's latest
// assessment) and the workers who declined it.
func loadDemandState(ctx context.Context, db querier, sel demandSel, ds []match.Demand) error {
	if len(ds) == 0 {
		return nil
	}
	tiers := map[string]int{}
	q := &query{}
	q.raw(`SELECT a.person_id, a.tier FROM assessments a WHERE a.person_id IN (SELECT p.person_id FROM plan_items pi JOIN plans p ON p.id = pi.plan_id`)
	sel.where(q)
	q.raw(`) ORDER BY a.at, a.id`)
	if err := eachRow(ctx, db, q, func(scan func(...any) error) error {
		var id string
		var tier int
		err := scan(&id, &tier)
		tiers[id] = tier // later assessments overwrite earlier ones
		return err
	}); err != nil {
		return err
	}
	declined := map[unitKey][]string{}
	q = &query{}
	q.add(`SELECT a.plan_item_id, a.unit, a.worker_id FROM assignments a JOIN plan_items pi ON pi.id = a.plan_item_id
		JOIN plans p ON p.id = pi.plan_id`)
	sel.where(q)
	q.add(` AND a.state = %s ORDER BY a.worker_id`, q.arg(string(match.Declined)))
	if err := eachRow(ctx, db, q, func(scan func(...any) error) error {
		var k unitKey
		var w string
		err := scan(&k.item, &k.unit, &w)
		declined[k] = append(declined[k], w)
		return err
	}); err != nil {
		return err
	}
	for i := range ds {
		ds[i].Tier = tiers[ds[i].PersonID]
		ds[i].Declined = declined[unitKey{ds[i].PlanItemID, ds[i].Unit}]
	}
	return nil
}

// loadHeld reads the current assignments of the selected units and sets
// each demand's current worker (continuity).
func loadHeld(ctx context.Context, db querier, sel demandSel, ds []match.Demand) (map[unitKey]heldUnit, error) {
	held := map[unitKey]heldUnit{}
	q := &query{}
	q.add(`SELECT a.plan_item_id, a.unit, a.id, a.worker_id FROM assignments a JOIN plan_items pi ON pi.id = a.plan_item_id
		JOIN plans p ON p.id = pi.plan_id`)
	sel.where(q)
	q.add(` AND a.state = %s`, q.arg(string(match.Current)))
	if err := eachRow(ctx, db, q, func(scan func(...any) error) error {
		var k unitKey
		var h heldUnit
		err := scan(&k.item, &k.unit, &h.id, &h.workerID)
		held[k] = h
		return err
	}); err != nil {
		return nil, err
	}
	for i := range ds {
		ds[i].CurrentWorker = held[unitKey{ds[i].PlanItemID, ds[i].Unit}].workerID
	}
	return held, nil
}

// eachRow runs q and calls fn with a scanner for every row.
func eachRow(ctx context.Context, db querier, q *query, fn func(scan func(...any) error) error) error {
	rows, err := db.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ancestors returns code and every place above it, for coverage tests in SQL.
func ancestors(code string) []string {
	var out []string
	for c := code; c != ""; c = place.ParentCode(c) {
		out = append(out, c)
	}
	return out
}

// inList adds "col IN (…)" for vals; an empty list matches nothing.
func (q *query) inList(col string, vals []string) {
	if len(vals) == 0 {
		q.raw(" AND 1=0")
		return
	}
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = q.arg(v)
	}
	q.add(" AND %s IN (%s)", col, strings.Join(ph, ", "))
}
