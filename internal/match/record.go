package match

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/errs"
)

// State is where an assignment stands.
type State string

// Assignment states. At most one assignment of a (plan item, unit) is current.
const (
	Proposed   State = "proposed"   // in a preview run
	Current    State = "current"    // confirmed or overridden: orders use it
	Declined   State = "declined"   // the provider declined; the unit is open again
	Unassigned State = "unassigned" // the engine left the unit open, with a reason
	Superseded State = "superseded" // replaced by a later assignment
	Discarded  State = "discarded"  // its preview run was discarded
	Ended      State = "ended"      // the plan item ended
)

// States lists the assignment states in display order.
var States = []State{Proposed, Current, Declined, Unassigned, Superseded, Discarded, Ended}

// Valid reports whether s is a known state.
func (s State) Valid() bool { return slices.Contains(States, s) }

// Sources of an assignment.
const (
	SourceEngine      = "engine"
	SourceOverride    = "override"
	SourceIncremental = "incremental"
)

// Run kinds and states.
const (
	KindFull        = "full"
	KindIncremental = "incremental"
	KindOverride    = "override" // holds staff overrides, confirmed at once

	RunPreview   = "preview"
	RunConfirmed = "confirmed"
	RunDiscarded = "discarded"
)

// RunStats sum up a run.
type RunStats struct {
	Demands          int     `json:"demands"`
	Workers          int     `json:"workers"`
	Assigned         int     `json:"assigned"`
	Unassigned       int     `json:"unassigned"`
	Cost             int64   `json:"cost"`
	GreedyCost       int64   `json:"greedy_cost"`
	GreedyUnassigned int     `json:"greedy_unassigned"`
	Seconds          float64 `json:"seconds"`
}

// Run is one matching run: a preview until confirmed or discarded.
type Run struct {
	ID        string     `json:"id"`
	PlaceCode string     `json:"place_code"`
	Kind      string     `json:"kind"`
	State     string     `json:"state"`
	Stats     RunStats   `json:"stats"`
	CreatedBy string     `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
	DecidedBy string     `json:"decided_by,omitempty"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
}

// Assignment is the match of one weekly unit of a plan item to a worker,
// or the record that it was left open.
type Assignment struct {
	ID           string      `json:"id"`
	RunID        string      `json:"run_id"`
	PlanItemID   string      `json:"plan_item_id"`
	Unit         int         `json:"unit"`
	PersonID     string      `json:"person_id"`
	PersonName   string      `json:"person_name"`
	PlaceCode    string      `json:"place_code"`
	ItemCode     string      `json:"item_code"`
	ProviderID   string      `json:"provider_id,omitempty"`
	ProviderName string      `json:"provider_name,omitempty"`
	WorkerID     string      `json:"worker_id,omitempty"`
	WorkerName   string      `json:"worker_name,omitempty"`
	State        State       `json:"state"`
	Source       string      `json:"source"`
	Cost         int64       `json:"cost"`
	Explanation  Explanation `json:"explanation"`
	ReasonCode   string      `json:"reason_code,omitempty"`
	Reason       string      `json:"reason,omitempty"`
	DecidedBy    string      `json:"decided_by,omitempty"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// AssignmentFilter narrows an assignment list. Nil fields do not filter.
type AssignmentFilter struct {
	RunID      *string
	WorkerID   *string
	PersonID   *string
	ProviderID *string
	PlanItemID *string
	PlaceCode  *string // subtree
	State      *State
	Offset     int
	Limit      int
}

// RunFilter narrows a run list.
type RunFilter struct {
	PlaceCode *string // subtree
	Offset    int
	Limit     int
}

// DeclineReasons are why a provider may decline an assignment.
var DeclineReasons = []string{"no_capacity", "out_of_area", "unsafe", "skills", "conflict", "other"}

// OverrideReasons are why staff may override the engine.
var OverrideReasons = []string{"person_request", "continuity", "local_knowledge", "correction", "other"}

// Override is a staff decision to give a unit to a worker.
type Override struct {
	WorkerID   string `json:"worker_id"`
	ReasonCode string `json:"reason_code"`
	Reason     string `json:"reason"`
	Force      bool   `json:"force"` // accept a worker who breaks a hard constraint
}

// Validate checks the override's reason.
func (o *Override) Validate() error {
	return checkReason(o.WorkerID == "", OverrideReasons, o.ReasonCode, &o.Reason, o.Force || o.ReasonCode == "other")
}

// Decline is a provider's refusal of an assignment.
type Decline struct {
	ReasonCode string `json:"reason_code"`
	Reason     string `json:"reason"`
}

// Validate checks the decline's reason.
func (d *Decline) Validate() error {
	return checkReason(false, DeclineReasons, d.ReasonCode, &d.Reason, d.ReasonCode == "other")
}

// MaxReason is the longest free-text reason, in characters.
const MaxReason = 500

func checkReason(noWorker bool, codes []string, code string, reason *string, textNeeded bool) error {
	var fs errs.Fields
	if noWorker {
		fs.Add("worker_id", "err.required", nil)
	}
	if !slices.Contains(codes, code) {
		fs.Add("reason_code", "match.err.reason_code", nil)
	}
	*reason = strings.TrimSpace(*reason)
	switch {
	case utf8.RuneCountInString(*reason) > MaxReason:
		fs.Add("reason", "err.reason.too_long", map[string]any{"Max": MaxReason})
	case textNeeded && *reason == "":
		fs.Add("reason", "match.err.reason_needed", nil)
	}
	return fs.Err()
}
