package store

import (
	"context"
	"database/sql"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

const orderCols = `o.id, o.plan_id, o.plan_item_id, o.person_id, pe.name, o.place_code, o.item_code, o.item_version, o.price_fen, o.minutes,
	o.week, o.seq_in_week, o.day, o.window_start, o.window_end, o.provider_id, o.worker_id, COALESCE(w.name, ''), o.assignment_id, o.state,
	o.route_seq, o.eta, o.travel_m, o.travel_s, o.cancel_reason, o.created_at, o.updated_at`

const orderFrom = ` FROM orders o JOIN persons pe ON pe.id = o.person_id LEFT JOIN workers w ON w.id = o.worker_id WHERE 1=1`

func scanOrder(s interface{ Scan(...any) error }) (*plan.Order, error) {
	var o plan.Order
	var eta sql.NullTime
	if err := s.Scan(&o.ID, &o.PlanID, &o.PlanItemID, &o.PersonID, &o.PersonName, &o.PlaceCode, &o.ItemCode, &o.ItemVersion, &o.PriceFen, &o.Minutes,
		&o.Week, &o.SeqInWeek, &o.Day, &o.WindowStart, &o.WindowEnd, &o.ProviderID, &o.WorkerID, &o.WorkerName, &o.AssignmentID, &o.State,
		&o.RouteSeq, &eta, &o.TravelM, &o.TravelS, &o.CancelReason, &o.CreatedAt, &o.UpdatedAt); err != nil {
		return nil, err
	}
	o.WindowStart, o.WindowEnd, o.CreatedAt, o.UpdatedAt = o.WindowStart.UTC(), o.WindowEnd.UTC(), o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	if eta.Valid {
		t := eta.Time.UTC()
		o.ETA = &t
		o.Late = t.Add(time.Duration(o.Minutes) * time.Minute).After(o.WindowEnd)
	}
	return &o, nil
}

// orderScope narrows orders o to the actor's area; provider administrators
// see only their organisation's orders, service workers only their own.
func orderScope(q *query, a *auth.Actor) {
	q.scoped("o.place_code", a)
	if !a.ProviderSide() {
		return
	}
	switch {
	case a.Role == auth.ServiceWorker && a.WorkerID != "":
		q.add(` AND o.worker_id = %s`, q.arg(a.WorkerID))
	case a.Role == auth.ProviderAdmin && a.ProviderID != "":
		q.add(` AND o.provider_id = %s`, q.arg(a.ProviderID))
	default:
		q.raw(` AND 1=0`)
	}
}

// Orders lists work orders in the actor's scope matching f, by day, worker
// and route position, with the total number of matches.
func (db *DB) Orders(ctx context.Context, f plan.OrderFilter) ([]*plan.Order, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadServices) && !a.Can(auth.RespondOrders) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	f.Offset = max(f.Offset, 0)
	where := &query{}
	where.raw(orderFrom)
	orderScope(where, a)
	for _, c := range []struct {
		col string
		v   *string
	}{{"o.worker_id", f.WorkerID}, {"o.provider_id", f.ProviderID}, {"o.person_id", f.PersonID}, {"o.plan_id", f.PlanID}} {
		if c.v != nil {
			where.add(` AND %s = %s`, c.col, where.arg(*c.v))
		}
	}
	if f.From != nil {
		where.add(` AND o.day >= %s`, where.arg(*f.From))
	}
	if f.To != nil {
		where.add(` AND o.day <= %s`, where.arg(*f.To))
	}
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		where.inScope("o.place_code", *f.PlaceCode)
	}
	if f.State != nil {
		where.add(` AND o.state = %s`, where.arg(string(*f.State)))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + orderCols + where.String())
	list.add(` ORDER BY o.day, o.worker_id, o.route_seq, o.window_start, o.id LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*plan.Order{}
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, o)
	}
	return out, total, translate(rows.Err())
}

// Order returns one work order in the actor's scope.
func (db *DB) Order(ctx context.Context, id string) (*plan.Order, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadServices) && !a.Can(auth.RespondOrders) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.raw(`SELECT ` + orderCols + orderFrom)
	q.add(` AND o.id = %s`, q.arg(id))
	orderScope(q, a)
	o, err := scanOrder(db.r.QueryRowContext(ctx, q.String(), q.args...))
	return o, translate(err)
}
