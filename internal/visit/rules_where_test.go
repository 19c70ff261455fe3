package visit

import (
	"testing"
	"time"
)

// ruleCase is one visit, changed from doneVisit and input by mod, judged by
// one default rule.
type ruleCase struct {
	rule  string
	name  string
	mod   func(t testing.TB, v *Visit, in *Input)
	now   time.Time         // zero: a day after t0
	fires bool              // whether the rule fires
	facts map[string]string // facts the flag must carry
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			v, in := doneVisit(t), input()
			if c.mod != nil {
				c.mod(t, v, &in)
			}
			now := c.now
			if now.IsZero() {
				now = at(24 * 60)
			}
			_, flags := Evaluate(v, in, []Rule{ruleByCode(t, c.rule)}, now)
			if got, want := len(flags) == 1, c.fires; got != want {
				t.Fatalf("fired=%v, want %v (flags %v)", got, want, flags)
			}
			for k, want := range c.facts {
				if got := flags[0].Facts[k]; got != want {
					t.Errorf("Facts[%s]=%q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestRulesWhere(t *testing.T) {
	other := func(id string, from, to float64, pos *Position) Other {
		return Other{OrderID: id, Start: at(from), End: at(to), Pos: pos}
	}
	runRuleCases(t, []ruleCase{
		{rule: RuleGeofence, name: "inside"},
		{rule: RuleGeofence, name: "outside", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.CheckIn.Pos, v.CheckIn.Reason = north(500, 10), "no_signal" },
			facts: map[string]string{"distance_m": "500", "radius_m": "200", "reason": "no_signal", "accuracy_m": "10"}},
		{rule: RuleGeofence, name: "accuracy gives the benefit of the doubt",
			mod: func(_ testing.TB, v *Visit, _ *Input) { v.CheckIn.Pos = north(350, 200) }},
		{rule: RuleGeofence, name: "accuracy benefit capped at the radius", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.CheckIn.Pos = north(500, 5000) },
			facts: map[string]string{"distance_m": "500"}},
		{rule: RuleGeofence, name: "no fix", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.CheckIn.Pos = nil },
			facts: map[string]string{"no_fix": "true", "variant": "no_fix"}},
		{rule: RuleGeofence, name: "checked out outside", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.CheckOut.Pos = north(3000, 10) },
			facts: map[string]string{"variant": "check_out", "distance_m": "3000"}},
		{rule: RuleGeofence, name: "check-out without fix is not checked",
			mod: func(_ testing.TB, v *Visit, _ *Input) { v.CheckOut.Pos = nil }},
		{rule: RuleGeofence, name: "missed far away",
			mod: func(t testing.TB, v *Visit, _ *Input) { *v = *missedVisit(t, "not_home") }},
		{rule: RuleGeofence, name: "home without position", fires: true,
			mod:   func(_ testing.TB, _ *Visit, in *Input) { in.Home = Position{} },
			facts: map[string]string{"variant": "no_home"}},
		{rule: RuleGeofence, name: "radius unset uses the rural one",
			mod: func(_ testing.TB, v *Visit, in *Input) { v.CheckIn.Pos, in.RadiusM = north(450, 0), 0 }},

		{rule: RuleOverlap, name: "none", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -90, -10, north(100, 0))}
		}},
		{rule: RuleOverlap, name: "half an hour", fires: true, mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", 30, 90, nil), other("o3", 57, 90, nil)}
		}, facts: map[string]string{"order_id": "o2", "minutes": "30"}},
		{rule: RuleOverlap, name: "three minutes", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", 57, 90, nil)}
		}},
		{rule: RuleOverlap, name: "back to back", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", 60, 90, nil)}
		}},
		{rule: RuleOverlap, name: "itself", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o1", 0, 60, nil)}
		}},

		{rule: RuleSpeed, name: "driving", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -120, -60, north(50_000, 10))} // 50 km in an hour
		}},
		{rule: RuleSpeed, name: "too fast from the previous", fires: true, mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -60, -10, north(50_020, 10))} // the visit is 20 m north
		}, facts: map[string]string{"order_id": "o2", "km": "50.0", "minutes": "10", "kmh": "300.0"}},
		{rule: RuleSpeed, name: "too fast to the next", fires: true, mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o3", 65, 90, north(30_020, 10))}
		}, facts: map[string]string{"order_id": "o3", "kmh": "360.0"}},
		{rule: RuleSpeed, name: "no gap, far apart", fires: true, mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -30, 10, north(5_000, 10))}
		}, facts: map[string]string{"kmh": "∞", "minutes": "0"}},
		{rule: RuleSpeed, name: "no gap, next door", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -30, 0, north(500, 10))}
		}},
		{rule: RuleSpeed, name: "other without a fix", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -20, -10, nil)}
		}},
		{rule: RuleSpeed, name: "only the nearest counts", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -200, -190, north(500_000, 10)), other("o3", -60, -10, north(1_000, 10))}
		}},
		{rule: RuleSpeed, name: "missed", mod: func(t testing.TB, v *Visit, in *Input) {
			*v = *missedVisit(t, "not_home")
			in.Others = []Other{other("o2", -60, -10, north(50_020, 10))}
		}},

		{rule: RuleSameCoordinates, name: "four", mod: func(_ testing.TB, _ *Visit, in *Input) { in.SameCoordCount = 4 }},
		{rule: RuleSameCoordinates, name: "five", fires: true,
			mod:   func(_ testing.TB, _ *Visit, in *Input) { in.SameCoordCount = 5 },
			facts: map[string]string{"count": "5"}},
		{rule: RuleSameCoordinates, name: "missed", mod: func(t testing.TB, v *Visit, in *Input) {
			*v, in.SameCoordCount = *missedVisit(t, "not_home"), 9
		}},

		{rule: RuleOver24h, name: "a full day", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -9*60+1, -60, nil), other("o3", 60, 14*60, nil)} // 8 h + 1 h + 13 h
		}},
		{rule: RuleOver24h, name: "more than a day", fires: true, mod: func(_ testing.TB, _ *Visit, in *Input) {
			all := other("o2", -9*60+1, 14*60+59, nil) // 00:01 to 23:59, listed twice: counted once
			in.Others = []Other{all, all}
		}, facts: map[string]string{"hours": "25.0"}},
		{rule: RuleOver24h, name: "a visit begun the day before does not count", mod: func(_ testing.TB, _ *Visit, in *Input) {
			in.Others = []Other{other("o2", -10*60, 14*60+59, nil)}
		}},
	})
}
