package store

import (
	"context"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// MaxPageSize bounds a list page.
const MaxPageSize = 200

// Persons lists person files in the actor's scope matching f, with ID numbers
// masked, and the total number of matches. Lists do not decrypt anything.
func (db *DB) Persons(ctx context.Context, f person.Filter) ([]*person.Person, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadPersons) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	where := &query{}
	where.add(` FROM persons p WHERE 1=1`)
	where.scoped("p.place_code", a)
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		where.inScope("p.place_code", *f.PlaceCode)
	}
	if f.Query != nil && *f.Query != "" {
		if q := person.NormalizeID(*f.Query); looksLikeID(q) {
			where.add(` AND p.id_index = %s`, where.arg(db.keys.Index(q)))
		} else if k := person.SearchKey(q); k != "" {
			where.add(` AND p.search_text LIKE %s`, where.arg("%"+escapeLike(k)+"%"))
		}
	}
	if f.Category != nil {
		where.add(` AND EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id AND c.category = %s)`, where.arg(string(*f.Category)))
	}
	if f.Ethnicity != nil {
		where.add(` AND p.ethnicity = %s`, where.arg(*f.Ethnicity))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + personCols + where.String())
	list.add(` ORDER BY p.place_code, p.name, p.id LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*person.Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err)
	}
	rows.Close()
	return out, total, db.loadCategories(ctx, out)
}

// escapeLike neutralises LIKE wildcards in user input; both databases take
// backslash as the default escape in LIKE… except SQLite, so names are
// folded by SearchKey (which drops punctuation) before they get here.
func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '%' || r == '_' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// CategoryCount is the number of people of a category in a place.
type CategoryCount struct {
	PlaceCode string          `json:"place_code"`
	Category  person.Category `json:"category"`
	Count     int             `json:"count"`
}

// CountsByCounty counts people under assistance in the actor's scope by
// county (the first 6 digits of the village code) and category.
func (db *DB) CountsByCounty(ctx context.Context) ([]CategoryCount, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadPersons) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT substr(p.place_code, 1, 6), c.category, COUNT(*) FROM persons p
		JOIN person_categories c ON c.person_id = p.id WHERE 1=1`)
	q.scoped("p.place_code", a)
	q.add(` GROUP BY substr(p.place_code, 1, 6), c.category ORDER BY 1, 2`)
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []CategoryCount
	for rows.Next() {
		var c CategoryCount
		if err := rows.Scan(&c.PlaceCode, &c.Category, &c.Count); err != nil {
			return nil, translate(err)
		}
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// CountAssisted returns how many people in the actor's scope have at least
// one assistance category.
func (db *DB) CountAssisted(ctx context.Context) (int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadPersons) {
		return 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT COUNT(*) FROM persons p WHERE EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id)`)
	q.scoped("p.place_code", a)
	var n int
	err := db.r.QueryRowContext(ctx, q.String(), q.args...).Scan(&n)
	return n, translate(err)
}

// AssistedByCounty counts distinct people under assistance in the actor's
// scope by county; unlike summing CountsByCounty, a person in two
// categories counts once.
func (db *DB) AssistedByCounty(ctx context.Context) (map[string]int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadPersons) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT substr(p.place_code, 1, 6), COUNT(*) FROM persons p
		WHERE EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id)`)
	q.scoped("p.place_code", a)
	q.add(` GROUP BY substr(p.place_code, 1, 6)`)
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, translate(err)
		}
		out[code] = n
	}
	return out, translate(rows.Err())
}
