package approval

import (
	"slices"
	"time"

	"jiuzhu/internal/auth"
)

// due returns the deadline of c's state entered at now: now plus the state's
// limit. On the urgent track a review step is due within Config.UrgentStep of
// its start and never later than Config.UrgentTotal after submission, so the
// whole case is decidable within 24 hours by default.
func due(c Case, now time.Time, cfg Config) time.Time {
	lim := cfg.limit(c.State)
	if lim <= 0 {
		return time.Time{}
	}
	if c.Urgent && urgentStep(c.State) {
		d := now.Add(cfg.UrgentStep)
		if end := c.Started.Add(cfg.UrgentTotal); end.Before(d) {
			d = end
		}
		return d
	}
	return now.Add(lim)
}

// urgentStep reports whether s is a review step the urgent track hurries.
// Returned and appealed run on their normal limits: the clock then waits on
// the applicant or on the appeal.
func urgentStep(s State) bool {
	switch s {
	case Submitted, TownshipReview, CountyReview, Assessment:
		return true
	}
	return false
}

// Overdue reports whether c's open step is past its deadline at now. Final
// and draft cases are never overdue.
func Overdue(c Case, now time.Time) bool {
	return !c.Due.IsZero() && now.After(c.Due)
}

// escalateTo is whom an overdue step is reported to: the level above its
// owner. An overdue appeal has no higher level in the platform.
var escalateTo = map[State]auth.Role{
	Submitted:        auth.CountyReviewer,
	TownshipReview:   auth.CountyReviewer,
	DemocraticReview: auth.TownshipOfficer,
	PublicNotice:     auth.PrefectureAdmin,
	CountyReview:     auth.PrefectureAdmin,
	Assessment:       auth.CountyReviewer,  // the county commissions the assessment
	Returned:         auth.TownshipOfficer, // follows up with the applicant
}

// Escalation returns the role to alert when c is overdue at now, and false
// when c is not overdue or its step has no higher level.
func Escalation(c Case, now time.Time) (to auth.Role, ok bool) {
	if !Overdue(c, now) {
		return "", false
	}
	to, ok = escalateTo[c.State]
	return to, ok
}

// Allowed returns the actions by could take on c at now, in the order of
// Actions, so a UI shows only buttons that work. An action is allowed exactly
// when Apply with a non-empty reason would accept it.
func Allowed(c Case, by Actor, now time.Time, cfg Config) []Action {
	var as []Action
	for _, a := range Actions {
		if !possible(c.State, a) || !slices.Contains(roles(c.State, a), by.Role) {
			continue // cheap checks first: Apply's refusals allocate errors
		}
		if _, _, err := Apply(c, a, by, "-", now, cfg); err == nil {
			as = append(as, a)
		}
	}
	return as
}
