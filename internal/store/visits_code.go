package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/pii"
)

// confirmCodeTTL is how long a visit confirmation code may be used; it is
// checked against the device time of the confirmation, so a code read back
// offline still counts when it syncs later.
const confirmCodeTTL = 30 * time.Minute

// SendConfirmCode sends a one-time code to the phone of the person of the
// worker's order (or of their guardian when the person has none), for the
// person to read back as confirmation of the visit. It returns the masked
// number. A new code replaces the last; one a minute at most.
func (db *DB) SendConfirmCode(ctx context.Context, orderID string) (string, error) {
	a := actorOf(ctx)
	if !a.Can(auth.RecordVisits) || a.WorkerID == "" {
		return "", errs.New(errs.Forbidden, "err.visit.not_worker")
	}
	var phone, guardianPhone, lang, workerID, state string
	err := db.r.QueryRowContext(ctx, `SELECT pe.phone, COALESCE(g.phone, ''), pe.language, o.worker_id, o.state FROM orders o
		JOIN persons pe ON pe.id = o.person_id LEFT JOIN persons g ON g.id = pe.guardian_id WHERE o.id = $1`, orderID).
		Scan(&phone, &guardianPhone, &lang, &workerID, &state)
	if err != nil || workerID != a.WorkerID {
		return "", errs.New(errs.NotFound, "err.not_found")
	}
	if phone == "" {
		phone = guardianPhone
	}
	if phone == "" {
		return "", errs.New(errs.Conflict, "err.visit.no_phone")
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	sentTo := pii.MaskPhone(phone)
	err = db.inTx(ctx, func(tx *Tx) error {
		var last time.Time
		err := tx.QueryRowContext(tx.ctx, `SELECT created_at FROM visit_codes WHERE order_id = $1`, orderID).Scan(&last)
		if err == nil && tx.now.Sub(last) < time.Minute {
			return errs.New(errs.TooMany, "err.visit.code_too_soon")
		}
		_, err = tx.ExecContext(tx.ctx, `INSERT INTO visit_codes (order_id, code_hash, sent_to, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (order_id) DO UPDATE SET code_hash = excluded.code_hash, sent_to = excluded.sent_to,
				expires_at = excluded.expires_at, created_at = excluded.created_at`,
			orderID, db.keys.Index(orderID+":"+code), sentTo, tx.now.Add(confirmCodeTTL).UTC(), tx.now.UTC())
		return err
	})
	if err != nil {
		return "", err
	}
	if db.sms != nil {
		text := i18n.For(smsLang(lang)).T("sms.visit_code", map[string]any{"Code": code})
		if err := db.sms.Send(ctx, phone, text); err != nil {
			return "", errs.Wrap(err, "err.internal")
		}
	}
	return sentTo, nil
}

// checkConfirmCode reports whether code is the order's last code and was
// read back before it expired.
func (tx *Tx) checkConfirmCode(orderID, code string, at time.Time) (bool, error) {
	var hash string
	var expires time.Time
	err := tx.QueryRowContext(tx.ctx, `SELECT code_hash, expires_at FROM visit_codes WHERE order_id = $1`, orderID).Scan(&hash, &expires)
	if errs.CodeOf(translate(err)) == errs.NotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return hash == tx.db.keys.Index(orderID+":"+code) && !at.After(expires), nil
}
