package visit

import (
	"strings"
	"testing"

	"jiuzhu/internal/errs"
)

func TestDecide(t *testing.T) {
	for _, c := range []struct {
		action  string
		current Outcome
		want    Outcome
	}{
		{Clear, Flagged, Verified},
		{Clear, Verified, Verified},
		{Clear, Rejected, Rejected},
		{Clear, Pending, Pending},
		{Reject, Flagged, Rejected},
		{Reject, Verified, Rejected},
		{Reject, Pending, Pending},
		{Reject, Rejected, Rejected},
		{"approve", Flagged, Flagged},
	} {
		t.Run(c.action+" "+string(c.current), func(t *testing.T) {
			if got := Decide(c.current, Decision{Action: c.action}); got != c.want {
				t.Fatalf("Decide=%v, want %v", got, c.want)
			}
		})
	}
}

func TestValidateDecision(t *testing.T) {
	for _, c := range []struct {
		name       string
		d          Decision
		current    Outcome
		field, key string
	}{
		{"clear flagged", Decision{Action: Clear, ReasonCode: "gps_error_confirmed"}, Flagged, "", ""},
		{"reject flagged", Decision{Action: Reject, ReasonCode: "not_visited"}, Flagged, "", ""},
		{"reject verified", Decision{Action: Reject, ReasonCode: "person_denied"}, Verified, "", ""},
		{"other with a note", Decision{Action: Clear, ReasonCode: "other", Note: "called the son"}, Flagged, "", ""},
		{"other without a note", Decision{Action: Clear, ReasonCode: "other", Note: " "}, Flagged, "note", "err.visit.decision_note"},
		{"unknown action", Decision{Action: "approve", ReasonCode: "other", Note: "x"}, Flagged, "action", "err.visit.decision_action"},
		{"a reject reason to clear", Decision{Action: Clear, ReasonCode: "not_visited"}, Flagged, "reason_code", "err.visit.decision_reason"},
		{"no reason", Decision{Action: Reject}, Flagged, "reason_code", "err.visit.decision_reason"},
		{"note too long", Decision{Action: Reject, ReasonCode: "other", Note: strings.Repeat("字", 501)}, Flagged, "note", "err.visit.note"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkField(t, ValidateDecision(c.d, c.current), c.field, c.key)
		})
	}
	for _, c := range []struct {
		name    string
		d       Decision
		current Outcome
	}{
		{"clear verified", Decision{Action: Clear, ReasonCode: "evidence_ok"}, Verified},
		{"clear rejected", Decision{Action: Clear, ReasonCode: "evidence_ok"}, Rejected},
		{"clear pending", Decision{Action: Clear, ReasonCode: "evidence_ok"}, Pending},
		{"reject rejected", Decision{Action: Reject, ReasonCode: "fraud_suspected"}, Rejected},
		{"reject pending", Decision{Action: Reject, ReasonCode: "fraud_suspected"}, Pending},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateDecision(c.d, c.current)
			if got, want := errs.CodeOf(err), errs.Conflict; got != want {
				t.Fatalf("CodeOf(err)=%v, want %v (%v)", got, want, err)
			}
		})
	}
}
