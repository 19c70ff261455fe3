package warn

import (
	"slices"
	"strings"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// EmergencyKind is the kind of a declared emergency.
type EmergencyKind string

// Emergency kinds.
const (
	SnowDisaster EmergencyKind = "snow_disaster" // 雪灾
	ColdWave     EmergencyKind = "cold_wave"     // 寒潮
	Flood        EmergencyKind = "flood"         // 洪水
	OtherHazard  EmergencyKind = "other"
)

// EmergencyKinds lists every kind in display order.
var EmergencyKinds = []EmergencyKind{SnowDisaster, ColdWave, Flood, OtherHazard}

// Emergency limits.
const (
	MaxEmergencyDays = 90             // a longer emergency is declared again
	EmergencyVisit   = 24 * time.Hour // check-visit deadline after the declaration
)

// Emergency is declared by a prefecture administrator for some townships:
// every vulnerable person there gets an urgent check-visit at once.
type Emergency struct {
	Kind       EmergencyKind `json:"kind"`
	Townships  []string      `json:"townships"` // 9-digit township codes
	DeclaredAt time.Time     `json:"declared_at"`
	Until      time.Time     `json:"until"`
}

// Validate checks a declaration, reporting every bad field.
func (e *Emergency) Validate() error {
	var fs errs.Fields
	if !slices.Contains(EmergencyKinds, e.Kind) {
		fs.Add("kind", "err.emergency.kind", nil)
	}
	if len(e.Townships) == 0 {
		fs.Add("townships", "err.emergency.townships", nil)
	}
	seen := map[string]bool{}
	for _, c := range e.Townships {
		if lvl, err := place.LevelOf(c); err != nil || lvl != place.Township || seen[c] {
			fs.Add("townships", "err.emergency.township", map[string]any{"Code": cut(c, maxEchoRunes)})
		}
		seen[c] = true
	}
	switch {
	case e.DeclaredAt.IsZero():
		fs.Add("declared_at", "err.required", nil)
	case !e.Until.After(e.DeclaredAt) || e.Until.Sub(e.DeclaredAt) > MaxEmergencyDays*24*time.Hour:
		fs.Add("until", "err.emergency.until", map[string]any{"MaxDays": MaxEmergencyDays})
	}
	return fs.Err()
}

// Active reports whether the emergency is in force at t.
func (e *Emergency) Active(t time.Time) bool {
	return !t.Before(e.DeclaredAt) && t.Before(e.Until)
}

// Vulnerable reports whether a person needs a check-visit in an emergency:
// extreme poverty, severe disability, elderly living alone, child in
// difficulty, aged 80 or more on the day of the declaration, disability grade
// 1–2, or living alone.
func (e *Emergency) Vulnerable(p PersonRef) bool {
	for _, c := range []person.Category{person.ExtremePoverty, person.SevereDisability, person.ElderlyAlone, person.ChildInDifficulty} {
		if p.Has(c) {
			return true
		}
	}
	if age, ok := p.Age(e.DeclaredAt); ok && age >= 80 {
		return true
	}
	return p.DisabilityGrade == 1 || p.DisabilityGrade == 2 || p.HouseholdSize == 1
}

// Affected returns the vulnerable people who live in the declared townships,
// in the order given.
func (e *Emergency) Affected(people []PersonRef) []PersonRef {
	var out []PersonRef
	for _, p := range people {
		if e.covers(p.PlaceCode) && e.Vulnerable(p) {
			out = append(out, p)
		}
	}
	return out
}

func (e *Emergency) covers(code string) bool {
	for _, t := range e.Townships {
		// Contains with an empty scope is the whole country; never here.
		if t != "" && place.Contains(t, code) {
			return true
		}
	}
	return false
}

// Hits returns one urgent check-visit hit per affected person, due
// EmergencyVisit after now. The fingerprint names the declaration (kind, time,
// townships) and the person, so dispatching twice adds nothing.
func (e *Emergency) Hits(people []PersonRef, now time.Time) []Hit {
	ts := slices.Clone(e.Townships)
	slices.Sort(ts)
	decl := string(e.Kind) + "|" + e.DeclaredAt.UTC().Format(time.RFC3339) + "|" + strings.Join(ts, ",")
	var hits []Hit
	for _, p := range e.Affected(people) {
		hits = append(hits, Hit{
			RuleCode:    "emergency_" + string(e.Kind),
			PersonID:    p.ID,
			Urgency:     Urgent,
			Since:       e.DeclaredAt,
			Due:         now.Add(EmergencyVisit),
			ReasonKey:   "warn.reason.emergency." + string(e.Kind),
			ReasonArgs:  map[string]any{"Until": e.Until.Format(time.DateOnly)},
			Fingerprint: digest("warn.emergency.v1", decl, p.ID),
		})
	}
	return hits
}
