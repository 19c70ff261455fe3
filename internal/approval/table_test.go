package approval

import (
	"slices"
	"testing"
)

// inTable reports whether (from, a, to) is a documented transition.
func inTable(from State, a Action, to State) bool {
	return slices.Contains(table, Transition{from, a, to})
}

func TestTableComplete(t *testing.T) {
	for _, tr := range table {
		if !tr.From.Valid() || !tr.To.Valid() || !slices.Contains(Actions, tr.Action) {
			t.Errorf("%v: unknown state or action", tr)
		}
		if len(RolesFor(tr.From, tr.Action)) == 0 {
			t.Errorf("%v: nobody may take it", tr)
		}
	}
	for _, s := range States {
		var out []Action
		for _, tr := range table {
			if tr.From == s && tr.To != s {
				out = append(out, tr.Action)
			}
		}
		switch {
		case s == Rejected && !slices.Equal(out, []Action{Appeal}):
			t.Errorf("rejected: ways out %v, want only appeal", out)
		case s == Approved || s == Withdrawn:
			if len(out) > 0 {
				t.Errorf("%s is final but has ways out %v", s, out)
			}
		case !s.Final() && len(out) == 0:
			t.Errorf("%s has no way out", s)
		}
	}
	for _, a := range Actions {
		if !slices.ContainsFunc(table, func(tr Transition) bool { return tr.Action == a }) {
			t.Errorf("action %s is never possible", a)
		}
	}
}

func TestTableReachable(t *testing.T) {
	seen := map[State]bool{Draft: true}
	for todo := []State{Draft}; len(todo) > 0; todo = todo[1:] {
		for _, tr := range table {
			if tr.From == todo[0] && !seen[tr.To] {
				seen[tr.To] = true
				todo = append(todo, tr.To)
			}
		}
	}
	for _, s := range States {
		if !seen[s] {
			t.Errorf("%s cannot be reached from draft", s)
		}
	}
}

func TestNextInTable(t *testing.T) {
	for _, dem := range []bool{false, true} {
		for _, notice := range []bool{false, true} {
			for _, urgent := range []bool{false, true} {
				cfg := Config{DemocraticReview: dem, PublicNotice: notice}
				for _, s := range []State{TownshipReview, DemocraticReview} {
					if to := next(s, urgent, cfg); !inTable(s, Pass, to) {
						t.Errorf("next(%s, urgent=%v, %+v)=%q, not in the table", s, urgent, cfg, to)
					}
				}
			}
		}
	}
}

func TestLabels(t *testing.T) {
	if got, want := TownshipReview.Label(), "state.township_review"; got != want {
		t.Errorf("Label=%q, want %q", got, want)
	}
	if got, want := AnswerObjection.Label(), "action.answer_objection"; got != want {
		t.Errorf("Label=%q, want %q", got, want)
	}
	if State("bogus").Valid() {
		t.Error("bogus state is valid")
	}
}
