package store

import "context"

// AuditOpenForTest starts a write transaction that appends one audit entry
// and leaves it open, so tests can hold a sequence number the way a slow
// writer does; end commits it or rolls it back.
func (db *DB) AuditOpenForTest(ctx context.Context) (end func(commit bool) error, err error) {
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	tx := &Tx{Tx: sqlTx, ctx: ctx, db: db, now: db.clock(), actor: actorOf(ctx)}
	if err := tx.audit("test.open", "test", "open", "", nil); err != nil {
		sqlTx.Rollback()
		return nil, err
	}
	return func(commit bool) error {
		if commit {
			return sqlTx.Commit()
		}
		return sqlTx.Rollback()
	}, nil
}
