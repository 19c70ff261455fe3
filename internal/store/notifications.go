package store

import (
	"context"
	"database/sql"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// Notification is one message in a role's inbox for a place.
type Notification struct {
	ID            int64     `json:"id"`
	At            time.Time `json:"at"`
	PlaceCode     string    `json:"place_code"`
	Role          auth.Role `json:"role"`
	ApplicationID string    `json:"application_id,omitempty"`
	Kind          string    `json:"kind"` // action_needed, decision, reminder, overdue
	Key           string    `json:"key"`  // message key of the state or action concerned
	Read          bool      `json:"read"`
}

// Notifications returns the newest messages for the actor's role inside the
// actor's area.
func (db *DB) Notifications(ctx context.Context, limit int) ([]Notification, error) {
	a := actorOf(ctx)
	if a.Role == "" && !a.System {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT id, at, place_code, role, application_id, kind, msg_key, read_at FROM notifications WHERE role = %s`, q.arg(string(a.Role)))
	q.scoped("place_code", a)
	q.add(` ORDER BY id DESC LIMIT %s`, q.arg(limit))
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.At, &n.PlaceCode, &n.Role, &n.ApplicationID, &n.Kind, &n.Key, &read); err != nil {
			return nil, translate(err)
		}
		n.At, n.Read = n.At.UTC(), read.Valid
		out = append(out, n)
	}
	return out, translate(rows.Err())
}

// ApplicationFilter narrows the application list.
type ApplicationFilter struct {
	State   *approval.State
	Overdue bool
	Offset  int
	Limit   int
}

// Applications lists applications in the actor's scope, most urgent and
// soonest due first.
func (db *DB) Applications(ctx context.Context, f ApplicationFilter) ([]*Application, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	w := &query{}
	w.add(` FROM applications a JOIN persons p ON p.id = a.person_id WHERE 1=1`)
	w.scoped("a.place_code", a)
	if f.State != nil {
		w.add(` AND a.state = %s`, w.arg(string(*f.State)))
	}
	if f.Overdue {
		w.add(` AND a.due IS NOT NULL AND a.due < %s`, w.arg(db.clock()))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	l := &query{args: w.args}
	l.raw(`SELECT ` + appCols + w.String())
	l.add(` ORDER BY CASE WHEN a.urgent THEN 0 ELSE 1 END, CASE WHEN a.due IS NULL THEN 1 ELSE 0 END, a.due, a.id LIMIT %s OFFSET %s`, l.arg(f.Limit), l.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, l.String(), l.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*Application{}
	for rows.Next() {
		app, err := scanApplication(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		app.Allowed = nonNilActions(approval.Allowed(app.Case, approval.ActorOf(a), db.clock(), db.approval))
		out = append(out, app)
	}
	return out, total, translate(rows.Err())
}
