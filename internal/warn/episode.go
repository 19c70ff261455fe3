package warn

import "time"

// episodeInfo is the latest stretch during which a rule was met for one person.
type episodeInfo struct {
	start     time.Time // first day the rule was met in the episode
	last      *Record   // latest record that met the rule
	windowSum int64     // medical_expense: fen in the window ending today
}

// episode finds the latest episode of rule r in one person's records, sorted
// by date. It reports false when there is none or it started more than
// WindowDays days before today.
//
// A record counts on day D when it is dated within the WindowDays days
// ending on D. Medical amounts are summed over that window; the sum only
// grows within one day, so whether a day meets the rule does not depend on
// the order of same-day records.
func episode(r *Rule, recs []Record, today time.Time) (episodeInfo, bool) {
	var met []int
	if r.Feed == MedicalExpense {
		var sum int64
		j := 0
		for i := range recs {
			sum += recs[i].AmountFen
			from := recs[i].Date.AddDate(0, 0, -r.WindowDays)
			for !recs[j].Date.After(from) {
				sum -= recs[j].AmountFen
				j++
			}
			if sum >= r.Threshold {
				met = append(met, i)
			}
		}
	} else {
		for i := range recs {
			if r.meets(&recs[i]) {
				met = append(met, i)
			}
		}
	}
	var ep episodeInfo
	for _, i := range met {
		if d := recs[i].Date; ep.last == nil || !d.Before(ep.start.AddDate(0, 0, r.WindowDays)) {
			ep.start = d
		}
		ep.last = &recs[i]
	}
	from := today.AddDate(0, 0, -r.WindowDays)
	if ep.last == nil || !ep.start.After(from) {
		return ep, false
	}
	if r.Feed == MedicalExpense {
		for i := range recs {
			if recs[i].Date.After(from) {
				ep.windowSum += recs[i].AmountFen
			}
		}
	}
	return ep, true
}

// reasonArgs fills the placeholders of the hit's reason message.
func reasonArgs(r *Rule, ref *PersonRef, ep episodeInfo) map[string]any {
	args := map[string]any{
		"Date":  ep.last.Date.Format(time.DateOnly),
		"Since": ep.start.Format(time.DateOnly),
	}
	switch r.Feed {
	case MedicalExpense:
		args["Yuan"], args["Days"] = formatYuan(ep.windowSum), r.WindowDays
	case DisabilityGrade:
		args["Grade"] = ep.last.Grade
	case SchoolDropout:
		args["Age"], _ = ref.Age(ep.last.Date)
	case ElderlyAlone:
		args["Age"], _ = ref.Age(ep.last.Date)
		args["HouseholdSize"] = ep.last.HouseholdSize
	case UtilityArrears:
		args["Months"], args["Yuan"] = ep.last.Months, formatYuan(ep.last.AmountFen)
	}
	return args
}
