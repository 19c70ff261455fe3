package store

import (
	"context"
	"database/sql"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/place"
)

const placeCols = `code, COALESCE(parent, ''), level, name, name_ug, name_kk, name_en, kind, lat, lon`

func scanPlace(s interface{ Scan(...any) error }) (place.Place, error) {
	var p place.Place
	err := s.Scan(&p.Code, &p.Parent, &p.Level, &p.Name, &p.NameUG, &p.NameKK, &p.NameEN, &p.Kind, &p.Lat, &p.Lon)
	return p, err
}

// PutPlaces inserts or updates places, parents first, in one transaction.
func (db *DB) PutPlaces(ctx context.Context, ps []place.Place) error {
	return db.inTx(ctx, func(tx *Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO places (code, parent, level, name, name_ug, name_kk, name_en, kind, lat, lon)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_ug = excluded.name_ug, name_kk = excluded.name_kk,
			name_en = excluded.name_en, kind = excluded.kind, lat = excluded.lat, lon = excluded.lon`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range ps {
			p := &ps[i]
			if err := p.Validate(); err != nil {
				return err
			}
			parent := sql.NullString{String: p.Parent, Valid: p.Parent != ""}
			if _, err := stmt.ExecContext(ctx, p.Code, parent, p.Level, p.Name, p.NameUG, p.NameKK, p.NameEN, string(p.Kind), p.Lat, p.Lon); err != nil {
				return err
			}
		}
		return nil
	})
}

// visiblePlaces restricts q to places the actor may see: its subtree and the
// ancestors of its scope root (for breadcrumbs and trees).
func visiblePlaces(q *query, a *auth.Actor) {
	if a.System {
		return
	}
	if a.Scope == "" || a.Scope == "-" {
		q.add(" AND 1=0")
		return
	}
	lo, hi := place.Range(a.Scope)
	q.add(" AND ((code >= %s AND code < %s)", q.arg(lo), q.arg(hi))
	for c := place.ParentCode(a.Scope); c != ""; c = place.ParentCode(c) {
		q.add(" OR code = %s", q.arg(c))
	}
	q.add(")")
}

// Place returns one place visible to the actor.
func (db *DB) Place(ctx context.Context, code string) (place.Place, error) {
	q := &query{}
	q.add(`SELECT `+placeCols+` FROM places WHERE code = %s`, q.arg(code))
	visiblePlaces(q, actorOf(ctx))
	p, err := scanPlace(db.r.QueryRowContext(ctx, q.String(), q.args...))
	return p, translate(err)
}

// PlaceChildren returns the visible children of a place ("" lists the roots).
func (db *DB) PlaceChildren(ctx context.Context, parent string) ([]place.Place, error) {
	q := &query{}
	if parent == "" {
		q.add(`SELECT ` + placeCols + ` FROM places WHERE parent IS NULL`)
	} else {
		q.add(`SELECT `+placeCols+` FROM places WHERE parent = %s`, q.arg(parent))
	}
	visiblePlaces(q, actorOf(ctx))
	q.add(` ORDER BY code`)
	return db.places(ctx, q)
}

// PlacesUnder returns every visible place in the subtree of root down to
// maxLevel, in code order (parents before children).
func (db *DB) PlacesUnder(ctx context.Context, root string, maxLevel place.Level) ([]place.Place, error) {
	q := &query{}
	q.add(`SELECT `+placeCols+` FROM places WHERE level <= %s`, q.arg(maxLevel))
	q.inScope("code", root)
	visiblePlaces(q, actorOf(ctx))
	q.add(` ORDER BY code`)
	return db.places(ctx, q)
}

func (db *DB) places(ctx context.Context, q *query) ([]place.Place, error) {
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []place.Place
	for rows.Next() {
		p, err := scanPlace(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, p)
	}
	return out, translate(rows.Err())
}
