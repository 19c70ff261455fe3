package store

import (
	"context"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
)

// Emergencies lists the emergencies declared for townships in the actor's
// area, newest first, with the total number.
func (db *DB) Emergencies(ctx context.Context, offset, limit int) ([]EmergencyRecord, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) && !a.Can(auth.ManageWarnings) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if limit <= 0 || limit > MaxPageSize {
		limit = 50
	}
	var total int
	count := &query{}
	count.raw(`SELECT COUNT(*) FROM emergencies e WHERE 1=1`)
	inScopeEmergency(count, a)
	if err := db.r.QueryRowContext(ctx, count.String(), count.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list, err := db.emergencies(ctx, db.r, func(*query) {}, offset, limit)
	return list, total, translate(err)
}

// inScopeEmergency keeps emergencies that touch the actor's area: a
// township inside it, or the township a village worker's village is in.
func inScopeEmergency(q *query, a *auth.Actor) {
	switch {
	case a.System:
		return
	case a.Scope == "" || a.Scope == "-":
		q.raw(` AND 1=0`)
		return
	}
	lo, hi := place.Range(a.Scope)
	q.add(` AND EXISTS (SELECT 1 FROM emergency_townships s WHERE s.emergency_id = e.id AND (s.township >= %s AND s.township < %s`,
		q.arg(lo), q.arg(hi))
	for c := place.ParentCode(a.Scope); c != ""; c = place.ParentCode(c) {
		q.add(` OR s.township = %s`, q.arg(c))
	}
	q.raw(`))`)
}

// emergencies reads a page of emergencies in the actor's area that where
// selects (conditions on emergencies e), newest first, townships sorted.
func (db *DB) emergencies(ctx context.Context, qr querier, where func(q *query), offset, limit int) ([]EmergencyRecord, error) {
	a := actorOf(ctx)
	q := &query{}
	q.raw(`SELECT e.id, e.kind, e.note, e.declared_by, e.declared_at, e.until, e.affected, e.needs_filed, e.needs_merged
		FROM emergencies e WHERE 1=1`)
	inScopeEmergency(q, a)
	where(q)
	q.add(` ORDER BY e.declared_at DESC, e.id DESC LIMIT %s OFFSET %s`, q.arg(limit), q.arg(offset))
	rows, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []EmergencyRecord{}
	at := map[string]int{}
	for rows.Next() {
		var r EmergencyRecord
		if err := rows.Scan(&r.ID, &r.Kind, &r.Note, &r.DeclaredBy, &r.DeclaredAt, &r.Until, &r.Affected, &r.NeedsFiled, &r.NeedsMerged); err != nil {
			return nil, err
		}
		r.DeclaredAt, r.Until, r.Townships = r.DeclaredAt.UTC(), r.Until.UTC(), []string{}
		at[r.ID] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	t := &query{}
	t.raw(`SELECT emergency_id, township FROM emergency_townships WHERE 1=1`)
	ids := make([]string, 0, len(out))
	for _, r := range out {
		ids = append(ids, r.ID)
	}
	t.inStrings("emergency_id", ids)
	t.raw(` ORDER BY township`)
	trows, err := qr.QueryContext(ctx, t.String(), t.args...)
	if err != nil {
		return nil, err
	}
	defer trows.Close()
	for trows.Next() {
		var id, code string
		if err := trows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[at[id]].Townships = append(out[at[id]].Townships, code)
	}
	return out, trows.Err()
}
