package warn

import (
	"slices"
	"time"

	"jiuzhu/internal/person"
)

// PersonRef is what rules and emergencies need to know about a person on
// file, so this package needs no store.
type PersonRef struct {
	ID              string            `json:"id"`
	IDNumber        string            `json:"id_number,omitempty"` // fallback for the birth date
	PlaceCode       string            `json:"place_code"`          // 12-digit village
	BirthDate       string            `json:"birth_date"`          // YYYY-MM-DD
	Categories      []person.Category `json:"categories,omitempty"`
	DisabilityGrade int               `json:"disability_grade,omitempty"` // 0 none, 1 (most severe) … 4
	HouseholdSize   int               `json:"household_size,omitempty"`   // people in the household on file; 0 unknown, 1 lives alone
}

// Has reports whether the person belongs to category c.
func (p *PersonRef) Has(c person.Category) bool { return slices.Contains(p.Categories, c) }

// Age returns the person's age in whole years on day d; false when the birth
// date is unknown.
func (p *PersonRef) Age(d time.Time) (int, bool) {
	b, err := time.Parse(time.DateOnly, p.BirthDate)
	if err != nil {
		return ageFromID(p.IDNumber, d)
	}
	return ageOn(b, d), true
}

// ageFromID derives an age from a resident ID number, for people not on file.
func ageFromID(id string, d time.Time) (int, bool) {
	b, _, err := person.ParseID(id, d)
	if err != nil {
		return 0, false
	}
	return ageOn(b, d), true
}

func ageOn(birth, d time.Time) int {
	age := d.Year() - birth.Year()
	if d.Month() < birth.Month() || d.Month() == birth.Month() && d.Day() < birth.Day() {
		age--
	}
	return age
}

// matches reports whether a person belongs to the target group; age is
// taken on day d.
func (t *TargetGroup) matches(p *PersonRef, d time.Time) bool {
	if len(t.Categories) > 0 && !slices.ContainsFunc(t.Categories, p.Has) {
		return false
	}
	return t.ageMatches(p.Age(d))
}

// ageMatches reports whether an age is within the bounds; an unknown age
// matches only when there are no bounds.
func (t *TargetGroup) ageMatches(age int, known bool) bool {
	if t.MinAge == 0 && t.MaxAge == 0 {
		return true
	}
	return known && age >= t.MinAge && (t.MaxAge == 0 || age <= t.MaxAge)
}
