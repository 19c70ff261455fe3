package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// Assessment is one stored needs assessment: the answers, and the result
// scored with the template version it names.
type Assessment struct {
	ID            string         `json:"id"`
	PersonID      string         `json:"person_id"`
	PersonName    string         `json:"person_name"`
	PlaceCode     string         `json:"place_code"` // the person's village when assessed
	ApplicationID string         `json:"application_id,omitempty"`
	Answers       assess.Answers `json:"answers"`
	Result        assess.Result  `json:"result"`
	AssessedBy    string         `json:"assessed_by"`
	At            time.Time      `json:"at"`
	NextDue       time.Time      `json:"next_due"` // when the tier's cycle brings the reassessment
}

const assessmentCols = `a.id, a.person_id, p.name, a.place_code, COALESCE(a.application_id, ''), a.answers, a.result,
	a.assessed_by, a.at, a.next_due`

func scanAssessment(s interface{ Scan(...any) error }) (*Assessment, error) {
	var as Assessment
	var answers, result string
	if err := s.Scan(&as.ID, &as.PersonID, &as.PersonName, &as.PlaceCode, &as.ApplicationID, &answers, &result,
		&as.AssessedBy, &as.At, &as.NextDue); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(answers), &as.Answers); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(result), &as.Result); err != nil {
		return nil, err
	}
	as.At, as.NextDue = as.At.UTC(), as.NextDue.UTC()
	return &as, nil
}

// mayReadAssessments: whoever reads person files or the ledger in the area.
func mayReadAssessments(a *auth.Actor) bool { return a.Can(auth.ReadPersons) || a.Can(auth.ReadNeeds) }

