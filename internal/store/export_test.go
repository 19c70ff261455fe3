package store

import "context"

// ExecForTest runs raw SQL, for tests that tamper with rows.
func (db *DB) ExecForTest(ctx context.Context, q string) error {
	_, err := db.w.ExecContext(ctx, q)
	return err
}
