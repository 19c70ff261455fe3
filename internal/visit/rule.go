package visit

import "time"

// Severity is what a rule's firing does to a visit: a flag sends it to the
// exception queue, a reject ends it rejected.
type Severity string

// Severities.
const (
	SevFlag   Severity = "flag"
	SevReject Severity = "reject"
)

// Rule codes.
const (
	RuleGeofence        = "geofence"         // check-in or check-out outside the fence
	RuleShort           = "short_visit"      // much shorter than planned
	RuleOverlap         = "overlap"          // one worker in two visits at once
	RuleSpeed           = "impossible_speed" // travel between two visits faster than possible
	RulePhotoReuse      = "photo_reuse"      // the same or a near-identical photo on another visit
	RuleNoConfirm       = "no_confirmation"  // the person did not confirm
	RuleSameCoordinates = "same_coordinates" // identical coordinates across many visits to different homes
	RuleClockSkew       = "clock_skew"       // device time far from server time
	RuleOver24h         = "over_24h"         // more than 24 h of visits by one worker in a day
	RuleInHospital      = "in_hospital"      // the person was in hospital that day (department feed)
	RuleAfterDeath      = "after_death"      // a death was reported before the visit (department feed)
)

// Rule is one verification rule, stored as data: severity, parameters and a
// message in each language. Messages may name parameters and facts in
// braces, e.g. "{distance_m} m from the home (limit {radius_m} m)".
type Rule struct {
	Code     string             `json:"code"`
	Severity Severity           `json:"severity"`
	Enabled  bool               `json:"enabled"`
	Params   map[string]float64 `json:"params"`
	Messages map[string]string  `json:"messages"` // language tag → text
}

// Flag is one rule that fired on a visit, with the facts that made it fire.
type Flag struct {
	Rule     string            `json:"rule"`
	Severity Severity          `json:"severity"`
	Facts    map[string]string `json:"facts"`
}

// Radii are geofence radii in metres by village kind.
type Radii struct {
	Urban    float64 `json:"urban"`
	Rural    float64 `json:"rural"`
	Pastoral float64 `json:"pastoral"`
}

// DefaultRadii are the defaults: urban 200 m, rural 500 m, pastoral 2 km.
var DefaultRadii = Radii{Urban: 200, Rural: 500, Pastoral: 2000}

// For returns the radius for a village kind ("urban", "rural", "pastoral");
// an unknown kind gets the rural radius.
func (r Radii) For(kind string) float64 {
	switch kind {
	case "urban":
		return r.Urban
	case "pastoral":
		return r.Pastoral
	}
	return r.Rural
}

// Other is another visit by the same worker, near in time, for the overlap,
// speed and daily-hours rules.
type Other struct {
	OrderID string    `json:"order_id"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Pos     *Position `json:"pos,omitempty"`
}

// PhotoMatch is another visit holding the same photo (Exact) or a
// near-duplicate by perceptual hash (Distance bits apart).
type PhotoMatch struct {
	SHA      string `json:"sha"`
	OrderID  string `json:"order_id"`
	Exact    bool   `json:"exact"`
	Distance int    `json:"distance"`
}

// Span is a period from a department feed, e.g. a hospital stay; To zero
// means still ongoing.
type Span struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Input is what the rules need beyond the visit itself; the store loads it.
type Input struct {
	PlannedMinutes int      // the order's minutes
	Home           Position // where the person is that day: home or the seasonal location in force
	RadiusM        float64  // the fence radius for that place's kind
	Others         []Other  // the worker's other visits on the same day and the days either side
	PhotoMatches   []PhotoMatch
	SameCoordCount int       // other visits, to other people, checked in at these exact coordinates
	Hospital       []Span    // the person's hospital stays
	DiedOn         time.Time // zero when no death is reported
	Day            time.Time // the order's scheduled day; zero skips clock_skew's check for a clock behind
}
