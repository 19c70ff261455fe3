package mcf

import "math/rand/v2"

// randomInstance draws a small instance that exercises every feature: parallel arcs,
// zero-capacity workers, isolated demands, convex tiers and penalties cheap enough that
// leaving a demand unassigned is sometimes optimal.
func randomInstance(rng *rand.Rand, n, m int, tiers bool) *Instance {
	in := &Instance{N: n, M: m, Capacity: make([]int32, m), Penalty: make([]int64, n), Start: make([]int32, n+1)}
	for j := range m {
		in.Capacity[j] = int32(rng.IntN(4)) // 0..3, zero-capacity workers included
	}
	if tiers {
		in.Tiers = make([][]Tier, m)
		for j := range m {
			left := in.Capacity[j]
			var cost int64
			for left > 0 {
				c := 1 + int32(rng.IntN(int(left)))
				cost += rng.Int64N(30)
				in.Tiers[j] = append(in.Tiers[j], Tier{Cap: c, Cost: cost})
				left -= c
			}
			if rng.IntN(4) == 0 {
				in.Tiers[j] = append(in.Tiers[j], Tier{Cap: 0, Cost: cost + 5})
			}
		}
	}
	for i := range n {
		in.Penalty[i] = 20 + rng.Int64N(120)
		deg := rng.IntN(min(m, 4) + 1) // 0 gives an isolated demand
		if m == 0 {
			deg = 0
		}
		for range deg {
			in.Worker = append(in.Worker, int32(rng.IntN(m)))
			in.Cost = append(in.Cost, rng.Int64N(100))
			if rng.IntN(6) == 0 { // parallel arc to the same worker
				in.Worker = append(in.Worker, in.Worker[len(in.Worker)-1])
				in.Cost = append(in.Cost, rng.Int64N(100))
			}
		}
		in.Start[i+1] = int32(len(in.Worker))
	}
	return in
}
