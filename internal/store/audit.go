package store

import (
	"context"
	"encoding/json"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// audit appends an entry to the audit log inside tx, unsealed: the sealer
// hashes it into the chain shortly after tx commits, so concurrent writers
// never wait for one another here. detail is marshalled to JSON and must
// never hold plaintext secrets.
func (tx *Tx) audit(action, entity, entityID, placeCode string, detail any) error {
	e := audit.Entry{At: tx.now, Actor: tx.actor.Username, Action: action, Entity: entity, EntityID: entityID, PlaceCode: placeCode}
	if detail != nil {
		b, err := json.Marshal(detail)
		if err != nil {
			return err
		}
		e.Detail = string(b)
	}
	// seq comes from the column's default: nextval of audit_log_seq on
	// PostgreSQL, max(seq)+1 on SQLite (an INTEGER PRIMARY KEY).
	_, err := tx.Exec(`INSERT INTO audit_log (at, actor, action, entity, entity_id, place_code, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, '', '')`,
		e.At, e.Actor, e.Action, e.Entity, e.EntityID, e.PlaceCode, e.Detail)
	return err
}

// AuditEntries returns the newest audit entries, newest first, for auditors;
// the newest may not be sealed yet (empty hashes).
func (db *DB) AuditEntries(ctx context.Context, limit int) ([]audit.Entry, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT seq, at, actor, action, entity, entity_id, place_code, detail, prev_hash, hash
		FROM audit_log ORDER BY seq DESC LIMIT $1`, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.PlaceCode, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, translate(err)
		}
		out = append(out, e)
	}
	return out, translate(rows.Err())
}

// logAccess records one read of a person file.
func (db *DB) logAccess(ctx context.Context, a audit.Access) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO access_log (at, user_id, username, person_id, place_code, purpose, full_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.At, a.UserID, a.Username, a.PersonID, a.PlaceCode, a.Purpose, a.FullID)
	return translate(err)
}

// AccessLog returns the reads of one person's file, newest first, to
// auditors and administrators whose scope holds the person.
func (db *DB) AccessLog(ctx context.Context, personID string, limit int) ([]audit.Access, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadAudit) && !a.Can(auth.ManageUsers) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if _, err := db.personPlace(ctx, db.r, personID); err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT at, user_id, username, person_id, place_code, purpose, full_id
		FROM access_log WHERE person_id = $1 ORDER BY id DESC LIMIT $2`, personID, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []audit.Access
	for rows.Next() {
		var a audit.Access
		if err := rows.Scan(&a.At, &a.UserID, &a.Username, &a.PersonID, &a.PlaceCode, &a.Purpose, &a.FullID); err != nil {
			return nil, translate(err)
		}
		out = append(out, a)
	}
	return out, translate(rows.Err())
}

// AuditHead returns the newest sealed entry's sequence number and hash (0
// and the genesis hash for an empty log). Logging it regularly anchors the
// chain outside the database, so a truncated tail is detectable too.
func (db *DB) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	hash := audit.Genesis
	err := db.r.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log WHERE hash <> '' ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash)
	if errs.CodeOf(translate(err)) == errs.NotFound {
		return 0, audit.Genesis, nil
	}
	return seq, hash, translate(err)
}

// RecordEvent appends an audit entry for something that changes no row,
// such as an export of personal data.
func (db *DB) RecordEvent(ctx context.Context, action, entity, entityID, placeCode string, detail any) error {
	return db.inTx(ctx, func(tx *Tx) error { return tx.audit(action, entity, entityID, placeCode, detail) })
}
