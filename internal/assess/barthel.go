package assess

// Barthel returns the activities-of-daily-living dimension (code "adl"): the
// ten items of the Barthel index with their standard scores, total 0–100,
// higher meaning more independent. Item codes are "adl.<item>"; option label
// keys are "assess.opt.adl.<item>.<option>".
func Barthel() Dimension {
	return Dimension{Code: "adl", LabelKey: "assess.dim.adl", Items: []Item{
		choice("adl.feeding", opt("independent", 10), opt("help", 5), opt("unable", 0)),
		choice("adl.bathing", opt("independent", 5), opt("dependent", 0)),
		choice("adl.grooming", opt("independent", 5), opt("needs_help", 0)),
		choice("adl.dressing", opt("independent", 10), opt("help", 5), opt("dependent", 0)),
		choice("adl.bowels", opt("continent", 10), opt("occasional", 5), opt("incontinent", 0)),
		choice("adl.bladder", opt("continent", 10), opt("occasional", 5), opt("incontinent", 0)),
		choice("adl.toilet", opt("independent", 10), opt("help", 5), opt("dependent", 0)),
		choice("adl.transfers", opt("independent", 15), opt("minor_help", 10), opt("major_help", 5), opt("unable", 0)),
		choice("adl.mobility", opt("independent", 15), opt("with_help", 10), opt("wheelchair", 5), opt("immobile", 0)),
		choice("adl.stairs", opt("independent", 10), opt("help", 5), opt("unable", 0)),
	}}
}

// Barthel bands of the total.
const (
	BarthelSevere      = "severe"      // ≤40: severe dependence
	BarthelModerate    = "moderate"    // 41–60: moderate dependence
	BarthelMild        = "mild"        // 61–99: mild dependence
	BarthelIndependent = "independent" // 100
)

// BarthelBand returns the dependence band of a Barthel total; its label key
// is "assess.barthel.<band>". The default template's ADL rules use the same
// cut-offs.
func BarthelBand(total int) string {
	switch {
	case total <= 40:
		return BarthelSevere
	case total <= 60:
		return BarthelModerate
	case total < 100:
		return BarthelMild
	}
	return BarthelIndependent
}
