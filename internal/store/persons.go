package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/pii"
	"jiuzhu/internal/place"
)

const personCols = `p.id, COALESCE(p.household_id, ''), p.relation, p.place_code, p.name, p.name_arabic, p.name_latin,
	p.id_masked, p.birth_date, p.sex, p.ethnicity, p.language, p.disability_grade, COALESCE(p.guardian_id, ''),
	p.address, p.lat, p.lon, p.phone, p.preferences, p.version, p.created_at, p.updated_at`

// scanPerson scans personCols, then any extra columns into extra.
func scanPerson(s interface{ Scan(...any) error }, extra ...any) (*person.Person, error) {
	var p person.Person
	var prefs string
	dests := []any{&p.ID, &p.HouseholdID, &p.Relation, &p.PlaceCode, &p.Name, &p.NameArabic, &p.NameLatin,
		&p.IDNumber, &p.BirthDate, &p.Sex, &p.Ethnicity, &p.Language, &p.DisabilityGrade, &p.GuardianID,
		&p.Address, &p.Lat, &p.Lon, &p.Phone, &prefs, &p.Version, &p.CreatedAt, &p.UpdatedAt}
	if err := s.Scan(append(dests, extra...)...); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(prefs), &p.Preferences); err != nil {
		return nil, fmt.Errorf("person %s preferences: %w", p.ID, err)
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

func nullable(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// mustWritePerson checks that the actor may write a person at code.
func mustWritePerson(a *auth.Actor, code string) error {
	if !a.Can(auth.WritePersons) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	if !a.Sees(code) {
		return errs.InvalidField("place_code", "err.place.out_of_scope", nil)
	}
	return nil
}

// CreatePerson validates and stores a new person file. A registered ID number
// is a conflict; a file that looks like an existing one (similar name, same
// birth date and village) is a conflict carrying the candidates in Extra
// unless confirm is set, so a clerk sees the warning before saving.
func (db *DB) CreatePerson(ctx context.Context, p *person.Person, confirm bool) (*person.Person, error) {
	a := actorOf(ctx)
	if err := p.Validate(db.now()); err != nil {
		return nil, err
	}
	if err := mustWritePerson(a, p.PlaceCode); err != nil {
		return nil, err
	}
	if p.ID == "" {
		p.ID = uuid.Must(uuid.NewV7()).String()
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkPersonRefs(p); err != nil {
			return err
		}
		if !confirm {
			dups, err := tx.suspects(p)
			if err != nil {
				return err
			}
			if len(dups) > 0 {
				return &errs.Error{Code: errs.Conflict, Key: "err.person.duplicate_suspect", Args: map[string]any{"Count": len(dups)}, Extra: dups}
			}
		}
		p.CreatedAt, p.UpdatedAt, p.Version = tx.now, tx.now, 1
		if err := tx.insertPerson(p); err != nil {
			return err
		}
		return tx.audit("person.create", "person", p.ID, p.PlaceCode, map[string]any{"id_masked": pii.MaskID(p.IDNumber)})
	})
	if err != nil {
		return nil, err
	}
	return db.Person(ctx, p.ID, "create")
}

// checkPersonRefs checks the village exists and the ID number is new.
func (tx *Tx) checkPersonRefs(p *person.Person) error {
	var lvl place.Level
	if err := tx.QueryRow(`SELECT level FROM places WHERE code = $1`, p.PlaceCode).Scan(&lvl); err != nil {
		return errs.InvalidField("place_code", "err.place.unknown", nil)
	}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM persons WHERE id_index = $1 AND id <> $2`, tx.db.keys.Index(p.IDNumber), p.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &errs.Error{Code: errs.Conflict, Key: "err.id.duplicate", Fields: []errs.Field{{Name: "id_number", Key: "err.id.duplicate"}}}
	}
	if p.GuardianID != "" {
		if err := tx.QueryRow(`SELECT COUNT(*) FROM persons WHERE id = $1`, p.GuardianID).Scan(&n); err != nil || n == 0 {
			return errs.InvalidField("guardian_id", "err.guardian.unknown", nil)
		}
	}
	return nil
}

// Suspect is an existing file that looks like the one being created.
type Suspect struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	IDMasked  string `json:"id_masked"`
	BirthDate string `json:"birth_date"`
	PlaceCode string `json:"place_code"`
}

// suspects finds files in the same village with the same birth date and a
// similar name in any spelling.
func (tx *Tx) suspects(p *person.Person) ([]Suspect, error) {
	rows, err := tx.Query(`SELECT p.id, p.name, p.name_arabic, p.name_latin, p.id_masked FROM persons p
		WHERE p.place_code = $1 AND p.birth_date = $2 AND p.id <> $3`, p.PlaceCode, p.BirthDate, p.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Suspect
	for rows.Next() {
		var o person.Person
		if err := rows.Scan(&o.ID, &o.Name, &o.NameArabic, &o.NameLatin, &o.IDNumber); err != nil {
			return nil, err
		}
		if person.SimilarNames(p, &o) {
			out = append(out, Suspect{ID: o.ID, Name: o.Name, IDMasked: o.IDNumber, BirthDate: p.BirthDate, PlaceCode: p.PlaceCode})
		}
	}
	return out, rows.Err()
}

func (tx *Tx) insertPerson(p *person.Person) error {
	idc, err := tx.db.keys.SealString(p.IDNumber)
	if err != nil {
		return err
	}
	hc, err := tx.db.keys.SealString(p.HealthNotes)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO persons (id, household_id, relation, place_code, name, name_arabic, name_latin, search_text,
		id_cipher, id_index, id_masked, birth_date, sex, ethnicity, language, disability_grade, health_cipher, guardian_id,
		address, lat, lon, phone, preferences, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)`,
		p.ID, nullable(p.HouseholdID), p.Relation, p.PlaceCode, p.Name, p.NameArabic, p.NameLatin, p.SearchText(),
		idc, tx.db.keys.Index(p.IDNumber), pii.MaskID(p.IDNumber), p.BirthDate, string(p.Sex), p.Ethnicity, p.Language,
		p.DisabilityGrade, hc, nullable(p.GuardianID), p.Address, p.Lat, p.Lon, p.Phone, mustJSON(p.Preferences), p.Version, p.CreatedAt, p.UpdatedAt)
	if err != nil {
		return err
	}
	return tx.putCategories(p)
}

