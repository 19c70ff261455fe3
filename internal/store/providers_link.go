package store

import (
	"context"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// LinkUser ties a user account to a provider organisation and, for field
// staff, to their worker record; empty ids undo the link. Provider admins
// need an organisation, service workers a worker of that organisation.
// Only user managers and the system may link.
func (db *DB) LinkUser(ctx context.Context, userID, providerID, workerID string) error {
	a := actorOf(ctx)
	if !a.Can(auth.ManageUsers) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var role auth.Role
		var placeCode string
		if err := tx.QueryRow(`SELECT role, place_code FROM users WHERE id = $1`, userID).Scan(&role, &placeCode); err != nil {
			return err
		}
		if !a.Sees(placeCode) {
			return errs.New(errs.NotFound, "err.not_found")
		}
		var fs errs.Fields
		if providerID != "" {
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM providers WHERE id = $1`, providerID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				fs.Add("provider_id", "err.provider.unknown", nil)
			}
		}
		if workerID != "" {
			var of string
			err := tx.QueryRow(`SELECT provider_id FROM workers WHERE id = $1`, workerID).Scan(&of)
			if errs.Is(translate(err), errs.NotFound) || err == nil && of != providerID {
				fs.Add("worker_id", "err.provider.worker_unknown", nil)
			} else if err != nil {
				return err
			}
		}
		switch {
		case role == auth.ProviderAdmin && providerID == "", role == auth.ServiceWorker && workerID == "":
			fs.Add("provider_id", "err.provider.link_required", nil)
		case role != auth.ProviderAdmin && role != auth.ServiceWorker && providerID != "":
			fs.Add("role", "err.provider.link_role", nil)
		}
		if err := fs.Err(); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE users SET provider_id = $1, worker_id = $2 WHERE id = $3`, providerID, workerID, userID); err != nil {
			return err
		}
		return tx.audit("user.link", "user", userID, placeCode, map[string]any{"provider_id": providerID, "worker_id": workerID})
	})
}

// LinkUsername is LinkUser for the user with a username, for loaders and
// the command line.
func (db *DB) LinkUsername(ctx context.Context, username, providerID, workerID string) error {
	var id string
	if err := db.w.QueryRowContext(ctx, `SELECT id FROM users WHERE username = $1`, username).Scan(&id); err != nil {
		return translate(err)
	}
	return db.LinkUser(ctx, id, providerID, workerID)
}
