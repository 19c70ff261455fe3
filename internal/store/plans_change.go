package store

import (
	"context"
	"errors"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// changePlan runs fn on a plan in the actor's scope that is still open
// (active or paused) and at version, then bumps the version; it returns the
// plan as it is afterwards.
func (db *DB) changePlan(ctx context.Context, id string, version int, fn func(tx *Tx, p *plan.Plan) error) (*plan.Plan, error) {
	if !actorOf(ctx).Can(auth.ManagePlans) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		p, err := db.planTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.Version != version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": p.Version}}
		}
		if !p.State.Open() {
			return errs.New(errs.Conflict, "err.plan.closed")
		}
		if err := fn(tx, p); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE plans SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3`, tx.now, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.New(errs.Conflict, "err.version_conflict")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return db.Plan(ctx, id)
}

// planItemTx reads an item of a plan.
func (tx *Tx) planItemTx(planID, itemID string) (*plan.Item, error) {
	var it plan.Item
	err := tx.QueryRow(`SELECT id, item_code, times, every_weeks, minutes, window_from, window_to, active FROM plan_items WHERE id = $1 AND plan_id = $2`,
		itemID, planID).Scan(&it.ID, &it.ItemCode, &it.Times, &it.EveryWeeks, &it.Minutes, &it.WindowFrom, &it.WindowTo, &it.Active)
	if err != nil {
		return nil, translate(err)
	}
	return &it, nil
}

func freqOf(it *plan.Item) plan.Frequency {
	return plan.Frequency{Times: it.Times, EveryWeeks: it.EveryWeeks, WindowFrom: it.WindowFrom, WindowTo: it.WindowTo}
}

// UpdatePlanItem changes how often and when an item is delivered, with a
// reason kept in the plan's history (before and after). Future orders
// follow: those no longer due are cancelled, the rest take the new window
// and the worker of their unit; assignments of units the item no longer
// has end.
func (db *DB) UpdatePlanItem(ctx context.Context, planID, itemID string, version int, f plan.Frequency, reason string) (*plan.Plan, error) {
	reason, rerr := plan.CheckReason(reason)
	return db.changePlan(ctx, planID, version, func(tx *Tx, p *plan.Plan) error {
		it, err := tx.planItemTx(planID, itemID)
		if err != nil {
			return err
		}
		if !it.Active {
			return errs.New(errs.Conflict, "err.plan.item_removed")
		}
		if err := mergeInvalid(f.Validate(it.Minutes), rerr); err != nil {
			return err
		}
		before := freqOf(it)
		if before == f {
			return errs.New(errs.Invalid, "err.plan.unchanged")
		}
		if _, err := tx.Exec(`UPDATE plan_items SET times = $1, every_weeks = $2, window_from = $3, window_to = $4, updated_at = $5 WHERE id = $6`,
			f.Times, f.EveryWeeks, f.WindowFrom, f.WindowTo, tx.now, itemID); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE assignments SET state = 'ended', updated_at = $1 WHERE plan_item_id = $2 AND state = 'current' AND unit >= $3`,
			tx.now, itemID, plan.WeeklyUnits(f.Times, f.EveryWeeks)); err != nil {
			return err
		}
		if err := tx.syncItemOrders(p.StartsOn, itemID); err != nil {
			return err
		}
		if err := tx.planChange(planID, "item.update", reason, map[string]any{"item": it.ItemCode, "frequency": before},
			map[string]any{"item": it.ItemCode, "frequency": f}); err != nil {
			return err
		}
		return tx.audit("plan.item.update", "plan", planID, p.PlaceCode, map[string]any{"item": it.ItemCode})
	})
}