func (tx *Tx) putCategories(p *person.Person) error {
	if _, err := tx.Exec(`DELETE FROM person_categories WHERE person_id = $1`, p.ID); err != nil {
		return err
	}
	for _, c := range p.Categories {
		if _, err := tx.Exec(`INSERT INTO person_categories (person_id, category) VALUES ($1, $2)`, p.ID, string(c)); err != nil {
			return err
		}
	}
	return nil
}

// Person returns one person file in the actor's scope, and logs the read.
// The ID number and health notes are decrypted only for roles that may see
// them; others get the masked number. purpose says why (view, edit, api).
func (db *DB) Person(ctx context.Context, id, purpose string) (*person.Person, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadPersons) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT `+personCols+`, p.id_cipher, p.health_cipher FROM persons p WHERE p.id = %s`, q.arg(id))
	q.scoped("p.place_code", a)
	var idc, hc []byte
	p, err := scanPerson(db.r.QueryRowContext(ctx, q.String(), q.args...), &idc, &hc)
	if err != nil {
		return nil, translate(err)
	}
	full := a.Can(auth.SeeFullID)
	if full {
		if p.IDNumber, err = db.keys.OpenString(idc); err != nil {
			return nil, errs.Wrap(err, "err.internal")
		}
	}
	if full || a.Can(auth.WritePersons) {
		if p.HealthNotes, err = db.keys.OpenString(hc); err != nil {
			return nil, errs.Wrap(err, "err.internal")
		}
	}
	if err := db.loadCategories(ctx, []*person.Person{p}); err != nil {
		return nil, err
	}
	err = db.logAccess(ctx, audit.Access{At: db.clock(), UserID: a.UserID, Username: a.Username, PersonID: p.ID, PlaceCode: p.PlaceCode, Purpose: purpose, FullID: full})
	return p, err
}

func (db *DB) loadCategories(ctx context.Context, ps []*person.Person) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[string]*person.Person, len(ps))
	q := &query{}
	q.add(`SELECT person_id, category FROM person_categories WHERE person_id IN (`)
	for i, p := range ps {
		byID[p.ID] = p
		p.Categories = []person.Category{}
		if i > 0 {
			q.add(", ")
		}
		q.add("%s", q.arg(p.ID))
	}
	q.add(")")
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, c string
		if err := rows.Scan(&id, &c); err != nil {
			return translate(err)
		}
		byID[id].Categories = append(byID[id].Categories, person.Category(c))
	}
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	for _, p := range ps {
		p.Categories = sortCategories(p.Categories)
	}
	return nil
}

func sortCategories(cs []person.Category) []person.Category {
	out := make([]person.Category, 0, len(cs))
	for _, c := range person.Categories {
		for _, d := range cs {
			if c == d {
				out = append(out, c)
			}
		}
	}
	return out
}

// looksLikeID reports whether a search string is meant as an ID number.
func looksLikeID(s string) bool {
	return len(s) == 18 && strings.Trim(s[:17], "0123456789") == ""
}
