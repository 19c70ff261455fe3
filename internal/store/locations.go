package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

const locationCols = `l.id, l.person_id, l.place_code, l.label, l.lat, l.lon, l.valid_from, l.valid_to`

// personPlace returns the home village of a person in the actor's scope.
func (db *DB) personPlace(ctx context.Context, q querier, personID string) (string, error) {
	s := &query{}
	s.add(`SELECT p.place_code FROM persons p WHERE p.id = %s`, s.arg(personID))
	s.scoped("p.place_code", actorOf(ctx))
	var code string
	err := q.QueryRowContext(ctx, s.String(), s.args...).Scan(&code)
	return code, translate(err)
}

// AddLocation declares a time-bounded location for a person (e.g. a summer
// pasture). Periods of the same person may not overlap: on any day exactly
// one declared location, or the home, is in force.
func (db *DB) AddLocation(ctx context.Context, l *person.Location) error {
	a := actorOf(ctx)
	if err := l.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		home, err := db.personPlace(ctx, tx, l.PersonID)
		if err != nil {
			return err
		}
		if err := mustWritePerson(a, home); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM places WHERE code = $1 AND level = 5`, l.PlaceCode).Scan(&n); err != nil || n == 0 {
			return errs.InvalidField("place_code", "err.place.unknown", nil)
		}
		to := l.ValidTo
		if to == "" {
			to = "9999-12-31"
		}
		err = tx.QueryRow(`SELECT COUNT(*) FROM person_locations WHERE person_id = $1 AND valid_from <= $2
			AND (valid_to = '' OR valid_to >= $3)`, l.PersonID, to, l.ValidFrom).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			return errs.InvalidField("valid_from", "err.location.overlap", nil)
		}
		if l.ID == "" {
			l.ID = uuid.Must(uuid.NewV7()).String()
		}
		if _, err := tx.Exec(`INSERT INTO person_locations (id, person_id, place_code, label, lat, lon, valid_from, valid_to)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, l.ID, l.PersonID, l.PlaceCode, l.Label, l.Lat, l.Lon, l.ValidFrom, l.ValidTo); err != nil {
			return err
		}
		return tx.audit("person.location.add", "person", l.PersonID, home, map[string]any{"place_code": l.PlaceCode, "label": l.Label, "from": l.ValidFrom, "to": l.ValidTo})
	})
}

// Locations lists a person's declared locations in date order.
func (db *DB) Locations(ctx context.Context, personID string) ([]person.Location, error) {
	if !actorOf(ctx).Can(auth.ReadPersons) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if _, err := db.personPlace(ctx, db.r, personID); err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+locationCols+` FROM person_locations l WHERE l.person_id = $1 ORDER BY l.valid_from`, personID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []person.Location{}
	for rows.Next() {
		var l person.Location
		if err := rows.Scan(&l.ID, &l.PersonID, &l.PlaceCode, &l.Label, &l.Lat, &l.Lon, &l.ValidFrom, &l.ValidTo); err != nil {
			return nil, translate(err)
		}
		out = append(out, l)
	}
	return out, translate(rows.Err())
}

// LocationOn answers "where is this person on day d": the declared location
// in force that day, or else the home village and coordinates.
func (db *DB) LocationOn(ctx context.Context, personID string, d time.Time) (person.Location, error) {
	if !actorOf(ctx).Can(auth.ReadPersons) {
		return person.Location{}, errs.New(errs.Forbidden, "err.forbidden")
	}
	day := d.Format(time.DateOnly)
	s := &query{}
	s.add(`SELECT `+locationCols+` FROM persons p JOIN person_locations l ON l.person_id = p.id
		WHERE p.id = %s AND l.valid_from <= %s AND (l.valid_to = '' OR l.valid_to >= %s)`, s.arg(personID), s.arg(day), s.arg(day))
	s.scoped("p.place_code", actorOf(ctx))
	s.add(` ORDER BY l.valid_from DESC LIMIT 1`)
	var l person.Location
	err := db.r.QueryRowContext(ctx, s.String(), s.args...).Scan(&l.ID, &l.PersonID, &l.PlaceCode, &l.Label, &l.Lat, &l.Lon, &l.ValidFrom, &l.ValidTo)
	if err == nil {
		return l, nil
	}
	if errs.CodeOf(translate(err)) != errs.NotFound {
		return l, translate(err)
	}
	h := &query{}
	h.add(`SELECT p.id, p.place_code, p.lat, p.lon FROM persons p WHERE p.id = %s`, h.arg(personID))
	h.scoped("p.place_code", actorOf(ctx))
	l = person.Location{Label: "home", ValidFrom: day}
	err = db.r.QueryRowContext(ctx, h.String(), h.args...).Scan(&l.PersonID, &l.PlaceCode, &l.Lat, &l.Lon)
	return l, translate(err)
}
