package warn

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/person"
)

// onFile are the sample people the person file knows; idF is not on file.
var onFile = map[string]PersonRef{
	idA: {ID: "p-A", PlaceCode: "652301001001", BirthDate: "1940-03-15", HouseholdSize: 1},
	idB: {ID: "p-B", PlaceCode: "652301001002", BirthDate: "2013-05-20", Categories: []person.Category{person.ChildInDifficulty}},
	idC: {ID: "p-C", PlaceCode: "652301002001", BirthDate: "1975-07-08", Categories: []person.Category{person.LowIncome}},
	idD: {ID: "p-D", PlaceCode: "652302001001", BirthDate: "1968-11-02"},
	idE: {ID: "p-E", PlaceCode: "652323101001", BirthDate: "1944-01-09", HouseholdSize: 2},
}

func lookup(id string) (PersonRef, bool) { p, ok := onFile[id]; return p, ok }

func sampleRecords(tb testing.TB) []Record {
	var all []Record
	for kind, file := range map[FeedKind]string{
		MedicalExpense: "medical_expense.csv", DisabilityGrade: "disability_grade_excel.csv",
		SchoolDropout: "school_dropout.csv", ElderlyAlone: "elderly_alone.csv", UtilityArrears: "utility_arrears.csv",
	} {
		all = append(all, MustParseFile(tb, kind, file)...)
	}
	return all
}

// summary lists hits as "rule person since".
func summary(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.RuleCode+" "+h.PersonID+" "+h.Since.Format(time.DateOnly))
	}
	return out
}

