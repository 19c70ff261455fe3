package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
)

// Override gives the unit of an assignment to a worker chosen by staff,
// with a recorded reason: any feasible worker, or with Force and a reason
// one who breaks a hard constraint (the broken constraint is recorded).
func (db *DB) Override(ctx context.Context, assignmentID string, o match.Override) (*match.Assignment, error) {
	cur, err := db.Assignment(ctx, assignmentID)
	if err != nil {
		return nil, err
	}
	return db.OverrideUnit(ctx, cur.PlanItemID, cur.Unit, o)
}

// OverrideUnit is Override for a (plan item, unit), matched or not.
func (db *DB) OverrideUnit(ctx context.Context, planItemID string, unit int, o match.Override) (*match.Assignment, error) {
	a := actorOf(ctx)
	if !a.Can(auth.RunMatching) || a.ProviderSide() {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	week := NextMonday(db.clock())
	var out *match.Assignment
	err := db.inTx(ctx, func(tx *Tx) error {
		d, held, err := tx.loadUnit(planItemID, unit)
		if err != nil {
			return err
		}
		ws, _, err := loadWorkers(ctx, tx, workerSel{id: o.WorkerID}, held)
		if err != nil {
			return err
		}
		if len(ws) == 0 {
			return errs.InvalidField("worker_id", "match.err.worker", nil)
		}
		w := &ws[0]
		ok, broken := match.Feasible(d, w, week)
		if !ok && !o.Force {
			return &errs.Error{Code: errs.Invalid, Key: "err.invalid", Fields: []errs.Field{{Name: "worker_id", Key: "match.err.infeasible." + string(broken),
				Args: map[string]any{"Check": string(broken)}}}}
		}
		parts := match.Costs(d, w)
		parts.Load = match.TierCost(w.Capacity, w.Capacity-w.Remaining)
		expl := match.Explanation{Cost: parts.Total(), Parts: parts, Broken: string(broken)}
		out, err = tx.setCurrent(d, w, expl, match.KindOverride, match.SourceOverride, o.ReasonCode, o.Reason)
		if err != nil {
			return err
		}
		return tx.audit("match.override", "assignment", out.ID, d.Village, map[string]any{"plan_item": planItemID, "unit": unit,
			"worker": w.ID, "reason_code": o.ReasonCode, "forced": !ok})
	})
	if err != nil {
		return nil, err
	}
	return db.Assignment(ctx, out.ID)
}

// loadUnit reads one demand of a plan item in the actor's scope.
func (tx *Tx) loadUnit(planItemID string, unit int) (*match.Demand, map[unitKey]heldUnit, error) {
	ds, held, err := loadDemands(tx.ctx, tx, demandSel{scope: actorScope(tx.actor), planItem: planItemID})
	if err != nil {
		return nil, nil, err
	}
	for i := range ds {
		if ds[i].Unit == unit {
			return &ds[i], map[unitKey]heldUnit{{planItemID, unit}: held[unitKey{planItemID, unit}]}, nil
		}
	}
	return nil, nil, errs.New(errs.NotFound, "err.not_found")
}

// actorScope is the subtree a staff actor works in; the system sees all.
func actorScope(a *auth.Actor) string {
	if a.System {
		return ""
	}
	if a.Scope == "" {
		return "-" // fail closed
	}
	return a.Scope
}

// setCurrent makes w the current worker of d's unit in a confirmed run of
// kind made for this decision, and hands it the unit's open orders.
func (tx *Tx) setCurrent(d *match.Demand, w *match.Worker, expl match.Explanation, kind, source, reasonCode, reason string) (*match.Assignment, error) {
	run := &match.Run{ID: uuid.Must(uuid.NewV7()).String(), PlaceCode: d.Village, Kind: kind, State: match.RunConfirmed,
		Stats: match.RunStats{Demands: 1, Workers: 1, Assigned: 1, Cost: expl.Cost}, CreatedBy: tx.actor.Username, CreatedAt: tx.now,
		DecidedBy: tx.actor.Username, DecidedAt: &tx.now}
	if err := tx.insertRun(run); err != nil {
		return nil, err
	}
	if err := tx.vacate(d.PlanItemID, d.Unit, w.ID, ""); err != nil {
		return nil, err
	}
	r := outcomeRow(run.ID, d, []match.Worker{*w}, match.Outcome{Worker: 0, Explanation: expl}, match.Current, source)
	r.ReasonCode, r.Reason, r.DecidedBy = reasonCode, reason, tx.actor.Username
	if err := tx.insertAssignments([]*match.Assignment{r}); err != nil {
		return nil, err
	}
	return r, tx.assignOpenOrders(d.PlanItemID, d.Unit, w.ProviderID, w.ID, r.ID)
}

// Decline records a provider's refusal of a current assignment with a
// structured reason: the unit's future orders go back to open, the unit is
// open for matching again and the worker is never proposed for it again.
// Only the provider's staff (or the worker) may decline, and only their own.
func (db *DB) Decline(ctx context.Context, assignmentID string, d match.Decline) (*match.Assignment, error) {
	a := actorOf(ctx)
	if !a.Can(auth.RespondOrders) || !a.ProviderSide() {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		cur, err := db.assignment(ctx, tx, assignmentID)
		if err != nil {
			return err
		}
		if cur.State != match.Current {
			return errs.New(errs.Conflict, "match.err.not_current")
		}
		if _, err := tx.Exec(`UPDATE assignments SET state = $1, reason_code = $2, reason = $3, decided_by = $4, updated_at = $5 WHERE id = $6`,
			string(match.Declined), d.ReasonCode, d.Reason, a.Username, tx.now, cur.ID); err != nil {
			return err
		}
		if err := tx.releaseFutureOrders(cur.PlanItemID, cur.Unit); err != nil {
			return err
		}
		// Back to matching: the next best worker, never the one who declined.
		if err := tx.enqueue(matchNew{PlanItemID: cur.PlanItemID}, time.Time{}); err != nil {
			return err
		}
		return tx.audit("match.decline", "assignment", cur.ID, cur.PlaceCode, map[string]any{"reason_code": d.ReasonCode, "worker": cur.WorkerID})
	})
	if err != nil {
		return nil, err
	}
	return db.Assignment(ctx, assignmentID)
}

