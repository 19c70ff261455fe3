package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/catalog"
	"jiuzhu/internal/person"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/visit"
)

// FieldDay returns the signed-in worker's day for the field app: the route
// and, per stop, the tasks, the person card, the check-in target and the
// visit so far. The person's phone is on the card only on the day itself.
// Each card read is logged like any read of a person file.
func (db *DB) FieldDay(ctx context.Context, day string) (*plan.Day, []*visit.Stop, error) {
	d, err := db.MyDay(ctx, day)
	if err != nil {
		return nil, nil, err
	}
	a := actorOf(ctx)
	today := plan.Today(db.now())
	items := map[string][]string{}
	stops := make([]*visit.Stop, 0, len(d.Stops))
	err = db.readTx(ctx, func(tx *Tx) error {
		for _, o := range d.Stops {
			s := &visit.Stop{Order: o, Outcome: visit.Pending, Flags: []visit.Flag{}}
			key := o.ItemCode + "@" + strconv.Itoa(o.ItemVersion)
			if _, ok := items[key]; !ok {
				var content string
				err := tx.QueryRowContext(tx.ctx, `SELECT content FROM catalog_items WHERE code = $1 AND version = $2`, o.ItemCode, o.ItemVersion).Scan(&content)
				if err != nil {
					return err
				}
				items[key] = catalog.Tasks(content)
			}
			s.Tasks = items[key]
			if err := tx.personCard(o, &s.Person); err != nil {
				return err
			}
			if o.Day != today {
				s.Person.Phone = ""
			}
			if err := tx.visitTarget(o, &s.Target); err != nil {
				return err
			}
			res, err := tx.visitResult(o.ID)
			switch {
			case err == nil:
				s.Visit, s.Outcome, s.Flags = res.Visit, res.Outcome, res.Flags
			case err == sql.ErrNoRows:
				s.Visit = visit.Fold(o.ID, nil)
			default:
				return err
			}
			stops = append(stops, s)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, s := range stops {
		if err := db.logAccess(ctx, audit.Access{At: db.now().UTC(), UserID: a.UserID, Username: a.Username, PersonID: s.Person.ID,
			PlaceCode: s.Order.PlaceCode, Purpose: "visit"}); err != nil {
			return nil, nil, err
		}
	}
	return d, stops, nil
}

// personCard fills what a field worker needs of the person: the name in the
// person's script, language, preferences, masked ID, phone and address.
func (tx *Tx) personCard(o *plan.Order, c *visit.Card) error {
	var arabic, prefs, guardianPhone string
	err := tx.QueryRowContext(tx.ctx, `SELECT p.id, p.name, p.name_arabic, p.language, p.id_masked, p.phone, COALESCE(g.phone, ''), p.preferences, p.address
		FROM persons p LEFT JOIN persons g ON g.id = p.guardian_id WHERE p.id = $1`, o.PersonID).
		Scan(&c.ID, &c.NameZh, &arabic, &c.Language, &c.MaskedID, &c.Phone, &guardianPhone, &prefs, &c.Address)
	if err != nil {
		return err
	}
	c.Name = c.NameZh
	if arabic != "" && (c.Language == "ug" || c.Language == "kk") {
		c.Name = arabic
	}
	if c.Phone == "" {
		c.Phone = guardianPhone
	}
	var p person.Preferences
	if err := json.Unmarshal([]byte(prefs), &p); err != nil {
		return err
	}
	c.Preferences = []string{}
	if p.Halal {
		c.Preferences = append(c.Preferences, "halal")
	}
	switch p.CaregiverGender {
	case person.Female:
		c.Preferences = append(c.Preferences, "caregiver_female")
	case person.Male:
		c.Preferences = append(c.Preferences, "caregiver_male")
	}
	if p.LanguageNeeded {
		c.Preferences = append(c.Preferences, "language_required")
	}
	return nil
}

// visitTarget is where the worker checks in that day, with its fence.
func (tx *Tx) visitTarget(o *plan.Order, t *visit.Target) error {
	pos, kind, err := tx.placeOfVisit(o)
	if err != nil {
		return err
	}
	t.Lat, t.Lon, t.PlaceKind, t.RadiusM = pos.Lat, pos.Lon, kind, tx.db.radii.For(kind)
	t.Label = "home"
	err = tx.QueryRowContext(tx.ctx, `SELECT l.label, pl.name FROM person_locations l JOIN places pl ON pl.code = l.place_code
		WHERE l.person_id = $1 AND l.valid_from <= $2 AND (l.valid_to = '' OR l.valid_to >= $2) ORDER BY l.valid_from DESC LIMIT 1`,
		o.PersonID, o.Day).Scan(&t.Label, &t.PlaceName)
	if err == sql.ErrNoRows {
		t.Label = "home"
		return tx.QueryRowContext(tx.ctx, `SELECT name FROM places WHERE code = $1`, o.PlaceCode).Scan(&t.PlaceName)
	}
	return err
}
