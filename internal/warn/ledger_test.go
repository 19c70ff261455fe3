package warn

import (
	"slices"
	"testing"

	"jiuzhu/internal/need"
)

func TestNeedCategory(t *testing.T) {
	for _, tc := range []struct {
		kind FeedKind
		want need.Category
	}{
		{MedicalExpense, need.Medical},
		{DisabilityGrade, need.Care},
		{SchoolDropout, need.Child},
		{ElderlyAlone, need.CheckVisit},
		{UtilityArrears, need.CheckVisit},
		{"emergency", need.CheckVisit},
	} {
		got := tc.kind.NeedCategory()
		if got != tc.want {
			t.Errorf("%s.NeedCategory()=%s, want %s", tc.kind, got, tc.want)
		}
		if !slices.Contains(need.Categories, got) {
			t.Errorf("%s.NeedCategory()=%s is not a ledger category", tc.kind, got)
		}
	}
	if got := Urgent.NeedUrgency(); got != need.Urgent {
		t.Errorf("Urgent.NeedUrgency()=%s", got)
	}
	if got := Normal.NeedUrgency(); got != need.Normal {
		t.Errorf("Normal.NeedUrgency()=%s", got)
	}
}
