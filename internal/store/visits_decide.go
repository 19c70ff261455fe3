package store

import (
	"context"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/visit"
)

// DecideVisit records a supervisor's decision on a visit in scope: clear a
// flagged visit with a reason code, or reject it. Every decision is kept
// and audited; the visit's outcome follows the latest.
func (db *DB) DecideVisit(ctx context.Context, orderID string, d visit.Decision) (*visit.Record, error) {
	a := actorOf(ctx)
	if !a.Can(auth.SuperviseVisits) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		q := &query{}
		q.add(`SELECT v.outcome, v.place_code FROM visits v WHERE v.order_id = %s`, q.arg(orderID))
		visitScope(q, a)
		var current visit.Outcome
		var placeCode string
		if err := tx.QueryRowContext(tx.ctx, q.String(), q.args...).Scan(&current, &placeCode); err != nil {
			return err
		}
		d.By, d.At = a.Username, tx.now.UTC()
		if err := visit.ValidateDecision(d, current); err != nil {
			return err
		}
		next := visit.Decide(current, d)
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO visit_decisions (id, order_id, action, reason_code, note, by_user, outcome_before, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, uuid.Must(uuid.NewV7()).String(), orderID, d.Action, d.ReasonCode, d.Note, d.By, string(current), d.At); err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `UPDATE visits SET outcome = $1, decision = $2, version = version + 1, updated_at = $3 WHERE order_id = $4`,
			string(next), mustJSON(d), d.At, orderID); err != nil {
			return err
		}
		return tx.audit("visit.decide", "order", orderID, placeCode, map[string]any{"action": d.Action, "reason": d.ReasonCode, "from": current, "to": next})
	})
	if err != nil {
		return nil, err
	}
	return db.Visit(ctx, orderID)
}
