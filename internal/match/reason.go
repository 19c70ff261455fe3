package match

// Reason explains an open demand: a code (a Check, or "full" or "cost"), a
// message key with arguments, and how many workers passed each check.
type Reason struct {
	Code   string         `json:"code"`
	Key    string         `json:"key"`
	Args   map[string]any `json:"args"`
	Counts map[Check]int  `json:"counts"` // workers passing every check up to this one
}

// Reason codes beyond the checks.
const (
	ReasonFull = "full" // every feasible worker is full
	ReasonCost = "cost" // serving it would cost more than leaving it open
)

// Explain tells why d has no worker among workers (with the given load on
// each, used[j] units taken this run; nil means none): the first hard
// constraint no worker passes, e.g. "no Kazakh-speaking therapist covers
// 大石头乡", or that all feasible workers are full.
func Explain(d *Demand, workers []Worker, used []int, weekStart string) *Reason {
	counts := map[Check]int{}
	free := 0
	for j := range workers {
		c := failedCheck(d, &workers[j], weekStart)
		for _, k := range Checks {
			if k == c {
				break
			}
			counts[k]++
		}
		if c == "" && (used == nil || used[j] < workers[j].Remaining) {
			free++
		}
	}
	r := &Reason{Counts: counts, Args: map[string]any{
		"Item": d.Item, "Place": d.PlaceName, "Language": d.Language, "Gender": string(d.CaregiverGender), "Cert": d.Cert,
	}}
	if len(d.WorkerKinds) > 0 {
		r.Args["Kind"] = d.WorkerKinds[0]
	}
	r.Code = ReasonCost
	for _, k := range Checks {
		if counts[k] == 0 {
			r.Code = string(k)
			break
		}
	}
	switch {
	case r.Code == string(CheckCapacity):
		r.Code = ReasonFull
		r.Args["Count"] = counts[CheckDeclined]
	case r.Code == ReasonCost && free == 0:
		r.Code = ReasonFull
		r.Args["Count"] = counts[CheckCapacity]
	}
	r.Key = "match.reason." + r.Code
	return r
}

func (p *Problem) openReason(i int, used []int) *Reason {
	return Explain(&p.Demands[i], p.Workers, used, p.opt.WeekStart)
}
