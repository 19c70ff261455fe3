package catalog

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/provider"
)

// Limits of an item's fields.
const (
	MaxPriceFen   = 10_000_00 // 10,000 yuan for one unit is surely a typing error
	MaxMinutes    = 24 * 60
	MaxTimes      = 21 // three a day
	MaxEveryWeeks = 52
	maxName       = 60
	maxText       = 2000
)

// Validate checks an item before it is saved, reporting every bad field
// with its own message key.
func (it *Item) Validate() error {
	var fs errs.Fields
	if !ValidCode(it.Code) {
		fs.Add("code", "err.catalog.code", nil)
	}
	if !it.Project.Valid() {
		fs.Add("project", "err.catalog.project", nil)
	}
	if !it.Kind.Valid() {
		fs.Add("kind", "err.catalog.kind", nil)
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(it.Name)); n == 0 {
		fs.Add("name", "err.required", nil)
	} else if n > maxName {
		fs.Add("name", "err.text.too_long", map[string]any{"Max": maxName})
	}
	for lang, n := range it.Names {
		if !slices.Contains(NameLangs, lang) {
			fs.Add("names", "err.catalog.name_lang", map[string]any{"Lang": lang})
		} else if utf8.RuneCountInString(n) > maxName*2 {
			fs.Add("names", "err.text.too_long", map[string]any{"Max": maxName * 2})
		}
	}
	if utf8.RuneCountInString(it.Content) > maxText {
		fs.Add("content", "err.text.too_long", map[string]any{"Max": maxText})
	}
	if utf8.RuneCountInString(it.Standard) > maxText {
		fs.Add("standard", "err.text.too_long", map[string]any{"Max": maxText})
	}
	if !it.Unit.Valid() {
		fs.Add("unit", "err.catalog.unit", nil)
	}
	if it.PriceFen < 0 || it.PriceFen > MaxPriceFen {
		fs.Add("price_fen", "err.catalog.price", map[string]any{"Max": MaxPriceFen / 100})
	}
	if it.Minutes < 1 || it.Minutes > MaxMinutes {
		fs.Add("minutes", "err.range", map[string]any{"Min": 1, "Max": MaxMinutes})
	}
	if it.Times < 1 || it.Times > MaxTimes {
		fs.Add("times", "err.catalog.times", map[string]any{"Max": MaxTimes})
	}
	if it.EveryWeeks < 1 || it.EveryWeeks > MaxEveryWeeks {
		fs.Add("every_weeks", "err.catalog.every_weeks", map[string]any{"Max": MaxEveryWeeks})
	}
	for _, g := range it.PersonGroups {
		if !g.Valid() {
			fs.Add("person_groups", "err.category.unknown", map[string]any{"Value": string(g)})
		}
	}
	for _, t := range it.Tiers {
		if t < 1 || t > 4 {
			fs.Add("tiers", "err.catalog.tier", nil)
			break
		}
	}
	if len(it.WorkerKinds) == 0 {
		fs.Add("worker_kinds", "err.catalog.worker_kinds", nil)
	}
	for _, k := range it.WorkerKinds {
		if !k.Valid() {
			fs.Add("worker_kinds", "err.provider.worker_kind", nil)
			break
		}
	}
	if !slices.Contains(Fundings, it.Funding) {
		fs.Add("funding", "err.catalog.funding", nil)
	}
	if it.Cert != "" && !it.Cert.Valid() {
		fs.Add("cert", "err.provider.cert_kind", nil)
	}
	if utf8.RuneCountInString(it.Note) > maxText {
		fs.Add("note", "err.text.too_long", map[string]any{"Max": maxText})
	}
	return fs.Err()
}

