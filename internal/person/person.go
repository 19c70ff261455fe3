// Package person holds the person file (一人一档): people, households, declared
// locations and the rules on them. It has no storage or HTTP dependencies.
package person

import (
	"time"
)

// Category is an assistance category a person belongs to.
type Category string

// Assistance categories (SPEC §1).
const (
	ExtremePoverty    Category = "extreme_poverty"   // 特困人员
	MinimumLiving     Category = "minimum_living"    // 低保
	Marginal          Category = "marginal"          // 低保边缘
	LowIncome         Category = "low_income"        // 低收入
	ChildInDifficulty Category = "child_difficulty"  // 困境儿童
	SevereDisability  Category = "severe_disability" // 重度残疾人
	ElderlyAlone      Category = "elderly_alone"     // 高龄独居老人
)

// Categories lists every category in display order.
var Categories = []Category{ExtremePoverty, MinimumLiving, Marginal, LowIncome, ChildInDifficulty, SevereDisability, ElderlyAlone}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Ethnicities lists the ethnicity codes the forms offer; "other" covers the rest.
var Ethnicities = []string{"han", "hui", "kazakh", "uyghur", "mongol", "kyrgyz", "xibe", "other"}

// Languages a person may prefer: Chinese, Uyghur, Kazakh (Arabic script), Mongolian.
var Languages = []string{"zh", "ug", "kk", "mn"}

// Relations of a household member to the head of the household.
var Relations = []string{"head", "spouse", "child", "parent", "grandchild", "sibling", "other"}

// Sex as derived from the resident ID number.
type Sex string

// Sexes.
const (
	Male   Sex = "M"
	Female Sex = "F"
)

// Preferences are a person's customs and wishes that matching must respect.
type Preferences struct {
	Halal           bool   `json:"halal,omitempty"`
	CaregiverGender Sex    `json:"caregiver_gender,omitempty"`
	LanguageNeeded  bool   `json:"language_required,omitempty"` // serve only in the preferred language
	Notes           string `json:"notes,omitempty"`
}

// Person is one person file. IDNumber holds the full number only on write and
// for roles allowed to see it; IDMasked is always filled on read.
type Person struct {
	ID              string      `json:"id"`
	HouseholdID     string      `json:"household_id,omitempty"`
	Relation        string      `json:"relation,omitempty"` // to the household head
	PlaceCode       string      `json:"place_code"`         // 12-digit village
	Name            string      `json:"name"`               // Chinese characters
	NameArabic      string      `json:"name_arabic,omitempty"`
	NameLatin       string      `json:"name_latin,omitempty"`
	IDNumber        string      `json:"id_number"`
	BirthDate       string      `json:"birth_date"` // YYYY-MM-DD, derived from the ID number
	Sex             Sex         `json:"sex"`
	Ethnicity       string      `json:"ethnicity"`
	Language        string      `json:"language"`
	Categories      []Category  `json:"categories"`
	DisabilityGrade int         `json:"disability_grade"`       // 0 none, 1 (most severe) … 4
	HealthNotes     string      `json:"health_notes,omitempty"` // chronic illness; encrypted at rest
	GuardianID      string      `json:"guardian_id,omitempty"`
	Address         string      `json:"address,omitempty"`
	Lat             float64     `json:"lat,omitempty"`
	Lon             float64     `json:"lon,omitempty"`
	Phone           string      `json:"phone,omitempty"`
	Preferences     Preferences `json:"preferences"`
	Version         int         `json:"version"` // optimistic lock; send back on update
	CreatedAt       time.Time   `json:"created_at"`
	UpdatedAt       time.Time   `json:"updated_at"`
}

// Age returns the person's age in whole years on day d.
func (p *Person) Age(d time.Time) int {
	b, err := time.Parse(time.DateOnly, p.BirthDate)
	if err != nil {
		return 0
	}
	age := d.Year() - b.Year()
	if d.YearDay() < b.YearDay() && !(d.Month() > b.Month() || (d.Month() == b.Month() && d.Day() >= b.Day())) {
		age--
	}
	return age
}

// Household groups people living together.
type Household struct {
	ID        string `json:"id"`
	PlaceCode string `json:"place_code"`
	Address   string `json:"address,omitempty"`
}

// Location is a declared, time-bounded place where a person stays, such as a
// herding family's winter quarters (冬窝子) or summer pasture (夏牧场).
type Location struct {
	ID        string  `json:"id"`
	PersonID  string  `json:"person_id"`
	PlaceCode string  `json:"place_code"`
	Label     string  `json:"label"` // home, winter, summer, other
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	ValidFrom string  `json:"valid_from"`         // YYYY-MM-DD, inclusive
	ValidTo   string  `json:"valid_to,omitempty"` // YYYY-MM-DD, inclusive; empty = open
}

// Filter narrows a person list. Nil fields do not filter.
type Filter struct {
	Query     *string // any spelling of the name, or a full ID number
	PlaceCode *string // subtree
	Category  *Category
	Ethnicity *string
	Offset    int
	Limit     int
}

// Update changes some fields of a person; nil fields stay as they are.
type Update struct {
	Version         int          `json:"version"`
	PlaceCode       *string      `json:"place_code,omitempty"`
	Name            *string      `json:"name,omitempty"`
	NameArabic      *string      `json:"name_arabic,omitempty"`
	NameLatin       *string      `json:"name_latin,omitempty"`
	Ethnicity       *string      `json:"ethnicity,omitempty"`
	Language        *string      `json:"language,omitempty"`
	Categories      *[]Category  `json:"categories,omitempty"`
	DisabilityGrade *int         `json:"disability_grade,omitempty"`
	HealthNotes     *string      `json:"health_notes,omitempty"`
	GuardianID      *string      `json:"guardian_id,omitempty"`
	Address         *string      `json:"address,omitempty"`
	Lat             *float64     `json:"lat,omitempty"`
	Lon             *float64     `json:"lon,omitempty"`
	Phone           *string      `json:"phone,omitempty"`
	Preferences     *Preferences `json:"preferences,omitempty"`
	HouseholdID     *string      `json:"household_id,omitempty"`
	Relation        *string      `json:"relation,omitempty"`
}
