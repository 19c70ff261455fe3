package store

import (
	"context"

	"github.com/riverqueue/river"

	"jiuzhu/internal/errs"
)

// matchNew matches the open units of a new plan (PlanID) or of one plan item
// (PlanItemID) incrementally, right after the transaction that opened them
// commits: a case approved mid-week, an added item or a declined unit gets a
// worker without waiting for the next full run, and no one else moves.
type matchNew struct {
	PlanID     string `json:"plan_id,omitempty"`
	PlanItemID string `json:"plan_item_id,omitempty"`
}

func (matchNew) Kind() string { return "match_new" }

func (matchNew) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 5} }

type matchNewWorker struct {
	river.WorkerDefaults[matchNew]
	db *DB
}

func (w *matchNewWorker) Work(ctx context.Context, j *river.Job[matchNew]) error {
	return w.db.runMatchNew(System(ctx), j.Args)
}

// runMatchNew matches each active item of the job's plan, or its one item.
// An item that has since stopped or gone (conflict, not found) has nothing
// left to match, so it ends the job rather than retrying it.
func (db *DB) runMatchNew(ctx context.Context, j matchNew) error {
	items := []string{j.PlanItemID}
	if j.PlanID != "" {
		var err error
		if items, err = db.activePlanItems(ctx, j.PlanID); err != nil {
			return err
		}
	}
	for _, id := range items {
		_, err := db.MatchIncremental(ctx, id)
		if err != nil && !errs.Is(err, errs.Conflict) && !errs.Is(err, errs.NotFound) {
			return err
		}
	}
	return nil
}

func (db *DB) activePlanItems(ctx context.Context, planID string) ([]string, error) {
	rows, err := db.w.QueryContext(ctx, `SELECT id FROM plan_items WHERE plan_id = $1 AND active = $2 ORDER BY item_code`, planID, true)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
