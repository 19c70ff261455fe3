package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/visit"
)

const visitCols = `v.order_id, v.day, v.person_id, pe.name, v.place_code, v.worker_id, COALESCE(w.name, ''), v.provider_id, o.item_code,
	v.state, v.outcome, v.started_at, v.ended_at, v.missed_reason, v.conflicts, v.rating, v.flags, v.updated_at`

const visitFrom = ` FROM visits v JOIN orders o ON o.id = v.order_id JOIN persons pe ON pe.id = v.person_id
	LEFT JOIN workers w ON w.id = v.worker_id WHERE 1=1`

func scanVisitRow(s interface{ Scan(...any) error }) (*visit.Row, error) {
	var r visit.Row
	var started, ended sql.NullTime
	var flags string
	if err := s.Scan(&r.OrderID, &r.Day, &r.PersonID, &r.PersonName, &r.PlaceCode, &r.WorkerID, &r.WorkerName, &r.ProviderID, &r.ItemCode,
		&r.State, &r.Outcome, &started, &ended, &r.MissedReason, &r.Conflicts, &r.Rating, &flags, &r.UpdatedAt); err != nil {
		return nil, err
	}
	if started.Valid {
		t := started.Time.UTC()
		r.StartedAt = &t
	}
	if ended.Valid {
		t := ended.Time.UTC()
		r.EndedAt = &t
	}
	r.UpdatedAt = r.UpdatedAt.UTC()
	if err := json.Unmarshal([]byte(flags), &r.Flags); err != nil {
		return nil, err
	}
	return &r, nil
}

// visitScope narrows visits v to the actor: officials their place subtree,
// a provider's administrator the organisation's visits, a field worker
// their own.
func visitScope(q *query, a *auth.Actor) {
	q.scoped("v.place_code", a)
	if !a.ProviderSide() {
		return
	}
	switch {
	case a.Role == auth.ServiceWorker && a.WorkerID != "":
		q.add(` AND v.worker_id = %s`, q.arg(a.WorkerID))
	case a.Role == auth.ProviderAdmin && a.ProviderID != "":
		q.add(` AND v.provider_id = %s`, q.arg(a.ProviderID))
	default:
		q.raw(` AND 1=0`)
	}
}

func canReadVisits(a *auth.Actor) bool {
	return a.Can(auth.ReadServices) || a.Can(auth.RespondOrders) || a.Can(auth.SuperviseVisits)
}

// Visits lists visits in the actor's scope matching f, newest day first,
// with the total number of matches. With Outcome flagged it is the
// supervisor's exception queue.
func (db *DB) Visits(ctx context.Context, f visit.Filter) ([]*visit.Row, int, error) {
	a := actorOf(ctx)
	if !canReadVisits(a) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	f.Offset = max(f.Offset, 0)
	where := &query{}
	where.raw(visitFrom)
	visitScope(where, a)
	for _, c := range []struct {
		col string
		v   *string
	}{{"v.provider_id", f.ProviderID}, {"v.worker_id", f.WorkerID}, {"v.person_id", f.PersonID}} {
		if c.v != nil {
			where.add(` AND %s = %s`, c.col, where.arg(*c.v))
		}
	}
	if f.Outcome != nil {
		where.add(` AND v.outcome = %s`, where.arg(string(*f.Outcome)))
	}
	if f.State != nil {
		where.add(` AND v.state = %s`, where.arg(string(*f.State)))
	}
	if f.Rule != nil {
		// Flags are a JSON array of objects; the rule code is quoted in it.
		where.add(` AND v.flags LIKE %s`, where.arg(`%"rule":"`+*f.Rule+`"%`))
	}
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		where.inScope("v.place_code", *f.PlaceCode)
	}
	if f.From != nil {
		where.add(` AND v.day >= %s`, where.arg(*f.From))
	}
	if f.To != nil {
		where.add(` AND v.day <= %s`, where.arg(*f.To))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + visitCols + where.String())
	list.add(` ORDER BY v.day DESC, v.updated_at DESC, v.order_id LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*visit.Row{}
	for rows.Next() {
		r, err := scanVisitRow(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, r)
	}
	return out, total, translate(rows.Err())
}

// Visit returns one visit in full, in the actor's scope.
func (db *DB) Visit(ctx context.Context, orderID string) (*visit.Record, error) {
	a := actorOf(ctx)
	if !canReadVisits(a) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.raw(`SELECT ` + visitCols + `, v.detail` + visitFrom)
	q.add(` AND v.order_id = %s`, q.arg(orderID))
	visitScope(q, a)
	var detail string
	var rec visit.Record
	row := db.r.QueryRowContext(ctx, q.String(), q.args...)
	r, err := scanVisitRow(scanTail{row, &detail})
	if err != nil {
		return nil, translate(err)
	}
	rec.Row = *r
	if err := json.Unmarshal([]byte(detail), &rec.Visit); err != nil {
		return nil, translate(err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT body FROM visit_events WHERE order_id = $1 ORDER BY received_at, id`, orderID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	rec.Events = []visit.Event{}
	for rows.Next() {
		var body string
		var e visit.Event
		if err := rows.Scan(&body); err != nil {
			return nil, translate(err)
		}
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			return nil, translate(err)
		}
		rec.Events = append(rec.Events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	rec.Decisions, err = db.visitDecisions(ctx, orderID)
	return &rec, err
}

// scanTail scans a row's leading columns with the wrapped scanner's
// destinations and one more column into tail.
type scanTail struct {
	row  *sql.Row
	tail any
}

func (s scanTail) Scan(dest ...any) error { return s.row.Scan(append(dest, s.tail)...) }

func (db *DB) visitDecisions(ctx context.Context, orderID string) ([]visit.Decision, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT action, reason_code, note, by_user, at FROM visit_decisions WHERE order_id = $1 ORDER BY at, id`, orderID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []visit.Decision{}
	for rows.Next() {
		var d visit.Decision
		if err := rows.Scan(&d.Action, &d.ReasonCode, &d.Note, &d.By, &d.At); err != nil {
			return nil, translate(err)
		}
		d.At = d.At.UTC()
		out = append(out, d)
	}
	return out, translate(rows.Err())
}
