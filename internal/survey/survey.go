// Package survey holds field survey rounds (线下排查): a routine round visits
// the key groups at a set frequency (日常排查), the annual census visits
// everyone under assistance (年度全面排查). Each round makes one visit task
// per person it targets, for the village worker responsible; the visit's
// result files the needs found into the demand ledger. The package has no
// storage or HTTP dependencies.
package survey

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// Kind is the kind of survey round.
type Kind string

// Kinds of rounds.
const (
	Routine Kind = "routine" // 日常排查: the key groups, repeating
	Census  Kind = "census"  // 年度全面排查: everyone under assistance, once
)

// Kinds lists the kinds of rounds.
var Kinds = []Kind{Routine, Census}

// Status is where a round stands: scheduled rounds have no tasks yet; a
// round becomes active on its start day, when its tasks are made.
type Status string

// Round statuses.
const (
	Scheduled Status = "scheduled"
	Active    Status = "active"
)

// KeyGroups are the people a routine round visits by default (SPEC §2), in
// display order.
var KeyGroups = []person.Category{person.ExtremePoverty, person.ChildInDifficulty, person.SevereDisability, person.ElderlyAlone}

// Limits of a round's settings, in days.
const (
	MaxFrequencyDays = 366
	MaxDueDays       = 366
	MaxLeadDays      = 366 // how far ahead a round may be scheduled
	maxName          = 100
)

// Zone is the zone days are counted in: a round starts at midnight, Beijing
// time, which Xinjiang's offices keep.
var Zone = time.FixedZone("CST", 8*3600)

// Round is one survey round. A routine round repeats: each occurrence is a
// round of its own in the same series, with Seq counting up.
type Round struct {
	ID               string            `json:"id"`
	SeriesID         string            `json:"series_id"`
	Seq              int               `json:"seq"`
	Kind             Kind              `json:"kind"`
	Name             string            `json:"name"`
	PlaceCode        string            `json:"place_code"` // root of the area surveyed
	TargetCategories []person.Category `json:"target_categories"`
	FrequencyDays    int               `json:"frequency_days"` // routine: days between occurrences; census: 0
	StartsOn         string            `json:"starts_on"`      // YYYY-MM-DD, Beijing time
	DueDays          int               `json:"due_days"`       // tasks are due this many days after they are made
	Status           Status            `json:"status"`
	CreatedBy        string            `json:"created_by"`
	CreatedAt        time.Time         `json:"created_at"`
	StartedAt        *time.Time        `json:"started_at,omitempty"`
	Progress         Progress          `json:"progress"` // read only: tasks in the reader's area
}

// Progress counts a round's tasks.
type Progress struct {
	Total   int `json:"total"`
	Open    int `json:"open"`
	Done    int `json:"done"`
	Missed  int `json:"missed"`
	Overdue int `json:"overdue"` // open and past due
}

// Today is the date of t in Beijing time, as YYYY-MM-DD.
func Today(t time.Time) string { return t.In(Zone).Format(time.DateOnly) }

// StartTime is the moment a day (YYYY-MM-DD) begins in Beijing time.
func StartTime(day string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, day, Zone)
	return t.UTC(), err
}

// Validate checks a round about to be created at now and fills defaults:
// the start day is today, a routine round targets the key groups and a
// census everyone under assistance.
func (r *Round) Validate(now time.Time) error {
	var fs errs.Fields
	r.Name = strings.TrimSpace(r.Name)
	switch n := utf8.RuneCountInString(r.Name); {
	case n == 0:
		fs.Add("name", "err.required", nil)
	case n > maxName:
		fs.Add("name", "err.text.too_long", map[string]any{"Max": maxName})
	}
	if _, err := place.LevelOf(r.PlaceCode); err != nil {
		fs.Add("place_code", "err.place.unknown", nil)
	}
	for _, c := range r.TargetCategories {
		if !c.Valid() {
			fs.Add("target_categories", "err.category.unknown", map[string]any{"Value": string(c)})
		}
	}
	switch r.Kind {
	case Routine:
		if len(r.TargetCategories) == 0 {
			r.TargetCategories = slices.Clone(KeyGroups)
		}
		if r.FrequencyDays < 1 || r.FrequencyDays > MaxFrequencyDays {
			fs.Add("frequency_days", "err.survey.frequency", map[string]any{"Max": MaxFrequencyDays})
		} else if r.DueDays > r.FrequencyDays {
			fs.Add("due_days", "err.survey.due_after_next", nil)
		}
	case Census:
		if len(r.TargetCategories) != 0 && len(ordered(r.TargetCategories)) != len(person.Categories) {
			fs.Add("target_categories", "err.survey.census_categories", nil)
		}
		r.TargetCategories = slices.Clone(person.Categories)
		if r.FrequencyDays != 0 {
			fs.Add("frequency_days", "err.survey.census_frequency", nil)
		}
	default:
		fs.Add("kind", "err.survey.kind", nil)
	}
	r.TargetCategories = ordered(r.TargetCategories)
	if r.DueDays < 1 || r.DueDays > MaxDueDays {
		fs.Add("due_days", "err.survey.due_days", map[string]any{"Max": MaxDueDays})
	}
	today := Today(now)
	if r.StartsOn == "" {
		r.StartsOn = today
	}
	if _, err := time.Parse(time.DateOnly, r.StartsOn); err != nil {
		fs.Add("starts_on", "err.date.format", nil)
	} else if last := now.In(Zone).AddDate(0, 0, MaxLeadDays).Format(time.DateOnly); r.StartsOn < today || r.StartsOn > last {
		fs.Add("starts_on", "err.survey.starts_on", map[string]any{"Max": MaxLeadDays})
	}
	return fs.Err()
}

// ordered returns the known categories of cs once each, in display order.
func ordered(cs []person.Category) []person.Category {
	out := []person.Category{}
	for _, c := range person.Categories {
		if slices.Contains(cs, c) {
			out = append(out, c)
		}
	}
	return out
}

// NextStart is the start day of the occurrence that follows one starting
// on startsOn: every frequency days, the first after today. Occurrences a
// stopped server slept through are skipped, not made late.
func NextStart(startsOn string, frequency int, today string) (string, error) {
	d, err := time.Parse(time.DateOnly, startsOn)
	if err != nil {
		return "", err
	}
	if frequency < 1 {
		frequency = 1
	}
	next := d.AddDate(0, 0, frequency)
	if t, err := time.Parse(time.DateOnly, today); err == nil && !next.After(t) {
		skip := (int(t.Sub(next).Hours()/24)/frequency + 1) * frequency
		next = next.AddDate(0, 0, skip)
	}
	return next.Format(time.DateOnly), nil
}

// CanPlan reports whether a may create survey rounds: township officers,
// county reviewers and prefecture administrators, within their area.
func CanPlan(a *auth.Actor) bool {
	if a == nil {
		return false
	}
	return a.System || a.Role == auth.TownshipOfficer || a.Role == auth.CountyReviewer || a.Role == auth.PrefectureAdmin
}

// RoundFilter narrows a round list. Nil fields do not filter.
type RoundFilter struct {
	Kind   *Kind
	Status *Status
	Offset int
	Limit  int
}