// ValidCode reports whether s is a well-formed item code: lower-case
// letters, digits, '_' and '.', starting with a letter, 3 to 40 long
// (e.g. care.personal).
func ValidCode(s string) bool {
	if len(s) < 3 || len(s) > 40 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	if s == "new" { // /catalog/new is the console's form for a new item
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// Changes are the fields a revision sets; nil fields stay as they were.
// The code and the project never change: orders and plans refer to them.
type Changes struct {
	Kind         *Kind                  `json:"kind,omitempty"`
	Name         *string                `json:"name,omitempty"`
	Names        map[string]string      `json:"names,omitempty"`
	Content      *string                `json:"content,omitempty"`
	Standard     *string                `json:"standard,omitempty"`
	Unit         *Unit                  `json:"unit,omitempty"`
	PriceFen     *int64                 `json:"price_fen,omitempty"`
	Minutes      *int                   `json:"minutes,omitempty"`
	Times        *int                   `json:"times,omitempty"`
	EveryWeeks   *int                   `json:"every_weeks,omitempty"`
	PersonGroups *[]person.Category     `json:"person_groups,omitempty"`
	Tiers        *[]int                 `json:"tiers,omitempty"`
	WorkerKinds  *[]provider.WorkerKind `json:"worker_kinds,omitempty"`
	Funding      *string                `json:"funding,omitempty"`
	Cert         *provider.CertKind     `json:"cert,omitempty"`
	Food         *bool                  `json:"food,omitempty"`
	Active       *bool                  `json:"active,omitempty"`
}

// Apply returns a copy of it with the changes made, and the names of the
// fields that differ, for the audit log and to refuse empty revisions.
func (c *Changes) Apply(it Item) (Item, []string) {
	var changed []string
	set := func(name string, differs bool, do func()) {
		if differs {
			do()
			changed = append(changed, name)
		}
	}
	if c.Kind != nil {
		set("kind", *c.Kind != it.Kind, func() { it.Kind = *c.Kind })
	}
	if c.Name != nil {
		set("name", *c.Name != it.Name, func() { it.Name = *c.Name })
	}
	if c.Names != nil {
		set("names", !maps.Equal(c.Names, it.Names), func() { it.Names = maps.Clone(c.Names) })
	}
	if c.Content != nil {
		set("content", *c.Content != it.Content, func() { it.Content = *c.Content })
	}
	if c.Standard != nil {
		set("standard", *c.Standard != it.Standard, func() { it.Standard = *c.Standard })
	}
	if c.Unit != nil {
		set("unit", *c.Unit != it.Unit, func() { it.Unit = *c.Unit })
	}
	if c.PriceFen != nil {
		set("price_fen", *c.PriceFen != it.PriceFen, func() { it.PriceFen = *c.PriceFen })
	}
	if c.Minutes != nil {
		set("minutes", *c.Minutes != it.Minutes, func() { it.Minutes = *c.Minutes })
	}
	if c.Times != nil {
		set("times", *c.Times != it.Times, func() { it.Times = *c.Times })
	}
	if c.EveryWeeks != nil {
		set("every_weeks", *c.EveryWeeks != it.EveryWeeks, func() { it.EveryWeeks = *c.EveryWeeks })
	}
	if c.PersonGroups != nil {
		set("person_groups", !slices.Equal(*c.PersonGroups, it.PersonGroups), func() { it.PersonGroups = slices.Clone(*c.PersonGroups) })
	}
	if c.Tiers != nil {
		set("tiers", !slices.Equal(*c.Tiers, it.Tiers), func() { it.Tiers = slices.Clone(*c.Tiers) })
	}
	if c.WorkerKinds != nil {
		set("worker_kinds", !slices.Equal(*c.WorkerKinds, it.WorkerKinds), func() { it.WorkerKinds = slices.Clone(*c.WorkerKinds) })
	}
	if c.Funding != nil {
		set("funding", *c.Funding != it.Funding, func() { it.Funding = *c.Funding })
	}
	if c.Cert != nil {
		set("cert", *c.Cert != it.Cert, func() { it.Cert = *c.Cert })
	}
	if c.Food != nil {
		set("food", *c.Food != it.Food, func() { it.Food = *c.Food })
	}
	if c.Active != nil {
		set("active", *c.Active != it.Active, func() { it.Active = *c.Active })
	}
	return it, changed
}
