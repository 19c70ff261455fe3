package approval

import (
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// wantConflict fails unless err is a Conflict with key.
func wantConflict(tb testing.TB, err error, key string) {
	tb.Helper()
	if code, got, _ := errOf(tb, err); code != errs.Conflict || got != key {
		tb.Fatalf("err=%s %s, want conflict %s", code, got, key)
	}
}

func TestObjections(t *testing.T) {
	cfg := fullConfig()
	c, start := mustCaseIn(t, PublicNotice)
	if got, want := c.NoticeEnds, start.Add(7*Day); !got.Equal(want) {
		t.Fatalf("NoticeEnds=%v, want %v", got, want)
	}
	_, _, err := Apply(c, AnswerObjection, county, "checked", start, cfg)
	wantConflict(t, err, "err.objections.none")

	c, _, _ = play(t, c, start, cfg, []move{
		{a: Object, by: neighbour, reason: "owns two cars", wait: Day},
		{a: Object, by: village, reason: "works in Urumqi", wait: Day},
	})
	if got, want := c.OpenObjections, 2; got != want {
		t.Fatalf("OpenObjections=%d, want %d", got, want)
	}
	_, _, err = Apply(c, CloseNotice, county, "", start.Add(3*Day), cfg)
	wantConflict(t, err, "err.notice.running")
	end := c.NoticeEnds
	_, _, err = Apply(c, Object, neighbour, "late", end, cfg)
	wantConflict(t, err, "err.notice.ended")
	_, _, err = Apply(c, CloseNotice, county, "", end, cfg)
	wantConflict(t, err, "err.objections.open")
	if e := err.(*errs.Error); e.Args["Open"] != 2 {
		t.Errorf("Args=%v, want Open 2", e.Args)
	}

	c, _, es := play(t, c, end, cfg, []move{
		{a: AnswerObjection, by: county, reason: "the cars belong to his son"},
		{a: AnswerObjection, by: county, reason: "seasonal work, income below the line"},
	})
	if es[0].Moved || !es[0].Due.Equal(c.Due) {
		t.Errorf("answer: Moved=%v Due=%v, want the step and its deadline to stand", es[0].Moved, es[0].Due)
	}
	c, _, _ = play(t, c, end, cfg, []move{{a: CloseNotice, by: county}})
	if c.State != CountyReview || c.OpenObjections != 0 {
		t.Fatalf("State=%s OpenObjections=%d, want county_review 0", c.State, c.OpenObjections)
	}
}

func TestAppeal(t *testing.T) {
	cfg := fullConfig()
	c, at := mustCaseIn(t, Rejected)
	_, _, err := Apply(c, Appeal, applicant, "too late", at.Add(61*Day), cfg)
	wantConflict(t, err, "err.appeal.expired")

	t.Run("Dismissed", func(t *testing.T) {
		c, now, es := play(t, c, at, cfg, []move{
			{a: Appeal, by: applicant, reason: "income fell", wait: 10 * Day},
			{a: DismissAppeal, by: admin, reason: "income proof still missing", wait: 5 * Day},
		})
		if c.State != Rejected || !es[1].NotifyApplicant || !c.Due.IsZero() {
			t.Fatalf("State=%s NotifyApplicant=%v Due=%v, want rejected, told, no deadline", c.State, es[1].NotifyApplicant, c.Due)
		}
		_, _, err := Apply(c, Appeal, applicant, "again", now, cfg)
		wantConflict(t, err, "err.appeal.once")
	})
	t.Run("Granted", func(t *testing.T) {
		c, now, _ := play(t, c, at, cfg, []move{
			{a: Appeal, by: township, reason: "filed for the applicant"},
			{a: GrantAppeal, by: admin, reason: "re-check the March income", wait: Day},
		})
		if c.State != CountyReview || !c.Started.Equal(now) {
			t.Fatalf("State=%s Started=%v, want county_review from %v", c.State, c.Started, now)
		}
	})
}

func TestWithdraw(t *testing.T) {
	open := map[State]bool{Submitted: true, TownshipReview: true, DemocraticReview: true, PublicNotice: true,
		CountyReview: true, Assessment: true, Returned: true}
	for _, s := range States {
		c, now := mustCaseIn(t, s)
		c2, e, err := Apply(c, Withdraw, applicant, "", now, fullConfig())
		switch {
		case open[s] && err != nil:
			t.Errorf("withdraw in %s: %v", s, err)
		case open[s] && (c2.State != Withdrawn || !e.Due.IsZero() || e.NotifyApplicant):
			t.Errorf("withdraw in %s: State=%s Due=%v NotifyApplicant=%v", s, c2.State, e.Due, e.NotifyApplicant)
		case !open[s]:
			wantConflict(t, err, "err.transition")
		}
	}
}

func TestResubmit(t *testing.T) {
	cfg := fullConfig()
	c, now := mustCaseIn(t, TownshipReview)
	c, _, es := play(t, c, now, cfg, []move{
		{a: Return, by: township, reason: "add the household register", wait: Day},
		{a: Resubmit, by: applicant, wait: 3 * Day},
		{a: Accept, by: township, wait: time.Hour},
	})
	if !es[0].NotifyApplicant || es[0].Step.Reason != "add the household register" {
		t.Errorf("return: NotifyApplicant=%v Reason=%q", es[0].NotifyApplicant, es[0].Step.Reason)
	}
	if got, want := es[0].Due, es[0].Step.At.Add(30*Day); !got.Equal(want) {
		t.Errorf("returned Due=%v, want %v", got, want)
	}
	if c.State != TownshipReview || !c.Started.Equal(es[1].Step.At) {
		t.Errorf("State=%s Started=%v, want township_review, restarted at %v", c.State, c.Started, es[1].Step.At)
	}
	_, _, err := Apply(c, Resubmit, applicant, "", now, cfg)
	wantConflict(t, err, "err.transition")
}

func TestEscalation(t *testing.T) {
	for _, tc := range []struct {
		state State
		to    auth.Role
		ok    bool
	}{
		{Submitted, auth.CountyReviewer, true},
		{TownshipReview, auth.CountyReviewer, true},
		{DemocraticReview, auth.TownshipOfficer, true},
		{PublicNotice, auth.PrefectureAdmin, true},
		{CountyReview, auth.PrefectureAdmin, true},
		{Assessment, auth.CountyReviewer, true},
		{Returned, auth.TownshipOfficer, true},
		{Appealed, "", false},
		{Approved, "", false},
	} {
		c, _ := mustCaseIn(t, tc.state)
		if to, ok := Escalation(c, c.Due); ok || to != "" || Overdue(c, c.Due) {
			t.Errorf("%s at its deadline: Escalation=%s,%v, want none yet", tc.state, to, ok)
		}
		late := c.Due.Add(time.Minute)
		if to, ok := Escalation(c, late); to != tc.to || ok != tc.ok {
			t.Errorf("%s overdue: Escalation=%s,%v, want %s,%v", tc.state, to, ok, tc.to, tc.ok)
		}
		if got, want := Overdue(c, late), !c.Due.IsZero(); got != want {
			t.Errorf("%s: Overdue=%v, want %v", tc.state, got, want)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("DefaultConfig: %v", err)
	}
	cfg := DefaultConfig()
	cfg.UrgentStep = 2 * Day
	if _, key, field := errOf(t, cfg.Validate()); key != "err.limit.urgent_step" || field != "urgent_step" {
		t.Errorf("urgent step > total: %s on %s", key, field)
	}
	if e := (Config{}).Validate().(*errs.Error); len(e.Fields) != 12 {
		t.Errorf("zero Config: %d fields, want 12", len(e.Fields))
	}
}

// TestConcurrentOfficers shows the contract the store's version check
// relies on: two officers acting on the same read both produce Version+1, so
// only the first UPDATE … WHERE version = old succeeds.
func TestConcurrentOfficers(t *testing.T) {
	c, now := mustCaseIn(t, TownshipReview)
	other := Actor{ID: "u-township-2", Role: auth.TownshipOfficer}
	a, _, errA := Apply(c, Pass, township, "", now, fullConfig())
	b, _, errB := Apply(c, Return, other, "add the household register", now, fullConfig())
	if errA != nil || errB != nil {
		t.Fatalf("errs: %v, %v", errA, errB)
	}
	if a.Version != c.Version+1 || b.Version != c.Version+1 {
		t.Fatalf("Versions %d and %d from %d, want both %d", a.Version, b.Version, c.Version, c.Version+1)
	}
	if a.State != DemocraticReview || b.State != Returned || len(a.History) != len(c.History)+1 {
		t.Fatalf("States %s and %s: results share history", a.State, b.State)
	}
}
