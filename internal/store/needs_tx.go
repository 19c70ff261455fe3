package store

import (
	"database/sql"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/need"
)

// fileOutcome says what filing a need inside a transaction did.
type fileOutcome int

const (
	alreadyFiled fileOutcome = iota // the channel and source reference were on an entry already: nothing changed
	filedNew                        // a new ledger entry
	filedMerged                     // merged into the person's open entry of the same category
)

// fileNeed records a need inside tx, as FileNeed does for one request: a new
// entry, or a merge into the person's open entry of the same category. It
// serves filings made in bulk (feed imports, emergencies), whose transaction
// must not abort on a race, so the entry is inserted with ON CONFLICT on the
// open key and merged when another one won.
//
// A filing whose channel and source reference are on any entry already,
// open or closed, adds nothing: evaluating a warning again never reopens
// what a worker closed. When worker is not nil, a new entry, or an open one
// still new and unassigned, is assigned to that worker. placeCode is the
// person's village; the caller has checked the person is in scope.
func (tx *Tx) fileNeed(f *need.Filing, placeCode string, worker *auth.User) (fileOutcome, string, error) {
	if err := f.Validate(); err != nil {
		return 0, "", err
	}
	if f.SourceRef != "" {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM need_channels WHERE source_ref = $1 AND channel = $2`,
			f.SourceRef, string(f.Channel)).Scan(&n); err != nil {
			return 0, "", err
		}
		if n > 0 {
			return alreadyFiled, "", nil
		}
	}
	id := uuid.Must(uuid.NewV7()).String()
	items := f.Items
	if items == nil {
		items = []string{}
	}
	status, assignee := need.New, sql.NullString{}
	if worker != nil {
		status, assignee = need.Assigned, sql.NullString{String: worker.ID, Valid: true}
	}
	key := openKey(f.PersonID, f.Category)
	res, err := tx.Exec(`INSERT INTO needs (id, person_id, place_code, category, items, status, urgency, assigned_to, deadline, note,
		on_behalf, filed_by, open_key, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)
		ON CONFLICT (open_key) DO NOTHING`,
		id, f.PersonID, placeCode, string(f.Category), mustJSON(items), string(status), string(f.Urgency), assignee, nullTime(f.Deadline),
		f.Note, f.OnBehalf, tx.actor.Username, key, tx.now)
	if err != nil {
		return 0, "", err
	}
	outcome := filedNew
	if n, err := res.RowsAffected(); err != nil {
		return 0, "", err
	} else if n == 1 {
		if err := tx.needEvent(id, "created", map[string]any{"channel": f.Channel, "urgency": f.Urgency, "on_behalf": f.OnBehalf}); err != nil {
			return 0, "", err
		}
		if worker != nil {
			if err := tx.needEvent(id, "assigned", map[string]any{"to": worker.Username, "deadline": f.Deadline}); err != nil {
				return 0, "", err
			}
		}
	} else {
		outcome = filedMerged
		if err := tx.QueryRow(`SELECT id FROM needs WHERE open_key = $1`, key).Scan(&id); err != nil {
			return 0, "", err
		}
		if err := tx.mergeNeed(tx.ctx, id, f); err != nil {
			return 0, "", err
		}
		if worker != nil {
			if err := tx.assignIfNew(id, worker); err != nil {
				return 0, "", err
			}
		}
	}
	if _, err := tx.Exec(`INSERT INTO need_channels (need_id, channel, source_ref, at) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, id, string(f.Channel), f.SourceRef, tx.now); err != nil {
		return 0, "", err
	}
	err = tx.audit("need.file", "need", id, placeCode, map[string]any{"channel": f.Channel, "merged": outcome == filedMerged})
	return outcome, id, err
}

// assignIfNew assigns an open entry nobody has looked at yet to worker.
func (tx *Tx) assignIfNew(id string, worker *auth.User) error {
	res, err := tx.Exec(`UPDATE needs SET assigned_to = $1, status = $2, version = version + 1, updated_at = $3
		WHERE id = $4 AND status = $5 AND assigned_to IS NULL`, worker.ID, string(need.Assigned), tx.now, id, string(need.New))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	var deadline sql.NullTime
	if err := tx.QueryRow(`SELECT deadline FROM needs WHERE id = $1`, id).Scan(&deadline); err != nil {
		return err
	}
	detail := map[string]any{"to": worker.Username}
	if deadline.Valid {
		detail["deadline"] = deadline.Time.UTC()
	}
	return tx.needEvent(id, "assigned", detail)
}
