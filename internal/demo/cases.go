package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/assess"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/need"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/store"
)

// CaseEvery picks one assisted person in CaseEvery for an approved case, so
// the demo starts with plans to match (about 375 of the 3,000 people).
const CaseEvery = 8

// Case is one demo person the loader takes through the approval flow.
type Case struct {
	PersonID string
	Category need.Category
	Answers  assess.Answers
}

// Cases chooses the demo's approved cases: every CaseEvery-th assisted
// person, with assessment answers that fit the person, so that the approved
// packages cover the whole catalogue (intensive care, rehabilitation,
// housekeeping, children, skills, visits).
func Cases(d *Dataset, today time.Time) []Case {
	var out []Case
	n := 0
	for i := range d.Persons {
		p := &d.Persons[i]
		if len(p.Categories) == 0 {
			continue
		}
		n++
		if n%CaseEvery != 0 {
			continue
		}
		c := Case{PersonID: p.ID}
		c.Category, c.Answers = answersFor(p, today, len(out))
		out = append(out, c)
	}
	return out
}

// answersFor answers the default template for p. Variant k spreads adults
// over the packages a real caseload has.
func answersFor(p *person.Person, today time.Time, k int) (need.Category, assess.Answers) {
	age := p.Age(today)
	a := assess.Answers{"econ.income_ratio": 0.9, "econ.medical_burden": false, "econ.housing": "safe"}
	if age >= 16 { // the template asks these from 16
		for q, v := range map[string]any{
			"selfcare.meals": "independent", "selfcare.housework": "independent",
			"selfcare.medication": "independent", "selfcare.outings": "independent",
			"selfcare.caregiver": "reliable", "selfcare.lives_alone": false,
			"mental.cognition": "normal", "mental.mood": "stable", "mental.risk": false,
			"dev.skills": false, "dev.job": false, "dev.digital": "able",
		} {
			a[q] = v
		}
	}
	adl := 0 // 0 able, 1 partly dependent, 2 dependent
	cat := need.Care
	switch {
	case age < 18:
		cat = need.Child
		a["child.difficulty"] = []string{"left_behind", "orphan", "disabled", "other"}[k%4]
		a["child.guardianship"] = []string{"adequate", "weak"}[k%2]
		a["child.schooling"] = "in_school"
		a["child.psych"] = []string{"stable", "needs_support"}[k%2]
	case p.DisabilityGrade >= 1 && p.DisabilityGrade <= 2:
		cat = need.Medical // rehabilitation at home
	case slices.Contains(p.Categories, person.ElderlyAlone) || age >= 75:
		adl = []int{2, 1, 1, 0}[k%4]
		a["selfcare.lives_alone"] = true
		a["selfcare.housework"] = "needs_help"
	case k%3 == 0:
		cat = need.Skills
		a["dev.skills"] = true
		a["dev.digital"] = "with_help"
	default:
		cat = need.Housekeeping
		a["selfcare.housework"] = "unable"
		a["selfcare.meals"] = "needs_help"
		a["selfcare.outings"] = "needs_help"
		a["selfcare.caregiver"] = "limited"
	}
	for _, it := range assess.Barthel().Items {
		// Options are listed best first.
		o := it.Options[0]
		switch adl {
		case 1:
			o = it.Options[len(it.Options)/2]
		case 2:
			o = it.Options[len(it.Options)-1]
		}
		a[it.Code] = o.Code
	}
	return cat, a
}

// loadCases files a need for every case and takes it through the default
// four-level flow (accept, township review, county re-check, assessment) to
// approved, exactly as officers would, so the audit trail and plans follow.
func loadCases(ctx context.Context, db *store.DB, cases []Case) error {
	as := func(r auth.Role) context.Context {
		return auth.WithActor(ctx, &auth.Actor{UserID: "demo", Username: "demo-loader:" + string(r), Role: r, Scope: place.Changji.Code})
	}
	for _, c := range cases {
		n, _, err := db.FileNeed(as(auth.VillageWorker), need.Filing{PersonID: c.PersonID, Channel: need.FieldSurvey, Category: c.Category})
		if err != nil {
			return fmt.Errorf("need for %s: %w", c.PersonID, err)
		}
		app, err := db.OpenApplication(as(auth.VillageWorker), n.ID, false)
		if err != nil {
			return fmt.Errorf("application for %s: %w", c.PersonID, err)
		}
		for _, step := range []struct {
			role   auth.Role
			action approval.Action
		}{
			{auth.TownshipOfficer, approval.Accept},
			{auth.TownshipOfficer, approval.Pass},
			{auth.CountyReviewer, approval.Pass},
			{auth.Assessor, approval.Pass},
		} {
			if app.State == approval.Assessment {
				if _, err := db.Assess(as(auth.Assessor), c.PersonID, app.ID, "default", c.Answers); err != nil {
					return fmt.Errorf("assessment of %s: %w", c.PersonID, err)
				}
			}
			if app, err = db.Act(as(step.role), app.ID, step.action, "", app.Version); err != nil {
				return fmt.Errorf("%s %s of %s: %w", step.role, step.action, c.PersonID, err)
			}
		}
		if app.State != approval.Approved {
			return fmt.Errorf("case of %s ended in %s", c.PersonID, app.State)
		}
	}
	return nil
}

// LoadFull loads the demo dataset as Load does and, on a fresh load, takes the
// demo's cases through approval, so the services (plans, matching, orders)
// have work from the first start. The command line's serve --demo and demo
// use it; tests that need no cases use Load, which is much faster.
func LoadFull(ctx context.Context, db *store.DB, today time.Time) (accounts []Account, loaded bool, err error) {
	accounts, loaded, err = Load(ctx, db, today)
	if err != nil || !loaded {
		return accounts, loaded, err
	}
	if err := loadCases(store.System(ctx), db, Cases(Generate(Seed, today), today)); err != nil {
		return nil, false, fmt.Errorf("demo: cases: %w", err)
	}
	return accounts, true, nil
}