// Assess scores the answers for a person in the actor's scope with the latest
// version of the template, and stores the answers and the result with that
// version. applicationID, if set, links the assessment to the person's
// application in progress (the approval's assessment step). Assessors, county
// reviewers and township officers may assess; a result delegated to the
// professional assessor organisation only an assessor may record
// (err.assess.delegated). Invalid answers give one field error per item.
func (db *DB) Assess(ctx context.Context, personID, applicationID, templateCode string, answers assess.Answers) (*Assessment, error) {
	a := actorOf(ctx)
	if !a.System && !assess.MayAssess(a.Role) {
		return nil, errs.New(errs.Forbidden, "err.assess.role")
	}
	if templateCode == "" {
		return nil, errs.InvalidField("template", "err.required", nil)
	}
	if err := db.ensureTemplates(ctx); err != nil {
		return nil, err
	}
	id := uuid.Must(uuid.NewV7()).String()
	err := db.inTx(ctx, func(tx *Tx) error {
		subj, placeCode, err := tx.subject(ctx, personID)
		if err != nil {
			return err
		}
		if applicationID != "" {
			app, err := db.applicationTx(ctx, tx, applicationID)
			switch {
			case errs.Is(err, errs.NotFound) || (err == nil && app.PersonID != personID):
				return errs.InvalidField("application_id", "err.assess.application", nil)
			case err != nil:
				return err
			case app.State.Final():
				return errs.New(errs.Conflict, "err.assess.application_closed")
			}
		}
		st, err := templateTx(ctx, tx, templateCode, 0)
		if errs.Is(err, errs.NotFound) {
			return errs.InvalidField("template", "err.assess.template_unknown", nil)
		}
		if err != nil {
			return err
		}
		res, err := assess.Score(st.Template, subj, answers)
		if err != nil {
			return err
		}
		if !a.System && !res.MayRecord(a.Role) {
			return errs.New(errs.Forbidden, "err.assess.delegated")
		}
		_, err = tx.Exec(`INSERT INTO assessments (id, person_id, place_code, application_id, template_code, template_version, answers,
			result, tier, package, visits_per_month, delegate, assessed_by, at, next_due)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			id, personID, placeCode, nullable(applicationID), res.TemplateCode, res.TemplateVersion, mustJSON(asked(st.Template, subj, answers)),
			mustJSON(res), res.Tier, res.Package, res.VisitsPerMonth, res.DelegateToProfessional, a.Username, tx.now, res.NextDue(tx.now))
		if err != nil {
			return err
		}
		return tx.audit("assessment.create", "assessment", id, placeCode, map[string]any{"person_id": personID,
			"application_id": applicationID, "template": res.TemplateCode, "version": res.TemplateVersion, "tier": res.Tier,
			"package": res.Package, "delegate": res.DelegateToProfessional})
	})
	if err != nil {
		return nil, err
	}
	return db.Assessment(ctx, id)
}

// subject reads what scoring needs to know of a person in the actor's scope
// (age on today's date in China, sex, categories, disability grade) and the
// person's village. It decrypts nothing.
func (tx *Tx) subject(ctx context.Context, personID string) (assess.Subject, string, error) {
	q := &query{}
	q.add(`SELECT p.place_code, p.birth_date, p.sex, p.disability_grade FROM persons p WHERE p.id = %s`, q.arg(personID))
	q.scoped("p.place_code", tx.actor)
	var p person.Person
	if err := tx.QueryRowContext(ctx, q.String(), q.args...).Scan(&p.PlaceCode, &p.BirthDate, &p.Sex, &p.DisabilityGrade); err != nil {
		return assess.Subject{}, "", translate(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT category FROM person_categories WHERE person_id = $1`, personID)
	if err != nil {
		return assess.Subject{}, "", err
	}
	defer rows.Close()
	for rows.Next() {
		var c person.Category
		if err := rows.Scan(&c); err != nil {
			return assess.Subject{}, "", err
		}
		p.Categories = append(p.Categories, c)
	}
	return assess.SubjectOf(&p, tx.now.In(shanghai)), p.PlaceCode, rows.Err()
}

// asked keeps the answers to the items the template asked of the subject,
// the ones that count; answers to dimensions not asked are dropped.
func asked(t *assess.Template, s assess.Subject, a assess.Answers) assess.Answers {
	out := assess.Answers{}
	for i := range t.Dimensions {
		d := &t.Dimensions[i]
		if !d.Asks(s) {
			continue
		}
		for _, it := range d.Items {
			if v, ok := a[it.Code]; ok && v != nil && it.From == "" {
				out[it.Code] = v
			}
		}
	}
	return out
}

// Assessment returns one assessment of a person in the actor's scope.
func (db *DB) Assessment(ctx context.Context, id string) (*Assessment, error) {
	a := actorOf(ctx)
	if !mayReadAssessments(a) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT `+assessmentCols+` FROM assessments a JOIN persons p ON p.id = a.person_id WHERE a.id = %s`, q.arg(id))
	q.scoped("p.place_code", a)
	as, err := scanAssessment(db.r.QueryRowContext(ctx, q.String(), q.args...))
	return as, translate(err)
}

// Assessments returns a person's assessments, newest first.
func (db *DB) Assessments(ctx context.Context, personID string) ([]*Assessment, error) {
	return db.personAssessments(ctx, personID, 0)
}

// LatestAssessment returns a person's newest assessment; none is not found.
func (db *DB) LatestAssessment(ctx context.Context, personID string) (*Assessment, error) {
	list, err := db.personAssessments(ctx, personID, 1)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errs.New(errs.NotFound, "err.not_found")
	}
	return list[0], nil
}

// personAssessments lists a person's assessments newest first, at most limit
// (0: all). A person outside the scope is not found.
func (db *DB) personAssessments(ctx context.Context, personID string, limit int) ([]*Assessment, error) {
	a := actorOf(ctx)
	if !mayReadAssessments(a) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if _, err := db.personPlace(ctx, db.r, personID); err != nil {
		return nil, err
	}
	q := &query{}
	q.add(`SELECT `+assessmentCols+` FROM assessments a JOIN persons p ON p.id = a.person_id WHERE a.person_id = %s`, q.arg(personID))
	q.scoped("p.place_code", a)
	q.raw(` ORDER BY a.at DESC, a.id DESC`)
	if limit > 0 {
		q.add(` LIMIT %s`, q.arg(limit))
	}
	return db.queryAssessments(ctx, q)
}

func (db *DB) queryAssessments(ctx context.Context, q *query) ([]*Assessment, error) {
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []*Assessment{}
	for rows.Next() {
		as, err := scanAssessment(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, as)
	}
	return out, translate(rows.Err())
}
