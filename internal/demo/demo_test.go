package demo

import (
	"bytes"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

var shared = sync.OnceValue(func() *Dataset { return Generate(1, today) })

// MustDataset returns the seed-1 dataset, generated once for all tests.
func MustDataset(tb testing.TB) *Dataset {
	tb.Helper()
	return shared()
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := json.Marshal(Generate(7, today))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(Generate(7, today))
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different output")
	}
	c, _ := json.Marshal(Generate(8, today))
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same output")
	}
}

func TestCounts(t *testing.T) {
	ds := MustDataset(t)
	var towns, villages, assisted int
	for _, p := range ds.Places {
		switch p.Level {
		case place.Township:
			towns++
		case place.Village:
			villages++
		}
	}
	for _, p := range ds.Persons {
		if len(p.Categories) > 0 {
			assisted++
		}
	}
	for _, tc := range []struct {
		name      string
		got, want int
	}{
		{"townships", towns, 70},
		{"villages", villages, 700},
		{"assisted", assisted, 2930},
		{"locations", len(ds.Locations), 100},
	} {
		if tc.got < tc.want {
			t.Errorf("%s=%d, want at least %d", tc.name, tc.got, tc.want)
		}
	}
	if got, want := assisted, AssistedTarget; got != want {
		t.Errorf("assisted=%d, want %d", got, want)
	}
	if got, want := towns+villages, len(ds.Places); got != want {
		t.Errorf("townships+villages=%d, want all %d places", got, want)
	}
}

func TestPlaces(t *testing.T) {
	ds := MustDataset(t)
	known := map[string]place.Place{}
	for _, c := range place.ChangjiCounties {
		known[c.Code] = c
	}
	for _, p := range ds.Places {
		if err := p.Validate(); err != nil {
			t.Fatalf("Validate(%s): %v", p.Code, err)
		}
		if _, dup := known[p.Code]; dup {
			t.Fatalf("code %s is used twice", p.Code)
		}
		if _, ok := known[p.Parent]; !ok {
			t.Fatalf("%s: parent %s comes later or does not exist", p.Code, p.Parent)
		}
		known[p.Code] = p
		if p.NameEN == "" {
			t.Errorf("%s %s: no English name", p.Code, p.Name)
		}
		if o := countyOutline(p.Code[:6]); !o.contains(p.Lat, p.Lon) {
			t.Errorf("%s %s: centroid (%v, %v) outside its county", p.Code, p.Name, p.Lat, p.Lon)
		}
		if p.Level == place.Township && (p.NameUG == "" || p.NameKK == "") {
			t.Errorf("%s %s: township without Arabic-script names", p.Code, p.Name)
		}
	}
}

func TestPersons(t *testing.T) {
	ds := MustDataset(t)
	villages := map[string]place.Place{}
	for _, p := range ds.Places {
		if p.Level == place.Village {
			villages[p.Code] = p
		}
	}
	households := map[string]person.Household{}
	uuids := map[string]bool{}
	unique := func(id string) {
		t.Helper()
		if uuids[id] {
			t.Fatalf("record ID %s is used twice", id)
		}
		uuids[id] = true
	}
	for _, h := range ds.Households {
		unique(h.ID)
		households[h.ID] = h
		if _, ok := villages[h.PlaceCode]; !ok {
			t.Fatalf("household %s: place %s is not a village", h.ID, h.PlaceCode)
		}
	}
	numbers := map[string]bool{}
	for _, p := range ds.Persons {
		unique(p.ID)
		if numbers[p.IDNumber] {
			t.Fatalf("resident ID %s is used twice", p.IDNumber)
		}
		numbers[p.IDNumber] = true
		birth, sex, err := person.ParseID(p.IDNumber, today)
		if err != nil {
			t.Fatalf("ParseID(%s): %v", p.IDNumber, err)
		}
		if got, want := birth.Format(time.DateOnly), p.BirthDate; got != want {
			t.Fatalf("%s: birth=%s, want BirthDate %s", p.IDNumber, got, want)
		}
		if got, want := sex, p.Sex; got != want {
			t.Fatalf("%s: sex=%s, want %s", p.IDNumber, got, want)
		}
		if got, want := p.IDNumber[:6], p.PlaceCode[:6]; got != want {
			t.Fatalf("%s: county %s, want %s", p.IDNumber, got, want)
		}
		if _, ok := villages[p.PlaceCode]; !ok {
			t.Fatalf("%s: place %s is not a village", p.Name, p.PlaceCode)
		}
		if h, ok := households[p.HouseholdID]; !ok || h.PlaceCode != p.PlaceCode {
			t.Fatalf("%s: household %s missing or in another village", p.Name, p.HouseholdID)
		}
		if !slices.Contains(person.Ethnicities, p.Ethnicity) || !slices.Contains(person.Languages, p.Language) {
			t.Fatalf("%s: ethnicity %q / language %q not known", p.Name, p.Ethnicity, p.Language)
		}
		if !slices.Contains(person.Relations, p.Relation) {
			t.Fatalf("%s: relation %q not known", p.Name, p.Relation)
		}
		for _, c := range p.Categories {
			if !c.Valid() {
				t.Fatalf("%s: category %q not known", p.Name, c)
			}
		}
		if len(p.Categories) > 2 {
			t.Errorf("%s: %d categories, want at most 2", p.Name, len(p.Categories))
		}
		if slices.Contains(p.Categories, person.SevereDisability) && (p.DisabilityGrade < 1 || p.DisabilityGrade > 2) {
			t.Errorf("%s: severe disability with grade %d", p.Name, p.DisabilityGrade)
		}
		if (p.Ethnicity == "kazakh" || p.Ethnicity == "uyghur") && (p.NameArabic == "" || p.NameLatin == "") {
			t.Errorf("%s: %s name without Arabic or Latin spelling", p.Name, p.Ethnicity)
		}
	}
	for _, l := range ds.Locations {
		unique(l.ID)
	}
}

func TestChildrenHaveGuardians(t *testing.T) {
	ds := MustDataset(t)
	byID := map[string]person.Person{}
	for _, p := range ds.Persons {
		byID[p.ID] = p
	}
	n := 0
	for _, p := range ds.Persons {
		if !slices.Contains(p.Categories, person.ChildInDifficulty) {
			continue
		}
		n++
		if got := p.Age(today); got >= 18 {
			t.Fatalf("%s: child in difficulty aged %d", p.Name, got)
		}
		g, ok := byID[p.GuardianID]
		if !ok {
			t.Fatalf("%s: guardian %q not found", p.Name, p.GuardianID)
		}
		if g.HouseholdID != p.HouseholdID || g.Age(today) < 18 {
			t.Fatalf("%s: guardian %s is aged %d and in household %s, want an adult in %s",
				p.Name, g.Name, g.Age(today), g.HouseholdID, p.HouseholdID)
		}
	}
	if n == 0 {
		t.Fatal("no children in difficulty")
	}
}

func TestElderlyAloneLiveAlone(t *testing.T) {
	ds := MustDataset(t)
	size := map[string]int{}
	for _, p := range ds.Persons {
		size[p.HouseholdID]++
	}
	for _, p := range ds.Persons {
		if !slices.Contains(p.Categories, person.ElderlyAlone) {
			continue
		}
		if got := p.Age(today); got < 80 {
			t.Fatalf("%s: elderly alone aged %d", p.Name, got)
		}
		if got, want := size[p.HouseholdID], 1; got != want {
			t.Fatalf("%s: household of %d, want %d", p.Name, got, want)
		}
	}
}
