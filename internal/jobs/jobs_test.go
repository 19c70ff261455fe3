package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"jiuzhu/internal/jobs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// noteArgs is a job that reports its note to noteWorker.
type noteArgs struct {
	Note string `json:"note"`
}

func (noteArgs) Kind() string { return "test_note" }

type noteWorker struct {
	river.WorkerDefaults[noteArgs]
	ran chan string
}

func newNoteWorker() *noteWorker { return &noteWorker{ran: make(chan string, 16)} }

func (w *noteWorker) Work(ctx context.Context, j *river.Job[noteArgs]) error {
	w.ran <- j.Args.Note
	return nil
}

// failArgs is a job that always fails, three times at most.
type failArgs struct{}

func (failArgs) Kind() string                 { return "test_fail" }
func (failArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 3} }

type failWorker struct {
	river.WorkerDefaults[failArgs]
	attempts chan int
}

func (w *failWorker) Work(ctx context.Context, j *river.Job[failArgs]) error {
	w.attempts <- j.Attempt
	return errors.New("fails on purpose")
}

// NextRetry retries at once instead of River's backoff (1 s, 16 s, …).
func (w *failWorker) NextRetry(*river.Job[failArgs]) time.Time {
	return time.Now().Add(50 * time.Millisecond)
}

func TestEnqueueFollowsTransaction(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d jobs.Dialect) {
		db := mustOpenDB(t, d, mustLocation(t, d))
		w := newNoteWorker()
		r := mustStartRunner(t, d, db, func(r *jobs.Runner) error { return jobs.Register(r, w) })

		mustEnqueue(t, r, db, noteArgs{Note: "rolled back"}, time.Time{}, false)
		mustEnqueue(t, r, db, noteArgs{Note: "committed"}, time.Time{}, true)

		if got, want := mustReceive(t, w.ran, 10*time.Second), "committed"; got != want {
			t.Fatalf("ran %q, want %q", got, want)
		}
		// The rolled-back job never became a row, so it can never run.
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM river_job WHERE kind = $1`, noteArgs{}.Kind()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if got, want := n, 1; got != want {
			t.Fatalf("river_job rows=%d, want %d", got, want)
		}
		if err := jobs.Register(r, &failWorker{}); err == nil {
			t.Fatal("Register after Start succeeded, want an error")
		}
	})
}

// A deadline job fires after a restart of the server.
func TestScheduledJobSurvivesRestart(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d jobs.Dialect) {
		ctx := context.Background()
		loc := mustLocation(t, d)
		db := mustOpenDB(t, d, loc)
		w := newNoteWorker()
		r := mustStartRunner(t, d, db, func(r *jobs.Runner) error { return jobs.Register(r, w) })

		at := time.Now().Add(2 * time.Second)
		mustEnqueue(t, r, db, noteArgs{Note: "deadline"}, at, true)
		if err := r.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		select {
		case note := <-w.ran:
			t.Fatalf("%q ran before its time", note)
		default:
		}

		db = mustOpenDB(t, d, loc)
		w = newNoteWorker()
		mustStartRunner(t, d, db, func(r *jobs.Runner) error { return jobs.Register(r, w) })
		if got, want := mustReceive(t, w.ran, 15*time.Second), "deadline"; got != want {
			t.Fatalf("ran %q, want %q", got, want)
		}
		if now := time.Now(); now.Before(at) {
			t.Fatalf("ran at %v, before it was due at %v", now, at)
		}
	})
}

func TestFailingJobIsRetried(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d jobs.Dialect) {
		db := mustOpenDB(t, d, mustLocation(t, d))
		w := &failWorker{attempts: make(chan int, 16)}
		r := mustStartRunner(t, d, db, func(r *jobs.Runner) error { return jobs.Register(r, w) })
		mustEnqueue(t, r, db, failArgs{}, time.Time{}, true)

		for want := 1; want <= 3; want++ {
			if got := mustReceive(t, w.attempts, 10*time.Second); got != want {
				t.Fatalf("attempt %d, want %d", got, want)
			}
		}
		// After MaxAttempts failures River gives up on the job.
		deadline := time.Now().Add(10 * time.Second)
		for {
			var state string
			var attempt int
			if err := db.QueryRow(`SELECT state, attempt FROM river_job WHERE kind = $1`, failArgs{}.Kind()).Scan(&state, &attempt); err != nil {
				t.Fatal(err)
			}
			if state == "discarded" {
				if got, want := attempt, 3; got != want {
					t.Fatalf("attempt=%d, want %d", got, want)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("state=%q after %d attempts, want discarded", state, attempt)
			}
			time.Sleep(50 * time.Millisecond)
		}
		select {
		case n := <-w.attempts:
			t.Fatalf("attempt %d ran after the job was discarded", n)
		default:
		}
	})
}

// hopArgs is a job whose worker writes an app row and enqueues the next hop
// in one transaction on the writer pool, as domain workers will.
type hopArgs struct {
	Key  string `json:"key"`
	Hops int    `json:"hops"`
}

func (hopArgs) Kind() string { return "test_hop" }

type hopWorker struct {
	river.WorkerDefaults[hopArgs]
	db *sql.DB
	r  *jobs.Runner
}

func (w *hopWorker) Work(ctx context.Context, j *river.Job[hopArgs]) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO test_hop (key) VALUES ($1)`, j.Args.Key); err != nil {
		return err
	}
	if j.Args.Hops > 0 {
		if err := w.r.Enqueue(ctx, tx, hopArgs{Key: j.Args.Key + "+", Hops: j.Args.Hops - 1}, time.Time{}); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// App transactions and workers share the writer pool (one connection on
// SQLite) with River's own polling without stalling or SQLITE_BUSY.
func TestBusyWriterPool(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d jobs.Dialect) {
		ctx := context.Background()
		db := mustOpenDB(t, d, mustLocation(t, d))
		if _, err := db.Exec(`CREATE TABLE test_hop (key TEXT PRIMARY KEY)`); err != nil {
			t.Fatal(err)
		}
		w := &hopWorker{db: db}
		// The worker needs the runner to enqueue; it gets it before Start.
		r := mustStartRunner(t, d, db, func(r *jobs.Runner) error { w.r = r; return jobs.Register(r, w) })

		const writers, each = 8, 10
		errc := make(chan error, writers)
		for i := range writers {
			go func() {
				for k := range each {
					tx, err := db.BeginTx(ctx, nil)
					if err != nil {
						errc <- err
						return
					}
					key := fmt.Sprintf("w%d-%d", i, k)
					if _, err := tx.Exec(`INSERT INTO test_hop (key) VALUES ($1)`, "app:"+key); err != nil {
						tx.Rollback()
						errc <- err
						return
					}
					if err := r.Enqueue(ctx, tx, hopArgs{Key: key, Hops: 1}, time.Time{}); err != nil {
						tx.Rollback()
						errc <- err
						return
					}
					if err := tx.Commit(); err != nil {
						errc <- err
						return
					}
				}
				errc <- nil
			}()
		}
		for range writers {
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
		}
		// Each app row, its job's row and the follow-up job's row.
		want := 3 * writers * each
		deadline := time.Now().Add(20 * time.Second)
		for {
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM test_hop`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n == want {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("rows=%d, want %d", n, want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

func forEachDialect(t *testing.T, fn func(t *testing.T, d jobs.Dialect)) {
	for _, d := range []jobs.Dialect{jobs.SQLite, jobs.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			fn(t, d)
		})
	}
}

// mustLocation returns where a fresh database lives: a SQLite DSN in a
// temporary folder, or a PostgreSQL URL with a schema of its own.
func mustLocation(tb testing.TB, d jobs.Dialect) string {
	tb.Helper()
	if d == jobs.Postgres {
		return testdb.URL(tb, store.Postgres)
	}
	// The DSN store.Open uses for its writer pool.
	path := filepath.Join(tb.TempDir(), "jiuzhu.db")
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
}

// mustOpenDB opens a writer pool sized as store.Open sizes it.
func mustOpenDB(tb testing.TB, d jobs.Dialect, loc string) *sql.DB {
	tb.Helper()
	driver, conns := "sqlite", 1
	if d == jobs.Postgres {
		driver, conns = "pgx", 20
	}
	db, err := sql.Open(driver, loc)
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(conns)
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustStartRunner migrates River's tables, registers workers and starts a
// runner that stops when the test ends (before its database closes).
func mustStartRunner(tb testing.TB, d jobs.Dialect, db *sql.DB, register func(*jobs.Runner) error) *jobs.Runner {
	tb.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(tb.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	r, err := jobs.New(db, d, log, jobs.Options{FetchPollInterval: 50 * time.Millisecond, FetchCooldown: 10 * time.Millisecond, TestOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	if err := r.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	if err := register(r); err != nil {
		tb.Fatal(err)
	}
	if err := r.Start(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			tb.Error(err)
		}
	})
	return r
}

// mustEnqueue enqueues args in a transaction of its own, committed or rolled back.
func mustEnqueue(tb testing.TB, r *jobs.Runner, db *sql.DB, args river.JobArgs, at time.Time, commit bool) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := r.Enqueue(ctx, tx, args, at); err != nil {
		tx.Rollback()
		tb.Fatal(err)
	}
	if !commit {
		if err := tx.Rollback(); err != nil {
			tb.Fatal(err)
		}
		return
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

func mustReceive[T any](tb testing.TB, c <-chan T, timeout time.Duration) T {
	tb.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(timeout):
		tb.Fatalf("nothing within %v", timeout)
		panic("unreachable")
	}
}
