package store

import (
	"context"
	"database/sql"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/photo"
)

// RecordBlob notes an uploaded image: what was read from it, and who sent
// it. Recording the same content again changes nothing. The bytes are in
// the blob store already.
func (db *DB) RecordBlob(ctx context.Context, sha string, size int64, m photo.Meta) error {
	a := actorOf(ctx)
	if !a.Can(auth.RecordVisits) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	var taken sql.NullTime
	if m.TakenAt != nil {
		taken = sql.NullTime{Time: m.TakenAt.UTC(), Valid: true}
	}
	var lat, lon sql.NullFloat64
	if m.Lat != nil && m.Lon != nil {
		lat, lon = sql.NullFloat64{Float64: *m.Lat, Valid: true}, sql.NullFloat64{Float64: *m.Lon, Valid: true}
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(tx.ctx, `INSERT INTO blobs (sha, size, content_type, width, height, phash, taken_at, lat, lon, uploaded_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (sha) DO NOTHING`,
			sha, size, m.ContentType, m.Width, m.Height, int64(m.PHash), taken, lat, lon, a.Username, tx.now.UTC())
		return err
	})
}

// BlobVisible reports whether the actor may see a stored image: the one
// who uploaded it, or anyone who may read a visit holding it.
func (db *DB) BlobVisible(ctx context.Context, sha string) error {
	a := actorOf(ctx)
	var by string
	err := db.r.QueryRowContext(ctx, `SELECT uploaded_by FROM blobs WHERE sha = $1`, sha).Scan(&by)
	if err != nil {
		return translate(err)
	}
	if by == a.Username && !a.System {
		return nil
	}
	if !canReadVisits(a) {
		return errs.New(errs.NotFound, "err.not_found")
	}
	q := &query{}
	q.add(`SELECT COUNT(*) FROM visit_photos vp JOIN visits v ON v.order_id = vp.order_id WHERE vp.sha = %s`, q.arg(sha))
	visitScope(q, a)
	var n int
	if err := db.r.QueryRowContext(ctx, q.String(), q.args...).Scan(&n); err != nil {
		return translate(err)
	}
	if n == 0 {
		return errs.New(errs.NotFound, "err.not_found")
	}
	return nil
}
