package provider

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// Limits of the resource library.
const (
	MaxCapacity = 80 // units a week: more is a typing error
	MaxRating   = 500
	MaxStars    = 5
	maxName     = 80
)

// Validate checks an organisation before it is saved, reporting every bad
// field with its own message key. It normalises spaces.
func (o *Org) Validate() error {
	var fs errs.Fields
	o.Name, o.CreditCode, o.Contact, o.Phone = strings.TrimSpace(o.Name), strings.ToUpper(strings.TrimSpace(o.CreditCode)),
		strings.TrimSpace(o.Contact), strings.TrimSpace(o.Phone)
	checkName(&fs, "name", o.Name)
	if !o.Kind.Valid() {
		fs.Add("kind", "err.provider.kind", nil)
	}
	checkPlace(&fs, "place_code", o.PlaceCode)
	if o.CreditCode != "" && !validCreditCode(o.CreditCode) {
		fs.Add("credit_code", "err.provider.credit_code", nil)
	}
	if utf8.RuneCountInString(o.Contact) > maxName {
		fs.Add("contact", "err.text.too_long", map[string]any{"Max": maxName})
	}
	checkPhone(&fs, o.Phone)
	if o.Stars < 0 || o.Stars > MaxStars {
		fs.Add("stars", "err.range", map[string]any{"Min": 0, "Max": MaxStars})
	}
	return fs.Err()
}

// Validate checks a worker's own fields before it is saved; whether its
// items exist and its places are in reach is the store's to check. Lists
// are sorted and deduplicated.
func (w *Worker) Validate() error {
	var fs errs.Fields
	w.Name, w.Phone = strings.TrimSpace(w.Name), strings.TrimSpace(w.Phone)
	checkName(&fs, "name", w.Name)
	if w.ProviderID == "" {
		fs.Add("provider_id", "err.required", nil)
	}
	if !w.Kind.Valid() {
		fs.Add("kind", "err.provider.worker_kind", nil)
	}
	if w.Sex != string(person.Male) && w.Sex != string(person.Female) {
		fs.Add("sex", "err.provider.sex", nil)
	}
	w.Languages = sortedSet(w.Languages)
	if len(w.Languages) == 0 {
		fs.Add("languages", "err.provider.languages", nil)
	}
	for _, l := range w.Languages {
		if !slices.Contains(person.Languages, l) {
			fs.Add("languages", "err.language.unknown", nil)
			break
		}
	}
	if w.Capacity < 1 || w.Capacity > MaxCapacity {
		fs.Add("capacity", "err.range", map[string]any{"Min": 1, "Max": MaxCapacity})
	}
	checkPlace(&fs, "place_code", w.PlaceCode)
	if w.Lat < -90 || w.Lat > 90 || w.Lon < -180 || w.Lon > 180 {
		fs.Add("lat", "err.coord.range", nil)
	}
	if w.Rating < 0 || w.Rating > MaxRating {
		fs.Add("rating", "err.range", map[string]any{"Min": 0, "Max": MaxRating})
	}
	checkPhone(&fs, w.Phone)
	w.Items = sortedSet(w.Items)
	if len(w.Items) == 0 {
		fs.Add("items", "err.provider.items", nil)
	}
	w.Coverage = sortedSet(w.Coverage)
	if len(w.Coverage) == 0 {
		fs.Add("coverage", "err.provider.coverage", nil)
	}
	for _, c := range w.Coverage {
		if lvl, err := place.LevelOf(c); err != nil || lvl < place.County {
			fs.Add("coverage", "err.provider.coverage_code", map[string]any{"Code": c})
		}
	}
	seen := map[CertKind]bool{}
	for _, c := range w.Certs {
		switch {
		case !c.Cert.Valid():
			fs.Add("certs", "err.provider.cert_kind", nil)
		case seen[c.Cert]:
			fs.Add("certs", "err.provider.cert_twice", nil)
		case !validDate(c.Expires):
			fs.Add("certs", "err.date.format", nil)
		case utf8.RuneCountInString(c.Number) > 40:
			fs.Add("certs", "err.text.too_long", map[string]any{"Max": 40})
		}
		seen[c.Cert] = true
	}
	slices.SortFunc(w.Certs, func(a, b Cert) int { return strings.Compare(string(a.Cert), string(b.Cert)) })
	return fs.Err()
}

func checkName(fs *errs.Fields, field, s string) {
	if n := utf8.RuneCountInString(s); n == 0 {
		fs.Add(field, "err.required", nil)
	} else if n > maxName {
		fs.Add(field, "err.text.too_long", map[string]any{"Max": maxName})
	}
}

func checkPlace(fs *errs.Fields, field, code string) {
	if code == "" {
		fs.Add(field, "err.required", nil)
	} else if _, err := place.LevelOf(code); err != nil {
		fs.Add(field, "err.place.unknown", nil)
	}
}

// checkPhone accepts a mobile number or a landline with its area code
// (0994-2345678); both are digits and at most one hyphen.
func checkPhone(fs *errs.Fields, s string) {
	if s == "" {
		return
	}
	digits := strings.Replace(s, "-", "", 1)
	ok := len(digits) >= 7 && len(digits) <= 12
	for _, r := range digits {
		ok = ok && r >= '0' && r <= '9'
	}
	if !ok {
		fs.Add("phone", "err.provider.phone", nil)
	}
}

// validCreditCode checks the form of a unified social credit code: 18
// characters of digits and capital letters (GB 32100-2015, without I, O, Z,
// S, V); the check character is not verified.
func validCreditCode(s string) bool {
	if len(s) != 18 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' && !strings.ContainsRune("IOZSV", r)) {
			return false
		}
	}
	return true
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// sortedSet returns xs trimmed, sorted, without blanks and repeats.
func sortedSet(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
