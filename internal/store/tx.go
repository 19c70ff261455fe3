package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// Tx is a write transaction with one clock reading, so every row and audit
// entry it writes carries the same time.
type Tx struct {
	*sql.Tx
	ctx   context.Context
	db    *DB
	now   timeUTC
	actor *auth.Actor
}

// inTx runs fn in a write transaction, committing when it returns nil.
func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{Tx: sqlTx, ctx: ctx, db: db, now: db.clock(), actor: actorOf(ctx)}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return translate(err)
	}
	return translate(sqlTx.Commit())
}

// readTx runs fn in a read-only transaction on the read pool: one
// consistent snapshot for a page that reads many rows, without taking
// SQLite's single writer. fn must not write.
func (db *DB) readTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return translate(err)
	}
	defer sqlTx.Rollback()
	return translate(fn(&Tx{Tx: sqlTx, ctx: ctx, db: db, now: db.clock(), actor: actorOf(ctx)}))
}

// actorOf returns the context's actor; a context without one acts as nobody
// and sees nothing.
func actorOf(ctx context.Context) *auth.Actor {
	if a := auth.ActorFrom(ctx); a != nil {
		return a
	}
	return &auth.Actor{Username: "anonymous", Scope: "-"}
}

// translate maps driver errors to application errors by type and code,
// never by message text.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var e *errs.Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &errs.Error{Code: errs.NotFound, Key: "err.not_found", Err: err}
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return &errs.Error{Code: errs.Conflict, Key: "err.conflict", Err: err}
		case "23503":
			return &errs.Error{Code: errs.Invalid, Key: "err.invalid", Err: err}
		}
	}
	var sl *sqlite.Error
	if errors.As(err, &sl) {
		switch sl.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &errs.Error{Code: errs.Conflict, Key: "err.conflict", Err: err}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &errs.Error{Code: errs.Invalid, Key: "err.invalid", Err: err}
		}
	}
	return errs.Wrap(err, "err.internal")
}
