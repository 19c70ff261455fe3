package survey

import (
	"slices"
	"time"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// PersonRef is what choosing a round's people needs to know of a person.
type PersonRef struct {
	ID         string
	PlaceCode  string // home village
	Categories []person.Category
}

// Targets returns the people a round visits: those living in its area who
// belong to at least one of its target categories, each once, in the order
// given.
func Targets(r *Round, people []PersonRef) []PersonRef {
	var out []PersonRef
	seen := map[string]bool{}
	for _, p := range people {
		if seen[p.ID] || !place.Contains(r.PlaceCode, p.PlaceCode) {
			continue
		}
		if slices.ContainsFunc(p.Categories, func(c person.Category) bool { return slices.Contains(r.TargetCategories, c) }) {
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out
}

// Assignee picks who is to visit a village: its village worker when the
// village has exactly one active worker, else nobody (""), and the township
// shares the work out by hand.
func Assignee(workers []string) string {
	if len(workers) == 1 {
		return workers[0]
	}
	return ""
}

// Plan makes the open visit tasks of a round starting at now: one per
// person targeted, due DueDays later, assigned by Assignee from workers
// (village code → the user ids of its active village workers). Ids are left
// for the store to give.
func Plan(r *Round, people []PersonRef, workers map[string][]string, now time.Time) []Task {
	targets := Targets(r, people)
	due := now.AddDate(0, 0, r.DueDays)
	out := make([]Task, 0, len(targets))
	for _, p := range targets {
		out = append(out, Task{RoundID: r.ID, PersonID: p.ID, PlaceCode: p.PlaceCode,
			AssignedTo: Assignee(workers[p.PlaceCode]), Due: due, Status: Open, CreatedAt: now})
	}
	return out
}
