package warn

import (
	"errors"
	"slices"
	"testing"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

func TestDefaultRulesValid(t *testing.T) {
	feeds := map[FeedKind]bool{}
	for _, r := range DefaultRules() {
		if err := r.Validate(); err != nil {
			t.Errorf("rule %s: %v", r.Code, err)
		}
		feeds[r.Feed] = true
	}
	for _, k := range FeedKinds {
		if feeds[k] == k.Facts() {
			t.Errorf("feed %s: default rule %v, facts only %v", k, feeds[k], k.Facts())
		}
	}
}

func TestRuleValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Rule)
		field  string
		key    string
	}{
		{"code empty", func(r *Rule) { r.Code = "" }, "code", "err.rule.code"},
		{"code upper case", func(r *Rule) { r.Code = "Medical" }, "code", "err.rule.code"},
		{"feed unknown", func(r *Rule) { r.Feed = "pension" }, "feed", "err.rule.feed"},
		{"threshold zero", func(r *Rule) { r.Threshold = 0 }, "threshold", "err.rule.threshold"},
		{"grade threshold 5", func(r *Rule) { r.Feed, r.Threshold = DisabilityGrade, 5 }, "threshold", "err.rule.threshold"},
		{"hospital stays", func(r *Rule) { r.Feed = HospitalStay }, "feed", "err.rule.feed_facts"},
		{"deaths", func(r *Rule) { r.Feed, r.Threshold = Death, 0 }, "feed", "err.rule.feed_facts"},
		{"dropout threshold set", func(r *Rule) { r.Feed, r.Threshold = SchoolDropout, 1 }, "threshold", "err.rule.threshold"},
		{"window zero", func(r *Rule) { r.WindowDays = 0 }, "window_days", "err.rule.window"},
		{"window ten years", func(r *Rule) { r.WindowDays = MaxWindowDays + 1 }, "window_days", "err.rule.window"},
		{"target category", func(r *Rule) { r.Target.Categories = []person.Category{"rich"} }, "target.categories", "err.category.unknown"},
		{"ages reversed", func(r *Rule) { r.Target.MinAge, r.Target.MaxAge = 16, 6 }, "target.max_age", "err.rule.age_range"},
		{"age negative", func(r *Rule) { r.Target.MinAge = -1 }, "target.max_age", "err.rule.age_range"},
		{"category", func(r *Rule) { r.Category = "rich" }, "category", "err.category.unknown"},
		{"urgency", func(r *Rule) { r.Urgency = "asap" }, "urgency", "err.rule.urgency"},
		{"visit zero days", func(r *Rule) { r.VisitWithinDays = 0 }, "visit_within_days", "err.rule.visit_within"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := DefaultRules()[0]
			tc.change(&r)
			err := r.Validate()
			var e *errs.Error
			if !errors.As(err, &e) || e.Code != errs.Invalid {
				t.Fatalf("Validate()=%v, want an invalid error", err)
			}
			want := errs.Field{Name: tc.field, Key: tc.key}
			if !slices.ContainsFunc(e.Fields, func(f errs.Field) bool { return f.Name == want.Name && f.Key == want.Key }) {
				t.Fatalf("fields=%+v, want %s %s", e.Fields, tc.field, tc.key)
			}
		})
	}
}

func TestFeedDepartments(t *testing.T) {
	for _, k := range FeedKinds {
		d := k.Department()
		if d == "" || !slices.Contains(d.Feeds(), k) {
			t.Errorf("feed %s: department %q does not list it", k, d)
		}
		if len(Template(k)) != len(Layout(k)) || !Layout(k)[0].Required {
			t.Errorf("feed %s: bad layout or template", k)
		}
	}
	if HospitalStay.Department() != Health || Death.Department() != PublicSecurity {
		t.Errorf("hospital stays from %s, deaths from %s", HospitalStay.Department(), Death.Department())
	}
	if FeedKind("pension").Department() != "" || Layout("pension") != nil {
		t.Error("unknown feed has a department or layout")
	}
}
