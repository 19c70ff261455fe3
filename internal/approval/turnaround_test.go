package approval

import (
	"slices"
	"testing"
	"time"
)

func TestStays(t *testing.T) {
	for _, tc := range []struct {
		name   string
		urgent bool
		cfg    Config
		moves  []move
		want   []State
	}{
		{"plain", false, DefaultConfig(), []move{{a: Submit, by: applicant}, {a: Accept, by: township, wait: time.Hour},
			{a: Pass, by: township, wait: 3 * Day}, {a: Pass, by: county, wait: 6 * Day}, {a: Pass, by: assessor, wait: Day}},
			[]State{Submitted, TownshipReview, CountyReview, Assessment}},
		{"urgent late", true, DefaultConfig(), []move{{a: Submit, by: applicant}, {a: Accept, by: township, wait: 7 * time.Hour},
			{a: Pass, by: township, wait: 7 * time.Hour}, {a: Pass, by: county, wait: 7 * time.Hour}, {a: Pass, by: assessor, wait: 7 * time.Hour}},
			[]State{Submitted, TownshipReview, CountyReview, Assessment}},
		{"objections", false, fullConfig(), slices.Concat(paths[PublicNotice], []move{
			{a: Object, by: neighbour, reason: "owns two cars", wait: Day},
			{a: AnswerObjection, by: county, reason: "his son's", wait: Day},
			{a: CloseNotice, by: county, wait: 7 * Day}}),
			[]State{Submitted, TownshipReview, DemocraticReview, PublicNotice}},
		{"returned", false, DefaultConfig(), slices.Concat(paths[Returned], []move{{a: Resubmit, by: applicant, wait: 3 * Day}}),
			[]State{Submitted, Returned}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _, es := play(t, New(applicant.ID, tc.urgent), t0, tc.cfg, tc.moves)
			stays := Stays(c.History, tc.urgent, tc.cfg)
			var got []State
			for _, s := range stays {
				got = append(got, s.State)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("stays=%v, want %v", got, tc.want)
			}
			// Each stay's deadline is the one Apply gave the step.
			var dues []time.Time
			for _, e := range es {
				if e.Moved {
					dues = append(dues, e.Due)
				}
			}
			for i, s := range stays {
				if want := dues[i]; !s.Due.Equal(want) {
					t.Errorf("%s: Due=%v, want %v", s.State, s.Due, want)
				}
				if s.InTime() != !s.Left.After(s.Due) || s.Duration() != s.Left.Sub(s.Entered) {
					t.Errorf("%s: InTime=%v Duration=%v", s.State, s.InTime(), s.Duration())
				}
			}
		})
	}
}

func TestOverall(t *testing.T) {
	cfg := DefaultConfig()
	if got, want := cfg.TotalLimit(false), 22*Day; got != want {
		t.Errorf("TotalLimit=%v, want %v (2+5+5+10 days)", got, want)
	}
	if got, want := fullConfig().TotalLimit(false), 38*Day; got != want {
		t.Errorf("TotalLimit with the optional steps=%v, want %v", got, want)
	}
	if got, want := cfg.TotalLimit(true), 24*time.Hour; got != want {
		t.Errorf("urgent TotalLimit=%v, want %v", got, want)
	}
	for _, s := range []State{Draft, Submitted, CountyReview, Returned, Withdrawn, Appealed} {
		c, _ := mustCaseIn(t, s)
		if _, ok := Overall(c.History, false, fullConfig()); ok {
			t.Errorf("%s: Overall ok, want undecided", s)
		}
	}
	for _, s := range []State{Approved, Rejected} {
		c, _ := mustCaseIn(t, s)
		o, ok := Overall(c.History, false, fullConfig())
		if !ok || !o.Entered.Equal(t0) || !o.Left.Equal(c.History[len(c.History)-1].At) || !o.Due.Equal(t0.Add(38*Day)) {
			t.Errorf("%s: Overall=%+v %v, want from %v to the last step, due in 38 days", s, o, ok, t0)
		}
	}
}
