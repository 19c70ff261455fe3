package store

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/place"
	"jiuzhu/internal/warn"
)

// DefaultEmergencyDays is how long an emergency lasts when the declaration
// gives no end.
const DefaultEmergencyDays = 3

// maxEmergencyNote bounds a declaration's note, in characters.
const maxEmergencyNote = 500

// Declaration is an emergency as a prefecture administrator declares it.
type Declaration struct {
	Kind      warn.EmergencyKind `json:"kind"`
	Townships []string           `json:"townships"`
	Until     *time.Time         `json:"until,omitempty"`
	Note      string             `json:"note,omitempty"`
}

// EmergencyRecord is a declared emergency and the check-visits it raised.
type EmergencyRecord struct {
	ID string `json:"id"`
	warn.Emergency
	Note        string `json:"note,omitempty"`
	DeclaredBy  string `json:"declared_by"`
	Affected    int    `json:"affected"`     // vulnerable people in the townships
	NeedsFiled  int    `json:"needs_filed"`  // new urgent check-visit entries
	NeedsMerged int    `json:"needs_merged"` // merged into open check-visit entries
}

// DeclareEmergency declares an emergency for townships in the actor's area
// and, in the same transaction, gives every vulnerable person there
// (warn.Emergency.Affected) an urgent check-visit entry due in 24 hours,
// assigned to the village worker when exactly one covers the village. The
// same kind declared again for the same townships while the first is in
// force adds nothing: the first is answered with existing true.
func (db *DB) DeclareEmergency(ctx context.Context, d Declaration, note NoteFunc) (rec *EmergencyRecord, existing bool, err error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageWarnings) {
		return nil, false, errs.New(errs.Forbidden, "err.forbidden")
	}
	d.Note = strings.TrimSpace(d.Note)
	err = db.inTx(ctx, func(tx *Tx) error {
		e := warn.Emergency{Kind: d.Kind, Townships: d.Townships, DeclaredAt: tx.now, Until: tx.now.AddDate(0, 0, DefaultEmergencyDays)}
		if d.Until != nil {
			e.Until = d.Until.UTC()
		}
		var fs errs.Fields
		if err := e.Validate(); err != nil {
			fs = err.(*errs.Error).Fields
		} else if err := tx.checkTownships(e.Townships, &fs); err != nil {
			return err
		}
		if utf8.RuneCountInString(d.Note) > maxEmergencyNote {
			fs.Add("note", "err.text.too_long", map[string]any{"Max": maxEmergencyNote})
		}
		if err := fs.Err(); err != nil {
			return err
		}
		slices.Sort(e.Townships)
		if prev, err := tx.activeEmergency(e); err != nil || prev != nil {
			rec, existing = prev, prev != nil
			return err
		}
		rec = &EmergencyRecord{ID: uuid.Must(uuid.NewV7()).String(), Emergency: e, Note: d.Note, DeclaredBy: a.Username}
		return tx.declare(rec, note)
	})
	if err != nil {
		return nil, false, err
	}
	return rec, existing, nil
}

// checkTownships reports each code that is not a township in the actor's area.
func (tx *Tx) checkTownships(codes []string, fs *errs.Fields) error {
	for _, c := range codes {
		var lvl place.Level
		err := tx.QueryRow(`SELECT level FROM places WHERE code = $1`, c).Scan(&lvl)
		if err != nil && !errs.Is(translate(err), errs.NotFound) {
			return err
		}
		if err != nil || lvl != place.Township || !tx.actor.Sees(c) {
			fs.Add("townships", "err.emergency.township_unknown", map[string]any{"Code": c})
		}
	}
	return nil
}

// activeEmergency returns an emergency of e's kind and townships (sorted)
// still in force, or nil.
func (tx *Tx) activeEmergency(e warn.Emergency) (*EmergencyRecord, error) {
	list, err := tx.db.emergencies(tx.ctx, tx, func(q *query) {
		q.add(` AND e.kind = %s AND e.until > %s`, q.arg(string(e.Kind)), q.arg(tx.now))
	}, 0, MaxPageSize)
	if err != nil {
		return nil, err
	}
	for _, r := range list {
		if slices.Equal(r.Townships, e.Townships) {
			return &r, nil
		}
	}
	return nil, nil
}

// declare stores the emergency and files its check-visits.
func (tx *Tx) declare(rec *EmergencyRecord, note NoteFunc) error {
	e := &rec.Emergency
	if _, err := tx.Exec(`INSERT INTO emergencies (id, kind, note, declared_by, declared_at, until) VALUES ($1, $2, $3, $4, $5, $6)`,
		rec.ID, string(e.Kind), rec.Note, rec.DeclaredBy, e.DeclaredAt, e.Until); err != nil {
		return err
	}
	for _, t := range e.Townships {
		if _, err := tx.Exec(`INSERT INTO emergency_townships (emergency_id, township) VALUES ($1, $2)`, rec.ID, t); err != nil {
			return err
		}
	}
	refs, _, err := tx.personRefs(func(q *query) {
		q.raw(" AND (1=0")
		for _, t := range e.Townships {
			lo, hi := place.Range(t)
			q.add(" OR (p.place_code >= %s AND p.place_code < %s)", q.arg(lo), q.arg(hi))
		}
		q.raw(")")
	})
	if err != nil {
		return err
	}
	local := *e
	local.Until = e.Until.In(shanghai) // the end date in the note is a day in Beijing time
	hits := local.Hits(refs, tx.now)
	byID := make(map[string]warn.PersonRef, len(refs))
	for _, r := range refs {
		byID[r.ID] = r
	}
	rec.Affected = len(hits)
	if rec.Note != "" {
		reason := note
		note = func(key string, args map[string]any) string {
			if reason == nil {
				return rec.Note
			}
			return reason(key, args) + "\n" + rec.Note
		}
	}
	var already int
	checkVisit := func(warn.Hit) need.Category { return need.CheckVisit }
	if err := tx.fileWarnings(hits, checkVisit, byID, note, &rec.NeedsFiled, &rec.NeedsMerged, &already); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE emergencies SET affected = $1, needs_filed = $2, needs_merged = $3 WHERE id = $4`,
		rec.Affected, rec.NeedsFiled, rec.NeedsMerged, rec.ID); err != nil {
		return err
	}
	return tx.audit("emergency.declare", "emergency", rec.ID, "", map[string]any{"kind": e.Kind, "townships": e.Townships,
		"until": e.Until, "affected": rec.Affected, "needs_filed": rec.NeedsFiled, "needs_merged": rec.NeedsMerged})
}
