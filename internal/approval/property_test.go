package approval

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// TestRandomSequences applies thousands of random sequences of random
// actions by random actors at random times and checks the invariants of the
// workflow after every call.
func TestRandomSequences(t *testing.T) {
	const sequences, length = 3000, 40
	rng := rand.New(rand.NewPCG(20260302, 6))
	actors := []Actor{applicant, neighbour, {ID: "", Role: auth.Resident}}
	for _, r := range auth.Roles {
		actors = append(actors, Actor{ID: "u-" + string(r), Role: r})
	}
	reasons := []string{"", " \n", "checked on site", strings.Repeat("理", MaxReason+1)}
	waits := []time.Duration{0, time.Minute, time.Hour, 8 * time.Hour, Day, 3 * Day, 8 * Day, 70 * Day}
	hits := map[Transition]int{}

	for seq := range sequences {
		cfg := DefaultConfig()
		cfg.DemocraticReview, cfg.PublicNotice = rng.IntN(2) == 0, rng.IntN(2) == 0
		c, now, successes := New(applicant.ID, rng.IntN(3) == 0), t0, 0
		for i := range length {
			now = now.Add(waits[rng.IntN(len(waits))])
			by, a := actors[rng.IntN(len(actors))], Actions[rng.IntN(len(Actions))]
			if rng.IntN(2) == 0 {
				by, a = pickAllowed(rng, c, actors, now, cfg) // reach deep states, not only refusals
			}
			allowed := Allowed(c, by, now, cfg)
			reason := reasons[rng.IntN(len(reasons))]
			trimmed := strings.TrimSpace(reason)
			validReason := utf8.RuneCountInString(trimmed) <= MaxReason && (trimmed != "" || !NeedsReason(a))
			where := func() string { return describe(seq, i, c.State, a, by, reason) }

			before := c
			before.History = slices.Clone(c.History)
			got, e, err := Apply(c, a, by, reason, now, cfg)
			if !reflect.DeepEqual(c, before) {
				t.Fatalf("%s: Apply changed its argument", where())
			}
			if err != nil {
				inTableFrom := slices.ContainsFunc(table, func(tr Transition) bool { return tr.From == c.State && tr.Action == a })
				switch code, key, _ := errOf(t, err); {
				case !inTableFrom && (code != errs.Conflict || key != "err.transition"):
					t.Fatalf("%s: illegal transition refused with %s %s, want conflict err.transition", where(), code, key)
				case inTableFrom && !slices.Contains(RolesFor(c.State, a), by.Role) && code != errs.Forbidden:
					t.Fatalf("%s: wrong role refused with %s %s, want forbidden", where(), code, key)
				case code != errs.Forbidden && code != errs.Invalid && code != errs.Conflict:
					t.Fatalf("%s: code %s", where(), code)
				}
				if !reflect.DeepEqual(got, before) || !reflect.DeepEqual(e, Effect{}) {
					t.Fatalf("%s: refused (%v) but the case or effect changed", where(), err)
				}
				if slices.Contains(allowed, a) && validReason {
					t.Fatalf("%s: Allowed lists it but Apply refused: %v", where(), err)
				}
				continue
			}
			successes++
			tr := Transition{c.State, a, got.State}
			hits[tr]++
			checkSuccess(t, where, c, got, e, by, now, allowed)
			if !validReason {
				t.Fatalf("%s: accepted an invalid reason", where())
			}
			Allowed(got, by, now, cfg) // must not write into got's history
			if last := got.History[len(got.History)-1]; last != e.Step {
				t.Fatalf("%s: history overwritten by a later call", where())
			}
			c = got
		}
		if c.Version != successes || len(c.History) != successes {
			t.Fatalf("sequence %d: Version=%d History=%d, want both %d", seq, c.Version, len(c.History), successes)
		}
	}
	for _, tr := range table {
		if hits[tr] == 0 {
			t.Errorf("%v never taken: the random walk is too shallow", tr)
		}
	}
}

// pickAllowed picks an action some actor may take on c, every such action
// equally likely (so that withdraw, open to many, does not end most walks),
// and an actor who may take it. In final states it falls back to anything.
func pickAllowed(rng *rand.Rand, c Case, actors []Actor, now time.Time, cfg Config) (Actor, Action) {
	who := map[Action][]Actor{}
	var as []Action
	for _, by := range actors {
		for _, a := range Allowed(c, by, now, cfg) {
			if who[a] == nil {
				as = append(as, a)
			}
			who[a] = append(who[a], by)
		}
	}
	if len(as) == 0 {
		return actors[rng.IntN(len(actors))], Actions[rng.IntN(len(Actions))]
	}
	a := as[rng.IntN(len(as))]
	return who[a][rng.IntN(len(who[a]))], a
}

// checkSuccess checks the invariants of one accepted action.
func checkSuccess(t *testing.T, where func() string, c, got Case, e Effect, by Actor, now time.Time, allowed []Action) {
	t.Helper()
	from, a, to := c.State, e.Step.Action, got.State
	switch {
	case !inTable(from, a, to):
		t.Fatalf("%s: moved to %s, not in the table", where(), to)
	case !slices.Contains(allowed, a):
		t.Fatalf("%s: accepted but not in Allowed %v", where(), allowed)
	case from.Final() && (from != Rejected || a != Appeal):
		t.Fatalf("%s: a final state accepted %s", where(), a)
	case got.Version != c.Version+1:
		t.Fatalf("%s: Version %d → %d", where(), c.Version, got.Version)
	case len(got.History) != len(c.History)+1:
		t.Fatalf("%s: History %d → %d", where(), len(c.History), len(got.History))
	case e.Step != (Step{From: from, To: to, Action: a, Role: by.Role, ActorID: by.ID, Reason: e.Step.Reason, At: now}):
		t.Fatalf("%s: step %+v", where(), e.Step)
	case e.Moved != (from != to) || e.Moved && !got.Entered.Equal(now) || !e.Moved && !got.Entered.Equal(c.Entered):
		t.Fatalf("%s: Moved=%v Entered=%v", where(), e.Moved, got.Entered)
	case got.Due.IsZero() != to.Final() || !e.Due.Equal(got.Due):
		t.Fatalf("%s: Due=%v effect %v in %s", where(), got.Due, e.Due, to)
	case e.Moved && !got.Urgent && !got.Due.After(now) && !to.Final():
		t.Fatalf("%s: new step due %v, not after %v", where(), got.Due, now)
	case e.Moved && got.Urgent && urgentStep(to) && got.Due.After(got.Started.Add(24*time.Hour)):
		t.Fatalf("%s: urgent step due %v, more than 24h after %v", where(), got.Due, got.Started)
	case e.NotifyApplicant != decision(a):
		t.Fatalf("%s: NotifyApplicant=%v", where(), e.NotifyApplicant)
	}
	open := 0
	for _, s := range got.History {
		switch s.Action {
		case Object:
			open++
		case AnswerObjection:
			open--
		}
	}
	if got.OpenObjections != open || open < 0 {
		t.Fatalf("%s: OpenObjections=%d, history says %d", where(), got.OpenObjections, open)
	}
	if from == PublicNotice && to == CountyReview && open != 0 {
		t.Fatalf("%s: notice closed with %d open objections", where(), open)
	}
}

func describe(seq, i int, s State, a Action, by Actor, reason string) string {
	if r := []rune(reason); len(r) > 20 {
		reason = string(r[:20]) + "…"
	}
	return fmt.Sprintf("sequence %d step %d: %s in %s by %s %q, reason %q", seq, i, a, s, by.Role, by.ID, reason)
}
