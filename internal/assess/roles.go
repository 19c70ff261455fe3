package assess

import "jiuzhu/internal/auth"

// Who assesses. The professional assessor organisation does the assessment
// step of the approval; county reviewers and township officers may record an
// assessment too (a first assessment on a home visit, or a reassessment),
// except where the result says it belongs to the professional organisation.

// MayAssess reports whether a role may record an assessment.
func MayAssess(r auth.Role) bool {
	return r == auth.Assessor || r == auth.CountyReviewer || r == auth.TownshipOfficer
}

// MayRecord reports whether a role may record this result: a result that is
// delegated to a professional assessor organisation (high-age dependent and
// severely disabled people) only by an assessor.
func (r Result) MayRecord(role auth.Role) bool {
	if r.DelegateToProfessional {
		return role == auth.Assessor
	}
	return MayAssess(role)
}

// MayRevise reports whether a role may publish a new version of a template:
// the prefecture administrator, who owns the local assessment policy.
func MayRevise(r auth.Role) bool { return r == auth.PrefectureAdmin }