// MatchIncremental matches the open units of one plan item (no current
// assignment) without moving anyone else: each gets the cheapest feasible
// worker among those offering the item and covering the village, with the
// capacity confirmed assignments leave. Units no one can take are recorded
// as unassigned with the reason. It returns the new records.
func (db *DB) MatchIncremental(ctx context.Context, planItemID string) ([]*match.Assignment, error) {
	a := actorOf(ctx)
	if !(a.Can(auth.RunMatching) || a.Can(auth.ManagePlans)) || a.ProviderSide() {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	week := NextMonday(db.clock())
	var out []*match.Assignment
	err := db.inTx(ctx, func(tx *Tx) error {
		ds, held, err := loadDemands(ctx, tx, demandSel{scope: actorScope(a), planItem: planItemID})
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return tx.planItemState(planItemID)
		}
		ws, _, err := loadWorkers(ctx, tx, workerSel{scope: ds[0].Village, item: ds[0].Item}, nil)
		if err != nil {
			return err
		}
		for i := range ds {
			d := &ds[i]
			if _, ok := held[unitKey{d.PlanItemID, d.Unit}]; ok {
				continue
			}
			o := match.Incremental(d, ws, match.Options{WeekStart: week})
			if o.Worker < 0 {
				r, err := tx.recordOpen(d, o)
				if err != nil {
					return err
				}
				out = append(out, r)
				continue
			}
			r, err := tx.setCurrent(d, &ws[o.Worker], o.Explanation, match.KindIncremental, match.SourceIncremental, "", "")
			if err != nil {
				return err
			}
			ws[o.Worker].Remaining--
			out = append(out, r)
		}
		return tx.audit("match.incremental", "plan_item", planItemID, ds[0].Village, map[string]any{"units": len(out)})
	})
	return out, err
}

// recordOpen writes an "unassigned" record for d with the engine's reason.
func (tx *Tx) recordOpen(d *match.Demand, o match.Outcome) (*match.Assignment, error) {
	run := &match.Run{ID: uuid.Must(uuid.NewV7()).String(), PlaceCode: d.Village, Kind: match.KindIncremental, State: match.RunConfirmed,
		Stats: match.RunStats{Demands: 1, Unassigned: 1, Cost: o.Cost}, CreatedBy: tx.actor.Username, CreatedAt: tx.now,
		DecidedBy: tx.actor.Username, DecidedAt: &tx.now}
	if err := tx.insertRun(run); err != nil {
		return nil, err
	}
	if err := tx.vacate(d.PlanItemID, d.Unit, "", run.ID); err != nil {
		return nil, err
	}
	r := outcomeRow(run.ID, d, nil, o, match.Unassigned, match.SourceIncremental)
	return r, tx.insertAssignments([]*match.Assignment{r})
}

// planItemState explains why a plan item has nothing to match: unknown or
// out of scope (not found), or not active (conflict).
func (tx *Tx) planItemState(id string) error {
	var place string
	if err := tx.QueryRow(`SELECT p.place_code FROM plan_items pi JOIN plans p ON p.id = pi.plan_id WHERE pi.id = $1`, id).Scan(&place); err != nil {
		return err
	}
	if !tx.actor.Sees(place) {
		return errs.New(errs.NotFound, "err.not_found")
	}
	return errs.New(errs.Conflict, "match.err.item_inactive")
}
