package assess

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

func TestJSONRoundTrip(t *testing.T) {
	for _, tp := range []*Template{DefaultTemplate(), ElderlyTemplate()} {
		t.Run(tp.Code, func(t *testing.T) {
			b, err := json.Marshal(tp)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(b)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tp) {
				t.Fatalf("round trip changed the template")
			}
			b2, _ := json.Marshal(got)
			if string(b2) != string(b) {
				t.Fatalf("second encoding differs")
			}
		})
	}
}

func TestParseRefusesUnknownFields(t *testing.T) {
	b, _ := json.Marshal(DefaultTemplate())
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	rules := m["rules"].([]any)
	rules[0].(map[string]any)["when"] = map[string]any{"dim": "adl", "less_than": 40} // misspelt "lt"
	b, _ = json.Marshal(m)
	_, err := Parse(b)
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.Invalid || e.Key != "err.json" {
		t.Fatalf("Parse = %v, want Invalid err.json", err)
	}
}

func TestRevise(t *testing.T) {
	v1 := DefaultTemplate()
	v2, err := Revise(v1, func(t *Template) {
		t.Tiers[0].VisitsPerMonth = 16
		t.Dimensions[0].Items[2].Options[2].Score = 3 // unsafe housing weighs more
		t.Version, t.Code = 99, "hijacked"            // ignored
	})
	if err != nil {
		t.Fatalf("Revise: %v", err)
	}
	if v2.Code != "default" || v2.Version != 2 {
		t.Errorf("revision = %s v%d, want default v2", v2.Code, v2.Version)
	}
	if !reflect.DeepEqual(v1, DefaultTemplate()) {
		t.Fatalf("Revise changed the old version")
	}
	s := Subject{Age: 80}
	a := merge(adult(), adlScores(t, 10, 0, 0, 5, 5, 5, 5, 5, 5, 0))
	r1, r2 := MustScore(t, v1, s, a), MustScore(t, v2, s, a)
	if r1.TemplateVersion != 1 || r1.VisitsPerMonth != 12 || r2.TemplateVersion != 2 || r2.VisitsPerMonth != 16 {
		t.Errorf("v1 → v%d %d/month, v2 → v%d %d/month; want v1 12, v2 16",
			r1.TemplateVersion, r1.VisitsPerMonth, r2.TemplateVersion, r2.VisitsPerMonth)
	}
	if _, err := Revise(v2, func(t *Template) { t.Rules[0].Tier = 9 }); !errs.Is(err, errs.Invalid) {
		t.Errorf("Revise to an invalid template = %v, want Invalid", err)
	}
}

