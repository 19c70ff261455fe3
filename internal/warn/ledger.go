package warn

import "jiuzhu/internal/need"

// NeedCategory is the kind of ledger entry a warning from feed k opens: what
// the visiting worker should look at first. A large medical bill asks about
// treatment and rehabilitation, a new severe disability about daily care, a
// child out of school about the child; an old person left alone and unpaid
// bills ask for a check-visit, as every emergency does. An unknown feed
// (an emergency) is a check-visit.
func (k FeedKind) NeedCategory() need.Category {
	switch k {
	case MedicalExpense:
		return need.Medical
	case DisabilityGrade:
		return need.Care
	case SchoolDropout:
		return need.Child
	}
	return need.CheckVisit
}

// NeedUrgency is the ledger urgency of a hit's urgency.
func (u Urgency) NeedUrgency() need.Urgency {
	if u == Urgent {
		return need.Urgent
	}
	return need.Normal
}
