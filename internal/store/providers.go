package store

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
	"jiuzhu/internal/provider"
)

const providerCols = `p.id, p.name, p.kind, p.place_code, p.credit_code, p.contact, p.phone, p.halal, p.stars, p.active, p.version,
	p.created_at, p.updated_at, (SELECT COUNT(*) FROM workers w WHERE w.provider_id = p.id AND w.active)`

func scanProvider(s interface{ Scan(...any) error }) (*provider.Org, error) {
	var o provider.Org
	if err := s.Scan(&o.ID, &o.Name, &o.Kind, &o.PlaceCode, &o.CreditCode, &o.Contact, &o.Phone, &o.Halal, &o.Stars, &o.Active, &o.Version,
		&o.CreatedAt, &o.UpdatedAt, &o.Workers); err != nil {
		return nil, err
	}
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return &o, nil
}

// mayReadProviders: staff who read services, and provider staff (narrowed to
// their own organisation by providerVisible).
func mayReadProviders(a *auth.Actor) error {
	if a.Can(auth.ReadServices) || a.Can(auth.RespondOrders) {
		return nil
	}
	return errs.New(errs.Forbidden, "err.forbidden")
}

// overlaps adds "col's subtree and code's subtree overlap": col lies inside
// code's subtree, or col is an ancestor of code (a worker covering a county
// covers each of its villages).
func overlaps(q *query, col, code string) {
	lo, hi := place.Range(code)
	q.add(`(%s >= %s AND %s < %s`, col, q.arg(lo), col, q.arg(hi))
	for c := place.ParentCode(code); c != ""; c = place.ParentCode(c) {
		q.add(` OR %s = %s`, col, q.arg(c))
	}
	q.raw(`)`)
}

// coversSome adds "some active or inactive worker of provider p covers part
// of code's subtree".
func coversSome(q *query, providerCol, code string) {
	q.add(`EXISTS (SELECT 1 FROM workers cw JOIN worker_coverage cc ON cc.worker_id = cw.id WHERE cw.provider_id = %s AND `, providerCol)
	overlaps(q, "cc.place_code", code)
	q.raw(`)`)
}

// providerVisible narrows providers p to those the actor may see: provider
// staff their own organisation; other staff those registered in their scope
// or with a worker covering some of it; the system all.
func providerVisible(q *query, a *auth.Actor) {
	switch {
	case a.System:
	case a.ProviderSide():
		q.add(` AND p.id = %s`, q.arg(a.ProviderID))
	case a.Scope == "" || a.Scope == "-":
		q.add(` AND 1=0`)
	default:
		lo, hi := place.Range(a.Scope)
		q.add(` AND (p.place_code >= %s AND p.place_code < %s OR `, q.arg(lo), q.arg(hi))
		coversSome(q, "p.id", a.Scope)
		q.raw(`)`)
	}
}

// ListProviders lists the organisations the actor may see that match f, by
// name, with the total number of matches.
func (db *DB) ListProviders(ctx context.Context, f provider.OrgFilter) ([]*provider.Org, int, error) {
	a := actorOf(ctx)
	if err := mayReadProviders(a); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit)
	where := &query{}
	where.raw(` FROM providers p WHERE 1=1`)
	providerVisible(where, a)
	if f.Place != nil && *f.Place != "" {
		lo, hi := place.Range(*f.Place)
		where.add(` AND (p.place_code >= %s AND p.place_code < %s OR `, where.arg(lo), where.arg(hi))
		coversSome(where, "p.id", *f.Place)
		where.raw(`)`)
	}
	if f.Kind != nil {
		where.add(` AND p.kind = %s`, where.arg(string(*f.Kind)))
	}
	if f.Item != nil && *f.Item != "" {
		where.add(` AND EXISTS (SELECT 1 FROM workers iw JOIN worker_items ii ON ii.worker_id = iw.id
			WHERE iw.provider_id = p.id AND iw.active AND ii.item_code = %s)`, where.arg(*f.Item))
	}
	if f.Query != nil && strings.TrimSpace(*f.Query) != "" {
		where.add(` AND p.name LIKE %s`, where.arg("%"+escapeLike(strings.TrimSpace(*f.Query))+"%"))
	}
	if f.Active != nil {
		where.add(` AND p.active = %s`, where.arg(*f.Active))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + providerCols + where.String())
	list.add(` ORDER BY p.place_code, p.name, p.id LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*provider.Org{}
	for rows.Next() {
		o, err := scanProvider(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, o)
	}
	return out, total, translate(rows.Err())
}

// page bounds a list page as the person list does.
func page(offset, limit int) (int, int) {
	if limit <= 0 || limit > MaxPageSize {
		limit = 50
	}
	return max(offset, 0), limit
}

// Provider returns one organisation the actor may see.
func (db *DB) Provider(ctx context.Context, id string) (*provider.Org, error) {
	a := actorOf(ctx)
	if err := mayReadProviders(a); err != nil {
		return nil, err
	}
	return readProvider(ctx, db.r, a, id)
}

func readProvider(ctx context.Context, qr querier, a *auth.Actor, id string) (*provider.Org, error) {
	q := &query{}
	q.add(`SELECT `+providerCols+` FROM providers p WHERE p.id = %s`, q.arg(id))
	providerVisible(q, a)
	o, err := scanProvider(qr.QueryRowContext(ctx, q.String(), q.args...))
	return o, translate(err)
}

// mayManageProvider reports whether the actor may change organisation o
// (as stored): provider admins their own, other managers those registered
// in their scope.
func mayManageProvider(a *auth.Actor, o *provider.Org) error {
	switch {
	case !a.Can(auth.ManageProviders):
	case a.ProviderSide():
		if o.ID == a.ProviderID {
			return nil
		}
	case a.Sees(o.PlaceCode):
		return nil
	}
	return errs.New(errs.Forbidden, "err.forbidden")
}

// checkPlaceIn reports field errors for a place that does not exist or lies
// outside the actor's scope.
func (tx *Tx) checkPlaceIn(fs *errs.Fields, field, code string) error {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM places WHERE code = $1`, code).Scan(&n); err != nil {
		return err
	}
	switch {
	case n == 0:
		fs.Add(field, "err.place.unknown", nil)
	case !tx.actor.Sees(code):
		fs.Add(field, "err.place.out_of_scope", nil)
	}
	return nil
}

