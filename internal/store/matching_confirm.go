package store

import (
	"context"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
)

// ConfirmRun makes a preview's proposals current: the previous current
// assignment of each unit is superseded, its future orders go back to open
// when the worker changes, and open orders get the new worker. A unit the
// run left open loses its current worker.
func (db *DB) ConfirmRun(ctx context.Context, runID string) (*match.Run, error) {
	return db.decideRun(ctx, runID, true)
}

// DiscardRun drops a preview; nothing current changes.
func (db *DB) DiscardRun(ctx context.Context, runID string) (*match.Run, error) {
	return db.decideRun(ctx, runID, false)
}

func (db *DB) decideRun(ctx context.Context, runID string, confirm bool) (*match.Run, error) {
	a := actorOf(ctx)
	var run *match.Run
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if run, err = scanRun(tx.QueryRow(`SELECT `+runCols+` FROM match_runs r WHERE r.id = $1`, runID)); err != nil {
			return err
		}
		if err := canRunMatching(a, run.PlaceCode); err != nil {
			return err
		}
		if run.State != match.RunPreview {
			return errs.New(errs.Conflict, "match.err.not_preview")
		}
		run.State, run.DecidedBy, run.DecidedAt = match.RunDiscarded, a.Username, &tx.now
		if confirm {
			run.State = match.RunConfirmed
			if err := tx.confirmRows(runID); err != nil {
				return err
			}
		} else if _, err := tx.Exec(`UPDATE assignments SET state = $1, updated_at = $2 WHERE run_id = $3`,
			string(match.Discarded), tx.now, runID); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE match_runs SET state = $1, decided_by = $2, decided_at = $3 WHERE id = $4`,
			run.State, a.Username, tx.now, runID); err != nil {
			return err
		}
		return tx.audit("match."+map[bool]string{true: "confirm", false: "discard"}[confirm], "match_run", runID, run.PlaceCode, nil)
	})
	return run, err
}

func (tx *Tx) confirmRows(runID string) error {
	type row struct {
		id, item, worker, provider string
		unit                       int
		state                      match.State
	}
	var rows []row
	q := &query{}
	q.add(`SELECT id, plan_item_id, unit, worker_id, provider_id, state FROM assignments WHERE run_id = %s ORDER BY plan_item_id, unit`, q.arg(runID))
	if err := eachRow(tx.ctx, tx, q, func(scan func(...any) error) error {
		var r row
		err := scan(&r.id, &r.item, &r.unit, &r.worker, &r.provider, &r.state)
		rows = append(rows, r)
		return err
	}); err != nil {
		return err
	}
	for _, r := range rows {
		if err := tx.vacate(r.item, r.unit, r.worker, runID); err != nil {
			return err
		}
		if r.state != match.Proposed {
			continue
		}
		if _, err := tx.Exec(`UPDATE assignments SET state = $1, decided_by = $2, updated_at = $3 WHERE id = $4`,
			string(match.Current), tx.actor.Username, tx.now, r.id); err != nil {
			return err
		}
		if err := tx.assignOpenOrders(r.item, r.unit, r.provider, r.worker, r.id); err != nil {
			return err
		}
	}
	return nil
}

// vacate supersedes the unit's current assignment and its standing
// "unassigned" records (except those of run keepRun), releasing the unit's
// future orders unless the worker stays the same.
func (tx *Tx) vacate(item string, unit int, nextWorker, keepRun string) error {
	var id, worker string
	err := tx.QueryRow(`SELECT id, worker_id FROM assignments WHERE plan_item_id = $1 AND unit = $2 AND state = $3`,
		item, unit, string(match.Current)).Scan(&id, &worker)
	switch {
	case errs.Is(translate(err), errs.NotFound):
	case err != nil:
		return err
	default:
		if _, err := tx.Exec(`UPDATE assignments SET state = $1, updated_at = $2 WHERE id = $3`, string(match.Superseded), tx.now, id); err != nil {
			return err
		}
		if worker != nextWorker {
			if err := tx.releaseFutureOrders(item, unit); err != nil {
				return err
			}
		}
	}
	_, err = tx.Exec(`UPDATE assignments SET state = $1, updated_at = $2 WHERE plan_item_id = $3 AND unit = $4 AND state = $5 AND run_id <> $6`,
		string(match.Superseded), tx.now, item, unit, string(match.Unassigned), keepRun)
	return err
}
