package mcf

// Greedy is the baseline the engine is compared with: demands in input order, each takes
// the cheapest arc (plus the worker's marginal tier cost) to a worker with capacity left,
// or stays unassigned when none is left or the penalty is cheaper.
func Greedy(in *Instance) *Solution {
	load := make([]int32, in.M)
	sol := &Solution{Assign: make([]int32, in.N)}
	for i := 0; i < in.N; i++ {
		best, bestW := in.Penalty[i], int32(-1)
		for a := in.Start[i]; a < in.Start[i+1]; a++ {
			w := in.Worker[a]
			if load[w] >= in.Capacity[w] {
				continue
			}
			if c := in.Cost[a] + in.marginal(int(w), load[w]); c < best {
				best, bestW = c, w
			}
		}
		sol.Assign[i] = bestW
		sol.Cost += best
		if bestW >= 0 {
			load[bestW]++
		}
	}
	return sol
}

// marginal is the tier cost of worker j's unit number load+1.
func (in *Instance) marginal(j int, load int32) int64 {
	if in.Tiers == nil {
		return 0
	}
	for _, t := range in.Tiers[j] {
		if load < t.Cap {
			return t.Cost
		}
		load -= t.Cap
	}
	return 0
}
