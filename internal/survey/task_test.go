package survey

import (
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/need"
)

func TestResultValidate(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	care := Found{Category: need.Care, Items: []string{"bathing"}, Note: " 行动不便 "}
	for _, tc := range []struct {
		name string
		r    Result
		want string
	}{
		{"no need", Result{NoNeed: true, Notes: "家属照料良好"}, ""},
		{"needs found", Result{Found: []Found{care, {Category: need.Emotional, Urgency: need.Urgent}}, Lat: f(44.0), Lon: f(87.3)}, ""},
		{"nothing", Result{}, "found:err.survey.result_empty"},
		{"both", Result{NoNeed: true, Found: []Found{care}}, "no_need:err.survey.result_both"},
		{"same category twice", Result{Found: []Found{care, care}}, "found[1].category:err.survey.found_duplicate"},
		{"bad need", Result{Found: []Found{{Category: "spa", Urgency: "now", Items: []string{"ok", "tub!"}, Note: strings.Repeat("x", 2001)}}},
			"found[0].category:err.need.category found[0].urgency:err.need.urgency found[0].items:err.need.item_code found[0].note:err.text.too_long"},
		{"too many items", Result{Found: []Found{{Category: need.Care, Items: strings.Fields(strings.Repeat("a ", 51))}}}, "found[0].items:err.need.items"},
		{"long notes", Result{NoNeed: true, Notes: strings.Repeat("字", 2001)}, "notes:err.text.too_long"},
		{"visit in the future", Result{NoNeed: true, VisitedAt: now.Add(time.Hour)}, "visited_at:err.survey.visited_future"},
		{"phone clock a bit fast", Result{NoNeed: true, VisitedAt: now.Add(5 * time.Minute)}, ""},
		{"half a position", Result{NoNeed: true, Lat: f(44)}, "lat:err.survey.coords"},
		{"position off the map", Result{NoNeed: true, Lat: f(44), Lon: f(200)}, "lat:err.coord.range"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			if got := fieldKeys(t, r.Validate(now)); got != tc.want {
				t.Fatalf("Validate = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("defaults", func(t *testing.T) {
		r := Result{Found: []Found{{Category: need.Care, Note: " 行动不便 "}}}
		if err := r.Validate(now); err != nil {
			t.Fatal(err)
		}
		got := r.Found[0]
		if got.Urgency != need.Normal || got.Note != "行动不便" || got.Items == nil || !r.VisitedAt.Equal(now) {
			t.Fatalf("defaults not filled: %+v, visited %v", r, r.VisitedAt)
		}
	})
}

func TestFoundFiling(t *testing.T) {
	f := Found{Category: need.Medical, Items: []string{"rehab"}, Urgency: need.Urgent, Note: "术后"}.Filing("t1", "p1")
	if f.Channel != need.FieldSurvey || f.SourceRef != "survey:t1" || f.PersonID != "p1" || f.Category != need.Medical || f.Urgency != need.Urgent {
		t.Fatalf("Filing = %+v", f)
	}
	if err := f.Validate(); err != nil {
		t.Fatalf("a found need's filing is invalid: %v", err)
	}
}

func TestTaskOverdue(t *testing.T) {
	task := Task{Status: Open, Due: now}
	if task.IsOverdue(now) || !task.IsOverdue(now.Add(time.Second)) {
		t.Error("an open task is overdue just after its due time")
	}
	task.Status = Done
	if task.IsOverdue(now.Add(time.Hour)) {
		t.Error("a done task is never overdue")
	}
}
