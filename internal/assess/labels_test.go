package assess

import (
	"testing"

	"jiuzhu/internal/auth"
)

func TestDimensionAsks(t *testing.T) {
	d := DefaultTemplate()
	for _, tc := range []struct {
		age       int
		dim       string
		wantAsked bool
	}{
		{40, "adl", true},
		{40, "child", false},
		{10, "adl", false},
		{10, "child", true},
		{16, "adl", true},
		{17, "child", true},
		{10, "economic", true},
	} {
		var dim *Dimension
		for i := range d.Dimensions {
			if d.Dimensions[i].Code == tc.dim {
				dim = &d.Dimensions[i]
			}
		}
		if got := dim.Asks(Subject{Age: tc.age}); got != tc.wantAsked {
			t.Errorf("age %d: Asks(%s)=%v, want %v", tc.age, tc.dim, got, tc.wantAsked)
		}
	}
}

func TestLabelLookups(t *testing.T) {
	tp := ElderlyTemplate()
	for _, tc := range []struct{ got, want string }{
		{tp.TierLabel(1), "assess.tier.1"},
		{tp.TierLabel(9), ""},
		{tp.GradeLabel(4), "assess.grade.4"},
		{tp.ClassLabel("care"), "assess.class.care"},
		{tp.PackageLabel("visit.basic"), "assess.pkg.visit.basic"},
		{tp.PackageLabel("nope"), ""},
		{tp.RuleLabel("gb.upgrade.coma"), "assess.rule.gb.upgrade.coma"},
		{tp.DimensionLabel("factors"), "assess.dim.gb.factors"},
	} {
		if tc.got != tc.want {
			t.Errorf("label = %q, want %q", tc.got, tc.want)
		}
	}
	if tp.Item("gb.eating") == nil || tp.Item("adl.feeding") != nil {
		t.Errorf("Item lookup wrong")
	}
}

func TestWhoAssesses(t *testing.T) {
	delegated, plain := Result{DelegateToProfessional: true}, Result{}
	for _, tc := range []struct {
		role               auth.Role
		assess, delegate   bool
		plainOK, revisable bool
	}{
		{auth.Assessor, true, true, true, false},
		{auth.CountyReviewer, true, false, true, false},
		{auth.TownshipOfficer, true, false, true, false},
		{auth.VillageWorker, false, false, false, false},
		{auth.PrefectureAdmin, false, false, false, true},
	} {
		if got := MayAssess(tc.role); got != tc.assess {
			t.Errorf("MayAssess(%s)=%v, want %v", tc.role, got, tc.assess)
		}
		if got := delegated.MayRecord(tc.role); got != tc.delegate {
			t.Errorf("delegated MayRecord(%s)=%v, want %v", tc.role, got, tc.delegate)
		}
		if got := plain.MayRecord(tc.role); got != tc.plainOK {
			t.Errorf("plain MayRecord(%s)=%v, want %v", tc.role, got, tc.plainOK)
		}
		if got := MayRevise(tc.role); got != tc.revisable {
			t.Errorf("MayRevise(%s)=%v, want %v", tc.role, got, tc.revisable)
		}
	}
}
