package need

import (
	"errors"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/errs"
)

func TestMerge(t *testing.T) {
	later := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	sooner := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name        string
		need        Need
		filing      Filing
		wantChanged []string
		check       func(*Need) bool
	}{
		{"new channel, same everything", Need{Channels: []Channel{FieldSurvey}, Urgency: Normal}, Filing{Channel: DataWarning, Urgency: Normal},
			[]string{"channels"}, func(n *Need) bool { return len(n.Channels) == 2 }},
		{"same channel again", Need{Channels: []Channel{FieldSurvey}, Urgency: Normal}, Filing{Channel: FieldSurvey, Urgency: Normal},
			nil, func(n *Need) bool { return len(n.Channels) == 1 }},
		{"urgency only rises", Need{Channels: []Channel{FieldSurvey}, Urgency: Urgent}, Filing{Channel: FieldSurvey, Urgency: Normal},
			nil, func(n *Need) bool { return n.Urgency == Urgent }},
		{"earlier deadline wins", Need{Channels: []Channel{Referral}, Deadline: &later}, Filing{Channel: Referral, Deadline: &sooner},
			[]string{"deadline"}, func(n *Need) bool { return n.Deadline.Equal(sooner) }},
		{"later deadline ignored", Need{Channels: []Channel{Referral}, Deadline: &sooner}, Filing{Channel: Referral, Deadline: &later},
			nil, func(n *Need) bool { return n.Deadline.Equal(sooner) }},
		{"items united, note appended", Need{Channels: []Channel{Referral}, Items: []string{"a"}, Note: "x"}, Filing{Channel: Referral, Items: []string{"a", "b"}, Note: "y"},
			[]string{"items", "note"}, func(n *Need) bool { return slices.Equal(n.Items, []string{"a", "b"}) && n.Note == "x\ny" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.need
			got := Merge(&n, &tc.filing)
			if !slices.Equal(got, tc.wantChanged) {
				t.Fatalf("changed = %v, want %v", got, tc.wantChanged)
			}
			if !tc.check(&n) {
				t.Fatalf("merged need = %+v", n)
			}
		})
	}
}

func TestFilingValidate(t *testing.T) {
	f := Filing{PersonID: "p", Channel: FieldSurvey, Category: Care}
	if err := f.Validate(); err != nil || f.Urgency != Normal {
		t.Fatalf("valid filing: %v, urgency %q", err, f.Urgency)
	}
	bad := Filing{Channel: "pigeon", Category: "spa", Urgency: "asap"}
	var e *errs.Error
	if err := bad.Validate(); !errors.As(err, &e) || len(e.Fields) != 4 {
		t.Fatalf("bad filing: %v, want 4 field errors", err)
	}
}

func TestOverdue(t *testing.T) {
	d := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	n := Need{Status: Assigned, Deadline: &d}
	if n.Overdue(d) || !n.Overdue(d.Add(time.Second)) {
		t.Fatal("overdue only after the deadline")
	}
	n.Status = Closed
	if n.Overdue(d.Add(time.Hour)) {
		t.Fatal("a closed need is never overdue")
	}
}
