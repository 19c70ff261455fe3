package person

import (
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
)

func oneOf(v string, list []string) bool {
	for _, s := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Normalize trims text fields and upper-cases the ID number's X.
func (p *Person) Normalize() {
	for _, s := range []*string{&p.Name, &p.NameArabic, &p.NameLatin, &p.Address, &p.Phone, &p.IDNumber, &p.HealthNotes} {
		*s = strings.TrimSpace(*s)
	}
	p.IDNumber = NormalizeID(p.IDNumber)
}

// Validate checks a person about to be written and derives birth date and sex
// from the ID number. All problems are reported at once, each with its own
// message key.
func (p *Person) Validate(today time.Time) error {
	p.Normalize()
	var fs errs.Fields
	switch n := utf8.RuneCountInString(p.Name); {
	case n == 0:
		fs.Add("name", "err.required", nil)
	case n > 64:
		fs.Add("name", "err.name.too_long", map[string]any{"Max": 64})
	}
	if utf8.RuneCountInString(p.NameArabic) > 128 {
		fs.Add("name_arabic", "err.name.too_long", map[string]any{"Max": 128})
	}
	if utf8.RuneCountInString(p.NameLatin) > 128 {
		fs.Add("name_latin", "err.name.too_long", map[string]any{"Max": 128})
	}
	if p.IDNumber == "" {
		fs.Add("id_number", "err.required", nil)
	} else if birth, sex, err := ParseID(p.IDNumber, today); err != nil {
		e := err.(*IDError)
		fs.Add("id_number", e.Key, e.Args)
	} else {
		p.BirthDate, p.Sex = birth.Format(time.DateOnly), sex
	}
	if lvl, err := place.LevelOf(p.PlaceCode); err != nil {
		fs.Add("place_code", "err.place.unknown", nil)
	} else if lvl != place.Village {
		fs.Add("place_code", "err.place.not_village", nil)
	}
	if !oneOf(p.Ethnicity, Ethnicities) {
		fs.Add("ethnicity", "err.ethnicity.unknown", nil)
	}
	if !oneOf(p.Language, Languages) {
		fs.Add("language", "err.language.unknown", nil)
	}
	if p.Relation != "" && !oneOf(p.Relation, Relations) {
		fs.Add("relation", "err.relation.unknown", nil)
	}
	seen := map[Category]bool{}
	for _, c := range p.Categories {
		if !c.Valid() {
			fs.Add("categories", "err.category.unknown", map[string]any{"Value": string(c)})
		}
		seen[c] = true
	}
	p.Categories = p.Categories[:0]
	for _, c := range Categories {
		if seen[c] {
			p.Categories = append(p.Categories, c)
		}
	}
	if p.DisabilityGrade < 0 || p.DisabilityGrade > 4 {
		fs.Add("disability_grade", "err.disability.range", nil)
	}
	if p.Phone != "" && !validPhone(p.Phone) {
		fs.Add("phone", "err.phone.format", nil)
	}
	if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
		fs.Add("lat", "err.coord.range", nil)
	}
	switch p.Preferences.CaregiverGender {
	case "", Male, Female:
	default:
		fs.Add("caregiver_gender", "err.invalid", nil)
	}
	return fs.Err()
}

// validPhone accepts an 11-digit mainland mobile number.
func validPhone(s string) bool {
	if len(s) != 11 || s[0] != '1' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Apply copies the set fields of u onto p.
func (u *Update) Apply(p *Person) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&p.PlaceCode, u.PlaceCode)
	set(&p.Name, u.Name)
	set(&p.NameArabic, u.NameArabic)
	set(&p.NameLatin, u.NameLatin)
	set(&p.Ethnicity, u.Ethnicity)
	set(&p.Language, u.Language)
	set(&p.HealthNotes, u.HealthNotes)
	set(&p.GuardianID, u.GuardianID)
	set(&p.Address, u.Address)
	set(&p.Phone, u.Phone)
	set(&p.HouseholdID, u.HouseholdID)
	set(&p.Relation, u.Relation)
	if u.Categories != nil {
		p.Categories = append([]Category(nil), (*u.Categories)...)
	}
	if u.DisabilityGrade != nil {
		p.DisabilityGrade = *u.DisabilityGrade
	}
	if u.Lat != nil {
		p.Lat = *u.Lat
	}
	if u.Lon != nil {
		p.Lon = *u.Lon
	}
	if u.Preferences != nil {
		p.Preferences = *u.Preferences
	}
}

// Validate checks a declared location.
func (l *Location) Validate() error {
	var fs errs.Fields
	if lvl, err := place.LevelOf(l.PlaceCode); err != nil || lvl != place.Village {
		fs.Add("place_code", "err.place.not_village", nil)
	}
	if !oneOf(l.Label, []string{"home", "winter", "summer", "other"}) {
		fs.Add("label", "err.location.label", nil)
	}
	from, err := time.Parse(time.DateOnly, l.ValidFrom)
	if err != nil {
		fs.Add("valid_from", "err.date.format", nil)
	}
	if l.ValidTo != "" {
		to, err2 := time.Parse(time.DateOnly, l.ValidTo)
		switch {
		case err2 != nil:
			fs.Add("valid_to", "err.date.format", nil)
		case err == nil && to.Before(from):
			fs.Add("valid_to", "err.date.order", nil)
		}
	}
	if l.Lat < -90 || l.Lat > 90 || l.Lon < -180 || l.Lon > 180 {
		fs.Add("lat", "err.coord.range", nil)
	}
	return fs.Err()
}
