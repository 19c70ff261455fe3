package store

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"jiuzhu/internal/jobs"
)

// openJobs prepares the background job runner on the writer pool: River's
// tables are migrated and every worker registered, so transactions can
// enqueue at once; workers run only after StartJobs.
func (db *DB) openJobs(ctx context.Context, poll time.Duration) error {
	r, err := jobs.New(db.w, jobs.Dialect(db.dialect), db.log, jobs.Options{FetchPollInterval: poll})
	if err != nil {
		return err
	}
	if err := r.Migrate(ctx); err != nil {
		return err
	}
	if err := jobs.Register(r, &deadlineWorker{db: db}); err != nil {
		return err
	}
	if err := jobs.Register(r, &smsWorker{db: db}); err != nil {
		return err
	}
	if err := jobs.Register(r, &surveyWorker{db: db}); err != nil {
		return err
	}
	if err := jobs.Register(r, &planWeekWorker{db: db}); err != nil {
		return err
	}
	if err := jobs.Register(r, &matchNewWorker{db: db}); err != nil {
		return err
	}
	db.jobs = r
	return nil
}

// StartJobs starts the background workers (deadlines, reminders) and the
// audit sealer; they stop when ctx ends or the store closes. Jobs due while
// no worker ran, such as during a restart, run as soon as workers start.
func (db *DB) StartJobs(ctx context.Context) error {
	if err := db.startWeeklyOrders(ctx); err != nil {
		return err
	}
	db.startSealer(ctx)
	return db.jobs.Start(ctx)
}

// enqueue writes a job in the transaction: it exists only if tx commits.
func (tx *Tx) enqueue(args river.JobArgs, at time.Time) error {
	return tx.db.jobs.Enqueue(tx.ctx, tx.Tx, args, at)
}

// approvalDeadline fires at a step's deadline, or at its reminder time when
// Remind is set. Due identifies the step: when the case has moved on since,
// the job does nothing.
type approvalDeadline struct {
	ApplicationID string    `json:"application_id"`
	Due           time.Time `json:"due"`
	Remind        bool      `json:"remind"`
}

func (approvalDeadline) Kind() string { return "approval_deadline" }

func (approvalDeadline) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 10} }

type deadlineWorker struct {
	river.WorkerDefaults[approvalDeadline]
	db *DB
}

func (w *deadlineWorker) Work(ctx context.Context, j *river.Job[approvalDeadline]) error {
	return w.db.fireDeadline(System(ctx), j.Args)
}
