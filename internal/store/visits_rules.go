package store

import (
	"context"
	"encoding/json"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/visit"
)

// PutVisitRule changes one verification rule: severity, whether it runs,
// parameters and messages. The first edit writes every default rule, so the
// table then holds the whole rule set. Rules apply to visits verified after
// the change; decided and verified visits keep their outcome.
func (db *DB) PutVisitRule(ctx context.Context, r visit.Rule) error {
	a := actorOf(ctx)
	if !a.Can(auth.ManageVisitRule) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := visit.ValidateRule(r); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM visit_rules`).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			for _, d := range visit.DefaultRules() {
				if err := tx.putVisitRule(d, "system"); err != nil {
					return err
				}
			}
		}
		if err := tx.putVisitRule(r, a.Username); err != nil {
			return err
		}
		return tx.audit("visit_rule.update", "visit_rule", r.Code, "", map[string]any{"severity": r.Severity, "enabled": r.Enabled, "params": r.Params})
	})
}

func (tx *Tx) putVisitRule(r visit.Rule, by string) error {
	params, err := json.Marshal(r.Params)
	if err != nil {
		return err
	}
	msgs, err := json.Marshal(r.Messages)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO visit_rules (code, severity, enabled, params, messages, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (code) DO UPDATE SET severity = excluded.severity, enabled = excluded.enabled, params = excluded.params,
			messages = excluded.messages, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		r.Code, string(r.Severity), r.Enabled, string(params), string(msgs), by, tx.now.UTC())
	return err
}
