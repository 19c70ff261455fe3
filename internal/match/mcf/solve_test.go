package mcf

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// checkFeasible fails t unless sol only uses listed arcs, respects capacities and states
// its cost truthfully.
func checkFeasible(t *testing.T, in *Instance, sol *Solution) {
	t.Helper()
	cost, err := in.Evaluate(sol.Assign)
	if err != nil {
		t.Fatalf("infeasible solution: %v", err)
	}
	if cost != sol.Cost {
		t.Fatalf("Solution.Cost=%d, Evaluate=%d", sol.Cost, cost)
	}
}

func TestSolveMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 600 {
		n, m := rng.IntN(7), rng.IntN(5)
		in := randomInstance(rng, n, m, trial%2 == 1)
		got, err := Solve(in)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		checkFeasible(t, in, got)
		want := BruteForce(in)
		if got.Cost != want.Cost {
			t.Fatalf("trial %d (N=%d M=%d): Solve cost %d, brute force %d", trial, n, m, got.Cost, want.Cost)
		}
	}
}

func TestSolveMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 40 {
		n, m := 100+rng.IntN(300), 5+rng.IntN(60)
		in := randomInstance(rng, n, m, trial%2 == 0)
		got, err := Solve(in)
		if err != nil {
			t.Fatal(err)
		}
		checkFeasible(t, in, got)
		if want := solveSSP(in); got.Cost != want.Cost {
			t.Fatalf("trial %d (N=%d M=%d): Solve cost %d, reference %d", trial, n, m, got.Cost, want.Cost)
		}
	}
	in := Generate(600, 60, 7, 12)
	got, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	checkFeasible(t, in, got)
	if want := solveSSP(in); got.Cost != want.Cost {
		t.Fatalf("generated: Solve cost %d, reference %d", got.Cost, want.Cost)
	}
}

// TestSolveWideCosts covers costs beyond 32 bits, which the solver keeps apart.
func TestSolveWideCosts(t *testing.T) {
	const scale = 1 << 32
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 200 {
		in := randomInstance(rng, rng.IntN(7), 1+rng.IntN(4), trial%2 == 1)
		for a := range in.Cost {
			in.Cost[a] = in.Cost[a]*scale + int64(a%3)
		}
		for i := range in.Penalty {
			in.Penalty[i] *= scale
		}
		for _, ts := range in.Tiers {
			for k := range ts {
				ts[k].Cost *= scale
			}
		}
		got, err := Solve(in)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		checkFeasible(t, in, got)
		if want := BruteForce(in); got.Cost != want.Cost {
			t.Fatalf("trial %d: Solve cost %d, brute force %d", trial, got.Cost, want.Cost)
		}
	}
}

func TestSolveDeterministic(t *testing.T) {
	in := Generate(2000, 150, 5, 20)
	a, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Solve(in)
	if a.Cost != b.Cost || !slices.Equal(a.Assign, b.Assign) {
		t.Fatal("two runs on the same instance differ")
	}
	c, _ := Solve(roundTrip(t, in))
	if a.Cost != c.Cost || !slices.Equal(a.Assign, c.Assign) {
		t.Fatal("the run after a DIMACS round trip differs")
	}
}

func TestGreedyFeasibleNeverBetter(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 200 {
		in := randomInstance(rng, rng.IntN(60), 1+rng.IntN(12), trial%2 == 0)
		g := Greedy(in)
		checkFeasible(t, in, g)
		opt, err := Solve(in)
		if err != nil {
			t.Fatal(err)
		}
		if g.Cost < opt.Cost {
			t.Fatalf("trial %d: greedy %d below optimum %d", trial, g.Cost, opt.Cost)
		}
	}
}

func TestSolveRejectsInvalid(t *testing.T) {
	ok := func() *Instance {
		return &Instance{N: 1, M: 1, Capacity: []int32{1}, Penalty: []int64{5},
			Start: []int32{0, 1}, Worker: []int32{0}, Cost: []int64{1}}
	}
	tests := []struct {
		name   string
		change func(in *Instance)
	}{
		{"capacity length", func(in *Instance) { in.Capacity = nil }},
		{"negative capacity", func(in *Instance) { in.Capacity[0] = -1 }},
		{"penalty length", func(in *Instance) { in.Penalty = nil }},
		{"negative penalty", func(in *Instance) { in.Penalty[0] = -1 }},
		{"start length", func(in *Instance) { in.Start = []int32{0} }},
		{"start end", func(in *Instance) { in.Start[1] = 2 }},
		{"worker range", func(in *Instance) { in.Worker[0] = 1 }},
		{"negative cost", func(in *Instance) { in.Cost[0] = -3 }},
		{"huge cost", func(in *Instance) { in.Cost[0] = MaxCost + 1 }},
		{"tier sum", func(in *Instance) { in.Tiers = [][]Tier{{{Cap: 2, Cost: 0}}} }},
		{"tier order", func(in *Instance) { in.Tiers = [][]Tier{{{Cap: 0, Cost: 5}, {Cap: 1, Cost: 1}}} }},
		{"tier length", func(in *Instance) { in.Tiers = [][]Tier{} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok()
			tt.change(in)
			if _, err := Solve(in); err == nil {
				t.Fatal("Solve accepted an invalid instance")
			}
		})
	}
	if _, err := Solve(ok()); err != nil {
		t.Fatalf("valid instance rejected: %v", err)
	}
}

func TestEvaluateRejectsInfeasible(t *testing.T) {
	in := &Instance{N: 2, M: 2, Capacity: []int32{1, 1}, Penalty: []int64{9, 9},
		Start: []int32{0, 1, 2}, Worker: []int32{0, 0}, Cost: []int64{1, 2}}
	for name, assign := range map[string][]int32{
		"over capacity": {0, 0},
		"no arc":        {1, -1},
		"short":         {0},
		"unknown":       {5, -1},
	} {
		if _, err := in.Evaluate(assign); err == nil {
			t.Errorf("%s: Evaluate accepted %v", name, assign)
		}
	}
	if got, err := in.Evaluate([]int32{0, -1}); err != nil || got != 10 {
		t.Errorf("Evaluate = %d, %v; want 10", got, err)
	}
}