func TestEvaluateSampleFiles(t *testing.T) {
	hits, unmatched := Evaluate(DefaultRules(), sampleRecords(t), lookup, today)
	want := []string{
		"disability_severe p-A 2026-09-12",
		"disability_severe p-B 2026-11-01",
		"elderly_alone p-A 2026-11-01",
		"medical_large p-C 2026-11-20",
		"school_dropout p-B 2026-10-08",
		"utility_arrears p-D 2026-11-30",
	}
	if got := summary(hits); !slices.Equal(got, want) {
		t.Fatalf("hits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	med := hits[3]
	if med.ReasonKey != "warn.reason.medical_expense" || med.ReasonArgs["Yuan"] != "52000.00" ||
		med.Category != person.LowIncome || med.Urgency != Normal || !med.Due.Equal(today.AddDate(0, 0, 15)) {
		t.Errorf("medical hit = %+v", med)
	}
	if got := hits[2].ReasonArgs["Age"]; got != 86 {
		t.Errorf("elderly Age=%v, want 86", got)
	}
	if len(unmatched) != 1 {
		t.Fatalf("unmatched=%+v, want the one person not on file", unmatched)
	}
	if u := unmatched[0]; u.IDNumber != idF || u.Kind != MedicalExpense || !slices.Equal(u.Rules, []string{"medical_large"}) ||
		!slices.Equal(u.Lines, []int{6}) || u.Name != "马某" {
		t.Errorf("unmatched=%+v", u)
	}
}

// Evaluating again, with the records in another order, or later within the
// window, gives the same fingerprints: the store adds no second ledger entry.
func TestEvaluateIdempotent(t *testing.T) {
	recs := sampleRecords(t)
	first, _ := Evaluate(DefaultRules(), recs, lookup, today)
	shuffled := slices.Clone(recs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for name, now := range map[string]time.Time{"again": today, "shuffled": today, "a week later": today.AddDate(0, 0, 7)} {
		in := recs
		if name == "shuffled" {
			in = shuffled
		}
		again, _ := Evaluate(DefaultRules(), in, lookup, now)
		if len(again) != len(first) {
			t.Fatalf("%s: %d hits, want %d", name, len(again), len(first))
		}
		for i := range first {
			if again[i].Fingerprint != first[i].Fingerprint {
				t.Errorf("%s: hit %d fingerprint changed", name, i)
			}
		}
	}
	seen := map[string]bool{}
	for _, h := range first {
		if seen[h.Fingerprint] {
			t.Errorf("two hits share fingerprint %s", h.Fingerprint)
		}
		seen[h.Fingerprint] = true
	}
}

func TestEvaluateRules(t *testing.T) {
	med := func(date string, fen int64) Record {
		return Record{Kind: MedicalExpense, IDNumber: idC, Date: day(date), AmountFen: fen, Ref: date}
	}
	arrears := func(date string, months int) Record {
		return Record{Kind: UtilityArrears, IDNumber: idD, Date: day(date), Months: months}
	}
	rule := func(code string, change func(*Rule)) Rule {
		for _, r := range DefaultRules() {
			if r.Code == code {
				if change != nil {
					change(&r)
				}
				return r
			}
		}
		panic(code)
	}
	for _, tc := range []struct {
		name string
		rule Rule
		recs []Record
		want []string
	}{
		{"sum reaches threshold", rule("medical_large", nil),
			[]Record{med("2026-01-10", 2_000_000), med("2026-11-30", 3_000_000)}, []string{"medical_large p-C 2026-11-30"}},
		{"sum one fen short", rule("medical_large", nil),
			[]Record{med("2026-01-10", 2_000_000), med("2026-11-30", 2_999_999)}, nil},
		{"first record just inside the window", rule("medical_large", nil),
			[]Record{med("2025-12-02", 2_000_000), med("2026-12-01", 3_000_000)}, []string{"medical_large p-C 2026-12-01"}},
		{"first record just outside the window", rule("medical_large", nil),
			[]Record{med("2025-12-01", 2_000_000), med("2026-12-01", 3_000_000)}, nil},
		{"threshold met only long ago", rule("medical_large", nil),
			[]Record{med("2025-03-01", 6_000_000), med("2026-11-01", 100)}, nil},
		{"future record ignored", rule("medical_large", nil),
			[]Record{med("2026-12-02", 6_000_000)}, nil},
		{"target category matches", rule("medical_large", func(r *Rule) { r.Target.Categories = []person.Category{person.MinimumLiving, person.LowIncome} }),
			[]Record{med("2026-11-30", 6_000_000)}, []string{"medical_large p-C 2026-11-30"}},
		{"target category does not match", rule("medical_large", func(r *Rule) { r.Target.Categories = []person.Category{person.MinimumLiving} }),
			[]Record{med("2026-11-30", 6_000_000)}, nil},
		{"disabled rule", rule("medical_large", func(r *Rule) { r.Enabled = false }),
			[]Record{med("2026-11-30", 6_000_000)}, nil},
		{"invalid rule skipped", rule("medical_large", func(r *Rule) { r.WindowDays = 0 }),
			[]Record{med("2026-11-30", 6_000_000)}, nil},
		{"arrears below threshold", rule("utility_arrears", nil), []Record{arrears("2026-11-30", 2)}, nil},
		{"arrears at threshold", rule("utility_arrears", nil), []Record{arrears("2026-11-30", 3)}, []string{"utility_arrears p-D 2026-11-30"}},
		{"persisting arrears: one hit per window", rule("utility_arrears", nil),
			[]Record{arrears("2026-08-01", 3), arrears("2026-09-30", 4), arrears("2026-10-31", 5), arrears("2026-11-30", 6)},
			[]string{"utility_arrears p-D 2026-10-31"}},
		{"dropout aged 13 within 6-16", rule("school_dropout", nil),
			[]Record{{Kind: SchoolDropout, IDNumber: idB, Date: day("2026-11-01")}}, []string{"school_dropout p-B 2026-11-01"}},
		{"dropout aged 13 above 6-12", rule("school_dropout", func(r *Rule) { r.Target.MaxAge = 12 }),
			[]Record{{Kind: SchoolDropout, IDNumber: idB, Date: day("2026-11-01")}}, nil},
		{"dropout of an adult", rule("school_dropout", nil),
			[]Record{{Kind: SchoolDropout, IDNumber: idC, Date: day("2026-11-01")}}, nil},
		{"elderly not alone", rule("elderly_alone", nil),
			[]Record{{Kind: ElderlyAlone, IDNumber: idE, Date: day("2026-11-01"), HouseholdSize: 2}}, nil},
		{"elderly alone", rule("elderly_alone", nil),
			[]Record{{Kind: ElderlyAlone, IDNumber: idE, Date: day("2026-11-01"), HouseholdSize: 1}}, []string{"elderly_alone p-E 2026-11-01"}},
		{"other feed ignored", rule("elderly_alone", nil), []Record{arrears("2026-11-30", 9)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hits, _ := Evaluate([]Rule{tc.rule}, tc.recs, lookup, today)
			if got := summary(hits); !slices.Equal(got, tc.want) {
				t.Fatalf("hits=%q, want %q", got, tc.want)
			}
		})
	}
}

func TestEvaluateUnmatchedAge(t *testing.T) {
	// idF is 41: a school-dropout record about them is no lead, a large bill is.
	recs := []Record{
		{Kind: SchoolDropout, IDNumber: idF, Date: day("2026-11-01"), Line: 2},
		{Kind: MedicalExpense, IDNumber: idF, Date: day("2026-11-01"), AmountFen: 9_000_000, Line: 5},
	}
	_, us := Evaluate(DefaultRules(), recs, lookup, today)
	if len(us) != 1 || us[0].Kind != MedicalExpense || !slices.Equal(us[0].Lines, []int{5}) {
		t.Fatalf("unmatched=%+v, want the medical record only", us)
	}
}

// Hospital stays and deaths raise no warning, even with a rule that names
// their feed; their numbers not on file are reported all the same.
func TestFactFeeds(t *testing.T) {
	facts := append(MustParseFile(t, HospitalStay, "hospital_stay.csv"), MustParseFile(t, Death, "death.csv")...)
	bogus := Rule{Code: "in_hospital", Feed: HospitalStay, WindowDays: 30, Urgency: Urgent, VisitWithinDays: 1, Enabled: true}
	hits, us := Evaluate(append(DefaultRules(), bogus), facts, lookup, today)
	if len(hits) != 0 || len(us) != 0 {
		t.Fatalf("Evaluate: hits=%q unmatched=%+v, want none", summary(hits), us)
	}
	us = UnmatchedFacts(append(facts, sampleRecords(t)...), lookup)
	want := []Unmatched{
		{Kind: HospitalStay, IDNumber: idF, Name: "马某", Lines: []int{5}, Rules: []string{}},
		{Kind: Death, IDNumber: idF, Name: "马某", Lines: []int{3}, Rules: []string{}},
	}
	slices.SortFunc(want, func(a, b Unmatched) int { return strings.Compare(string(a.Kind), string(b.Kind)) })
	if len(us) != len(want) {
		t.Fatalf("UnmatchedFacts=%+v, want %+v", us, want)
	}
	for i := range want {
		u, w := us[i], want[i]
		if u.Kind != w.Kind || u.IDNumber != w.IDNumber || u.Name != w.Name || !slices.Equal(u.Lines, w.Lines) || u.Rules == nil || len(u.Rules) != 0 {
			t.Errorf("unmatched %d = %+v, want %+v", i, u, w)
		}
	}
	if us := UnmatchedFacts(facts[:1], lookup); us != nil {
		t.Errorf("UnmatchedFacts of a person on file = %+v, want nil", us)
	}
}
