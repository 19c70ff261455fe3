package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/visit"
)

// VisitResult is a visit after an event: its folded state, the
// verification outcome and the flags that fired.
type VisitResult struct {
	EventID   string        `json:"event_id,omitempty"`
	Duplicate bool          `json:"duplicate"`
	Visit     *visit.Visit  `json:"visit"`
	Outcome   visit.Outcome `json:"outcome"`
	Flags     []visit.Flag  `json:"flags"`
}

// RecordVisitEvent stores one event a field worker made on a device and
// returns the visit it changes. The event's id is the idempotency key,
// enforced by the primary key: the same event sent again stores nothing
// and answers Duplicate; the same id with other content is refused. Only
// the worker holding the order may record on it.
func (db *DB) RecordVisitEvent(ctx context.Context, e *visit.Event) (*VisitResult, error) {
	a := actorOf(ctx)
	if !a.Can(auth.RecordVisits) || a.WorkerID == "" {
		return nil, errs.New(errs.Forbidden, "err.visit.not_worker")
	}
	if err := visit.Validate(e); err != nil {
		return nil, err
	}
	digest := db.eventDigest(e)
	var res *VisitResult
	err := db.inTx(ctx, func(tx *Tx) error {
		o, err := tx.lockOrder(e.OrderID)
		if err != nil {
			return err
		}
		if o.WorkerID != a.WorkerID {
			return errs.New(errs.NotFound, "err.not_found")
		}
		if o.State != plan.Assigned && o.State != plan.InProgress && o.State != plan.Done && o.State != plan.Missed {
			// A replay of an event stored before the order closed is still
			// answered as a duplicate.
			if res, err = tx.replayedEvent(o.ID, e.ID, digest); err != nil || res != nil {
				return err
			}
			return errs.New(errs.Conflict, "err.visit.order_closed")
		}
		e.WorkerID, e.ReceivedAt = a.WorkerID, tx.now.UTC()
		if e.Kind == visit.Confirm && e.Method == visit.ByCode {
			if e.CodeOK, err = tx.checkConfirmCode(o.ID, e.Code, e.DeviceTime); err != nil {
				return err
			}
		}
		e.Code = "" // never stored
		// The primary key decides whether the event is new: an id already
		// stored inserts nothing, and the stored digest tells a replay from
		// another event reusing the id.
		stored, err := tx.insertEvent(e, digest)
		if err != nil {
			return err
		}
		if !stored {
			if res, err = tx.replayedEvent(o.ID, e.ID, digest); err == nil && res == nil {
				err = errs.InvalidField("id", "err.visit.id_reused", nil)
			}
			return err
		}
		if res, err = tx.refreshVisit(o, e); err != nil {
			return err
		}
		res.EventID = e.ID
		return tx.audit("visit.event", "order", o.ID, o.PlaceCode, map[string]any{"event": e.ID, "kind": e.Kind, "device": e.DeviceID})
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// replayedEvent answers an event whose id is already stored: the visit as
// stored, marked duplicate, when the stored digest is the event's; nil when
// the id is not stored or was stored with other content.
func (tx *Tx) replayedEvent(orderID, id, digest string) (*VisitResult, error) {
	var seen string
	err := tx.QueryRowContext(tx.ctx, `SELECT digest FROM visit_events WHERE id = $1`, id).Scan(&seen)
	if errs.CodeOf(translate(err)) == errs.NotFound || err == nil && seen != digest {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	res, err := tx.visitResult(orderID)
	if err != nil {
		return nil, err
	}
	res.EventID, res.Duplicate = id, true
	return res, nil
}

// eventDigest is a keyed hash of the device's content of an event, so that
// a replay can be told from a different event reusing the id without
// keeping the one-time code it may carry.
func (db *DB) eventDigest(e *visit.Event) string {
	c := *e
	c.WorkerID, c.ReceivedAt, c.CodeOK = "", time.Time{}, false
	c.DeviceTime = c.DeviceTime.UTC().Truncate(time.Microsecond)
	b, _ := json.Marshal(c)
	h := sha256.Sum256([]byte(db.keys.Index(string(b))))
	return hex.EncodeToString(h[:])
}

// lockOrder reads an order for a visit write and, on PostgreSQL, locks its
// row, so two devices syncing the same visit at once fold one after the
// other; SQLite's single writer, which takes the write lock when the
// transaction begins, already serialises them.
func (tx *Tx) lockOrder(id string) (*plan.Order, error) {
	q := &query{}
	q.raw(`SELECT ` + orderCols + orderFrom)
	q.add(` AND o.id = %s`, q.arg(id))
	q.scoped("o.place_code", tx.actor)
	if tx.db.dialect == Postgres {
		q.raw(` FOR UPDATE OF o`)
	}
	o, err := scanOrder(tx.QueryRowContext(tx.ctx, q.String(), q.args...))
	return o, translate(err)
}

// insertEvent stores an event and the photos it refers to. It reports
// false, storing nothing, when an event with the same id exists.
func (tx *Tx) insertEvent(e *visit.Event, digest string) (bool, error) {
	body, err := json.Marshal(e)
	if err != nil {
		return false, err
	}
	r, err := tx.ExecContext(tx.ctx, `INSERT INTO visit_events (id, order_id, kind, device_id, worker_id, device_time, received_at, body, digest)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
		e.ID, e.OrderID, string(e.Kind), e.DeviceID, e.WorkerID, e.DeviceTime.UTC(), e.ReceivedAt, string(body), digest)
	if err != nil {
		return false, err
	}
	if n, err := r.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	for _, ref := range eventBlobs(e) {
		var phash int64
		err := tx.QueryRowContext(tx.ctx, `SELECT phash FROM blobs WHERE sha = $1`, ref.sha).Scan(&phash)
		if errs.CodeOf(translate(err)) == errs.NotFound {
			return false, errs.InvalidField(ref.field, "err.visit.blob_missing", nil)
		}
		if err != nil {
			return false, err
		}
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO visit_photos (order_id, sha, stage, event_id, worker_id, phash) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (order_id, sha, stage) DO NOTHING`, e.OrderID, ref.sha, ref.stage, e.ID, e.WorkerID, phash); err != nil {
			return false, err
		}
	}
	return true, nil
}

type blobRef struct{ sha, stage, field string }

// eventBlobs lists the stored images an event refers to; they must have
// been uploaded before the event.
func eventBlobs(e *visit.Event) []blobRef {
	switch {
	case e.Kind == visit.Photo:
		return []blobRef{{e.PhotoSHA, e.PhotoStage, "photo_sha"}}
	case e.Kind == visit.Confirm && e.SignatureSHA != "":
		return []blobRef{{e.SignatureSHA, "signature", "signature_sha"}}
	}
	return nil
}

// orderEvents returns every event of an order.
func (tx *Tx) orderEvents(orderID string) ([]visit.Event, error) {
	rows, err := tx.QueryContext(tx.ctx, `SELECT body FROM visit_events WHERE order_id = $1 ORDER BY received_at, id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []visit.Event
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		var e visit.Event
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
