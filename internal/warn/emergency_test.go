package warn

import (
	"errors"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

func snow() Emergency {
	at := time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)
	return Emergency{Kind: SnowDisaster, Townships: []string{"652301001", "652325100"}, DeclaredAt: at, Until: at.AddDate(0, 0, 7)}
}

func TestEmergencyValidate(t *testing.T) {
	if err := func() *Emergency { e := snow(); return &e }().Validate(); err != nil {
		t.Fatalf("Validate()=%v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(*Emergency)
		field  string
		key    string
	}{
		{"kind", func(e *Emergency) { e.Kind = "drought" }, "kind", "err.emergency.kind"},
		{"no townships", func(e *Emergency) { e.Townships = nil }, "townships", "err.emergency.townships"},
		{"county code", func(e *Emergency) { e.Townships = []string{"652301"} }, "townships", "err.emergency.township"},
		{"village code", func(e *Emergency) { e.Townships = []string{"652301001001"} }, "townships", "err.emergency.township"},
		{"twice", func(e *Emergency) { e.Townships = []string{"652301001", "652301001"} }, "townships", "err.emergency.township"},
		{"no declaration time", func(e *Emergency) { e.DeclaredAt = time.Time{} }, "declared_at", "err.required"},
		{"until before", func(e *Emergency) { e.Until = e.DeclaredAt.Add(-time.Hour) }, "until", "err.emergency.until"},
		{"too long", func(e *Emergency) { e.Until = e.DeclaredAt.AddDate(0, 0, MaxEmergencyDays+1) }, "until", "err.emergency.until"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := snow()
			tc.change(&e)
			var ee *errs.Error
			if err := e.Validate(); !errors.As(err, &ee) || !slices.ContainsFunc(ee.Fields, func(f errs.Field) bool {
				return f.Name == tc.field && f.Key == tc.key
			}) {
				t.Fatalf("Validate()=%v, want %s %s", err, tc.field, tc.key)
			}
		})
	}
}

func TestEmergencyVulnerable(t *testing.T) {
	e := snow()
	for _, tc := range []struct {
		name string
		p    PersonRef
		want bool
	}{
		{"adult in a family", PersonRef{BirthDate: "1975-07-08", HouseholdSize: 3}, false},
		{"low income only", PersonRef{BirthDate: "1975-07-08", Categories: []person.Category{person.LowIncome}}, false},
		{"extreme poverty", PersonRef{BirthDate: "1975-07-08", Categories: []person.Category{person.ExtremePoverty}}, true},
		{"severe disability category", PersonRef{BirthDate: "1975-07-08", Categories: []person.Category{person.SevereDisability}}, true},
		{"elderly alone category", PersonRef{BirthDate: "1950-01-01", Categories: []person.Category{person.ElderlyAlone}}, true},
		{"child in difficulty", PersonRef{BirthDate: "2015-01-01", Categories: []person.Category{person.ChildInDifficulty}}, true},
		{"turns 80 on the day", PersonRef{BirthDate: "1946-12-01", HouseholdSize: 3}, true},
		{"turns 80 tomorrow", PersonRef{BirthDate: "1946-12-02", HouseholdSize: 3}, false},
		{"age from ID number", PersonRef{IDNumber: idA, HouseholdSize: 3}, true},
		{"grade 2", PersonRef{BirthDate: "1975-07-08", DisabilityGrade: 2}, true},
		{"grade 3", PersonRef{BirthDate: "1975-07-08", DisabilityGrade: 3}, false},
		{"lives alone", PersonRef{BirthDate: "1975-07-08", HouseholdSize: 1}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.Vulnerable(tc.p); got != tc.want {
				t.Fatalf("Vulnerable()=%v, want %v", got, tc.want)
			}
		})
	}
}

func TestEmergencyAffected(t *testing.T) {
	e := snow()
	alone := func(id, code string) PersonRef {
		return PersonRef{ID: id, PlaceCode: code, BirthDate: "1975-07-08", HouseholdSize: 1}
	}
	people := []PersonRef{
		alone("in-1", "652301001001"),
		alone("in-2", "652325100203"),
		alone("other-township", "652301002001"),
		alone("prefix-lookalike", "652301010001"),
		{ID: "not-vulnerable", PlaceCode: "652301001001", BirthDate: "1975-07-08", HouseholdSize: 4},
	}
	var got []string
	for _, p := range e.Affected(people) {
		got = append(got, p.ID)
	}
	if want := []string{"in-1", "in-2"}; !slices.Equal(got, want) {
		t.Fatalf("Affected=%v, want %v", got, want)
	}

	now := e.DeclaredAt.Add(time.Minute)
	hits := e.Hits(people, now)
	if len(hits) != 2 || hits[0].Urgency != Urgent || !hits[0].Due.Equal(now.Add(EmergencyVisit)) ||
		hits[0].ReasonKey != "warn.reason.emergency.snow_disaster" || hits[0].RuleCode != "emergency_snow_disaster" {
		t.Fatalf("hits=%+v", hits)
	}
	// Dispatching again, with townships listed in another order, adds nothing new.
	e2 := e
	e2.Townships = []string{"652325100", "652301001"}
	again := e2.Hits(people, now.Add(time.Hour))
	for i := range hits {
		if again[i].Fingerprint != hits[i].Fingerprint {
			t.Errorf("hit %d: fingerprint changed on re-dispatch", i)
		}
	}
	if hits[0].Fingerprint == hits[1].Fingerprint {
		t.Error("two people share a fingerprint")
	}
	e3 := e
	e3.DeclaredAt = e.DeclaredAt.AddDate(0, 0, 10)
	if e3.Hits(people, now)[0].Fingerprint == hits[0].Fingerprint {
		t.Error("a new declaration reuses the old fingerprint")
	}
	if !e.Active(now) || e.Active(e.Until) || e.Active(e.DeclaredAt.Add(-time.Second)) {
		t.Error("Active is wrong")
	}
}
