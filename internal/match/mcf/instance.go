// Package mcf solves the matching problem of the services feature exactly: a bipartite
// transportation problem where every demand (one weekly unit of a person's plan item)
// goes to one worker with spare capacity, or stays unassigned at a penalty, at minimum
// total cost. It has no storage or HTTP imports; internal/match builds the Instance.
package mcf

import (
	"errors"
	"fmt"
)

// MaxCost bounds every arc cost, tier cost and penalty so that sums over a whole
// instance (and the solver's potentials) cannot overflow int64.
const MaxCost = 1 << 40

// Instance is a bipartite transportation problem in the DIMACS shape used by bench/match:
// N demands of one unit each, M workers with capacity, a sink.
type Instance struct {
	N, M     int
	Capacity []int32  // len M
	Tiers    [][]Tier // optional, len M when set: convex worker→sink capacity tiers (see Tier);
	// when nil, worker j has one tier {Capacity[j], 0}
	Penalty []int64 // len N: cost of leaving demand i unassigned (arc demand→sink)
	Start   []int32 // len N+1: demand i's arcs are Worker[Start[i]:Start[i+1]], Cost[...]
	Worker  []int32 // arc heads, 0-based worker index
	Cost    []int64 // arc costs, >= 0
}

// Tier is a slice of a worker's weekly capacity with the marginal cost of using it; a
// worker's tiers have nondecreasing Cost and their Caps sum to Capacity[j]. Rising
// marginal costs spread load (load balance) while the problem stays a min-cost flow.
type Tier struct {
	Cap  int32
	Cost int64
}

// Solution is an assignment of every demand and its total cost.
type Solution struct {
	Assign []int32 // len N: worker index, or -1 when the demand is left unassigned
	Cost   int64   // total: arc costs + penalties + tier costs
}

// Validate reports the first way in which in is not a well-formed instance.
func (in *Instance) Validate() error {
	if in == nil {
		return errors.New("mcf: nil instance")
	}
	if in.N < 0 || in.M < 0 {
		return fmt.Errorf("mcf: negative size N=%d M=%d", in.N, in.M)
	}
	if len(in.Capacity) != in.M {
		return fmt.Errorf("mcf: len(Capacity)=%d, want M=%d", len(in.Capacity), in.M)
	}
	for j, c := range in.Capacity {
		if c < 0 {
			return fmt.Errorf("mcf: worker %d has negative capacity %d", j, c)
		}
	}
	if in.Tiers != nil {
		if len(in.Tiers) != in.M {
			return fmt.Errorf("mcf: len(Tiers)=%d, want M=%d", len(in.Tiers), in.M)
		}
		for j, ts := range in.Tiers {
			var sum int64
			for t, tr := range ts {
				if tr.Cap < 0 || tr.Cost < 0 || tr.Cost > MaxCost {
					return fmt.Errorf("mcf: worker %d tier %d has cap %d cost %d out of range", j, t, tr.Cap, tr.Cost)
				}
				if t > 0 && tr.Cost < ts[t-1].Cost {
					return fmt.Errorf("mcf: worker %d tier costs decrease at tier %d (not convex)", j, t)
				}
				sum += int64(tr.Cap)
			}
			if sum != int64(in.Capacity[j]) {
				return fmt.Errorf("mcf: worker %d tiers sum to %d, capacity is %d", j, sum, in.Capacity[j])
			}
		}
	}
	if len(in.Penalty) != in.N {
		return fmt.Errorf("mcf: len(Penalty)=%d, want N=%d", len(in.Penalty), in.N)
	}
	for i, p := range in.Penalty {
		if p < 0 || p > MaxCost {
			return fmt.Errorf("mcf: demand %d has penalty %d out of range", i, p)
		}
	}
	if len(in.Start) != in.N+1 {
		return fmt.Errorf("mcf: len(Start)=%d, want N+1=%d", len(in.Start), in.N+1)
	}
	if in.Start[0] != 0 || int(in.Start[in.N]) != len(in.Worker) || len(in.Worker) != len(in.Cost) {
		return fmt.Errorf("mcf: Start[0]=%d, Start[N]=%d, len(Worker)=%d, len(Cost)=%d disagree",
			in.Start[0], in.Start[in.N], len(in.Worker), len(in.Cost))
	}
	for i := 0; i < in.N; i++ {
		if in.Start[i+1] < in.Start[i] {
			return fmt.Errorf("mcf: Start decreases at demand %d", i)
		}
	}
	for a, w := range in.Worker {
		if w < 0 || int(w) >= in.M {
			return fmt.Errorf("mcf: arc %d points to worker %d, outside 0..%d", a, w, in.M-1)
		}
		if c := in.Cost[a]; c < 0 || c > MaxCost {
			return fmt.Errorf("mcf: arc %d has cost %d out of range", a, c)
		}
	}
	return nil
}

// tiers returns worker j's capacity tiers, the implicit single free tier when none are set.
func (in *Instance) tiers(j int) []Tier {
	if in.Tiers == nil {
		return []Tier{{Cap: in.Capacity[j], Cost: 0}}
	}
	return in.Tiers[j]
}

// tierCost is the cost of giving worker j its first n units: convex tiers fill cheapest first.
func (in *Instance) tierCost(j int, n int32) int64 {
	if in.Tiers == nil {
		return 0
	}
	var c int64
	for _, t := range in.Tiers[j] {
		u := min(n, t.Cap)
		c += int64(u) * t.Cost
		n -= u
		if n == 0 {
			break
		}
	}
	return c
}

// Evaluate returns the cost of assign (len N, worker index or -1), using the cheapest of
// parallel arcs; it fails when an assigned pair has no arc or a worker is over capacity.
func (in *Instance) Evaluate(assign []int32) (int64, error) {
	if len(assign) != in.N {
		return 0, fmt.Errorf("mcf: assignment has %d entries, want %d", len(assign), in.N)
	}
	load := make([]int32, in.M)
	var total int64
	for i, w := range assign {
		if w == -1 {
			total += in.Penalty[i]
			continue
		}
		if w < 0 || int(w) >= in.M {
			return 0, fmt.Errorf("mcf: demand %d assigned to unknown worker %d", i, w)
		}
		best := int64(-1)
		for a := in.Start[i]; a < in.Start[i+1]; a++ {
			if in.Worker[a] == w && (best < 0 || in.Cost[a] < best) {
				best = in.Cost[a]
			}
		}
		if best < 0 {
			return 0, fmt.Errorf("mcf: demand %d has no arc to worker %d", i, w)
		}
		total += best
		load[w]++
	}
	for j, n := range load {
		if n > in.Capacity[j] {
			return 0, fmt.Errorf("mcf: worker %d has %d demands, capacity %d", j, n, in.Capacity[j])
		}
		total += in.tierCost(j, n)
	}
	return total, nil
}