func TestVisitsOverride(t *testing.T) {
	tp, err := Revise(DefaultTemplate(), func(t *Template) {
		for i := range t.Rules {
			if t.Rules[i].Code == "pkg.rehab" {
				t.Rules[i].VisitsPerMonth = 10
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	r := MustScore(t, tp, Subject{Age: 35, DisabilityGrade: 1}, merge(adult(), adlScores(t, 5, 0, 0, 5, 10, 5, 5, 5, 10, 0)))
	if r.Package != "rehab.home" || r.VisitsPerMonth != 10 || r.Tier != 2 {
		t.Fatalf("got %s %d/month tier %d, want rehab.home 10/month tier 2", r.Package, r.VisitsPerMonth, r.Tier)
	}
}

func TestDeterministic(t *testing.T) {
	s := Subject{Age: 84, Categories: []person.Category{person.ElderlyAlone, person.ExtremePoverty}}
	a := merge(adult(), adlScores(t, 5, 0, 0, 5, 5, 5, 5, 5, 5, 0), Answers{"customs.culture": true, "mental.mood": "low"})
	first := MustScore(t, DefaultTemplate(), s, a)
	b1, _ := json.Marshal(first)
	for range 50 {
		r := MustScore(t, DefaultTemplate(), s, a)
		if b, _ := json.Marshal(r); string(b) != string(b1) {
			t.Fatalf("result changed:\n%s\n%s", b1, b)
		}
	}
	_, err1 := Score(DefaultTemplate(), Subject{Age: 40}, Answers{"zz": 1, "aa": 2, "mm": 3})
	for range 20 {
		if _, err := Score(DefaultTemplate(), Subject{Age: 40}, Answers{"zz": 1, "aa": 2, "mm": 3}); err.Error() != err1.Error() {
			t.Fatalf("error changed: %v vs %v", err, err1)
		}
	}
}

func TestDue(t *testing.T) {
	on := time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)
	r := Result{NextReassessmentMonths: 3}
	for _, tc := range []struct {
		name        string
		now, change time.Time
		due         bool
		reason      string
	}{
		{"within the cycle", on.AddDate(0, 2, 0), time.Time{}, false, ""},
		{"cycle passed", on.AddDate(0, 3, 0), time.Time{}, true, DueCycle},
		{"change reported", on.AddDate(0, 0, 10), on.AddDate(0, 0, 5), true, DueChange},
		{"change before the assessment", on.AddDate(0, 1, 0), on.AddDate(0, 0, -5), false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, why := r.Due(on, tc.now, tc.change)
			if due != tc.due || why != tc.reason {
				t.Fatalf("Due = %v %q, want %v %q", due, why, tc.due, tc.reason)
			}
		})
	}
}

func TestSubjectOf(t *testing.T) {
	p := &person.Person{BirthDate: "2015-06-01", Sex: person.Female, DisabilityGrade: 2,
		Categories: []person.Category{person.ChildInDifficulty}}
	s := SubjectOf(p, time.Date(2025, 5, 31, 0, 0, 0, 0, time.UTC))
	if s.Age != 9 || s.Band() != BandSchoolAge || s.Sex != person.Female || s.DisabilityGrade != 2 {
		t.Fatalf("SubjectOf = %+v band %s, want 9 school_age F 2", s, s.Band())
	}
	for age, want := range map[int]string{0: BandInfant, 5: BandInfant, 6: BandSchoolAge, 12: BandSchoolAge,
		13: BandAdolescent, 17: BandAdolescent, 18: BandAdult, 90: BandAdult} {
		if got := (Subject{Age: age}).Band(); got != want {
			t.Errorf("Band(%d) = %s, want %s", age, got, want)
		}
	}
}

// TestParseHandWritten reads a small template written as officials would
// write it, and scores it.
func TestParseHandWritten(t *testing.T) {
	src := `{
	  "code": "mini", "version": 1, "name_key": "assess.tpl.mini",
	  "dimensions": [{"code": "mobility", "label_key": "k.dim", "items": [
	    {"code": "walk", "label_key": "k.walk", "kind": "choice", "options": [
	      {"code": "alone", "label_key": "k.alone", "score": 10},
	      {"code": "helped", "label_key": "k.helped", "score": 5},
	      {"code": "never", "label_key": "k.never", "score": 0}]},
	    {"code": "falls", "label_key": "k.falls", "kind": "number", "bands": [
	      {"code": "none", "label_key": "k.none", "min": 0, "max": 1, "score": 0},
	      {"code": "some", "label_key": "k.some", "min": 1, "score": -5}]}]}],
	  "tiers": [
	    {"tier": 1, "label_key": "t1", "visits_per_month": 12, "reassess_months": 3},
	    {"tier": 2, "label_key": "t2", "visits_per_month": 8, "reassess_months": 6},
	    {"tier": 3, "label_key": "t3", "visits_per_month": 4, "reassess_months": 12},
	    {"tier": 4, "label_key": "t4", "visits_per_month": 1, "reassess_months": 12}],
	  "classes": [{"code": "care", "label_key": "c"}],
	  "packages": [{"code": "care.intensive", "label_key": "p1"}, {"code": "visit.basic", "label_key": "p2"}],
	  "rules": [
	    {"code": "frail_old", "label_key": "r1", "when": {"all": [{"dim": "mobility", "lt": 10}, {"attr": "age", "gte": 80}]},
	     "tier": 1, "classes": ["care"], "delegate": true},
	    {"code": "p_care", "label_key": "r2", "when": {"class": "care"}, "package": "care.intensive", "visits_per_month": 16},
	    {"code": "p_visit", "label_key": "r3", "when": {"always": true}, "package": "visit.basic"}]
	}`
	tp, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	r := MustScore(t, tp, Subject{Age: 85}, Answers{"walk": "helped", "falls": 2.0})
	if r.Total != 0 || r.Tier != 1 || r.Package != "care.intensive" || r.VisitsPerMonth != 16 || !r.DelegateToProfessional {
		t.Fatalf("got %+v", r)
	}
	r = MustScore(t, tp, Subject{Age: 70}, Answers{"walk": "helped", "falls": 0})
	if r.Tier != 4 || r.Package != "visit.basic" || r.VisitsPerMonth != 1 {
		t.Fatalf("got %+v", r)
	}
	if _, err := Parse([]byte(src + `{}`)); !errs.Is(err, errs.Invalid) {
		t.Fatalf("Parse with trailing data = %v, want Invalid", err)
	}
}
