package visit

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/errs"
)

// Decision is a supervisor's ruling on a visit in the exception queue. The
// server fills By and At from the session and the transaction.
type Decision struct {
	Action     string    `json:"action"`      // clear | reject
	ReasonCode string    `json:"reason_code"` // from ClearReasons or RejectReasons
	Note       string    `json:"note,omitempty"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
}

// Decision actions.
const (
	Clear  = "clear"  // the flags are explained: the visit counts as verified
	Reject = "reject" // the visit did not happen as recorded
)

// Reasons a supervisor clears a flagged visit (visit.clear.<code>).
var ClearReasons = []string{"worker_explained", "gps_error_confirmed", "phone_confirmed", "evidence_ok", "other"}

// Reasons a supervisor rejects a visit (visit.reject.<code>).
var RejectReasons = []string{"not_visited", "fraud_suspected", "evidence_missing", "person_denied", "other"}

// ValidateDecision checks a decision on a visit whose outcome is current.
// Only a flagged visit may be cleared; a flagged or a verified one may be
// rejected, since a verified visit can still turn out false. The reason
// "other" needs a note. It returns errs.Invalid for bad fields and
// errs.Conflict when the visit's outcome does not allow the action (the
// visit changed since the page was shown).
func ValidateDecision(d Decision, current Outcome) error {
	var fs errs.Fields
	var reasons []string
	switch d.Action {
	case Clear:
		reasons = ClearReasons
	case Reject:
		reasons = RejectReasons
	default:
		fs.Add("action", "err.visit.decision_action", nil)
	}
	if reasons != nil && !slices.Contains(reasons, d.ReasonCode) {
		fs.Add("reason_code", "err.visit.decision_reason", nil)
	}
	if d.ReasonCode == "other" && strings.TrimSpace(d.Note) == "" {
		fs.Add("note", "err.visit.decision_note", nil)
	}
	if utf8.RuneCountInString(d.Note) > MaxNote {
		fs.Add("note", "err.visit.note", map[string]any{"Max": MaxNote})
	}
	if err := fs.Err(); err != nil {
		return err
	}
	if Decide(current, d) == current {
		return &errs.Error{Code: errs.Conflict, Key: "err.visit.decision_state",
			Args: map[string]any{"Outcome": string(current)}}
	}
	return nil
}

// Decide returns the outcome after decision d: a cleared flagged visit is
// verified, a rejected flagged or verified visit is rejected. Any other
// decision leaves current as it is; ValidateDecision refuses those.
func Decide(current Outcome, d Decision) Outcome {
	switch {
	case d.Action == Clear && current == Flagged:
		return Verified
	case d.Action == Reject && (current == Flagged || current == Verified):
		return Rejected
	}
	return current
}
