package store

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// planWeek makes a week's work orders, under Place ("" = everywhere).
// Repeat marks the weekly run: after it, the next week's run is enqueued
// for Friday 18:00 local, so the job repeats for as long as jobs run.
type planWeek struct {
	Week   string `json:"week"` // the Monday, YYYY-MM-DD
	Place  string `json:"place,omitempty"`
	Repeat bool   `json:"repeat,omitempty"`
}

func (planWeek) Kind() string { return "plan_week" }

// InsertOpts makes the weekly run unique per week, so starting the chain
// twice schedules it once.
func (planWeek) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type planWeekWorker struct {
	river.WorkerDefaults[planWeek]
	db *DB
}

func (w *planWeekWorker) Work(ctx context.Context, j *river.Job[planWeek]) error {
	return w.db.runPlanWeek(System(ctx), j.Args)
}

// runPlanWeek generates the week's orders and, for the weekly run, then
// enqueues the next one: a failing week is retried before the chain moves
// on, and a retry after the enqueue failed generates nothing twice.
func (db *DB) runPlanWeek(ctx context.Context, j planWeek) error {
	monday, err := plan.ParseDay(j.Week)
	if err != nil {
		return err
	}
	if _, err := db.GenerateWeek(ctx, monday, j.Place); err != nil {
		return err
	}
	if !j.Repeat {
		return nil
	}
	next := monday.AddDate(0, 0, 7)
	return db.inTx(ctx, func(tx *Tx) error {
		return tx.enqueue(planWeek{Week: next.Format(time.DateOnly), Repeat: true}, plan.NextRun(monday))
	})
}

// EnqueueWeek asks for the orders of the week of monday in the actor's
// area to be made now, in the background.
func (db *DB) EnqueueWeek(ctx context.Context, monday time.Time) error {
	a := actorOf(ctx)
	if !a.Can(auth.ManagePlans) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	if !a.System && (a.Scope == "" || a.Scope == "-") {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		return tx.enqueue(planWeek{Week: plan.Monday(monday).Format(time.DateOnly), Place: a.Scope}, time.Time{})
	})
}

// startWeeklyOrders schedules the weekly order run for the coming week
// (Friday 18:00 local of this week, or at once if that has passed), unless
// it is scheduled already.
func (db *DB) startWeeklyOrders(ctx context.Context) error {
	now := db.clock()
	next := plan.NextMonday(now)
	at := plan.NextRun(plan.Monday(now))
	if at.Before(now) {
		at = time.Time{}
	}
	return db.inTx(System(ctx), func(tx *Tx) error {
		return tx.enqueue(planWeek{Week: next.Format(time.DateOnly), Repeat: true}, at)
	})
}