// AddPlanItem adds a catalogue item to a plan; a zero frequency takes the
// catalogue's typical one and the default window. A removed item comes back
// with the new frequency.
func (db *DB) AddPlanItem(ctx context.Context, planID string, version int, code string, f plan.Frequency, reason string) (*plan.Plan, error) {
	reason, rerr := plan.CheckReason(reason)
	return db.changePlan(ctx, planID, version, func(tx *Tx, p *plan.Plan) error {
		var minutes, times, every int
		var active bool
		err := tx.QueryRow(`SELECT minutes, times, every_weeks, active FROM catalog_items WHERE code = $1 ORDER BY version DESC LIMIT 1`, code).
			Scan(&minutes, &times, &every, &active)
		if errs.Is(translate(err), errs.NotFound) || (err == nil && !active) {
			return errs.InvalidField("item_code", "err.plan.item_unknown", nil)
		} else if err != nil {
			return err
		}
		if f.Times == 0 && f.EveryWeeks == 0 {
			f.Times, f.EveryWeeks = times, every
		}
		if f.WindowFrom == 0 && f.WindowTo == 0 {
			f.WindowFrom, f.WindowTo = plan.DefaultFrom, plan.DefaultTo
		}
		if err := mergeInvalid(f.Validate(minutes), rerr); err != nil {
			return err
		}
		var itemID string
		var was bool
		err = tx.QueryRow(`SELECT id, active FROM plan_items WHERE plan_id = $1 AND item_code = $2`, planID, code).Scan(&itemID, &was)
		switch {
		case err == nil && was:
			return errs.InvalidField("item_code", "err.plan.item_exists", nil)
		case err == nil:
			_, err = tx.Exec(`UPDATE plan_items SET times = $1, every_weeks = $2, window_from = $3, window_to = $4, minutes = $5, active = $6, updated_at = $7
				WHERE id = $8`, f.Times, f.EveryWeeks, f.WindowFrom, f.WindowTo, minutes, true, tx.now, itemID)
		case errs.Is(translate(err), errs.NotFound):
			itemID, err = tx.insertPlanItem(planID, code, minutes, f)
		}
		if err != nil {
			return err
		}
		if err := tx.planChange(planID, "item.add", reason, map[string]any{}, map[string]any{"item": code, "frequency": f}); err != nil {
			return err
		}
		if err := tx.enqueue(matchNew{PlanItemID: itemID}, time.Time{}); err != nil {
			return err
		}
		return tx.audit("plan.item.add", "plan", planID, p.PlaceCode, map[string]any{"item": code})
	})
}

// RemovePlanItem stops an item: its future orders are cancelled and its
// current assignments end. The item stays in the plan, inactive, for the
// record.
func (db *DB) RemovePlanItem(ctx context.Context, planID, itemID string, version int, reason string) (*plan.Plan, error) {
	reason, rerr := plan.CheckReason(reason)
	return db.changePlan(ctx, planID, version, func(tx *Tx, p *plan.Plan) error {
		if rerr != nil {
			return rerr
		}
		it, err := tx.planItemTx(planID, itemID)
		if err != nil {
			return err
		}
		if !it.Active {
			return errs.New(errs.Conflict, "err.plan.item_removed")
		}
		if _, err := tx.Exec(`UPDATE plan_items SET active = $1, updated_at = $2 WHERE id = $3`, false, tx.now, itemID); err != nil {
			return err
		}
		if err := tx.endItems(planID, itemID, plan.ReasonRemoved); err != nil {
			return err
		}
		if err := tx.planChange(planID, "item.remove", reason, map[string]any{"item": it.ItemCode, "frequency": freqOf(it)}, map[string]any{}); err != nil {
			return err
		}
		return tx.audit("plan.item.remove", "plan", planID, p.PlaceCode, map[string]any{"item": it.ItemCode})
	})
}

