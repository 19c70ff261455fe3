package match

import (
	"slices"
	"time"

	"jiuzhu/internal/match/mcf"
)

// Outcome is the engine's answer for one demand.
type Outcome struct {
	Demand int // index into Problem.Demands
	Worker int // index into Problem.Workers, −1 when left open
	Explanation
}

// Explanation says why a demand got its worker, or none.
type Explanation struct {
	Cost     int64     `json:"cost"`                // Parts.Total(), or the penalty when open
	Parts    CostParts `json:"parts"`               // of the chosen worker
	Feasible int       `json:"feasible"`            // workers meeting every hard constraint
	RunnerUp *RunnerUp `json:"runner_up,omitempty"` // the next-best feasible worker
	Reason   *Reason   `json:"reason,omitempty"`    // why the demand is open
	Broken   string    `json:"broken,omitempty"`    // the hard constraint a forced override breaks
}

// Why a runner-up lost.
const (
	LostCostlier = "costlier" // its own cost is higher
	LostFull     = "full"     // cheaper, but its capacity went to demands that gain more from it
	LostLoad     = "load"     // cheaper, but its next capacity tier costs more than the difference
)

// RunnerUp is the second-best feasible worker and why it lost.
type RunnerUp struct {
	WorkerID   string    `json:"worker_id"`
	WorkerName string    `json:"worker_name"`
	ProviderID string    `json:"provider_id"`
	Parts      CostParts `json:"parts"`
	Cost       int64     `json:"cost"`
	Why        string    `json:"why"`
}

// Result is a solved problem.
type Result struct {
	Outcomes         []Outcome // one per demand, in input order
	Cost             int64     // the optimum: assignment costs + load tiers + penalties
	Assigned         int
	Unassigned       int
	GreedyCost       int64 // the baseline's cost on the same instance
	GreedyUnassigned int
	Seconds          float64 // solver time
}

// Solve builds and solves the problem and explains every outcome.
func Solve(demands []Demand, workers []Worker, opt Options) (*Result, error) {
	return Build(demands, workers, opt).Solve()
}

// Solve finds the exact optimum of p and explains every outcome.
func (p *Problem) Solve() (*Result, error) {
	t0 := time.Now()
	sol, err := mcf.Solve(p.Instance)
	if err != nil {
		return nil, err
	}
	res := &Result{Cost: sol.Cost, Seconds: time.Since(t0).Seconds(), Outcomes: make([]Outcome, len(p.Demands))}
	g := mcf.Greedy(p.Instance)
	res.GreedyCost = g.Cost
	for _, a := range g.Assign {
		if a < 0 {
			res.GreedyUnassigned++
		}
	}
	load := p.loadParts(sol.Assign)
	used := make([]int, len(p.Workers))
	for _, a := range sol.Assign {
		if a >= 0 {
			used[a]++
		}
	}
	for i, a := range sol.Assign {
		o := Outcome{Demand: i, Worker: int(a)}
		o.Feasible = p.feasible[i]
		if a < 0 {
			res.Unassigned++
			o.Cost = p.Instance.Penalty[i]
			o.Reason = p.openReason(i, used)
		} else {
			res.Assigned++
			c := p.find(i, a)
			o.Parts = c.parts
			o.Parts.Load = load[i]
			o.Cost = o.Parts.Total()
			o.RunnerUp = p.runnerUp(i, c, used)
		}
		res.Outcomes[i] = o
	}
	return res, nil
}

// find returns demand i's candidate arc to worker w.
func (p *Problem) find(i int, w int32) candidate {
	for _, c := range p.cands[i] {
		if c.w == w {
			return c
		}
	}
	panic("match: solver chose a worker that is not a candidate")
}

// loadParts spreads each worker's tier costs over its demands, the
// cheapest-to-serve demand taking the free tier first, so the parts of all
// outcomes add up to the optimum.
func (p *Problem) loadParts(assign []int32) []int64 {
	out := make([]int64, len(assign))
	byWorker := map[int32][]int{}
	for i, a := range assign {
		if a >= 0 {
			byWorker[a] = append(byWorker[a], i)
		}
	}
	for j, ds := range byWorker {
		slices.SortFunc(ds, func(x, y int) int {
			if c := cmpInt(p.find(x, j).cost, p.find(y, j).cost); c != 0 {
				return c
			}
			return x - y
		})
		w := &p.Workers[j]
		taken := w.Capacity - int(p.Instance.Capacity[j])
		for k, i := range ds {
			out[i] = TierCost(w.Capacity, taken+k)
		}
	}
	return out
}

// runnerUp returns the best candidate of demand i other than the chosen one.
func (p *Problem) runnerUp(i int, chosen candidate, used []int) *RunnerUp {
	for _, c := range p.cands[i] {
		if c.w == chosen.w {
			continue
		}
		w := &p.Workers[c.w]
		r := &RunnerUp{WorkerID: w.ID, WorkerName: w.Name, ProviderID: w.ProviderID, Parts: c.parts, Cost: c.cost}
		switch {
		case c.cost >= chosen.cost:
			r.Why = LostCostlier
		case used[c.w] >= int(p.Instance.Capacity[c.w]):
			r.Why = LostFull
		default:
			r.Why = LostLoad
			r.Parts.Load = TierCost(w.Capacity, w.Capacity-int(p.Instance.Capacity[c.w])+used[c.w])
			r.Cost = r.Parts.Total()
		}
		return r
	}
	return nil
}
