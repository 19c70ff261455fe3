package store

import (
	"context"
	"slices"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// UpdatePerson applies u to a person in the actor's scope. u.Version must be
// the version the clerk read: a file changed in between is a conflict, never
// silently overwritten. The ID number cannot change here; a wrong number is
// corrected by an administrator through a new file.
func (db *DB) UpdatePerson(ctx context.Context, id string, u person.Update) (*person.Person, error) {
	a := actorOf(ctx)
	if !a.Can(auth.WritePersons) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	var changed []string
	err := db.inTx(ctx, func(tx *Tx) error {
		q := &query{}
		q.add(`SELECT `+personCols+`, p.id_cipher, p.health_cipher FROM persons p WHERE p.id = %s`, q.arg(id))
		q.scoped("p.place_code", a)
		var idc, hc []byte
		p, err := scanPerson(tx.QueryRow(q.String(), q.args...), &idc, &hc)
		if err != nil {
			return err
		}
		if u.Version != p.Version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": p.Version}}
		}
		if p.IDNumber, err = tx.db.keys.OpenString(idc); err != nil {
			return err
		}
		if p.HealthNotes, err = tx.db.keys.OpenString(hc); err != nil {
			return err
		}
		if err := db.loadCategoriesTx(tx, p); err != nil {
			return err
		}
		before := *p
		u.Apply(p)
		if err := p.Validate(tx.now); err != nil {
			return err
		}
		if err := mustWritePerson(a, p.PlaceCode); err != nil {
			return err
		}
		if err := tx.checkPersonRefs(p); err != nil {
			return err
		}
		changed = diffPerson(&before, p)
		if len(changed) == 0 {
			return nil
		}
		p.Version++
		p.UpdatedAt = tx.now
		if _, err := tx.Exec(`DELETE FROM person_categories WHERE person_id = $1`, p.ID); err != nil {
			return err
		}
		hc2, err := tx.db.keys.SealString(p.HealthNotes)
		if err != nil {
			return err
		}
		prefs := mustJSON(p.Preferences)
		res, err := tx.Exec(`UPDATE persons SET household_id = $1, relation = $2, place_code = $3, name = $4, name_arabic = $5,
			name_latin = $6, search_text = $7, ethnicity = $8, language = $9, disability_grade = $10, health_cipher = $11,
			guardian_id = $12, address = $13, lat = $14, lon = $15, phone = $16, preferences = $17, version = $18, updated_at = $19
			WHERE id = $20 AND version = $21`,
			nullable(p.HouseholdID), p.Relation, p.PlaceCode, p.Name, p.NameArabic, p.NameLatin, p.SearchText(), p.Ethnicity,
			p.Language, p.DisabilityGrade, hc2, nullable(p.GuardianID), p.Address, p.Lat, p.Lon, p.Phone, prefs, p.Version,
			p.UpdatedAt, p.ID, u.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.New(errs.Conflict, "err.version_conflict")
		}
		if err := tx.putCategories(p); err != nil {
			return err
		}
		return tx.audit("person.update", "person", p.ID, p.PlaceCode, map[string]any{"fields": changed, "from_place": before.PlaceCode})
	})
	if err != nil {
		return nil, err
	}
	return db.Person(ctx, id, "edit")
}

func (db *DB) loadCategoriesTx(tx *Tx, p *person.Person) error {
	rows, err := tx.Query(`SELECT category FROM person_categories WHERE person_id = $1`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	p.Categories = nil
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return err
		}
		p.Categories = append(p.Categories, person.Category(c))
	}
	p.Categories = sortCategories(p.Categories)
	return rows.Err()
}

// diffPerson names the fields that differ, for the audit log. Values are not
// logged: they may be sensitive.
func diffPerson(a, b *person.Person) []string {
	var out []string
	check := func(name string, same bool) {
		if !same {
			out = append(out, name)
		}
	}
	check("place_code", a.PlaceCode == b.PlaceCode)
	check("name", a.Name == b.Name)
	check("name_arabic", a.NameArabic == b.NameArabic)
	check("name_latin", a.NameLatin == b.NameLatin)
	check("ethnicity", a.Ethnicity == b.Ethnicity)
	check("language", a.Language == b.Language)
	check("categories", slices.Equal(a.Categories, b.Categories))
	check("disability_grade", a.DisabilityGrade == b.DisabilityGrade)
	check("health_notes", a.HealthNotes == b.HealthNotes)
	check("guardian_id", a.GuardianID == b.GuardianID)
	check("address", a.Address == b.Address)
	check("coordinates", a.Lat == b.Lat && a.Lon == b.Lon)
	check("phone", a.Phone == b.Phone)
	check("preferences", a.Preferences == b.Preferences)
	check("household", a.HouseholdID == b.HouseholdID && a.Relation == b.Relation)
	return out
}