// endItems cancels the future orders and ends the current assignments of
// one item (itemID) or of every item of a plan (itemID "").
func (tx *Tx) endItems(planID, itemID, reason string) error {
	cond, arg, items := `plan_id = $1`, planID, `(SELECT id FROM plan_items WHERE plan_id = $1)`
	if itemID != "" {
		cond, arg, items = `plan_item_id = $1`, itemID, `($1)`
	}
	if err := tx.cancelFutureOrders(cond, arg, reason); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE assignments SET state = 'ended', updated_at = $2 WHERE state = 'current' AND plan_item_id IN `+items, arg, tx.now)
	return err
}

// PausePlan stops an active plan for a while: its future orders are
// cancelled, its workers stay assigned.
func (db *DB) PausePlan(ctx context.Context, id string, version int, reason string) (*plan.Plan, error) {
	return db.setPlanState(ctx, id, version, reason, plan.Active, plan.Paused)
}

// ResumePlan restarts a paused plan: the orders the pause cancelled that are
// still ahead come back, with the current workers.
func (db *DB) ResumePlan(ctx context.Context, id string, version int, reason string) (*plan.Plan, error) {
	return db.setPlanState(ctx, id, version, reason, plan.Paused, plan.Active)
}

// CancelPlan stops a plan for good: future orders are cancelled and the
// current assignments end.
func (db *DB) CancelPlan(ctx context.Context, id string, version int, reason string) (*plan.Plan, error) {
	return db.setPlanState(ctx, id, version, reason, "", plan.Cancelled)
}

// EndPlan closes a plan that has run its course, ending today: like
// cancelling, but recorded as a normal end.
func (db *DB) EndPlan(ctx context.Context, id string, version int, reason string) (*plan.Plan, error) {
	return db.setPlanState(ctx, id, version, reason, "", plan.Ended)
}

// setPlanState moves a plan from state from ("" = any open state) to to.
func (db *DB) setPlanState(ctx context.Context, id string, version int, reason string, from, to plan.State) (*plan.Plan, error) {
	reason, rerr := plan.CheckReason(reason)
	return db.changePlan(ctx, id, version, func(tx *Tx, p *plan.Plan) error {
		if rerr != nil {
			return rerr
		}
		if from != "" && p.State != from {
			return errs.New(errs.Conflict, "err.plan.state")
		}
		endsOn := p.EndsOn
		var err error
		switch to {
		case plan.Paused:
			err = tx.cancelFutureOrders(`plan_id = $1`, id, plan.ReasonPaused)
		case plan.Active:
			err = tx.resumeOrders(p)
		case plan.Cancelled:
			err = tx.endItems(id, "", plan.ReasonCancelled)
		case plan.Ended:
			endsOn = tx.today()
			err = tx.endItems(id, "", plan.ReasonEnded)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE plans SET state = $1, ends_on = $2 WHERE id = $3`, string(to), endsOn, id); err != nil {
			return err
		}
		if err := tx.planChange(id, "state."+string(to), reason, map[string]any{"state": p.State}, map[string]any{"state": to}); err != nil {
			return err
		}
		return tx.audit("plan."+string(to), "plan", id, p.PlaceCode, map[string]any{"from": p.State})
	})
}

// resumeOrders brings back a plan's future orders its pause cancelled:
// they reopen and take the current worker of their unit.
func (tx *Tx) resumeOrders(p *plan.Plan) error {
	if _, err := tx.Exec(`UPDATE orders SET state = 'open', cancel_reason = '', provider_id = '', worker_id = '', assignment_id = '', updated_at = $1
		WHERE plan_id = $2 AND state = 'cancelled' AND cancel_reason = $3 AND day >= $4`,
		tx.now, p.ID, plan.ReasonPaused, tx.today()); err != nil {
		return err
	}
	items, err := tx.column(`SELECT id FROM plan_items WHERE plan_id = $1 AND active = $2 ORDER BY id`, p.ID, true)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := tx.syncItemOrders(p.StartsOn, it); err != nil {
			return err
		}
	}
	return nil
}

// mergeInvalid combines validation errors, so a form shows every bad field
// at once.
func mergeInvalid(list ...error) error {
	var fs errs.Fields
	for _, err := range list {
		var e *errs.Error
		if err == nil {
			continue
		}
		if !errors.As(err, &e) || e.Code != errs.Invalid {
			return err
		}
		fs = append(fs, e.Fields...)
	}
	return fs.Err()
}
