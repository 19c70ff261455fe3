package approval

import "time"

// Timed lists the steps whose time to decision the turnaround figures
// measure (SPEC §9, approval times and on-time rate), in workflow order: the
// steps an office decides. Returned is left out: while a case is returned
// the clock runs for the applicant, not for an office.
var Timed = []State{Submitted, TownshipReview, DemocraticReview, PublicNotice, CountyReview, Assessment, Appealed}

// Stay is the time a case spent in one step, from the transition that moved
// it in to the one that moved it on, with the deadline the step had.
type Stay struct {
	State   State // the step; "" for the whole case, from submission to decision
	Entered time.Time
	Left    time.Time
	Due     time.Time
}

// Duration is the time the step took.
func (s Stay) Duration() time.Duration { return s.Left.Sub(s.Entered) }

// InTime reports whether the step was decided by its deadline.
func (s Stay) InTime() bool { return !s.Left.After(s.Due) }

// Stays returns the steps of history (oldest first) that the case entered and
// left, in order, each with the deadline Apply gave it under cfg. Objections
// and their answers do not move a case, so they neither end nor start a stay.
// Steps still open are not included: they have no decision yet.
func Stays(history []Step, urgent bool, cfg Config) []Stay {
	var out []Stay
	var open *Stay
	started := time.Time{}
	for _, st := range history {
		if st.From == st.To {
			continue
		}
		if open != nil && open.State == st.From {
			open.Left = st.At
			out = append(out, *open)
		}
		switch st.Action {
		case Submit, Resubmit, GrantAppeal:
			started = st.At
		}
		c := Case{State: st.To, Urgent: urgent, Started: started}
		open = &Stay{State: st.To, Entered: st.At, Due: due(c, st.At, cfg)}
	}
	return out
}

// Overall returns the whole case as one stay, from its first submission to
// its decision (approved or rejected), due within TotalLimit; false while
// the case is undecided, withdrawn, or under appeal.
func Overall(history []Step, urgent bool, cfg Config) (Stay, bool) {
	if len(history) == 0 {
		return Stay{}, false
	}
	last := history[len(history)-1]
	if last.To != Approved && last.To != Rejected {
		return Stay{}, false
	}
	for _, st := range history {
		if st.Action == Submit {
			return Stay{Entered: st.At, Left: last.At, Due: st.At.Add(cfg.TotalLimit(urgent))}, true
		}
	}
	return Stay{}, false
}

// TotalLimit is the time from submission to decision the rules allow: on the
// urgent track Config.UrgentTotal; otherwise the sum of the limits of the
// steps on the main line that cfg enables.
func (cfg Config) TotalLimit(urgent bool) time.Duration {
	if urgent {
		return cfg.UrgentTotal
	}
	var d time.Duration
	for _, s := range line {
		if s == DemocraticReview && !cfg.DemocraticReview || s == PublicNotice && !cfg.PublicNotice {
			continue
		}
		d += cfg.limit(s)
	}
	return d
}
