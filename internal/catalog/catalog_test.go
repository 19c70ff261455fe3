package catalog

import (
	"errors"
	"testing"

	"jiuzhu/internal/errs"
)

func TestDefaultsAreValid(t *testing.T) {
	items := Defaults()
	if got, want := len(items), 19; got != want {
		t.Fatalf("len(Defaults())=%d, want %d", got, want)
	}
	byCode := map[string]Item{}
	perProject := map[Project]int{}
	for _, it := range items {
		if err := it.Validate(); err != nil {
			t.Errorf("%s: %v", it.Code, err)
		}
		if _, dup := byCode[it.Code]; dup {
			t.Errorf("%s twice", it.Code)
		}
		for _, lang := range NameLangs {
			if it.Names[lang] == "" {
				t.Errorf("%s has no %s name", it.Code, lang)
			}
		}
		byCode[it.Code] = it
		perProject[it.Project]++
	}
	for _, p := range Projects {
		if perProject[p] == 0 {
			t.Errorf("project %s has no item", p)
		}
	}
	for code, cert := range map[string]string{"care.rehab": "rehab_therapist", "child.counselling": "social_worker", "child.special": "special_education"} {
		if got := string(byCode[code].Cert); got != cert {
			t.Errorf("%s cert=%q, want %q", code, got, cert)
		}
	}
	for _, p := range Packages() {
		if _, ok := byCode[p.ItemCode]; !ok {
			t.Errorf("package %s: no item %s", p.Package, p.ItemCode)
		}
		if p.Times < 1 || p.EveryWeeks < 1 {
			t.Errorf("package %s item %s: frequency %d/%d", p.Package, p.ItemCode, p.Times, p.EveryWeeks)
		}
	}
}

func TestValidateReportsEachField(t *testing.T) {
	it := Defaults()[0]
	it.Code, it.Project, it.Unit, it.PriceFen, it.Times, it.EveryWeeks, it.Funding = "X", "sport", "day", -1, 0, 0, "bank"
	var e *errs.Error
	if err := it.Validate(); !errors.As(err, &e) {
		t.Fatalf("Validate=%v, want an invalid error", err)
	}
	got := map[string]string{}
	for _, f := range e.Fields {
		got[f.Name] = f.Key
	}
	for field, key := range map[string]string{"code": "err.catalog.code", "project": "err.catalog.project", "unit": "err.catalog.unit",
		"price_fen": "err.catalog.price", "times": "err.catalog.times", "every_weeks": "err.catalog.every_weeks", "funding": "err.catalog.funding"} {
		if got[field] != key {
			t.Errorf("field %s: key %q, want %q", field, got[field], key)
		}
	}
}

func TestApplyNamesChangedFields(t *testing.T) {
	it := Defaults()[4]
	price, same := int64(3800), it.Minutes
	out, changed := (&Changes{PriceFen: &price, Minutes: &same}).Apply(it)
	if out.PriceFen != 3800 || it.PriceFen == 3800 {
		t.Errorf("PriceFen=%d (was %d), want 3800 on the copy only", out.PriceFen, it.PriceFen)
	}
	if len(changed) != 1 || changed[0] != "price_fen" {
		t.Errorf("changed=%v, want [price_fen]", changed)
	}
}

func TestWeeklyUnits(t *testing.T) {
	for _, c := range []struct{ times, every, want int }{{3, 1, 3}, {1, 2, 1}, {1, 4, 1}, {3, 2, 2}, {2, 1, 2}} {
		if got := WeeklyUnits(c.times, c.every); got != c.want {
			t.Errorf("WeeklyUnits(%d, %d)=%d, want %d", c.times, c.every, got, c.want)
		}
	}
}

func TestValidCode(t *testing.T) {
	for _, tc := range []struct {
		code string
		ok   bool
	}{
		{"care.personal", true},
		{"house_2", true},
		{"ab", false},            // too short
		{"Care.personal", false}, // upper case
		{"1care", false},         // starts with a digit
		{"care-personal", false},
		{"new", false}, // the console's path for a new item
		{"news", true},
	} {
		if got := ValidCode(tc.code); got != tc.ok {
			t.Errorf("ValidCode(%q) = %v, want %v", tc.code, got, tc.ok)
		}
	}
}
