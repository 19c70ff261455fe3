package store

import (
	"context"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/place"
)

// needWhere builds the FROM and WHERE of a ledger query for f.
func needWhere(a *auth.Actor, f need.Filter, now time.Time) *query {
	q := &query{}
	q.add(` FROM needs n JOIN persons p ON p.id = n.person_id LEFT JOIN users u ON u.id = n.assigned_to WHERE 1=1`)
	q.scoped("n.place_code", a)
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		q.inScope("n.place_code", *f.PlaceCode)
	}
	if f.Category != nil {
		q.add(` AND n.category = %s`, q.arg(string(*f.Category)))
	}
	if f.Status != nil {
		q.add(` AND n.status = %s`, q.arg(string(*f.Status)))
	}
	if f.Channel != nil {
		q.add(` AND EXISTS (SELECT 1 FROM need_channels c WHERE c.need_id = n.id AND c.channel = %s)`, q.arg(string(*f.Channel)))
	}
	if f.PersonID != nil {
		q.add(` AND n.person_id = %s`, q.arg(*f.PersonID))
	}
	if f.Overdue {
		q.add(` AND n.open_key IS NOT NULL AND n.deadline IS NOT NULL AND n.deadline < %s`, q.arg(now))
	}
	return q
}

// Needs lists ledger entries in the actor's scope, most urgent and oldest
// first, with the total number of matches.
func (db *DB) Needs(ctx context.Context, f need.Filter) ([]*need.Need, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	where := needWhere(a, f, db.clock())
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + needCols + where.String())
	list.add(` ORDER BY CASE n.urgency WHEN 'urgent' THEN 0 ELSE 1 END, n.created_at, n.id LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*need.Need{}
	for rows.Next() {
		n, err := scanNeed(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err)
	}
	rows.Close()
	return out, total, db.loadNeedChannels(ctx, out)
}

func (db *DB) loadNeedChannels(ctx context.Context, ns []*need.Need) error {
	if len(ns) == 0 {
		return nil
	}
	byID := map[string]*need.Need{}
	q := &query{}
	q.add(`SELECT DISTINCT need_id, channel FROM need_channels WHERE need_id IN (`)
	for i, n := range ns {
		byID[n.ID] = n
		n.Channels = []need.Channel{}
		if i > 0 {
			q.add(", ")
		}
		q.add("%s", q.arg(n.ID))
	}
	q.add(")")
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var c need.Channel
		if err := rows.Scan(&id, &c); err != nil {
			return translate(err)
		}
		byID[id].Channels = append(byID[id].Channels, c)
	}
	for _, n := range ns {
		sortChannels(n.Channels)
	}
	return translate(rows.Err())
}

// EachNeed calls fn for every ledger entry matching f in the actor's scope,
// page by page, for exports of any size.
func (db *DB) EachNeed(ctx context.Context, f need.Filter, fn func(*need.Need) error) error {
	f.Offset, f.Limit = 0, MaxPageSize
	for {
		page, _, err := db.Needs(ctx, f)
		if err != nil {
			return err
		}
		for _, n := range page {
			if err := fn(n); err != nil {
				return err
			}
		}
		if len(page) < f.Limit {
			return nil
		}
		f.Offset += f.Limit
	}
}

// AssignNeed sends a worker to visit by a deadline. The worker must be a
// staff user whose area holds the need; version is the version read.
func (db *DB) AssignNeed(ctx context.Context, id, userID string, deadline *time.Time, version int) (*need.Need, error) {
	a := actorOf(ctx)
	if !a.Can(auth.WriteNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		n, err := db.needTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if n.Version != version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": n.Version}}
		}
		if !n.Status.Open() {
			return &errs.Error{Code: errs.Conflict, Key: "err.need.closed"}
		}
		u, err := db.userByTx(tx, userID)
		if err != nil || !u.Role.Can(auth.WriteNeeds) || !place.Contains(u.PlaceCode, n.PlaceCode) {
			return errs.InvalidField("user_id", "err.need.assignee", nil)
		}
		if deadline != nil && !deadline.After(tx.now) {
			return errs.InvalidField("deadline", "err.need.deadline_past", nil)
		}
		if deadline == nil {
			deadline = n.Deadline
		}
		if _, err := tx.Exec(`UPDATE needs SET assigned_to = $1, deadline = $2, status = $3, version = version + 1, updated_at = $4 WHERE id = $5`,
			u.ID, nullTime(deadline), string(need.Assigned), tx.now, id); err != nil {
			return err
		}
		if err := tx.needEvent(id, "assigned", map[string]any{"to": u.Username, "deadline": deadline}); err != nil {
			return err
		}
		return tx.audit("need.assign", "need", id, n.PlaceCode, map[string]any{"to": u.Username})
	})
	if err != nil {
		return nil, err
	}
	return db.Need(ctx, id)
}

// CloseNeed ends a need as no_need or closed with a reason; a closed need no
// longer takes merges, so a later filing opens a new entry.
func (db *DB) CloseNeed(ctx context.Context, id string, status need.Status, reason string, version int) (*need.Need, error) {
	a := actorOf(ctx)
	if !a.Can(auth.WriteNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if status != need.NoNeed && status != need.Closed {
		return nil, errs.InvalidField("status", "err.need.status", nil)
	}
	if reason == "" {
		return nil, errs.InvalidField("reason", "err.reason.required", nil)
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		n, err := db.needTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if n.Version != version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": n.Version}}
		}
		if !n.Status.Open() {
			return &errs.Error{Code: errs.Conflict, Key: "err.need.closed"}
		}
		if _, err := tx.Exec(`UPDATE needs SET status = $1, open_key = NULL, version = version + 1, updated_at = $2 WHERE id = $3`,
			string(status), tx.now, id); err != nil {
			return err
		}
		if err := tx.needEvent(id, "status", map[string]any{"from": n.Status, "to": status, "reason": reason}); err != nil {
			return err
		}
		return tx.audit("need.close", "need", id, n.PlaceCode, map[string]any{"status": status})
	})
	if err != nil {
		return nil, err
	}
	return db.Need(ctx, id)
}
