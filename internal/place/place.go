// Package place models the five-level administrative hierarchy (五级网络) and the
// data scopes built on it. Codes follow the national statistical division codes:
// 6 digits for region, prefecture and county (650000, 652300, 652301), 9 for a
// township and 12 for a village. A scope is a subtree, named by its root's code.
package place

import (
	"errors"
	"fmt"
	"strings"
)

// Level is a place's depth in the hierarchy.
type Level int

// The five levels, from the region down to the village.
const (
	Region Level = iota + 1
	Prefecture
	County
	Township
	Village
)

// String returns the level's message key suffix, e.g. "township".
func (l Level) String() string {
	switch l {
	case Region:
		return "region"
	case Prefecture:
		return "prefecture"
	case County:
		return "county"
	case Township:
		return "township"
	case Village:
		return "village"
	}
	return "unknown"
}

// Kind describes a village's setting; it drives travel factors and geofence radii.
type Kind string

// Village kinds.
const (
	Urban    Kind = "urban"
	Rural    Kind = "rural"
	Pastoral Kind = "pastoral"
)

// Valid reports whether k is a known kind (the empty kind is allowed above villages).
func (k Kind) Valid() bool { return k == Urban || k == Rural || k == Pastoral }

// Place is one node of the hierarchy.
type Place struct {
	Code   string  `json:"code"`
	Parent string  `json:"parent,omitempty"`
	Level  Level   `json:"level"`
	Name   string  `json:"name"`              // Chinese name
	NameUG string  `json:"name_ug,omitempty"` // Uyghur (Arabic script)
	NameKK string  `json:"name_kk,omitempty"` // Kazakh (Arabic script)
	NameEN string  `json:"name_en,omitempty"` // Latin transliteration / English
	Kind   Kind    `json:"kind,omitempty"`    // villages only
	Lat    float64 `json:"lat,omitempty"`     // centroid, WGS-84
	Lon    float64 `json:"lon,omitempty"`
}

// ErrBadCode is wrapped by every code validation failure.
var ErrBadCode = errors.New("invalid division code")

// LevelOf returns the level a code denotes. Six-digit codes are told apart by
// their trailing zeros: 650000 is a region, 652300 a prefecture, 652301 a county.
func LevelOf(code string) (Level, error) {
	for _, r := range code {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%w: %q has a non-digit", ErrBadCode, code)
		}
	}
	switch len(code) {
	case 6:
		switch {
		case code[2:] == "0000":
			return Region, nil
		case code[4:] == "00":
			return Prefecture, nil
		default:
			return County, nil
		}
	case 9:
		return Township, nil
	case 12:
		return Village, nil
	}
	return 0, fmt.Errorf("%w: %q must have 6, 9 or 12 digits", ErrBadCode, code)
}

// Prefix returns the significant leading digits of code: every code inside
// the subtree rooted at code starts with them, and no code outside does.
func Prefix(code string) string {
	lvl, err := LevelOf(code)
	if err != nil {
		return code
	}
	switch lvl {
	case Region:
		return code[:2]
	case Prefecture:
		return code[:4]
	}
	return code
}

// ParentCode derives the parent's code from a code, or "" for a region.
func ParentCode(code string) string {
	lvl, err := LevelOf(code)
	if err != nil {
		return ""
	}
	switch lvl {
	case Prefecture:
		return code[:2] + "0000"
	case County:
		return code[:4] + "00"
	case Township:
		return code[:6]
	case Village:
		return code[:9]
	}
	return ""
}

// Contains reports whether the subtree rooted at scope holds code.
// The empty scope is the whole country.
func Contains(scope, code string) bool {
	if scope == "" {
		return true
	}
	return strings.HasPrefix(code, Prefix(scope))
}

// Range returns the half-open string range [lo, hi) that holds every code in
// the subtree rooted at scope, so a scope test is an index range scan in SQL.
// ':' sorts right after '9' in byte order.
func Range(scope string) (lo, hi string) {
	p := Prefix(scope)
	return p, p + ":"
}

// Validate checks a place's code, parent and village fields.
func (p *Place) Validate() error {
	lvl, err := LevelOf(p.Code)
	if err != nil {
		return err
	}
	if lvl != p.Level {
		return fmt.Errorf("%w: %s is a %s code, not a %s", ErrBadCode, p.Code, lvl, p.Level)
	}
	if want := ParentCode(p.Code); p.Parent != want {
		return fmt.Errorf("%w: parent of %s must be %q, not %q", ErrBadCode, p.Code, want, p.Parent)
	}
	if strings.TrimSpace(p.Name) == "" {
		return fmt.Errorf("place %s: name is required", p.Code)
	}
	if lvl == Village && !p.Kind.Valid() {
		return fmt.Errorf("place %s: kind must be urban, rural or pastoral", p.Code)
	}
	return nil
}
