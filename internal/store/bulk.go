package store

import (
	"context"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// Dataset is a batch of places and person files loaded at once.
type Dataset struct {
	Places     []place.Place
	Households []person.Household
	Persons    []person.Person
	Locations  []person.Location
}

// HasPersons reports whether any person file exists, so a demo load can
// tell an empty database from one that already holds data.
func (db *DB) HasPersons(ctx context.Context) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM persons LIMIT 1) x`).Scan(&n)
	return n > 0, translate(err)
}

// Import loads a dataset all or nothing: places, households, persons (each
// validated, ID numbers encrypted) and locations, in one transaction with one
// audit entry. Only the system may import.
func (db *DB) Import(ctx context.Context, d *Dataset, action string) error {
	if !actorOf(ctx).System {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := db.PutPlaces(ctx, d.Places); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		for _, h := range d.Households {
			if _, err := tx.Exec(`INSERT INTO households (id, place_code, address, created_at) VALUES ($1, $2, $3, $4)`, h.ID, h.PlaceCode, h.Address, tx.now); err != nil {
				return err
			}
		}
		// Guardians may come after their wards: insert everyone first, then
		// set guardians.
		for i := range d.Persons {
			p := d.Persons[i]
			if err := p.Validate(tx.now); err != nil {
				return &errs.Error{Code: errs.Invalid, Key: "err.invalid", Fields: err.(*errs.Error).Fields, Extra: map[string]any{"row": i + 1, "id": p.ID}}
			}
			p.GuardianID = "" // set below, from d.Persons
			p.CreatedAt, p.UpdatedAt, p.Version = tx.now, tx.now, 1
			if err := tx.insertPerson(&p); err != nil {
				return err
			}
		}
		for _, p := range d.Persons {
			if p.GuardianID == "" {
				continue
			}
			if _, err := tx.Exec(`UPDATE persons SET guardian_id = $1 WHERE id = $2`, p.GuardianID, p.ID); err != nil {
				return err
			}
		}
		for _, l := range d.Locations {
			if err := l.Validate(); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO person_locations (id, person_id, place_code, label, lat, lon, valid_from, valid_to)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, l.ID, l.PersonID, l.PlaceCode, l.Label, l.Lat, l.Lon, l.ValidFrom, l.ValidTo); err != nil {
				return err
			}
		}
		return tx.audit(action, "dataset", "", "", map[string]int{"places": len(d.Places), "households": len(d.Households), "persons": len(d.Persons), "locations": len(d.Locations)})
	})
}

// System returns ctx acting as the platform itself (CLI, loaders, jobs).
func System(ctx context.Context) context.Context { return auth.WithActor(ctx, auth.SystemActor) }
