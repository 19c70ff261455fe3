// Package store keeps everything jiuzhu persists, in SQLite (embedded default)
// or PostgreSQL (production). SQL is written by hand, once for both databases
// where it can be ($n placeholders run on both); the dialect value supplies
// the few differences. Scope rules are applied here, in SQL, from the actor
// on the context, so no caller can forget them.
package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/jobs"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/pii"
	"jiuzhu/internal/visit"
)

// Dialect names the database engine.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the store. Writes go through w; lists and reports may use r, a
// read-only pool (on SQLite a separate pool, so readers never wait for the
// single writer connection).
type DB struct {
	w, r     *sql.DB
	dialect  Dialect
	keys     *pii.Keys
	now      func() time.Time
	log      *slog.Logger
	jobs     *jobs.Runner
	approval approval.Config
	sms      notify.SMS
	radii    visit.Radii
	sealer   *sealer
}

// Options configures Open.
type Options struct {
	// URL is a postgres:// URL, or empty for SQLite in DataDir.
	URL string
	// DataDir holds jiuzhu.db when URL is empty.
	DataDir string
	// Keys encrypts personal data; required.
	Keys *pii.Keys
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives the background jobs' logs; nil discards them.
	Log *slog.Logger
	// Approval sets the approval workflow's steps and time limits; the zero
	// value means approval.DefaultConfig().
	Approval approval.Config
	// JobPoll is how often idle job workers look for due jobs; 0 means 1 s.
	JobPoll time.Duration
	// SMS sends decisions to applicants; nil sends none.
	SMS notify.SMS
	// Radii are the visit geofence radii by village kind; zero fields take
	// visit.DefaultRadii.
	Radii visit.Radii
	// AuditAnchor is a file that receives every audit checkpoint, kept
	// outside the database so a cut or rewritten chain is detectable; empty
	// means none.
	AuditAnchor string
}

// Open connects to the database, applies pending migrations and refuses a
// database whose schema is newer than this binary.
func Open(ctx context.Context, o Options) (*DB, error) {
	if o.Keys == nil {
		return nil, errors.New("store: keys are required")
	}
	db := &DB{keys: o.Keys, now: o.Now, log: o.Log, approval: o.Approval, sms: o.SMS, radii: o.Radii, sealer: newSealer(o.AuditAnchor)}
	db.radii.Urban = cmp.Or(db.radii.Urban, visit.DefaultRadii.Urban)
	db.radii.Rural = cmp.Or(db.radii.Rural, visit.DefaultRadii.Rural)
	db.radii.Pastoral = cmp.Or(db.radii.Pastoral, visit.DefaultRadii.Pastoral)
	if db.now == nil {
		db.now = time.Now
	}
	if db.log == nil {
		db.log = slog.New(slog.DiscardHandler)
	}
	if db.approval == (approval.Config{}) {
		db.approval = approval.DefaultConfig()
	}
	if err := db.approval.Validate(); err != nil {
		return nil, err
	}
	var err error
	if isPostgres(o.URL) {
		db.dialect = Postgres
		db.w, err = sql.Open("pgx", o.URL)
		if err != nil {
			return nil, err
		}
		db.w.SetMaxOpenConns(20)
		// Keep the connections open: database/sql keeps two idle by
		// default, and under load every request beyond them would pay for
		// a new PostgreSQL connection (a new backend process).
		db.w.SetMaxIdleConns(20)
		db.r = db.w
	} else {
		db.dialect = SQLite
		if err := os.MkdirAll(o.DataDir, 0o700); err != nil {
			return nil, err
		}
		path := o.URL
		if path == "" {
			path = filepath.Join(o.DataDir, "jiuzhu.db")
		}
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
		if db.w, err = sql.Open("sqlite", dsn); err != nil {
			return nil, err
		}
		// One writer: SQLite allows one at a time anyway, and a Go-side
		// queue beats busy-waiting inside the driver.
		db.w.SetMaxOpenConns(1)
		if db.r, err = sql.Open("sqlite", dsn+"&mode=ro"); err != nil {
			db.w.Close()
			return nil, err
		}
		db.r.SetMaxOpenConns(4)
	}
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect %s: %w", db.dialect, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.seedCatalog(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.openJobs(ctx, o.JobPoll); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func isPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// Close stops the job workers and the audit sealer, if started, and closes
// both pools.
func (db *DB) Close() error {
	db.sealer.stopLoop()
	var err error
	if db.jobs != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = db.jobs.Stop(ctx)
		cancel()
	}
	err = errors.Join(err, db.w.Close())
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// Dialect returns the database engine in use.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks both pools, for readiness probes.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return err
	}
	return db.r.PingContext(ctx)
}

// Redact returns a database URL without its password, for logs.
func Redact(u string) string {
	if !isPostgres(u) {
		return u
	}
	p, err := url.Parse(u)
	if err != nil {
		return "postgres://…"
	}
	return p.Redacted()
}

// querier is what both *sql.DB and *sql.Tx offer, so helpers run on either.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
