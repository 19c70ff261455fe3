package visit

import (
	"slices"
	"testing"
)

func TestEvaluateOutcome(t *testing.T) {
	inProgress := func(t testing.TB) *Visit { return mustFold(t, InProgress, doneEvents()[:4]...) }
	disputed := func(t testing.TB) *Visit {
		other := mkEvent("x1", Confirm, "p2", 56)
		v := mustFold(t, Done, append(doneEvents(), other)...)
		if got, want := len(v.Conflicts), 1; got != want {
			t.Fatalf("len(Conflicts)=%d, want %d", got, want)
		}
		return v
	}
	disable := func(code string) []Rule {
		rs := DefaultRules()
		for i := range rs {
			rs[i].Enabled = rs[i].Code != code
		}
		return rs
	}
	for _, c := range []struct {
		name  string
		visit func(testing.TB) *Visit
		mod   func(*Input)
		rules []Rule
		want  Outcome
		flags []string
	}{
		{name: "planned", visit: func(t testing.TB) *Visit { return mustFold(t, Planned) }, want: Pending},
		{name: "in progress", visit: inProgress, want: Pending},
		{name: "unresolved conflict", visit: disputed, want: Pending},
		{name: "done and clean", visit: doneVisit, want: Verified},
		{name: "missed and clean", visit: func(t testing.TB) *Visit { return missedVisit(t, "not_home") }, want: Verified},
		{name: "two flags", visit: doneVisit, mod: func(in *Input) { in.PlannedMinutes, in.SameCoordCount = 180, 7 },
			want: Flagged, flags: []string{RuleShort, RuleSameCoordinates}},
		{name: "a reject outweighs flags", visit: doneVisit, mod: func(in *Input) { in.PlannedMinutes, in.DiedOn = 180, date0(3, 1) },
			want: Rejected, flags: []string{RuleShort, RuleAfterDeath}},
		{name: "a disabled rule does not run", visit: doneVisit, rules: disable(RuleShort),
			mod: func(in *Input) { in.PlannedMinutes = 180 }, want: Verified},
		{name: "an unknown rule is skipped", visit: doneVisit,
			rules: []Rule{{Code: "moon_phase", Severity: SevReject, Enabled: true}}, want: Verified},
		{name: "a missing parameter takes its default", visit: doneVisit, mod: func(in *Input) { in.PlannedMinutes = 119 },
			rules: []Rule{{Code: RuleShort, Severity: SevFlag, Enabled: true}}, want: Verified},
		{name: "a set parameter counts", visit: doneVisit, mod: func(in *Input) { in.PlannedMinutes = 119 },
			rules: []Rule{{Code: RuleShort, Severity: SevFlag, Enabled: true, Params: map[string]float64{"min_share": 0.8}}},
			want:  Flagged, flags: []string{RuleShort}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := input()
			if c.mod != nil {
				c.mod(&in)
			}
			rules := c.rules
			if rules == nil {
				rules = DefaultRules()
			}
			got, flags := Evaluate(c.visit(t), in, rules, at(24*60))
			if got != c.want {
				t.Fatalf("Outcome=%v, want %v (flags %v)", got, c.want, flags)
			}
			if flags == nil {
				t.Fatalf("flags=nil, want a slice")
			}
			var codes []string
			for _, f := range flags {
				codes = append(codes, f.Rule)
			}
			if !slices.Equal(codes, c.flags) {
				t.Fatalf("flags=%v, want %v", codes, c.flags)
			}
		})
	}
}

func TestEvaluateFlagSeverity(t *testing.T) {
	in := input()
	in.DiedOn = date0(3, 1)
	_, flags := Evaluate(doneVisit(t), in, DefaultRules(), at(0))
	if got, want := len(flags), 1; got != want {
		t.Fatalf("len(flags)=%d, want %d", got, want)
	}
	if got, want := flags[0].Severity, SevReject; got != want {
		t.Fatalf("Severity=%v, want %v", got, want)
	}
}
