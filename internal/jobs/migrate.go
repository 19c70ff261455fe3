package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river/rivermigrate"
)

// migrateLockKey is the PostgreSQL advisory lock Migrate holds; it differs
// from goose's default key, so the app's migrations never wait on River's.
const migrateLockKey int64 = 0x6a69757a68750001 // "jiuzhu" 0001

// Migrate creates or upgrades River's own tables (river_job and friends)
// next to the app's, and does nothing when they are current. On PostgreSQL
// it holds an advisory lock, so two instances starting at once migrate one
// after the other; rivermigrate takes no lock of its own.
func (r *Runner) Migrate(ctx context.Context) (err error) {
	m, err := rivermigrate.New(r.driver, &rivermigrate.Config{Logger: r.log})
	if err != nil {
		return fmt.Errorf("jobs: migrations: %w", err)
	}
	if r.dialect == Postgres {
		conn, err := r.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("jobs: migrate: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrateLockKey); err != nil {
			return fmt.Errorf("jobs: migrate lock: %w", err)
		}
		defer func() {
			if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLockKey); uerr != nil {
				err = errors.Join(err, fmt.Errorf("jobs: migrate unlock: %w", uerr))
			}
		}()
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}
