package survey

import (
	"slices"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// now is 2026-11-28 17:00 UTC: already the 29th in Beijing.
var now = time.Date(2026, 11, 28, 17, 0, 0, 0, time.UTC)

// fieldKeys lists an error's fields as "field:key", or "" for nil.
func fieldKeys(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	e, ok := err.(*errs.Error)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want an invalid error", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Name+":"+f.Key)
	}
	return strings.Join(out, " ")
}

func TestRoundValidate(t *testing.T) {
	routine := func(mod func(r *Round)) *Round {
		r := &Round{Kind: Routine, Name: " 十二月走访 ", PlaceCode: "652301001", FrequencyDays: 30, DueDays: 7}
		if mod != nil {
			mod(r)
		}
		return r
	}
	for _, tc := range []struct {
		name string
		r    *Round
		want string
	}{
		{"routine defaults", routine(nil), ""},
		{"census", &Round{Kind: Census, Name: "2026 年度全面排查", PlaceCode: "652300", DueDays: 60}, ""},
		{"census with every category", &Round{Kind: Census, Name: "x", PlaceCode: "652300", DueDays: 60, TargetCategories: person.Categories}, ""},
		{"census narrowed", &Round{Kind: Census, Name: "x", PlaceCode: "652300", DueDays: 60, TargetCategories: KeyGroups},
			"target_categories:err.survey.census_categories"},
		{"census repeating", &Round{Kind: Census, Name: "x", PlaceCode: "652300", DueDays: 60, FrequencyDays: 365},
			"frequency_days:err.survey.census_frequency"},
		{"no kind", routine(func(r *Round) { r.Kind = "" }), "kind:err.survey.kind"},
		{"blank name", routine(func(r *Round) { r.Name = "  " }), "name:err.required"},
		{"long name", routine(func(r *Round) { r.Name = strings.Repeat("村", 101) }), "name:err.text.too_long"},
		{"bad place", routine(func(r *Round) { r.PlaceCode = "6523" }), "place_code:err.place.unknown"},
		{"bad category", routine(func(r *Round) { r.TargetCategories = []person.Category{"rich"} }), "target_categories:err.category.unknown"},
		{"no frequency", routine(func(r *Round) { r.FrequencyDays = 0 }), "frequency_days:err.survey.frequency"},
		{"due after next", routine(func(r *Round) { r.DueDays = 31 }), "due_days:err.survey.due_after_next"},
		{"no due days", routine(func(r *Round) { r.DueDays = 0 }), "due_days:err.survey.due_days"},
		{"starts yesterday", routine(func(r *Round) { r.StartsOn = "2026-11-28" }), "starts_on:err.survey.starts_on"},
		{"starts too late", routine(func(r *Round) { r.StartsOn = "2027-12-31" }), "starts_on:err.survey.starts_on"},
		{"bad date", routine(func(r *Round) { r.StartsOn = "2026-12-1" }), "starts_on:err.date.format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fieldKeys(t, tc.r.Validate(now)); got != tc.want {
				t.Fatalf("Validate = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("defaults filled", func(t *testing.T) {
		r := routine(func(r *Round) {
			r.TargetCategories = []person.Category{person.ElderlyAlone, person.ExtremePoverty, person.ElderlyAlone}
		})
		if err := r.Validate(now); err != nil {
			t.Fatal(err)
		}
		if got, want := r.StartsOn, "2026-11-29"; got != want {
			t.Errorf("StartsOn=%q, want %q (Beijing date)", got, want)
		}
		if got, want := r.TargetCategories, []person.Category{person.ExtremePoverty, person.ElderlyAlone}; !slices.Equal(got, want) {
			t.Errorf("TargetCategories=%v, want %v", got, want)
		}
		if got, want := r.Name, "十二月走访"; got != want {
			t.Errorf("Name=%q, want %q", got, want)
		}
		d := routine(nil)
		d.Validate(now)
		if !slices.Equal(d.TargetCategories, KeyGroups) {
			t.Errorf("routine default targets = %v, want the key groups", d.TargetCategories)
		}
	})
}

func TestNextStart(t *testing.T) {
	for _, tc := range []struct {
		start      string
		freq       int
		today, out string
	}{
		{"2026-11-29", 30, "2026-11-29", "2026-12-29"},
		{"2026-11-29", 7, "2026-12-05", "2026-12-06"},
		{"2026-11-29", 7, "2026-12-06", "2026-12-13"},  // due today: already started
		{"2026-11-01", 30, "2027-01-15", "2027-01-30"}, // two occurrences slept through
		{"2026-12-31", 1, "2026-12-31", "2027-01-01"},
	} {
		got, err := NextStart(tc.start, tc.freq, tc.today)
		if err != nil || got != tc.out {
			t.Errorf("NextStart(%s, %d, %s) = %q, %v; want %q", tc.start, tc.freq, tc.today, got, err, tc.out)
		}
	}
	if _, err := NextStart("soon", 7, "2026-12-01"); err == nil {
		t.Error("NextStart accepted a bad date")
	}
}

func TestStartTime(t *testing.T) {
	got, err := StartTime("2026-12-01")
	if want := time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Fatalf("StartTime = %v, %v; want %v", got, err, want)
	}
}

func TestCanPlan(t *testing.T) {
	for role, want := range map[auth.Role]bool{auth.VillageWorker: false, auth.TownshipOfficer: true, auth.CountyReviewer: true,
		auth.PrefectureAdmin: true, auth.Assessor: false, auth.Auditor: false} {
		if got := CanPlan(&auth.Actor{Role: role, Scope: "652301"}); got != want {
			t.Errorf("CanPlan(%s) = %v, want %v", role, got, want)
		}
	}
	if !CanPlan(auth.SystemActor) || CanPlan(nil) {
		t.Error("CanPlan: the system plans, nobody does not")
	}
}
