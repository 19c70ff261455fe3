package store_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/audit"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// barthel returns the ten ADL answers, each at its best or its worst option.
func barthel(able bool) assess.Answers {
	a := assess.Answers{}
	for _, it := range assess.Barthel().Items {
		o := it.Options[len(it.Options)-1] // options are listed best first
		if able {
			o = it.Options[0]
		}
		a[it.Code] = o.Code
	}
	return a
}

// adultAnswers answers the default template for an adult with a reliable
// caregiver and no other needs; able sets the ADL answers.
func adultAnswers(able bool) assess.Answers {
	a := assess.Answers{
		"econ.income_ratio": 2.5, "econ.medical_burden": false, "econ.housing": "safe",
		"selfcare.meals": "independent", "selfcare.housework": "independent",
		"selfcare.medication": "independent", "selfcare.outings": "independent",
		"selfcare.caregiver": "reliable", "selfcare.lives_alone": false,
		"mental.cognition": "normal", "mental.mood": "stable", "mental.risk": false,
		"dev.skills": false, "dev.job": false, "dev.digital": "able",
	}
	for k, v := range barthel(able) {
		a[k] = v
	}
	return a
}

// TestAssessStoresResult scores a dependent 61-year-old: tier 1, the
// intensive care package, 12 visits a month, reassessment in 3 months.
func TestAssessStoresResult(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("评估对象", villageA, idFor("652301", "19650501", "401")))
		got, err := e.db.Assess(e.as("to_1"), p.ID, "", "default", adultAnswers(false))
		if err != nil {
			t.Fatalf("Assess: %v", err)
		}
		r := got.Result
		if r.Tier != 1 || r.Package != "care.intensive" || r.VisitsPerMonth != 12 || r.DelegateToProfessional || r.TemplateVersion != 1 {
			t.Fatalf("result = %+v", r)
		}
		if want := e.clock.Now().AddDate(0, 3, 0); !got.NextDue.Equal(want) || got.AssessedBy != "to_1" || got.PlaceCode != villageA {
			t.Fatalf("next due %v by %s at %s; want %v by to_1", got.NextDue, got.AssessedBy, got.PlaceCode, want)
		}
		latest, err := e.db.LatestAssessment(e.as("assessor"), p.ID)
		if err != nil || latest.ID != got.ID || latest.Result.Tier != 1 || latest.Answers["adl.feeding"] != "unable" {
			t.Fatalf("LatestAssessment = %+v, %v", latest, err)
		}
		entries, _ := e.db.AuditEntries(store.System(t.Context()), 5)
		if !slices.ContainsFunc(entries, func(a audit.Entry) bool { return a.Action == "assessment.create" && a.EntityID == got.ID }) {
			t.Errorf("no audit entry for the assessment")
		}
		if _, err := e.db.LatestAssessment(e.as("admin"), mustCreate(t, e, newPerson("未评估", villageA, idFor("652301", "19700101", "403"))).ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("LatestAssessment of someone never assessed: %v", err)
		}
	})
}

// TestAssessInvalidAnswers reports every missing or wrong item by its code.
func TestAssessInvalidAnswers(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("漏答", villageA, idFor("652301", "19650501", "405")))
		a := adultAnswers(true)
		delete(a, "adl.feeding")
		a["econ.housing"] = "palace"
		_, err := e.db.Assess(e.as("assessor"), p.ID, "", "default", a)
		var got []string
		if ee, ok := err.(*errs.Error); ok {
			for _, f := range ee.Fields {
				got = append(got, f.Name+":"+f.Key)
			}
		}
		slices.Sort(got)
		if want := []string{"adl.feeding:err.assess.missing", "econ.housing:err.assess.option"}; !slices.Equal(got, want) {
			t.Fatalf("fields = %v (%v), want %v", got, err, want)
		}
		if _, err := e.db.Assess(e.as("assessor"), p.ID, "", "nope", a); !errs.Is(err, errs.Invalid) {
			t.Fatalf("unknown template: %v", err)
		}
	})
}

