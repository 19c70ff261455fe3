package store

import (
	"context"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

const planCols = `p.id, p.person_id, pe.name, p.place_code, COALESCE(p.application_id, ''), p.package, p.state, p.starts_on, p.ends_on,
	p.version, p.created_by, p.created_at, p.updated_at`

func scanPlan(s interface{ Scan(...any) error }) (*plan.Plan, error) {
	var p plan.Plan
	if err := s.Scan(&p.ID, &p.PersonID, &p.PersonName, &p.PlaceCode, &p.ApplicationID, &p.Package, &p.State, &p.StartsOn, &p.EndsOn,
		&p.Version, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

// planScope narrows plans p to the actor's area; provider staff see only
// plans of people their organisation currently serves.
func planScope(q *query, a *auth.Actor) {
	q.scoped("p.place_code", a)
	if a.ProviderSide() {
		if a.ProviderID == "" {
			q.raw(` AND 1=0`)
			return
		}
		q.add(` AND EXISTS (SELECT 1 FROM assignments s JOIN plan_items si ON si.id = s.plan_item_id
			WHERE si.plan_id = p.id AND s.state = 'current' AND s.provider_id = %s)`, q.arg(a.ProviderID))
	}
}

// Plans lists service plans in the actor's scope, newest first, with the
// total number of matches. Items and history are not loaded.
func (db *DB) Plans(ctx context.Context, f plan.Filter) ([]*plan.Plan, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadServices) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	f.Offset = max(f.Offset, 0)
	where := &query{}
	where.raw(` FROM plans p JOIN persons pe ON pe.id = p.person_id WHERE 1=1`)
	planScope(where, a)
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		where.inScope("p.place_code", *f.PlaceCode)
	}
	if f.State != nil {
		where.add(` AND p.state = %s`, where.arg(string(*f.State)))
	}
	if f.PersonID != nil {
		where.add(` AND p.person_id = %s`, where.arg(*f.PersonID))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + planCols + where.String())
	list.add(` ORDER BY p.created_at DESC, p.id DESC LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*plan.Plan{}
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, p)
	}
	return out, total, translate(rows.Err())
}

// planTx reads one plan in the actor's scope, without items.
func (db *DB) planTx(ctx context.Context, q querier, id string) (*plan.Plan, error) {
	s := &query{}
	s.add(`SELECT `+planCols+` FROM plans p JOIN persons pe ON pe.id = p.person_id WHERE p.id = %s`, s.arg(id))
	planScope(s, actorOf(ctx))
	p, err := scanPlan(q.QueryRowContext(ctx, s.String(), s.args...))
	return p, translate(err)
}

// Plan returns a plan in the actor's scope with its items, each item's
// current workers, and its history, oldest change first.
func (db *DB) Plan(ctx context.Context, id string) (*plan.Plan, error) {
	if !actorOf(ctx).Can(auth.ReadServices) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	p, err := db.planTx(ctx, db.r, id)
	if err != nil {
		return nil, err
	}
	if p.Items, err = planItems(ctx, db.r, p.ID); err != nil {
		return nil, err
	}
	if err := loadAssignees(ctx, db.r, p.Items); err != nil {
		return nil, err
	}
	p.History, err = planHistory(ctx, db.r, p.ID)
	return p, err
}

// PlanForPerson returns the person's plan that is running (active or
// paused), else the newest one; not found when the person has none.
func (db *DB) PlanForPerson(ctx context.Context, personID string) (*plan.Plan, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadServices) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	s := &query{}
	s.add(`SELECT p.id FROM plans p WHERE p.person_id = %s`, s.arg(personID))
	planScope(s, a)
	s.raw(` ORDER BY CASE WHEN p.state IN ('active', 'paused') THEN 0 ELSE 1 END, p.created_at DESC, p.id DESC LIMIT 1`)
	var id string
	if err := db.r.QueryRowContext(ctx, s.String(), s.args...).Scan(&id); err != nil {
		return nil, translate(err)
	}
	return db.Plan(ctx, id)
}

// planItems reads a plan's items (removed ones too), with the current
// catalogue name.
func planItems(ctx context.Context, q querier, planID string) ([]*plan.Item, error) {
	rows, err := q.QueryContext(ctx, `SELECT i.id, i.item_code, COALESCE((SELECT c.name FROM catalog_items c WHERE c.code = i.item_code
		ORDER BY c.version DESC LIMIT 1), i.item_code), i.times, i.every_weeks, i.minutes, i.window_from, i.window_to, i.active
		FROM plan_items i WHERE i.plan_id = $1 ORDER BY i.active DESC, i.item_code`, planID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []*plan.Item{}
	for rows.Next() {
		var it plan.Item
		if err := rows.Scan(&it.ID, &it.ItemCode, &it.ItemName, &it.Times, &it.EveryWeeks, &it.Minutes, &it.WindowFrom, &it.WindowTo, &it.Active); err != nil {
			return nil, translate(err)
		}
		it.Units = plan.WeeklyUnits(it.Times, it.EveryWeeks)
		it.Workers = []plan.Assignee{}
		out = append(out, &it)
	}
	return out, translate(rows.Err())
}

// loadAssignees fills each item's current workers from the assignments
// matching confirmed (state current).
func loadAssignees(ctx context.Context, q querier, items []*plan.Item) error {
	for _, it := range items {
		rows, err := q.QueryContext(ctx, `SELECT s.unit, s.id, s.worker_id, COALESCE(w.name, ''), s.provider_id, COALESCE(pr.name, '')
			FROM assignments s LEFT JOIN workers w ON w.id = s.worker_id LEFT JOIN providers pr ON pr.id = s.provider_id
			WHERE s.plan_item_id = $1 AND s.state = 'current' ORDER BY s.unit`, it.ID)
		if err != nil {
			return translate(err)
		}
		for rows.Next() {
			var w plan.Assignee
			if err := rows.Scan(&w.Unit, &w.AssignmentID, &w.WorkerID, &w.WorkerName, &w.ProviderID, &w.ProviderName); err != nil {
				rows.Close()
				return translate(err)
			}
			it.Workers = append(it.Workers, w)
		}
		if err := rows.Close(); err != nil {
			return translate(err)
		}
	}
	return nil
}

func planHistory(ctx context.Context, q querier, planID string) ([]plan.Change, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, actor_id, action, reason, before_json, after_json FROM plan_changes
		WHERE plan_id = $1 ORDER BY id`, planID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []plan.Change{}
	for rows.Next() {
		var c plan.Change
		var before, after string
		if err := rows.Scan(&c.ID, &c.At, &c.ActorID, &c.Action, &c.Reason, &before, &after); err != nil {
			return nil, translate(err)
		}
		c.At, c.Before, c.After = c.At.UTC(), []byte(before), []byte(after)
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// planChange records a change of a plan in its history.
func (tx *Tx) planChange(planID, action, reason string, before, after any) error {
	_, err := tx.Exec(`INSERT INTO plan_changes (plan_id, at, actor_id, action, reason, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		planID, tx.now, tx.actor.Username, action, reason, mustJSON(before), mustJSON(after))
	return err
}

// today is the local date of the transaction's clock: orders on it and
// later are "future" ones that plan changes may cancel.
func (tx *Tx) today() string { return plan.Today(tx.now) }