// CreateProvider registers an organisation in a place inside the actor's
// scope. Provider staff cannot register organisations.
func (db *DB) CreateProvider(ctx context.Context, o provider.Org) (*provider.Org, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageProviders) || a.ProviderSide() {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.ID == "" {
		o.ID = uuid.Must(uuid.NewV7()).String()
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		var fs errs.Fields
		if err := tx.checkPlaceIn(&fs, "place_code", o.PlaceCode); err != nil {
			return err
		}
		if err := fs.Err(); err != nil {
			return err
		}
		if err := tx.insertProvider(&o); err != nil {
			return err
		}
		return tx.audit("provider.create", "provider", o.ID, o.PlaceCode, map[string]any{"kind": o.Kind})
	})
	if err != nil {
		return nil, err
	}
	return readProvider(ctx, db.w, a, o.ID)
}

func (tx *Tx) insertProvider(o *provider.Org) error {
	_, err := tx.Exec(`INSERT INTO providers (id, name, kind, place_code, credit_code, contact, phone, halal, stars, active, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)`,
		o.ID, o.Name, string(o.Kind), o.PlaceCode, o.CreditCode, o.Contact, o.Phone, o.Halal, o.Stars, o.Active, tx.now)
	return err
}

// UpdateProvider saves an organisation's fields; o.Version must be the
// version read (else Conflict). Provider admins change their own
// organisation but not its place, kind, star level or halal standing, which
// the civil-affairs bureau certifies.
func (db *DB) UpdateProvider(ctx context.Context, o provider.Org) (*provider.Org, error) {
	a := actorOf(ctx)
	if err := o.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		cur, err := readProvider(tx.ctx, tx, a, o.ID)
		if err != nil {
			return err
		}
		if err := mayManageProvider(a, cur); err != nil {
			return err
		}
		if o.Version != cur.Version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": cur.Version}}
		}
		if a.ProviderSide() {
			o.PlaceCode, o.Kind, o.Stars, o.Halal = cur.PlaceCode, cur.Kind, cur.Stars, cur.Halal
		}
		var fs errs.Fields
		if o.PlaceCode != cur.PlaceCode {
			if err := tx.checkPlaceIn(&fs, "place_code", o.PlaceCode); err != nil {
				return err
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		changed := orgChanges(cur, &o)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE providers SET name = $1, kind = $2, place_code = $3, credit_code = $4, contact = $5, phone = $6,
			halal = $7, stars = $8, active = $9, version = version + 1, updated_at = $10 WHERE id = $11`,
			o.Name, string(o.Kind), o.PlaceCode, o.CreditCode, o.Contact, o.Phone, o.Halal, o.Stars, o.Active, tx.now, o.ID); err != nil {
			return err
		}
		return tx.audit("provider.update", "provider", o.ID, o.PlaceCode, map[string]any{"changed": changed})
	})
	if err != nil {
		return nil, err
	}
	return readProvider(ctx, db.w, a, o.ID)
}

// orgChanges names the fields an edit changes, for the audit log.
func orgChanges(was, now *provider.Org) []string {
	var out []string
	for _, f := range []struct {
		name string
		same bool
	}{
		{"name", was.Name == now.Name}, {"kind", was.Kind == now.Kind}, {"place_code", was.PlaceCode == now.PlaceCode},
		{"credit_code", was.CreditCode == now.CreditCode}, {"contact", was.Contact == now.Contact}, {"phone", was.Phone == now.Phone},
		{"halal", was.Halal == now.Halal}, {"stars", was.Stars == now.Stars}, {"active", was.Active == now.Active},
	} {
		if !f.same {
			out = append(out, f.name)
		}
	}
	return out
}