// TestAssessDelegation: an 86-year-old who depends on others in daily
// living is assessed by the professional organisation only.
func TestAssessDelegation(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("高龄失能", villageA, idFor("652301", "19400301", "407")))
		for _, tc := range []struct {
			user    string
			wantKey string
		}{
			{"to_1", "err.assess.delegated"},
			{"cr_changji", "err.assess.delegated"},
			{"vw_a", "err.assess.role"},
			{"admin", "err.assess.role"},
		} {
			_, err := e.db.Assess(e.as(tc.user), p.ID, "", "default", adultAnswers(false))
			if ee, ok := err.(*errs.Error); !ok || ee.Code != errs.Forbidden || ee.Key != tc.wantKey {
				t.Errorf("%s: err = %v, want forbidden %s", tc.user, err, tc.wantKey)
			}
		}
		got, err := e.db.Assess(e.as("assessor"), p.ID, "", "default", adultAnswers(false))
		if err != nil || !got.Result.DelegateToProfessional || !slices.Contains(got.Result.Explanation, "delegate.old_dependent") {
			t.Fatalf("assessor: %+v, %v", got, err)
		}
		// The same person able to look after themselves needs no delegation.
		if _, err := e.db.Assess(e.as("to_1"), p.ID, "", "default", adultAnswers(true)); err != nil {
			t.Fatalf("to_1, independent: %v", err)
		}
	})
}

// TestTemplateRevision: a revision is a new version; assessments made
// before keep theirs, new ones use the latest; a stale edit is refused.
func TestTemplateRevision(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		list, err := e.db.Templates(e.as("worker"))
		if err != nil || len(list) != 2 || list[0].Code != "default" || list[1].Code != "elderly" || list[0].Version != 1 {
			t.Fatalf("Templates = %v, %v", list, err)
		}
		p := mustCreate(t, e, newPerson("复评", villageA, idFor("652301", "19650501", "409")))
		before, err := e.db.Assess(e.as("assessor"), p.ID, "", "default", adultAnswers(false))
		if err != nil {
			t.Fatal(err)
		}
		v1 := list[0].Template
		v2, err := assess.Revise(v1, func(t *assess.Template) { t.Tiers[0].VisitsPerMonth = 16 })
		if err != nil {
			t.Fatal(err)
		}
		v2.Version = v1.Version // the edit starts from version 1
		body, _ := json.Marshal(v2)
		if _, err := e.db.ReviseTemplate(e.as("cr_changji"), "default", body); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("county reviewer revising: %v", err)
		}
		if _, err := e.db.ReviseTemplate(e.as("admin"), "elderly", body); !errs.Is(err, errs.Invalid) {
			t.Fatalf("code mismatch: %v", err)
		}
		stored, err := e.db.ReviseTemplate(e.as("admin"), "default", body)
		if err != nil || stored.Version != 2 || stored.CreatedBy != "admin" {
			t.Fatalf("ReviseTemplate = %+v, %v", stored, err)
		}
		if _, err := e.db.ReviseTemplate(e.as("admin"), "default", body); !errs.Is(err, errs.Conflict) {
			t.Fatalf("second edit from version 1: %v, want conflict", err)
		}
		e.clock.Add(time.Hour)
		after, err := e.db.Assess(e.as("assessor"), p.ID, "", "default", adultAnswers(false))
		if err != nil || after.Result.TemplateVersion != 2 || after.Result.VisitsPerMonth != 16 {
			t.Fatalf("after revision: %+v, %v", after.Result, err)
		}
		old, err := e.db.Assessment(e.as("assessor"), before.ID)
		if err != nil || old.Result.TemplateVersion != 1 || old.Result.VisitsPerMonth != 12 {
			t.Fatalf("earlier assessment: %+v, %v", old.Result, err)
		}
		if got, err := e.db.Template(e.as("assessor"), "default", 1); err != nil || got.Tiers[0].VisitsPerMonth != 12 {
			t.Fatalf("version 1 = %v, %v", got, err)
		}
		if hist, _ := e.db.Assessments(e.as("assessor"), p.ID); len(hist) != 2 || hist[0].ID != after.ID {
			t.Fatalf("history = %d, newest %v", len(hist), hist)
		}
	})
}
