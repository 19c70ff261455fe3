package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

const needCols = `n.id, n.person_id, p.name, n.place_code, n.category, n.items, n.status, n.urgency, COALESCE(n.assigned_to, ''),
	COALESCE(NULLIF(u.display_name, ''), u.username, ''), n.deadline, n.note, n.on_behalf, n.filed_by, n.version, n.created_at, n.updated_at`

func scanNeed(s interface{ Scan(...any) error }) (*need.Need, error) {
	var n need.Need
	var items string
	var deadline sql.NullTime
	if err := s.Scan(&n.ID, &n.PersonID, &n.PersonName, &n.PlaceCode, &n.Category, &items, &n.Status, &n.Urgency, &n.AssignedTo,
		&n.AssignedName, &deadline, &n.Note, &n.OnBehalf, &n.FiledBy, &n.Version, &n.CreatedAt, &n.UpdatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(items), &n.Items); err != nil {
		return nil, err
	}
	if deadline.Valid {
		d := deadline.Time.UTC()
		n.Deadline = &d
	}
	n.CreatedAt, n.UpdatedAt = n.CreatedAt.UTC(), n.UpdatedAt.UTC()
	return &n, nil
}

// openKey is unique among open needs: one open entry per person and category.
func openKey(personID string, c need.Category) string { return personID + "|" + string(c) }

func nullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: t.UTC(), Valid: true}
}

// FileNeed records a need arriving through a channel. When the person already
// has an open need of the same category it is merged into that entry (merged
// is true); the same channel and source reference twice changes nothing.
func (db *DB) FileNeed(ctx context.Context, f need.Filing) (n *need.Need, merged bool, err error) {
	a := actorOf(ctx)
	if !a.Can(auth.WriteNeeds) {
		return nil, false, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := f.Validate(); err != nil {
		return nil, false, err
	}
	var id string
	file := func(tx *Tx) error {
		placeCode, err := db.personPlace(ctx, tx, f.PersonID)
		if errs.Is(err, errs.NotFound) {
			return errs.InvalidField("person_id", "err.need.person", nil)
		}
		if err != nil {
			return err
		}
		err = tx.QueryRow(`SELECT id FROM needs WHERE open_key = $1`, openKey(f.PersonID, f.Category)).Scan(&id)
		switch {
		case err == sql.ErrNoRows:
			merged = false
			id = uuid.Must(uuid.NewV7()).String()
			items := f.Items
			if items == nil {
				items = []string{}
			}
			_, err = tx.Exec(`INSERT INTO needs (id, person_id, place_code, category, items, status, urgency, deadline, note, on_behalf,
				filed_by, open_key, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13)`,
				id, f.PersonID, placeCode, string(f.Category), mustJSON(items), string(need.New), string(f.Urgency), nullTime(f.Deadline),
				f.Note, f.OnBehalf, a.Username, openKey(f.PersonID, f.Category), tx.now)
			if err != nil {
				return err
			}
			if err := tx.needEvent(id, "created", map[string]any{"channel": f.Channel, "urgency": f.Urgency, "on_behalf": f.OnBehalf}); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			merged = true
			if err := tx.mergeNeed(ctx, id, &f); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`INSERT INTO need_channels (need_id, channel, source_ref, at) VALUES ($1, $2, $3, $4)
			ON CONFLICT DO NOTHING`, id, string(f.Channel), f.SourceRef, tx.now); err != nil {
			return err
		}
		return tx.audit("need.file", "need", id, placeCode, map[string]any{"channel": f.Channel, "merged": merged})
	}
	err = db.inTx(ctx, file)
	if errs.Is(err, errs.Conflict) {
		// Another filing created the open entry between our read and insert
		// (PostgreSQL; SQLite serialises writers): merge into it instead.
		err = db.inTx(ctx, file)
	}
	if err != nil {
		return nil, false, err
	}
	n, err = db.Need(ctx, id)
	return n, merged, err
}

func (tx *Tx) mergeNeed(ctx context.Context, id string, f *need.Filing) error {
	n, err := tx.db.needTx(ctx, tx, id)
	if err != nil {
		return err
	}
	changed := need.Merge(n, f)
	if len(changed) > 0 {
		if _, err := tx.Exec(`UPDATE needs SET items = $1, urgency = $2, deadline = $3, note = $4, version = version + 1, updated_at = $5 WHERE id = $6`,
			mustJSON(n.Items), string(n.Urgency), nullTime(n.Deadline), n.Note, tx.now, id); err != nil {
			return err
		}
	}
	return tx.needEvent(id, "merged", map[string]any{"channel": f.Channel, "changed": changed, "source_ref": f.SourceRef})
}

func (tx *Tx) needEvent(id, kind string, detail map[string]any) error {
	_, err := tx.Exec(`INSERT INTO need_events (need_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5)`,
		id, tx.now, tx.actor.Username, kind, mustJSON(detail))
	return err
}

// needTx reads one need in the actor's scope with its channels.
func (db *DB) needTx(ctx context.Context, q querier, id string) (*need.Need, error) {
	s := &query{}
	s.add(`SELECT `+needCols+` FROM needs n JOIN persons p ON p.id = n.person_id
		LEFT JOIN users u ON u.id = n.assigned_to WHERE n.id = %s`, s.arg(id))
	s.scoped("n.place_code", actorOf(ctx))
	n, err := scanNeed(q.QueryRowContext(ctx, s.String(), s.args...))
	if err != nil {
		return nil, translate(err)
	}
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT channel FROM need_channels WHERE need_id = $1`, id)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	n.Channels = []need.Channel{}
	for rows.Next() {
		var c need.Channel
		if err := rows.Scan(&c); err != nil {
			return nil, translate(err)
		}
		n.Channels = append(n.Channels, c)
	}
	sortChannels(n.Channels)
	return n, translate(rows.Err())
}

func sortChannels(cs []need.Channel) {
	slices.SortFunc(cs, func(a, b need.Channel) int { return slices.Index(need.Channels, a) - slices.Index(need.Channels, b) })
}

// Need returns one ledger entry in the actor's scope.
func (db *DB) Need(ctx context.Context, id string) (*need.Need, error) {
	if !actorOf(ctx).Can(auth.ReadNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	return db.needTx(ctx, db.r, id)
}

// NeedHistory returns a need's events, oldest first.
func (db *DB) NeedHistory(ctx context.Context, id string) ([]need.Event, error) {
	if _, err := db.Need(ctx, id); err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT at, actor, kind, detail FROM need_events WHERE need_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []need.Event{}
	for rows.Next() {
		var e need.Event
		var detail string
		if err := rows.Scan(&e.At, &e.Actor, &e.Kind, &detail); err != nil {
			return nil, translate(err)
		}
		e.At = e.At.UTC()
		if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
			return nil, translate(err)
		}
		out = append(out, e)
	}
	return out, translate(rows.Err())
}
