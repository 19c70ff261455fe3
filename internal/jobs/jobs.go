// Package jobs runs jiuzhu's background work on River, on SQLite
// (riversqlite) and PostgreSQL (riverdatabasesql over pgx's stdlib adapter).
// Both drivers give a River client over *sql.Tx, so Enqueue writes a job in
// the caller's transaction on either database: a job exists exactly when the
// change that caused it commits, and it survives restarts because it is a row.
//
// The SQLite driver is young, so the rest of jiuzhu sees River only through
// this package: New, Register, Migrate, Start, Stop and Enqueue.
//
// Pools. Runner uses the app's writer pool, not one of its own:
//
//   - SQLite: the writer pool with SetMaxOpenConns(1), as riversqlite itself
//     recommends (River runs many small operations concurrently, and two
//     SQLite connections writing at once fail with SQLITE_BUSY). River's
//     fetches, completions, leader election and its notification poll (every
//     50 ms) queue for that one connection beside the app's transactions.
//     Never hold a transaction on that pool while waiting for something that
//     needs another connection from it: with one connection that deadlocks.
//   - PostgreSQL: any pool of a few connections. Migrate holds one connection
//     for its advisory lock and migrates on another, so it needs at least two.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// Dialect names the database engine; its values match store.Dialect.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options tunes a Runner. The zero value suits production.
type Options struct {
	// Queues maps queue names to how many jobs of each run at once;
	// nil means {"default": 10}.
	Queues map[string]int
	// FetchPollInterval is how often an idle queue looks for due jobs;
	// zero means River's default (1 s). Due scheduled jobs and retries are
	// noticed within about this long.
	FetchPollInterval time.Duration
	// FetchCooldown is the shortest time between two fetches; zero means
	// River's default (100 ms). It must not exceed FetchPollInterval.
	FetchCooldown time.Duration
	// JobTimeout cancels a job's context after this long; zero means River's
	// default (1 min), -1 means never.
	JobTimeout time.Duration
	// TestOnly skips River's randomised start-up delays; for tests only.
	TestOnly bool
}

// Runner enqueues and works jobs through one River client.
type Runner struct {
	dialect Dialect
	db      *sql.DB
	log     *slog.Logger
	driver  riverdriver.Driver[*sql.Tx]
	workers *river.Workers
	client  *river.Client[*sql.Tx]

	mu      sync.Mutex
	started bool
}

// New builds a Runner over db, the app's writer pool (see the package
// comment for pool sizes). It does not touch the database; call Migrate
// before the first Enqueue, Register every worker, then Start.
func New(db *sql.DB, d Dialect, log *slog.Logger, o Options) (*Runner, error) {
	if db == nil {
		return nil, errors.New("jobs: db is required")
	}
	if log == nil {
		log = slog.Default()
	}
	r := &Runner{dialect: d, db: db, log: log, workers: river.NewWorkers()}
	switch d {
	case SQLite:
		r.driver = riversqlite.New(db)
	case Postgres:
		// Without a pgx pool for LISTEN the driver polls, which also works
		// behind PgBouncer in transaction mode.
		r.driver = riverdatabasesql.New(db)
	default:
		return nil, fmt.Errorf("jobs: unknown dialect %q", d)
	}
	queues := map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 10}}
	if o.Queues != nil {
		queues = make(map[string]river.QueueConfig, len(o.Queues))
		for name, n := range o.Queues {
			queues[name] = river.QueueConfig{MaxWorkers: n}
		}
	}
	client, err := river.NewClient(r.driver, &river.Config{
		FetchCooldown:     o.FetchCooldown,
		FetchPollInterval: o.FetchPollInterval,
		JobTimeout:        o.JobTimeout,
		Logger:            log,
		Queues:            queues,
		TestOnly:          o.TestOnly,
		Workers:           r.workers,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	r.client = client
	return r, nil
}

// Register adds the worker for jobs of kind T. Register every worker before
// Start: River reads its worker table without locks once running.
func Register[T river.JobArgs](r *Runner, w river.Worker[T]) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started {
		var args T
		return fmt.Errorf("jobs: register %s after Start", args.Kind())
	}
	if err := river.AddWorkerSafely(r.workers, w); err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	return nil
}

// Start begins fetching and working jobs. Jobs run with contexts derived
// from ctx; cancelling ctx stops the runner and cancels running jobs.
func (r *Runner) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	r.started = true
	return nil
}

// Stop stops fetching jobs and waits for running ones to finish. If ctx ends
// first, it cancels their contexts and waits a few seconds more; a job cut
// short runs again later (it is retried or rescued). Close the database only
// after Stop returns.
func (r *Runner) Stop(ctx context.Context) error {
	r.mu.Lock()
	started := r.started
	r.mu.Unlock()
	if !started {
		return nil
	}
	err := r.client.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		err = errors.Join(err, r.client.StopAndCancel(hard))
	}
	if err != nil {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

// Enqueue writes a job for args in tx, to run at at (zero: as soon as
// possible). The job exists only if tx commits. Retry limits, queue and
// priority come from args' InsertOpts, if it has that method.
func (r *Runner) Enqueue(ctx context.Context, tx *sql.Tx, args river.JobArgs, at time.Time) error {
	if tx == nil {
		return errors.New("jobs: Enqueue needs a transaction")
	}
	var opts *river.InsertOpts
	if !at.IsZero() {
		opts = &river.InsertOpts{ScheduledAt: at}
	}
	if _, err := r.client.InsertTx(ctx, tx, args, opts); err != nil {
		return fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	return nil
}
