package match

import (
	"slices"
	"strings"

	"jiuzhu/internal/match/mcf"
)

// Options tune a run.
type Options struct {
	WeekStart string // YYYY-MM-DD: certifications must be valid on this day
	K         int    // candidates kept per demand; 0 = DefaultK
}

// candidate is a feasible worker for a demand with its cost.
type candidate struct {
	w     int32
	parts CostParts
	cost  int64
}

// Problem is a matching instance: the demands, the workers, each demand's
// cheapest feasible workers and the min-cost-flow instance built from them.
type Problem struct {
	Demands  []Demand
	Workers  []Worker
	Instance *mcf.Instance
	opt      Options
	cands    [][]candidate // per demand, cheapest first, at most K
	feasible []int         // per demand, feasible workers before the cut to K
}

// Build makes the problem for demands and workers. Each demand keeps its K
// cheapest feasible workers, ties broken by worker id; a demand with none
// has only its penalty arc and is explained by Solve.
func Build(demands []Demand, workers []Worker, opt Options) *Problem {
	if opt.K <= 0 {
		opt.K = DefaultK
	}
	p := &Problem{Demands: demands, Workers: workers, opt: opt, cands: make([][]candidate, len(demands)), feasible: make([]int, len(demands))}
	byItem := map[string][]int32{}
	for j := range workers {
		for _, it := range workers[j].Items {
			byItem[it] = append(byItem[it], int32(j))
		}
	}
	in := &mcf.Instance{N: len(demands), M: len(workers), Capacity: make([]int32, len(workers)), Tiers: make([][]mcf.Tier, len(workers)),
		Penalty: make([]int64, len(demands)), Start: make([]int32, len(demands)+1)}
	for j := range workers {
		w := &workers[j]
		rem := clamp(w.Remaining, 0, max(w.Capacity, 0))
		in.Capacity[j] = int32(rem)
		in.Tiers[j] = Tiers(w.Capacity, w.Capacity-rem)
	}
	for i := range demands {
		d := &demands[i]
		var cs []candidate
		for _, j := range byItem[d.Item] {
			if ok, _ := Feasible(d, &workers[j], opt.WeekStart); !ok {
				continue
			}
			parts := Costs(d, &workers[j])
			cs = append(cs, candidate{w: j, parts: parts, cost: parts.Total()})
		}
		p.feasible[i] = len(cs)
		slices.SortFunc(cs, func(a, b candidate) int {
			if a.cost != b.cost {
				return cmpInt(a.cost, b.cost)
			}
			return strings.Compare(workers[a.w].ID, workers[b.w].ID)
		})
		if len(cs) > opt.K {
			cs = cs[:opt.K]
		}
		p.cands[i] = cs
		in.Penalty[i] = Penalty(d)
		for _, c := range cs {
			in.Worker = append(in.Worker, c.w)
			in.Cost = append(in.Cost, c.cost)
		}
		in.Start[i+1] = int32(len(in.Worker))
	}
	p.Instance = in
	return p
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
