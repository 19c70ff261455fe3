package match

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"jiuzhu/internal/match/mcf"
)

// TestSolveNeverAssignsInfeasible: on random instances every assigned pair
// meets every hard constraint and no worker gets more than it has left.
func TestSolveNeverAssignsInfeasible(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		ds, ws := randomInstance(r, 1+r.IntN(40), r.IntN(12))
		res, err := Solve(ds, ws, Options{WeekStart: week, K: 1 + r.IntN(6)})
		if err != nil {
			t.Fatal(err)
		}
		used := make([]int, len(ws))
		var sum int64
		for i, o := range res.Outcomes {
			sum += o.Cost
			if o.Worker < 0 {
				if o.Reason == nil {
					t.Fatalf("trial %d: demand %d open without a reason", trial, i)
				}
				continue
			}
			used[o.Worker]++
			if ok, c := Feasible(&ds[i], &ws[o.Worker], week); !ok {
				t.Fatalf("trial %d: demand %d assigned to %s, which fails %s", trial, i, ws[o.Worker].ID, c)
			}
		}
		for j, u := range used {
			if u > ws[j].Remaining {
				t.Fatalf("trial %d: worker %s got %d units, has %d left", trial, ws[j].ID, u, ws[j].Remaining)
			}
		}
		if sum != res.Cost {
			t.Fatalf("trial %d: outcome costs sum to %d, result cost %d", trial, sum, res.Cost)
		}
	}
}

// TestSolveIsOptimal: on tiny instances the engine's cost equals an
// exhaustive search over every feasible assignment, computed here from the
// domain rules alone (costs, load tiers, penalties), and mcf.BruteForce on
// the built instance.
func TestSolveIsOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 300; trial++ {
		ds, ws := randomInstance(r, 1+r.IntN(6), 1+r.IntN(4))
		p := Build(ds, ws, Options{WeekStart: week, K: len(ws)})
		res, err := p.Solve()
		if err != nil {
			t.Fatal(err)
		}
		if want := bruteForce(ds, ws); res.Cost != want {
			t.Fatalf("trial %d: cost %d, exhaustive optimum %d", trial, res.Cost, want)
		}
		if bf := mcfBrute(p); res.Cost != bf {
			t.Fatalf("trial %d: cost %d, mcf.BruteForce %d", trial, res.Cost, bf)
		}
		if res.GreedyCost < res.Cost {
			t.Fatalf("trial %d: greedy %d beats the optimum %d", trial, res.GreedyCost, res.Cost)
		}
	}
}

// TestSolveIsDeterministic: the same input gives the same output.
func TestSolveIsDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ds, ws := randomInstance(r, 300, 40)
	a, err := Solve(ds, ws, Options{WeekStart: week, K: 8})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Solve(ds, ws, Options{WeekStart: week, K: 8})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Outcomes, b.Outcomes) || a.Cost != b.Cost {
		t.Fatal("two runs on the same input differ")
	}
}

func bruteForce(ds []Demand, ws []Worker) int64 {
	used := make([]int, len(ws))
	best := int64(-1)
	var walk func(i int, cost int64)
	walk = func(i int, cost int64) {
		if i == len(ds) {
			for j, u := range used {
				for n := 0; n < u; n++ {
					cost += TierCost(ws[j].Capacity, ws[j].Capacity-ws[j].Remaining+n)
				}
			}
			if best < 0 || cost < best {
				best = cost
			}
			return
		}
		walk(i+1, cost+Penalty(&ds[i]))
		for j := range ws {
			w := ws[j]
			w.Remaining -= used[j]
			if ok, _ := Feasible(&ds[i], &w, week); ok {
				used[j]++
				walk(i+1, cost+Costs(&ds[i], &ws[j]).Total())
				used[j]--
			}
		}
	}
	walk(0, 0)
	return best
}
func mcfBrute(p *Problem) int64 { return mcf.BruteForce(p.Instance).Cost }
