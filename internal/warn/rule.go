package warn

import (
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// Urgency of the ledger entry a hit creates.
type Urgency string

// Urgencies.
const (
	Normal Urgency = "normal"
	Urgent Urgency = "urgent"
)

// TargetGroup narrows a rule to some people. The zero value is anyone.
// Ages are whole years on the day of the latest record that meets the rule.
type TargetGroup struct {
	Categories []person.Category `json:"categories,omitempty"` // any of these; none = anyone
	MinAge     int               `json:"min_age,omitempty"`    // inclusive; 0 = no lower bound
	MaxAge     int               `json:"max_age,omitempty"`    // inclusive; 0 = no upper bound
}

// Rule turns feed records into hits. Rules are data that a prefecture
// administrator edits; DefaultRules seeds a new installation.
//
// Threshold depends on the feed:
//
//	medical_expense   amount_fen summed per person over the window reaches Threshold (fen)
//	disability_grade  grade ≤ Threshold (2 means grades 1 and 2)
//	school_dropout    unused, 0: every record counts
//	elderly_alone     household_size ≤ Threshold (1 means alone)
//	utility_arrears   months ≥ Threshold
//
// The fact feeds (FeedKind.Facts) take no rule.
//
// Only records dated within the last WindowDays days count. A condition that
// persists raises one hit per window, not one per record.
type Rule struct {
	Code            string          `json:"code"` // a-z, 0-9, _; stable, it goes into hit fingerprints
	Feed            FeedKind        `json:"feed"`
	Threshold       int64           `json:"threshold"`
	WindowDays      int             `json:"window_days"`
	Target          TargetGroup     `json:"target"`
	Category        person.Category `json:"category,omitempty"` // the category the visit should check the person for
	Urgency         Urgency         `json:"urgency"`
	VisitWithinDays int             `json:"visit_within_days"`
	Enabled         bool            `json:"enabled"`
}

// Rule limits.
const (
	MaxWindowDays = 3660
	MaxVisitDays  = 90
	maxAge        = 150
)

// ThresholdRange returns the thresholds a rule on feed k may have.
func ThresholdRange(k FeedKind) (lo, hi int64) {
	switch k {
	case MedicalExpense:
		return 1, maxAmountFen
	case DisabilityGrade:
		return 1, 4
	case ElderlyAlone:
		return 1, maxHousehold
	case UtilityArrears:
		return 1, maxMonths
	}
	return 0, 0
}

// DefaultRules returns the rules of the pilot (SPEC §2), all enabled.
func DefaultRules() []Rule {
	return []Rule{
		{Code: "medical_large", Feed: MedicalExpense, Threshold: 5_000_000, WindowDays: 365, // 50,000 yuan a year
			Category: person.LowIncome, Urgency: Normal, VisitWithinDays: 15, Enabled: true},
		{Code: "disability_severe", Feed: DisabilityGrade, Threshold: 2, WindowDays: 180,
			Category: person.SevereDisability, Urgency: Normal, VisitWithinDays: 15, Enabled: true},
		{Code: "school_dropout", Feed: SchoolDropout, WindowDays: 180, Target: TargetGroup{MinAge: 6, MaxAge: 16},
			Category: person.ChildInDifficulty, Urgency: Urgent, VisitWithinDays: 7, Enabled: true},
		{Code: "elderly_alone", Feed: ElderlyAlone, Threshold: 1, WindowDays: 365, Target: TargetGroup{MinAge: 80},
			Category: person.ElderlyAlone, Urgency: Urgent, VisitWithinDays: 7, Enabled: true},
		{Code: "utility_arrears", Feed: UtilityArrears, Threshold: 3, WindowDays: 90,
			Category: person.LowIncome, Urgency: Normal, VisitWithinDays: 15, Enabled: true},
	}
}

// Validate checks a rule before it is saved, reporting every bad field.
func (r *Rule) Validate() error {
	var fs errs.Fields
	if !validCode(r.Code) {
		fs.Add("code", "err.rule.code", map[string]any{"Max": 40})
	}
	switch lo, hi := ThresholdRange(r.Feed); {
	case !r.Feed.Valid():
		fs.Add("feed", "err.rule.feed", nil)
	case r.Feed.Facts():
		fs.Add("feed", "err.rule.feed_facts", nil)
	case r.Threshold < lo || r.Threshold > hi:
		fs.Add("threshold", "err.rule.threshold", map[string]any{"Min": lo, "Max": hi})
	}
	if r.WindowDays < 1 || r.WindowDays > MaxWindowDays {
		fs.Add("window_days", "err.rule.window", map[string]any{"Min": 1, "Max": MaxWindowDays})
	}
	for _, c := range r.Target.Categories {
		if !c.Valid() {
			fs.Add("target.categories", "err.category.unknown", map[string]any{"Value": string(c)})
		}
	}
	t := r.Target
	if t.MinAge < 0 || t.MaxAge < 0 || t.MinAge > maxAge || t.MaxAge > maxAge || (t.MaxAge != 0 && t.MinAge > t.MaxAge) {
		fs.Add("target.max_age", "err.rule.age_range", map[string]any{"Max": maxAge})
	}
	if r.Category != "" && !r.Category.Valid() {
		fs.Add("category", "err.category.unknown", map[string]any{"Value": string(r.Category)})
	}
	if r.Urgency != Normal && r.Urgency != Urgent {
		fs.Add("urgency", "err.rule.urgency", nil)
	}
	if r.VisitWithinDays < 1 || r.VisitWithinDays > MaxVisitDays {
		fs.Add("visit_within_days", "err.rule.visit_within", map[string]any{"Min": 1, "Max": MaxVisitDays})
	}
	return fs.Err()
}

func validCode(s string) bool {
	if len(s) < 2 || len(s) > 40 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// meets reports whether one record meets a rule on a per-record feed.
// Medical expenses are summed instead, see Evaluate.
func (r *Rule) meets(rec *Record) bool {
	switch r.Feed {
	case DisabilityGrade:
		return rec.Grade >= 1 && int64(rec.Grade) <= r.Threshold
	case SchoolDropout:
		return true
	case ElderlyAlone:
		return rec.HouseholdSize >= 1 && int64(rec.HouseholdSize) <= r.Threshold
	case UtilityArrears:
		return int64(rec.Months) >= r.Threshold
	}
	return false
}
