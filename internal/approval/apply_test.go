package approval

import (
	"slices"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

func TestHappyPath(t *testing.T) {
	head := []move{{a: Submit, by: applicant}, {a: Accept, by: township, wait: time.Hour}, {a: Pass, by: township, wait: Day}}
	tail := []move{{a: Pass, by: county, wait: Day}, {a: Pass, by: assessor, wait: 3 * Day}}
	for _, tc := range []struct {
		name       string
		democratic bool
		notice     bool
		middle     []move
		want       []State
	}{
		{"plain", false, false, nil,
			[]State{Submitted, TownshipReview, CountyReview, Assessment, Approved}},
		{"democratic review", true, false, []move{{a: Pass, by: village, wait: Day}},
			[]State{Submitted, TownshipReview, DemocraticReview, CountyReview, Assessment, Approved}},
		{"public notice", false, true, []move{{a: CloseNotice, by: county, wait: 7 * Day}},
			[]State{Submitted, TownshipReview, PublicNotice, CountyReview, Assessment, Approved}},
		{"both", true, true, []move{{a: Pass, by: village, wait: Day}, {a: CloseNotice, by: county, wait: 7 * Day}},
			[]State{Submitted, TownshipReview, DemocraticReview, PublicNotice, CountyReview, Assessment, Approved}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.DemocraticReview, cfg.PublicNotice = tc.democratic, tc.notice
			moves := slices.Concat(head, tc.middle, tail)
			c, _, es := play(t, New(applicant.ID, false), t0, cfg, moves)
			var got []State
			for _, s := range c.History {
				got = append(got, s.To)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("states=%v, want %v", got, tc.want)
			}
			if got, want := c.Version, len(moves); got != want {
				t.Errorf("Version=%d, want %d", got, want)
			}
			for i, e := range es {
				if got, want := e.NotifyApplicant, i > 0; got != want {
					t.Errorf("step %d (%s): NotifyApplicant=%v, want %v", i, e.Step.Action, got, want)
				}
				if final := e.Step.To.Final(); e.Due.IsZero() != final {
					t.Errorf("step %d to %s: Due=%v, want zero only in final states", i, e.Step.To, e.Due)
				}
				if !e.Due.IsZero() && (e.Remind.Before(e.Step.At) || !e.Remind.Before(e.Due)) {
					t.Errorf("step %d: Remind=%v, want between %v and %v", i, e.Remind, e.Step.At, e.Due)
				}
				if want := Owner(e.Step.To); want != auth.Resident && want != "" && e.Notify != want {
					t.Errorf("step %d to %s: Notify=%s, want %s", i, e.Step.To, e.Notify, want)
				}
			}
			if got, want := es[len(es)-1].Notify, auth.TownshipOfficer; got != want {
				t.Errorf("after approval Notify=%s, want the handling office %s", got, want)
			}
		})
	}
}

func TestDeadlines(t *testing.T) {
	cfg := DefaultConfig()
	c, _, es := play(t, New(applicant.ID, false), t0, cfg, []move{{a: Submit, by: applicant}, {a: Accept, by: township, wait: 6 * time.Hour}})
	if got, want := es[0].Due, t0.Add(2*Day); !got.Equal(want) {
		t.Errorf("submitted Due=%v, want %v", got, want)
	}
	if got, want := es[1].Due, t0.Add(6*time.Hour+5*Day); !got.Equal(want) || !c.Due.Equal(want) {
		t.Errorf("township Due=%v (case %v), want %v", got, c.Due, want)
	}
	if got, want := es[1].Remind, t0.Add(6*time.Hour).Add(5*Day*3/4); !got.Equal(want) {
		t.Errorf("Remind=%v, want %v", got, want)
	}
}

