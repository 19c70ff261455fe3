package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
)

const runCols = `r.id, r.place_code, r.kind, r.state, r.stats, r.created_by, r.created_at, r.decided_by, r.decided_at`

func scanRun(row interface{ Scan(...any) error }) (*match.Run, error) {
	var r match.Run
	var stats string
	var decided sql.NullTime
	if err := row.Scan(&r.ID, &r.PlaceCode, &r.Kind, &r.State, &stats, &r.CreatedBy, &r.CreatedAt, &r.DecidedBy, &decided); err != nil {
		return nil, err
	}
	json.Unmarshal([]byte(stats), &r.Stats)
	if decided.Valid {
		t := decided.Time.UTC()
		r.DecidedAt = &t
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return &r, nil
}

// canReadRuns: runs are the matching staff's view; provider staff see
// their assignments instead.
func canReadRuns(a *auth.Actor) error {
	if !a.Can(auth.ReadServices) || a.ProviderSide() {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return nil
}

// Runs lists matching runs in the actor's scope, newest first.
func (db *DB) Runs(ctx context.Context, f match.RunFilter) ([]*match.Run, int, error) {
	a := actorOf(ctx)
	if err := canReadRuns(a); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	where := &query{}
	where.raw(` FROM match_runs r WHERE 1=1`)
	where.scoped("r.place_code", a)
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		where.inScope("r.place_code", *f.PlaceCode)
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	q := &query{args: where.args}
	q.raw(`SELECT ` + runCols + where.String())
	q.add(` ORDER BY r.created_at DESC, r.id DESC LIMIT %s OFFSET %s`, q.arg(f.Limit), q.arg(f.Offset))
	out := []*match.Run{}
	err := eachRow(ctx, db.r, q, func(scan func(...any) error) error {
		r, err := scanRun(scanFunc(scan))
		out = append(out, r)
		return err
	})
	return out, total, translate(err)
}

// Run returns one run in the actor's scope.
func (db *DB) Run(ctx context.Context, id string) (*match.Run, error) {
	a := actorOf(ctx)
	if err := canReadRuns(a); err != nil {
		return nil, err
	}
	r, err := scanRun(db.r.QueryRowContext(ctx, `SELECT `+runCols+` FROM match_runs r WHERE r.id = $1`, id))
	if err != nil {
		return nil, translate(err)
	}
	if !a.Sees(r.PlaceCode) {
		return nil, errs.New(errs.NotFound, "err.not_found")
	}
	return r, nil
}

type scanFunc func(...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

const assignmentCols = `a.id, a.run_id, a.plan_item_id, a.unit, a.person_id, per.name, a.place_code, a.item_code, a.provider_id,
	COALESCE(pr.name, ''), a.worker_id, COALESCE(w.name, ''), a.state, a.source, a.cost, a.explanation, a.reason_code, a.reason,
	a.decided_by, a.created_at, a.updated_at`

const assignmentFrom = ` FROM assignments a JOIN persons per ON per.id = a.person_id
	LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN providers pr ON pr.id = a.provider_id WHERE 1=1`

func scanAssignment(scan func(...any) error) (*match.Assignment, error) {
	var r match.Assignment
	var expl string
	if err := scan(&r.ID, &r.RunID, &r.PlanItemID, &r.Unit, &r.PersonID, &r.PersonName, &r.PlaceCode, &r.ItemCode, &r.ProviderID,
		&r.ProviderName, &r.WorkerID, &r.WorkerName, &r.State, &r.Source, &r.Cost, &expl, &r.ReasonCode, &r.Reason,
		&r.DecidedBy, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	json.Unmarshal([]byte(expl), &r.Explanation)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

// assignmentScope narrows q to what a may read: its place subtree, and for
// provider staff their organisation's (or, for field staff, their own) rows.
func assignmentScope(q *query, a *auth.Actor) error {
	if !a.Can(auth.ReadServices) && !a.Can(auth.RespondOrders) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	q.scoped("a.place_code", a)
	if a.ProviderSide() {
		q.add(` AND a.provider_id = %s`, q.arg(a.ProviderID))
		if a.WorkerID != "" || a.Role == auth.ServiceWorker {
			q.add(` AND a.worker_id = %s`, q.arg(a.WorkerID))
		}
	}
	return nil
}

// Assignments lists assignments the actor may read, matching f: a run's
// results, a worker's or a person's units, a state such as the declined
// queue. Open and current first, then by person and unit.
func (db *DB) Assignments(ctx context.Context, f match.AssignmentFilter) ([]*match.Assignment, int, error) {
	a := actorOf(ctx)
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	where := &query{}
	where.raw(assignmentFrom)
	if err := assignmentScope(where, a); err != nil {
		return nil, 0, err
	}
	for _, c := range []struct {
		col string
		v   *string
	}{{"a.run_id", f.RunID}, {"a.worker_id", f.WorkerID}, {"a.person_id", f.PersonID}, {"a.provider_id", f.ProviderID}, {"a.plan_item_id", f.PlanItemID}} {
		if c.v != nil {
			where.add(` AND %s = %s`, c.col, where.arg(*c.v))
		}
	}
	if f.State != nil {
		where.add(` AND a.state = %s`, where.arg(string(*f.State)))
	}
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		where.inScope("a.place_code", *f.PlaceCode)
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	q := &query{args: where.args}
	q.raw(`SELECT ` + assignmentCols + where.String())
	q.add(` ORDER BY CASE a.state WHEN 'unassigned' THEN 0 WHEN 'declined' THEN 1 WHEN 'current' THEN 2 WHEN 'proposed' THEN 3 ELSE 4 END,
		per.name, a.person_id, a.item_code, a.unit, a.created_at DESC, a.id LIMIT %s OFFSET %s`, q.arg(f.Limit), q.arg(f.Offset))
	out := []*match.Assignment{}
	err := eachRow(ctx, db.r, q, func(scan func(...any) error) error {
		r, err := scanAssignment(scan)
		out = append(out, r)
		return err
	})
	return out, total, translate(err)
}

// Assignment returns one assignment the actor may read.
func (db *DB) Assignment(ctx context.Context, id string) (*match.Assignment, error) {
	return db.assignment(ctx, db.r, id)
}

func (db *DB) assignment(ctx context.Context, qr querier, id string) (*match.Assignment, error) {
	q := &query{}
	q.raw(`SELECT ` + assignmentCols + assignmentFrom)
	if err := assignmentScope(q, actorOf(ctx)); err != nil {
		return nil, err
	}
	q.add(` AND a.id = %s`, q.arg(id))
	var out *match.Assignment
	found := false
	err := eachRow(ctx, qr, q, func(scan func(...any) error) error {
		var err error
		out, err = scanAssignment(scan)
		found = true
		return err
	})
	if err != nil {
		return nil, translate(err)
	}
	if !found {
		return nil, errs.New(errs.NotFound, "err.not_found")
	}
	return out, nil
}
