package approval

import (
	"errors"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

var (
	t0        = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC) // 09:00 in Changji
	applicant = Actor{ID: "u-applicant", Role: auth.Resident}
	neighbour = Actor{ID: "u-neighbour", Role: auth.Resident}
	village   = Actor{ID: "u-village", Role: auth.VillageWorker}
	township  = Actor{ID: "u-township", Role: auth.TownshipOfficer}
	county    = Actor{ID: "u-county", Role: auth.CountyReviewer}
	assessor  = Actor{ID: "u-assessor", Role: auth.Assessor}
	admin     = Actor{ID: "u-admin", Role: auth.PrefectureAdmin}
)

// fullConfig enables both optional steps.
func fullConfig() Config {
	cfg := DefaultConfig()
	cfg.DemocraticReview, cfg.PublicNotice = true, true
	return cfg
}

// move is one scripted action: wait, then act.
type move struct {
	a      Action
	by     Actor
	reason string
	wait   time.Duration
}

// paths drives a new case to each state under fullConfig.
var paths = func() map[State][]move {
	sub := []move{{a: Submit, by: applicant}}
	town := append(sub[:1:1], move{a: Accept, by: township})
	dem := append(town[:2:2], move{a: Pass, by: township})
	notice := append(dem[:3:3], move{a: Pass, by: village})
	cty := append(notice[:4:4], move{a: CloseNotice, by: county, wait: 7 * Day})
	ass := append(cty[:5:5], move{a: Pass, by: county})
	rej := append(cty[:5:5], move{a: Reject, by: county, reason: "income above the line"})
	return map[State][]move{
		Draft:            nil,
		Submitted:        sub,
		TownshipReview:   town,
		DemocraticReview: dem,
		PublicNotice:     notice,
		CountyReview:     cty,
		Assessment:       ass,
		Approved:         append(ass[:6:6], move{a: Pass, by: assessor}),
		Rejected:         rej,
		Returned:         append(sub[:1:1], move{a: Return, by: township, reason: "missing income proof"}),
		Withdrawn:        append(sub[:1:1], move{a: Withdraw, by: applicant}),
		Appealed:         append(rej[:6:6], move{a: Appeal, by: applicant, reason: "income fell in March"}),
	}
}()

// play applies moves to c starting at now, failing on any error, and returns
// the case, the time of the last move and every effect.
func play(tb testing.TB, c Case, now time.Time, cfg Config, moves []move) (Case, time.Time, []Effect) {
	tb.Helper()
	var es []Effect
	for _, m := range moves {
		now = now.Add(m.wait)
		var e Effect
		var err error
		if c, e, err = Apply(c, m.a, m.by, m.reason, now, cfg); err != nil {
			tb.Fatalf("%s by %s in %s: %v", m.a, m.by.Role, c.State, err)
		}
		es = append(es, e)
	}
	return c, now, es
}

// mustCaseIn returns a case in state s under fullConfig and the time of its
// last step.
func mustCaseIn(tb testing.TB, s State) (Case, time.Time) {
	tb.Helper()
	c, now, _ := play(tb, New(applicant.ID, false), t0, fullConfig(), paths[s])
	if c.State != s {
		tb.Fatalf("State=%s, want %s", c.State, s)
	}
	return c, now
}

// errOf returns err's code, key and first field name.
func errOf(tb testing.TB, err error) (errs.Code, string, string) {
	tb.Helper()
	var e *errs.Error
	if !errors.As(err, &e) {
		tb.Fatalf("err=%v, want *errs.Error", err)
	}
	if len(e.Fields) > 0 {
		return e.Code, e.Fields[0].Key, e.Fields[0].Name
	}
	return e.Code, e.Key, ""
}
