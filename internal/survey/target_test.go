package survey

import (
	"slices"
	"testing"

	"jiuzhu/internal/person"
)

func TestPlan(t *testing.T) {
	people := []PersonRef{
		{ID: "old", PlaceCode: "652301001001", Categories: []person.Category{person.MinimumLiving, person.ElderlyAlone}},
		{ID: "poor", PlaceCode: "652301001001", Categories: []person.Category{person.MinimumLiving}},
		{ID: "child", PlaceCode: "652301001002", Categories: []person.Category{person.ChildInDifficulty}},
		{ID: "far", PlaceCode: "652328101001", Categories: []person.Category{person.ExtremePoverty}},
		{ID: "old", PlaceCode: "652301001001", Categories: []person.Category{person.ElderlyAlone}}, // listed twice
		{ID: "none", PlaceCode: "652301001001"},
	}
	workers := map[string][]string{"652301001001": {"u1"}, "652301001002": {"u2", "u3"}}
	for _, tc := range []struct {
		name     string
		r        Round
		ids      []string
		assigned []string
	}{
		{"routine in a township", Round{ID: "r", PlaceCode: "652301001", TargetCategories: KeyGroups, DueDays: 7},
			[]string{"old", "child"}, []string{"u1", ""}},
		{"census in the prefecture", Round{ID: "r", PlaceCode: "652300", TargetCategories: person.Categories, DueDays: 30},
			[]string{"old", "poor", "child", "far"}, []string{"u1", "u1", "", ""}},
		{"one village", Round{ID: "r", PlaceCode: "652301001002", TargetCategories: KeyGroups, DueDays: 7},
			[]string{"child"}, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tasks := Plan(&tc.r, people, workers, now)
			var ids, assigned []string
			for _, task := range tasks {
				ids, assigned = append(ids, task.PersonID), append(assigned, task.AssignedTo)
				if task.Status != Open || task.RoundID != "r" || !task.Due.Equal(now.AddDate(0, 0, tc.r.DueDays)) || !task.CreatedAt.Equal(now) {
					t.Errorf("task = %+v", task)
				}
			}
			if !slices.Equal(ids, tc.ids) || !slices.Equal(assigned, tc.assigned) {
				t.Errorf("persons %v assigned %v; want %v assigned %v", ids, assigned, tc.ids, tc.assigned)
			}
		})
	}
}

func TestAssignee(t *testing.T) {
	for _, tc := range []struct {
		workers []string
		want    string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, ""}} {
		if got := Assignee(tc.workers); got != tc.want {
			t.Errorf("Assignee(%v) = %q, want %q", tc.workers, got, tc.want)
		}
	}
}
