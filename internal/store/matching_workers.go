package store

import (
	"context"
	"encoding/json"

	"jiuzhu/internal/match"
	"jiuzhu/internal/plan"
)

// workerSel selects candidate workers: active workers of active providers
// whose coverage touches a place subtree (covers a place inside it or above
// it), optionally only those offering an item, or one worker by id.
type workerSel struct {
	scope string // place whose subtree the coverage must touch
	item  string
	id    string
}

// ids adds the subquery of selected worker ids.
func (s workerSel) ids(q *query) {
	q.raw(`SELECT w.id FROM workers w JOIN providers pr ON pr.id = w.provider_id WHERE 1=1`)
	if s.id != "" {
		q.add(` AND w.id = %s`, q.arg(s.id))
		return
	}
	q.raw(` AND w.active AND pr.active AND EXISTS (SELECT 1 FROM worker_coverage c WHERE c.worker_id = w.id AND ((1=1`)
	q.inScope("c.place_code", s.scope)
	q.raw(`) OR (1=1`)
	q.inList("c.place_code", ancestors(s.scope))
	q.raw(`)))`)
	if s.item != "" {
		q.add(` AND EXISTS (SELECT 1 FROM worker_items i WHERE i.worker_id = w.id AND i.item_code = %s)`, q.arg(s.item))
	}
}

// loadWorkers reads the selected workers with their items, coverage and
// certifications, ordered by id. Remaining is capacity less the current
// assignments of active plans that are not in skip (the units a full run
// decides again).
func loadWorkers(ctx context.Context, db querier, sel workerSel, skip map[unitKey]heldUnit) ([]match.Worker, map[string]int, error) {
	q := &query{}
	q.raw(`SELECT w.id, w.name, w.provider_id, w.kind, w.active, pr.active, pr.halal, w.capacity, w.languages, w.sex, w.lat, w.lon, w.rating
		FROM workers w JOIN providers pr ON pr.id = w.provider_id WHERE w.id IN (`)
	sel.ids(q)
	q.raw(`) ORDER BY w.id`)
	var ws []match.Worker
	at := map[string]int{}
	if err := eachRow(ctx, db, q, func(scan func(...any) error) error {
		var w match.Worker
		var wActive, pActive bool
		var langs string
		if err := scan(&w.ID, &w.Name, &w.ProviderID, &w.Kind, &wActive, &pActive, &w.ProviderHalal, &w.Capacity, &langs, &w.Sex, &w.Lat, &w.Lon, &w.Rating); err != nil {
			return err
		}
		w.Active = wActive && pActive
		json.Unmarshal([]byte(langs), &w.Languages)
		w.Remaining = w.Capacity
		w.Certs = map[string]string{}
		at[w.ID] = len(ws)
		ws = append(ws, w)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	if len(ws) == 0 {
		return ws, at, nil
	}
	for _, part := range []struct {
		sql string
		fn  func(w *match.Worker, a, b string)
	}{
		{`SELECT x.worker_id, x.item_code, '' FROM worker_items x`, func(w *match.Worker, a, _ string) { w.Items = append(w.Items, a) }},
		{`SELECT x.worker_id, x.place_code, '' FROM worker_coverage x`, func(w *match.Worker, a, _ string) { w.Coverage = append(w.Coverage, a) }},
		{`SELECT x.worker_id, x.cert, x.expires FROM worker_certs x`, func(w *match.Worker, a, b string) { w.Certs[a] = b }},
	} {
		q := &query{}
		q.raw(part.sql + ` WHERE x.worker_id IN (`)
		sel.ids(q)
		q.raw(`) ORDER BY 1, 2`)
		if err := eachRow(ctx, db, q, func(scan func(...any) error) error {
			var id, a, b string
			if err := scan(&id, &a, &b); err != nil {
				return err
			}
			part.fn(&ws[at[id]], a, b)
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	// Capacity held by current assignments outside the units decided now.
	q = &query{}
	q.add(`SELECT a.worker_id, a.plan_item_id, a.unit FROM assignments a JOIN plan_items pi ON pi.id = a.plan_item_id
		JOIN plans p ON p.id = pi.plan_id WHERE a.state = %s AND pi.active AND p.state IN (%s, %s) AND a.worker_id IN (`,
		q.arg(string(match.Current)), q.arg(string(plan.Active)), q.arg(string(plan.Paused)))
	sel.ids(q)
	q.raw(`)`)
	err := eachRow(ctx, db, q, func(scan func(...any) error) error {
		var w string
		var k unitKey
		if err := scan(&w, &k.item, &k.unit); err != nil {
			return err
		}
		if _, again := skip[k]; !again {
			ws[at[w]].Remaining--
		}
		return nil
	})
	return ws, at, err
}
