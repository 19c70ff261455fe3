package store

import (
	"context"
	"encoding/json"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
	"jiuzhu/internal/provider"
)

const workerCols = `w.id, w.provider_id, p.name, w.name, w.kind, w.sex, w.languages, w.capacity, w.place_code, w.lat, w.lon, w.rating, w.phone,
	w.active, w.version, w.created_at, w.updated_at,
	(SELECT COUNT(*) FROM assignments a WHERE a.worker_id = w.id AND a.state = 'current')`

func scanWorker(s interface{ Scan(...any) error }) (*provider.Worker, error) {
	var w provider.Worker
	var langs string
	if err := s.Scan(&w.ID, &w.ProviderID, &w.ProviderName, &w.Name, &w.Kind, &w.Sex, &langs, &w.Capacity, &w.PlaceCode, &w.Lat, &w.Lon,
		&w.Rating, &w.Phone, &w.Active, &w.Version, &w.CreatedAt, &w.UpdatedAt, &w.Load); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(langs), &w.Languages); err != nil {
		return nil, err
	}
	w.CreatedAt, w.UpdatedAt = w.CreatedAt.UTC(), w.UpdatedAt.UTC()
	w.Items, w.Coverage, w.Certs = []string{}, []string{}, []provider.Cert{}
	return &w, nil
}

// workerVisible narrows workers w (joined to providers p) to those the actor
// may see: a field worker only themself, provider admins their
// organisation's, other staff those based in their scope or covering some
// of it.
func workerVisible(q *query, a *auth.Actor) {
	switch {
	case a.System:
	case a.ProviderSide() && a.Role == auth.ServiceWorker:
		q.add(` AND w.id = %s`, q.arg(a.WorkerID))
	case a.ProviderSide():
		q.add(` AND w.provider_id = %s`, q.arg(a.ProviderID))
	case a.Scope == "" || a.Scope == "-":
		q.add(` AND 1=0`)
	default:
		lo, hi := place.Range(a.Scope)
		q.add(` AND (w.place_code >= %s AND w.place_code < %s OR EXISTS (SELECT 1 FROM worker_coverage vc WHERE vc.worker_id = w.id AND `,
			q.arg(lo), q.arg(hi))
		overlaps(q, "vc.place_code", a.Scope)
		q.raw(`))`)
	}
}

// ListWorkers lists the workers the actor may see that match f, with the
// total number of matches, each with items, coverage, certificates and
// current load.
func (db *DB) ListWorkers(ctx context.Context, f provider.WorkerFilter) ([]*provider.Worker, int, error) {
	a := actorOf(ctx)
	if err := mayReadProviders(a); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit)
	where := &query{}
	where.raw(` FROM workers w JOIN providers p ON p.id = w.provider_id WHERE 1=1`)
	workerVisible(where, a)
	if f.Provider != nil && *f.Provider != "" {
		where.add(` AND w.provider_id = %s`, where.arg(*f.Provider))
	}
	if f.Place != nil && *f.Place != "" {
		where.raw(` AND EXISTS (SELECT 1 FROM worker_coverage fc WHERE fc.worker_id = w.id AND `)
		overlaps(where, "fc.place_code", *f.Place)
		where.raw(`)`)
	}
	if f.Item != nil && *f.Item != "" {
		where.add(` AND EXISTS (SELECT 1 FROM worker_items fi WHERE fi.worker_id = w.id AND fi.item_code = %s)`, where.arg(*f.Item))
	}
	if f.Language != nil && *f.Language != "" {
		// languages is a JSON list of plain codes: a quoted match is exact.
		where.add(` AND w.languages LIKE %s`, where.arg(`%"`+escapeLike(*f.Language)+`"%`))
	}
	if f.Kind != nil {
		where.add(` AND w.kind = %s`, where.arg(string(*f.Kind)))
	}
	if f.Active != nil {
		where.add(` AND w.active = %s`, where.arg(*f.Active))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + workerCols + where.String())
	list.add(` ORDER BY w.place_code, w.name, w.id LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	out, err := readWorkers(ctx, db.r, list)
	if err != nil {
		return nil, 0, translate(err)
	}
	return out, total, nil
}

// readWorkers runs q and fills in each worker's items, coverage and
// certificates, one query each for the whole page.
func readWorkers(ctx context.Context, qr querier, q *query) ([]*provider.Worker, error) {
	rows, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, err
	}
	out := []*provider.Worker{}
	byID := map[string]*provider.Worker{}
	for rows.Next() {
		w, err := scanWorker(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, w)
		byID[w.ID] = w
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := &query{}
	in := make([]string, 0, len(out))
	for _, w := range out {
		in = append(in, ids.arg(w.ID))
	}
	list := strings.Join(in, ", ")
	var code, id string
	var c provider.Cert
	for _, set := range []struct {
		sql  string
		dest []any
		add  func(w *provider.Worker)
	}{
		{`SELECT worker_id, item_code FROM worker_items WHERE worker_id IN (` + list + `) ORDER BY worker_id, item_code`,
			[]any{&id, &code}, func(w *provider.Worker) { w.Items = append(w.Items, code) }},
		{`SELECT worker_id, place_code FROM worker_coverage WHERE worker_id IN (` + list + `) ORDER BY worker_id, place_code`,
			[]any{&id, &code}, func(w *provider.Worker) { w.Coverage = append(w.Coverage, code) }},
		{`SELECT worker_id, cert, number, expires FROM worker_certs WHERE worker_id IN (` + list + `) ORDER BY worker_id, cert`,
			[]any{&id, &c.Cert, &c.Number, &c.Expires}, func(w *provider.Worker) { w.Certs = append(w.Certs, c) }},
	} {
		rows, err := qr.QueryContext(ctx, set.sql, ids.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			if err := rows.Scan(set.dest...); err != nil {
				rows.Close()
				return nil, err
			}
			set.add(byID[id])
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Worker returns one worker the actor may see, with its current load.
func (db *DB) Worker(ctx context.Context, id string) (*provider.Worker, error) {
	a := actorOf(ctx)
	if err := mayReadProviders(a); err != nil {
		return nil, err
	}
	w, err := readWorker(ctx, db.r, a, id)
	return w, translate(err)
}

func readWorker(ctx context.Context, qr querier, a *auth.Actor, id string) (*provider.Worker, error) {
	q := &query{}
	q.add(`SELECT `+workerCols+` FROM workers w JOIN providers p ON p.id = w.provider_id WHERE w.id = %s`, q.arg(id))
	workerVisible(q, a)
	ws, err := readWorkers(ctx, qr, q)
	if err != nil {
		return nil, err
	}
	if len(ws) == 0 {
		return nil, errs.New(errs.NotFound, "err.not_found")
	}
	return ws[0], nil
}
