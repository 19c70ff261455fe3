package store

import (
	"context"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// CreateHousehold registers a household in a village of the actor's scope.
func (db *DB) CreateHousehold(ctx context.Context, h *person.Household) error {
	if err := mustWritePerson(actorOf(ctx), h.PlaceCode); err != nil {
		return err
	}
	if h.ID == "" {
		h.ID = uuid.Must(uuid.NewV7()).String()
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(`INSERT INTO households (id, place_code, address, created_at) VALUES ($1, $2, $3, $4)`, h.ID, h.PlaceCode, h.Address, tx.now); err != nil {
			return err
		}
		return tx.audit("household.create", "household", h.ID, h.PlaceCode, nil)
	})
}

// HouseholdMembers lists the members of a household in the actor's scope,
// head first, with masked ID numbers.
func (db *DB) HouseholdMembers(ctx context.Context, householdID string) ([]*person.Person, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadPersons) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT `+personCols+` FROM persons p WHERE p.household_id = %s`, q.arg(householdID))
	q.scoped("p.place_code", a)
	q.add(` ORDER BY CASE p.relation WHEN 'head' THEN 0 ELSE 1 END, p.birth_date`)
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []*person.Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	rows.Close()
	return out, db.loadCategories(ctx, out)
}
