package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
)

// canRunMatching checks that the actor may run matching on placeCode.
func canRunMatching(a *auth.Actor, placeCode string) error {
	if !a.Can(auth.RunMatching) || a.ProviderSide() {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	if !a.Sees(placeCode) {
		return errs.New(errs.NotFound, "err.not_found")
	}
	return nil
}

// NextMonday returns the Monday after day t (UTC): the first week a run
// plans for, whose start certifications must be valid on.
func NextMonday(t time.Time) string {
	d := t.UTC().Truncate(24 * time.Hour)
	n := (8 - int(d.Weekday())) % 7
	if n == 0 {
		n = 7
	}
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

// checkWeek validates a Monday given as YYYY-MM-DD; "" means next Monday.
func (db *DB) checkWeek(week string) (string, error) {
	if week == "" {
		return NextMonday(db.clock()), nil
	}
	d, err := time.Parse(time.DateOnly, week)
	if err != nil || d.Weekday() != time.Monday {
		return "", errs.InvalidField("week", "match.err.week", nil)
	}
	return week, nil
}

// PreviewMatching solves the global matching of every open and assigned
// unit of active plans under placeCode and saves it as a preview run:
// proposed assignments and unassigned units with reasons. Confirmed
// assignments are input (continuity), but the optimum may move them.
// Older previews of the same place are discarded.
func (db *DB) PreviewMatching(ctx context.Context, placeCode, week string) (*match.Run, error) {
	a := actorOf(ctx)
	if err := canRunMatching(a, placeCode); err != nil {
		return nil, err
	}
	week, err := db.checkWeek(week)
	if err != nil {
		return nil, err
	}
	if err := db.placeExists(ctx, placeCode); err != nil {
		return nil, err
	}
	var run *match.Run
	err = db.inTx(ctx, func(tx *Tx) error {
		ds, held, err := loadDemands(ctx, tx, demandSel{scope: placeCode})
		if err != nil {
			return err
		}
		ws, _, err := loadWorkers(ctx, tx, workerSel{scope: placeCode}, held)
		if err != nil {
			return err
		}
		res, err := match.Solve(ds, ws, match.Options{WeekStart: week})
		if err != nil {
			return err
		}
		if err := tx.discardPreviews(placeCode); err != nil {
			return err
		}
		run = &match.Run{ID: uuid.Must(uuid.NewV7()).String(), PlaceCode: placeCode, Kind: match.KindFull, State: match.RunPreview,
			CreatedBy: a.Username, CreatedAt: tx.now, Stats: match.RunStats{Demands: len(ds), Workers: len(ws), Assigned: res.Assigned,
				Unassigned: res.Unassigned, Cost: res.Cost, GreedyCost: res.GreedyCost, GreedyUnassigned: res.GreedyUnassigned, Seconds: res.Seconds}}
		if err := tx.insertRun(run); err != nil {
			return err
		}
		rows := make([]*match.Assignment, len(res.Outcomes))
		for i, o := range res.Outcomes {
			rows[i] = outcomeRow(run.ID, &ds[i], ws, o, match.Proposed, match.SourceEngine)
		}
		if err := tx.insertAssignments(rows); err != nil {
			return err
		}
		return tx.audit("match.preview", "match_run", run.ID, placeCode, run.Stats)
	})
	return run, err
}

// outcomeRow turns an engine outcome into an assignment row: state for a
// chosen worker, unassigned for none.
func outcomeRow(runID string, d *match.Demand, ws []match.Worker, o match.Outcome, state match.State, source string) *match.Assignment {
	r := &match.Assignment{RunID: runID, PlanItemID: d.PlanItemID, Unit: d.Unit, PersonID: d.PersonID, PlaceCode: d.Village,
		ItemCode: d.Item, State: state, Source: source, Cost: o.Cost, Explanation: o.Explanation}
	if o.Worker < 0 {
		r.State = match.Unassigned
	} else {
		r.WorkerID, r.ProviderID, r.WorkerName = ws[o.Worker].ID, ws[o.Worker].ProviderID, ws[o.Worker].Name
	}
	return r
}

func (db *DB) placeExists(ctx context.Context, code string) error {
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM places WHERE code = $1`, code).Scan(&n); err != nil {
		return translate(err)
	}
	if n == 0 {
		return errs.InvalidField("place_code", "match.err.place", nil)
	}
	return nil
}

func (tx *Tx) insertRun(r *match.Run) error {
	var decided any
	if r.DecidedAt != nil {
		decided = *r.DecidedAt
	}
	_, err := tx.Exec(`INSERT INTO match_runs (id, place_code, kind, state, stats, created_by, created_at, decided_by, decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		r.ID, r.PlaceCode, r.Kind, r.State, mustJSON(r.Stats), r.CreatedBy, r.CreatedAt, r.DecidedBy, decided)
	return err
}

// insertAssignments writes rows in batches, giving each an id and times.
func (tx *Tx) insertAssignments(rows []*match.Assignment) error {
	const batch = 100
	for start := 0; start < len(rows); start += batch {
		q := &query{}
		q.raw(`INSERT INTO assignments (id, run_id, plan_item_id, unit, person_id, place_code, item_code, provider_id, worker_id, state,
			source, cost, explanation, reason_code, reason, decided_by, created_at, updated_at) VALUES `)
		for i, r := range rows[start:min(start+batch, len(rows))] {
			if r.ID == "" {
				r.ID = uuid.Must(uuid.NewV7()).String()
			}
			r.CreatedAt, r.UpdatedAt = tx.now, tx.now
			if i > 0 {
				q.raw(", ")
			}
			vals := []any{r.ID, r.RunID, r.PlanItemID, r.Unit, r.PersonID, r.PlaceCode, r.ItemCode, r.ProviderID, r.WorkerID, string(r.State),
				r.Source, r.Cost, mustJSON(r.Explanation), r.ReasonCode, r.Reason, r.DecidedBy, tx.now}
			q.raw("(")
			for k, v := range vals {
				if k > 0 {
					q.raw(", ")
				}
				q.raw(q.arg(v))
			}
			q.add(", %s)", q.arg(tx.now))
		}
		if _, err := tx.Exec(q.String(), q.args...); err != nil {
			return err
		}
	}
	return nil
}

// discardPreviews discards the open previews of placeCode.
func (tx *Tx) discardPreviews(placeCode string) error {
	if _, err := tx.Exec(`UPDATE assignments SET state = $1, updated_at = $2 WHERE run_id IN
		(SELECT id FROM match_runs WHERE place_code = $3 AND state = $4)`, string(match.Discarded), tx.now, placeCode, match.RunPreview); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE match_runs SET state = $1, decided_by = $2, decided_at = $3 WHERE place_code = $4 AND state = $5`,
		match.RunDiscarded, tx.actor.Username, tx.now, placeCode, match.RunPreview)
	return err
}
