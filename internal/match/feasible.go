package match

// Check names one hard constraint. The checks run in this order, so the
// first failing one is the reason a worker cannot serve a demand, and the
// counts of workers passing each check explain an open demand.
type Check string

// Hard constraints, in the order they are tested.
const (
	CheckActive   Check = "inactive" // worker or provider not active
	CheckItem     Check = "item"     // does not offer the item
	CheckArea     Check = "area"     // does not cover the village
	CheckLanguage Check = "language" // does not speak the required language
	CheckGender   Check = "gender"   // not the requested caregiver gender
	CheckCert     Check = "cert"     // lacks a valid certification
	CheckHalal    Check = "halal"    // provider not halal for a food item
	CheckDeclined Check = "declined" // declined this demand before
	CheckCapacity Check = "capacity" // no capacity left
)

// Checks lists the hard constraints in test order.
var Checks = []Check{CheckActive, CheckItem, CheckArea, CheckLanguage, CheckGender, CheckCert, CheckHalal, CheckDeclined, CheckCapacity}

// Feasible reports whether w may serve d in the week starting weekStart
// (YYYY-MM-DD), and if not the first constraint it breaks.
func Feasible(d *Demand, w *Worker, weekStart string) (bool, Check) {
	if c := failedCheck(d, w, weekStart); c != "" {
		return false, c
	}
	return true, ""
}

func failedCheck(d *Demand, w *Worker, weekStart string) Check {
	switch {
	case !w.Active:
		return CheckActive
	case !w.offers(d.Item):
		return CheckItem
	case !w.covers(d.Village):
		return CheckArea
	case d.LanguageRequired && d.Language != "" && !contains(w.Languages, d.Language):
		return CheckLanguage
	case d.CaregiverGender != "" && w.Sex != d.CaregiverGender:
		return CheckGender
	case d.Cert != "" && w.Certs[d.Cert] < weekStart:
		return CheckCert
	case d.Food && d.Halal && !w.ProviderHalal:
		return CheckHalal
	case contains(d.Declined, w.ID):
		return CheckDeclined
	case w.Remaining <= 0:
		return CheckCapacity
	}
	return ""
}
