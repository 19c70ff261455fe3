package approval

import (
	"slices"

	"jiuzhu/internal/auth"
)

// Transition is one row of the transition table: in state From, action Action
// may move a case to To. Pass from township_review and democratic_review has
// several rows; Config and the urgent flag pick one (see next).
type Transition struct {
	From   State
	Action Action
	To     State
}

// table is the whole workflow. Apply refuses anything not listed here.
var table = []Transition{
	{Draft, Submit, Submitted},

	{Submitted, Accept, TownshipReview},
	{Submitted, Return, Returned},
	{Submitted, Withdraw, Withdrawn},

	{TownshipReview, Pass, DemocraticReview}, // democratic review enabled
	{TownshipReview, Pass, PublicNotice},     // only public notice enabled
	{TownshipReview, Pass, CountyReview},     // neither, or urgent
	{TownshipReview, Return, Returned},
	{TownshipReview, Reject, Rejected},
	{TownshipReview, Withdraw, Withdrawn},

	{DemocraticReview, Pass, PublicNotice}, // public notice enabled
	{DemocraticReview, Pass, CountyReview}, // otherwise
	{DemocraticReview, Return, Returned},
	{DemocraticReview, Withdraw, Withdrawn},

	{PublicNotice, Object, PublicNotice},
	{PublicNotice, AnswerObjection, PublicNotice},
	{PublicNotice, CloseNotice, CountyReview},
	{PublicNotice, Withdraw, Withdrawn},

	{CountyReview, Pass, Assessment},
	{CountyReview, Return, Returned},
	{CountyReview, Reject, Rejected},
	{CountyReview, Withdraw, Withdrawn},

	{Assessment, Pass, Approved},
	{Assessment, Return, Returned},
	{Assessment, Reject, Rejected},
	{Assessment, Withdraw, Withdrawn},

	{Returned, Resubmit, Submitted},
	{Returned, Withdraw, Withdrawn},

	{Rejected, Appeal, Appealed},

	{Appealed, GrantAppeal, CountyReview},
	{Appealed, DismissAppeal, Rejected},
}

// Transitions returns a copy of the transition table.
func Transitions() []Transition { return slices.Clone(table) }

// line is the order of steps that Pass walks along.
var line = []State{Submitted, TownshipReview, DemocraticReview, PublicNotice, CountyReview, Assessment, Approved}

// next returns the step after s on the main line, skipping the optional
// steps that cfg does not enable and that the urgent track always skips.
func next(s State, urgent bool, cfg Config) State {
	for _, n := range line[slices.Index(line, s)+1:] {
		if n == DemocraticReview && (urgent || !cfg.DemocraticReview) ||
			n == PublicNotice && (urgent || !cfg.PublicNotice) {
			continue
		}
		return n
	}
	return ""
}

var (
	// applicants may act for the applicant: the resident themself, or the
	// village or township staff who file on their behalf (SPEC §10).
	applicants = []auth.Role{auth.Resident, auth.VillageWorker, auth.TownshipOfficer}
	// objectors may record an objection during the public notice: any
	// resident through the app, or staff writing down one made in person.
	objectors = []auth.Role{auth.Resident, auth.VillageWorker, auth.TownshipOfficer, auth.CountyReviewer}
)

// RolesFor returns the roles that may take action a in state s. A resident
// acting for the applicant must also be the applicant (see Apply).
// It returns nil when a is not possible in s.
func RolesFor(s State, a Action) []auth.Role {
	if !possible(s, a) {
		return nil
	}
	return slices.Clone(roles(s, a))
}

// possible reports whether the table has a row for a from s.
func possible(s State, a Action) bool {
	return slices.ContainsFunc(from[s], func(t Transition) bool { return t.Action == a })
}

// from indexes the table by state.
var from = func() map[State][]Transition {
	m := map[State][]Transition{}
	for _, t := range table {
		m[t.From] = append(m[t.From], t)
	}
	return m
}()

// roles is RolesFor without the copy; callers must not modify the result.
func roles(s State, a Action) []auth.Role {
	switch a {
	case Submit, Resubmit, Withdraw, Appeal:
		return applicants
	case Object:
		return objectors
	}
	if o, ok := owners[s]; ok {
		return o
	}
	return nil
}

// owners holds Owner(s) as a one-element list for every state that has one.
var owners = func() map[State][]auth.Role {
	m := map[State][]auth.Role{}
	for _, s := range States {
		if o := Owner(s); o != "" {
			m[s] = []auth.Role{o}
		}
	}
	return m
}()

// NeedsReason reports whether a requires a written reason: returns,
// rejections, objections and their answers, appeals and appeal decisions.
func NeedsReason(a Action) bool {
	switch a {
	case Return, Reject, Object, AnswerObjection, Appeal, GrantAppeal, DismissAppeal:
		return true
	}
	return false
}

// decision reports whether a is an official's decision on a step, of which
// the applicant is told at once (SPEC §4).
func decision(a Action) bool {
	switch a {
	case Accept, Pass, Return, Reject, CloseNotice, GrantAppeal, DismissAppeal:
		return true
	}
	return false
}
