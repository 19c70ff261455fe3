package match

import "strings"

// Incremental picks the best worker for one new demand among workers whose
// Remaining capacity is what confirmed assignments leave, without moving
// anyone else: the cheapest feasible worker counting the capacity tier its
// next unit falls in, ties broken by worker id. Worker is −1 with a Reason
// when no worker fits.
func Incremental(d *Demand, workers []Worker, opt Options) Outcome {
	best, second := -1, -1
	var bestParts, secondParts CostParts
	feasible := 0
	for j := range workers {
		w := &workers[j]
		if ok, _ := Feasible(d, w, opt.WeekStart); !ok {
			continue
		}
		feasible++
		parts := Costs(d, w)
		parts.Load = TierCost(w.Capacity, w.Capacity-w.Remaining)
		switch {
		case best < 0 || better(parts, w, bestParts, &workers[best]):
			second, secondParts = best, bestParts
			best, bestParts = j, parts
		case second < 0 || better(parts, w, secondParts, &workers[second]):
			second, secondParts = j, parts
		}
	}
	o := Outcome{Demand: 0, Worker: best}
	o.Feasible = feasible
	if best < 0 {
		o.Reason = Explain(d, workers, nil, opt.WeekStart)
		o.Cost = Penalty(d)
		return o
	}
	o.Parts, o.Cost = bestParts, bestParts.Total()
	if second >= 0 {
		w := &workers[second]
		o.RunnerUp = &RunnerUp{WorkerID: w.ID, WorkerName: w.Name, ProviderID: w.ProviderID, Parts: secondParts, Cost: secondParts.Total(), Why: LostCostlier}
	}
	return o
}

func better(a CostParts, wa *Worker, b CostParts, wb *Worker) bool {
	if a.Total() != b.Total() {
		return a.Total() < b.Total()
	}
	return strings.Compare(wa.ID, wb.ID) < 0
}
