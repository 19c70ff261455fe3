package mcf

// BruteForce tries every assignment and returns the cheapest (the first found among equals).
// It is exponential and meant for tests on instances of a handful of demands.
func BruteForce(in *Instance) *Solution {
	// Each demand's options: unassigned, or each distinct worker at its cheapest parallel arc.
	type option struct {
		w    int32
		cost int64
	}
	opts := make([][]option, in.N)
	for i := 0; i < in.N; i++ {
		opts[i] = []option{{-1, in.Penalty[i]}}
	next:
		for a := in.Start[i]; a < in.Start[i+1]; a++ {
			for k := range opts[i] {
				if opts[i][k].w == in.Worker[a] {
					opts[i][k].cost = min(opts[i][k].cost, in.Cost[a])
					continue next
				}
			}
			opts[i] = append(opts[i], option{in.Worker[a], in.Cost[a]})
		}
	}
	load := make([]int32, in.M)
	cur := make([]int32, in.N)
	best := &Solution{Cost: -1}
	var rec func(i int, cost int64)
	rec = func(i int, cost int64) {
		if i == in.N {
			total := cost
			for j, l := range load {
				total += in.tierCost(j, l)
			}
			if best.Cost < 0 || total < best.Cost {
				best.Cost = total
				best.Assign = append(best.Assign[:0], cur...)
			}
			return
		}
		for _, o := range opts[i] {
			if o.w >= 0 {
				if load[o.w] >= in.Capacity[o.w] {
					continue
				}
				load[o.w]++
			}
			cur[i] = o.w
			rec(i+1, cost+o.cost)
			if o.w >= 0 {
				load[o.w]--
			}
		}
	}
	rec(0, 0)
	if best.Assign == nil {
		best.Assign = []int32{}
	}
	return best
}
