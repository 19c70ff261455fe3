// Package plan holds service plans (服务计划), the weekly work orders they
// make and a worker's daily route (SPEC §7): rules and types only, no
// storage or HTTP.
package plan

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/errs"
)

// State is where a plan stands.
type State string

// Plan states. Only an active plan makes orders.
const (
	Active    State = "active"
	Paused    State = "paused"
	Cancelled State = "cancelled"
	Ended     State = "ended"
)

// States lists every plan state in display order.
var States = []State{Active, Paused, Cancelled, Ended}

// Open reports whether a plan in s may still change.
func (s State) Open() bool { return s == Active || s == Paused }

// Plan is an approved package as items with frequencies, for one person.
type Plan struct {
	ID            string    `json:"id"`
	PersonID      string    `json:"person_id"`
	PersonName    string    `json:"person_name"`
	PlaceCode     string    `json:"place_code"`
	ApplicationID string    `json:"application_id,omitempty"`
	Package       string    `json:"package"`
	State         State     `json:"state"`
	StartsOn      string    `json:"starts_on"`
	EndsOn        string    `json:"ends_on"`
	Version       int       `json:"version"`
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	Items         []*Item   `json:"items,omitempty"`
	History       []Change  `json:"history,omitempty"`
}

// Item is one catalogue item of a plan: how often and when in the day.
type Item struct {
	ID         string `json:"id"`
	ItemCode   string `json:"item_code"`
	ItemName   string `json:"item_name"`
	Times      int    `json:"times"`       // times …
	EveryWeeks int    `json:"every_weeks"` // … every n weeks
	Minutes    int    `json:"minutes"`
	WindowFrom int    `json:"window_from"` // minutes after local midnight
	WindowTo   int    `json:"window_to"`
	Active     bool   `json:"active"`
	// Units is the item's weekly demand in matching (WeeklyUnits).
	Units int `json:"units"`
	// Workers are the current assignments, one per unit that has one.
	Workers []Assignee `json:"workers"`
}

// Assignee is the current worker of one weekly unit of an item.
type Assignee struct {
	Unit         int    `json:"unit"`
	AssignmentID string `json:"assignment_id"`
	WorkerID     string `json:"worker_id"`
	WorkerName   string `json:"worker_name"`
	ProviderID   string `json:"provider_id"`
	ProviderName string `json:"provider_name"`
}

// Change is one entry of a plan's history.
type Change struct {
	ID      int64           `json:"id"`
	At      time.Time       `json:"at"`
	ActorID string          `json:"actor_id"`
	Action  string          `json:"action"`
	Reason  string          `json:"reason"`
	Before  json.RawMessage `json:"before"`
	After   json.RawMessage `json:"after"`
}

// Filter selects plans; nil fields do not filter.
type Filter struct {
	State     *State
	PlaceCode *string
	PersonID  *string
	Offset    int
	Limit     int
}

// Frequency is what staff set on an item: times every n weeks, and the
// daily window in minutes after local midnight.
type Frequency struct {
	Times      int `json:"times"`
	EveryWeeks int `json:"every_weeks"`
	WindowFrom int `json:"window_from"`
	WindowTo   int `json:"window_to"`
}

// Limits of a frequency: at most one visit of an item a day, at least once a
// quarter.
const (
	MaxTimes      = 7
	MaxEveryWeeks = 13
	maxReason     = 500
)

// Default window of a new item: 09:00–18:00.
const (
	DefaultFrom = 9 * 60
	DefaultTo   = 18 * 60
)

// Validate checks a frequency for an item whose visit lasts minutes.
func (f Frequency) Validate(minutes int) error {
	var fs errs.Fields
	if f.Times < 1 || f.Times > MaxTimes {
		fs.Add("times", "err.plan.times", map[string]any{"Max": MaxTimes})
	}
	if f.EveryWeeks < 1 || f.EveryWeeks > MaxEveryWeeks {
		fs.Add("every_weeks", "err.plan.every_weeks", map[string]any{"Max": MaxEveryWeeks})
	}
	if f.WindowFrom < 0 || f.WindowTo > 24*60 || f.WindowTo-f.WindowFrom < minutes || f.WindowTo <= f.WindowFrom {
		fs.Add("window_to", "err.plan.window", map[string]any{"Minutes": minutes})
	}
	return fs.Err()
}

// CheckReason trims a change's reason, which is required.
func CheckReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		return "", errs.InvalidField("reason", "err.required", nil)
	case n > maxReason:
		return "", errs.InvalidField("reason", "err.text.too_long", map[string]any{"Max": maxReason})
	}
	return reason, nil
}

// WeeklyUnits is how many demands an item makes in matching and how much of
// a worker's weekly capacity it takes: ceil(times / every_weeks). It is
// conservative for fortnightly and monthly items, which hold a unit every
// week although they visit in some weeks only; in exchange the same worker
// keeps the person from week to week.
func WeeklyUnits(times, everyWeeks int) int {
	if times <= 0 || everyWeeks <= 0 {
		return 0
	}
	return (times + everyWeeks - 1) / everyWeeks
}

// UnitOf is the weekly unit that serves the seq-th visit of a week.
func UnitOf(seq, units int) int {
	if units <= 0 {
		return 0
	}
	return seq % units
}
