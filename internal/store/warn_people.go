package store

import (
	"jiuzhu/internal/auth"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/warn"
)

// personRefs loads what warning rules and emergencies need to know about the
// people that where selects (it adds conditions on persons p), inside the
// actor's scope: village, birth date, categories, disability grade and the
// number of people in the household on file (0 when the person has none).
// It also returns each person's ID-number blind index.
func (tx *Tx) personRefs(where func(q *query)) ([]warn.PersonRef, map[string]string, error) {
	q := &query{}
	q.raw(`SELECT p.id, p.place_code, p.birth_date, p.disability_grade, p.id_index,
		CASE WHEN p.household_id IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM persons h WHERE h.household_id = p.household_id) END
		FROM persons p WHERE 1=1`)
	where(q)
	q.scoped("p.place_code", tx.actor)
	q.raw(` ORDER BY p.id`)
	rows, err := tx.Query(q.String(), q.args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var refs []warn.PersonRef
	index := map[string]string{}
	at := map[string]int{}
	for rows.Next() {
		var r warn.PersonRef
		var idx string
		if err := rows.Scan(&r.ID, &r.PlaceCode, &r.BirthDate, &r.DisabilityGrade, &idx, &r.HouseholdSize); err != nil {
			return nil, nil, err
		}
		index[r.ID] = idx
		at[r.ID] = len(refs)
		refs = append(refs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	if len(refs) == 0 {
		return nil, index, nil
	}
	c := &query{}
	c.raw(`SELECT p.id, c.category FROM person_categories c JOIN persons p ON p.id = c.person_id WHERE 1=1`)
	where(c)
	c.scoped("p.place_code", tx.actor)
	crows, err := tx.Query(c.String(), c.args...)
	if err != nil {
		return nil, nil, err
	}
	defer crows.Close()
	for crows.Next() {
		var id string
		var cat person.Category
		if err := crows.Scan(&id, &cat); err != nil {
			return nil, nil, err
		}
		if i, ok := at[id]; ok {
			refs[i].Categories = append(refs[i].Categories, cat)
		}
	}
	return refs, index, crows.Err()
}

// inStrings adds "AND col IN (…)" for values, which must not be empty.
func (q *query) inStrings(col string, values []string) {
	q.add(" AND %s IN (", col)
	for i, v := range values {
		if i > 0 {
			q.raw(", ")
		}
		q.raw(q.arg(v))
	}
	q.raw(")")
}

// villageWorkers finds, once per village, the one active village worker
// whose area holds the village: the worker a warning there is assigned to.
// With none, or more than one, nobody is picked and the entry stays new for
// the township to assign.
type villageWorkers struct {
	tx    *Tx
	cache map[string]*auth.User
}

func (tx *Tx) villageWorkers() *villageWorkers {
	return &villageWorkers{tx: tx, cache: map[string]*auth.User{}}
}

func (w *villageWorkers) of(village string) (*auth.User, error) {
	if u, ok := w.cache[village]; ok {
		return u, nil
	}
	q := &query{}
	q.add(`SELECT `+userCols+` FROM users WHERE role = %s AND disabled = `+w.tx.db.falseLit(), q.arg(string(auth.VillageWorker)))
	var chain []string
	for c := village; c != ""; c = place.ParentCode(c) {
		chain = append(chain, c)
	}
	q.inStrings("place_code", chain)
	q.raw(` LIMIT 2`)
	rows, err := w.tx.Query(q.String(), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var found []*auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		found = append(found, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var u *auth.User
	if len(found) == 1 {
		u = found[0]
	}
	w.cache[village] = u
	return u, nil
}