func TestUrgent(t *testing.T) {
	for _, tc := range []struct {
		name string
		wait time.Duration // between steps
	}{
		{"quick", time.Hour},
		{"steps take 7h", 7 * time.Hour},
		{"late", 9 * time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			moves := []move{{a: Submit, by: applicant}, {a: Accept, by: township, wait: tc.wait},
				{a: Pass, by: township, wait: tc.wait}, {a: Pass, by: county, wait: tc.wait}, {a: Pass, by: assessor, wait: tc.wait}}
			c, _, es := play(t, New(applicant.ID, true), t0, fullConfig(), moves)
			if c.State != Approved || len(c.History) != len(moves) {
				t.Fatalf("State=%s after %d steps, want approved after %d: the urgent track skips the optional steps", c.State, len(c.History), len(moves))
			}
			for _, e := range es[:len(es)-1] {
				if limit := t0.Add(24 * time.Hour); e.Due.IsZero() || e.Due.After(limit) {
					t.Errorf("%s: Due=%v, want by %v", e.Step.To, e.Due, limit)
				}
				if limit := e.Step.At.Add(8 * time.Hour); e.Due.After(limit) {
					t.Errorf("%s: Due=%v, want within 8h of %v", e.Step.To, e.Due, e.Step.At)
				}
			}
		})
	}
}

func TestForbidden(t *testing.T) {
	for _, tr := range table {
		c, now := mustCaseIn(t, tr.From)
		if tr.Action == CloseNotice || tr.Action == Appeal {
			now = now.Add(7 * Day) // past the notice, within the appeal window
		}
		for _, r := range auth.Roles {
			if slices.Contains(RolesFor(tr.From, tr.Action), r) {
				continue
			}
			_, _, err := Apply(c, tr.Action, Actor{ID: "u-" + string(r), Role: r}, "reason", now, fullConfig())
			if code, _, _ := errOf(t, err); code != errs.Forbidden {
				t.Errorf("%s in %s by %s: code=%s, want forbidden", tr.Action, tr.From, r, code)
			}
		}
	}
	t.Run("ResidentNotApplicant", func(t *testing.T) {
		for _, c := range []Case{New(applicant.ID, false), New("", false)} {
			_, _, err := Apply(c, Submit, neighbour, "", t0, DefaultConfig())
			if code, _, _ := errOf(t, err); code != errs.Forbidden {
				t.Errorf("submit for %q by %s: code=%s, want forbidden", c.Applicant, neighbour.ID, code)
			}
		}
	})
	t.Run("StaffOnBehalf", func(t *testing.T) {
		for _, by := range []Actor{village, township} {
			if _, _, err := Apply(New("", false), Submit, by, "", t0, DefaultConfig()); err != nil {
				t.Errorf("submit by %s: %v", by.Role, err)
			}
		}
	})
}

func TestReasons(t *testing.T) {
	long := strings.Repeat("长", MaxReason+1)
	for _, tc := range []struct {
		state  State
		a      Action
		by     Actor
		reason string
		key    string
	}{
		{Submitted, Return, township, "", "err.reason.required"},
		{TownshipReview, Reject, township, " \t\n", "err.reason.required"},
		{CountyReview, Return, county, "", "err.reason.required"},
		{Assessment, Reject, assessor, "", "err.reason.required"},
		{PublicNotice, Object, neighbour, "", "err.reason.required"},
		{Rejected, Appeal, applicant, "", "err.reason.required"},
		{Appealed, GrantAppeal, admin, "", "err.reason.required"},
		{Appealed, DismissAppeal, admin, "", "err.reason.required"},
		{TownshipReview, Pass, township, long, "err.reason.too_long"},
	} {
		c, now := mustCaseIn(t, tc.state)
		c2, _, err := Apply(c, tc.a, tc.by, tc.reason, now, fullConfig())
		if code, key, field := errOf(t, err); code != errs.Invalid || key != tc.key || field != "reason" {
			t.Errorf("%s in %s: %s %s on %q, want invalid %s on reason", tc.a, tc.state, code, key, field, tc.key)
		}
		if c2.Version != c.Version || len(c2.History) != len(c.History) {
			t.Errorf("%s in %s: case changed on error", tc.a, tc.state)
		}
	}
	t.Run("Optional", func(t *testing.T) {
		c, now := mustCaseIn(t, TownshipReview)
		c, _, err := Apply(c, Pass, township, "  all documents in order ", now, fullConfig())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := c.History[len(c.History)-1].Reason, "all documents in order"; got != want {
			t.Errorf("Reason=%q, want %q", got, want)
		}
	})
}
