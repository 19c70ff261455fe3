package assess

import "testing"

func TestElderlyStructure(t *testing.T) {
	tp := ElderlyTemplate()
	want := map[string]struct{ items, max int }{
		"selfcare": {8, 32}, "mobility": {4, 15}, "mental": {9, 28}, "perception": {5, 15}, "factors": {3, 0},
	}
	n, total := 0, 0
	for _, d := range tp.Dimensions {
		max := 0
		for _, it := range d.Items {
			_, hi := it.span()
			max += hi
		}
		if w := want[d.Code]; len(d.Items) != w.items || max != w.max {
			t.Errorf("%s: %d items, max %d; want %d, %d", d.Code, len(d.Items), max, w.items, w.max)
		}
		if d.Code != "factors" {
			n += len(d.Items)
		}
		total += max
	}
	if n != 26 || total != 90 {
		t.Errorf("scored items = %d, max total = %d; want 26, 90", n, total)
	}
}

func TestElderlyGrades(t *testing.T) {
	tp := ElderlyTemplate()
	for _, tc := range []struct {
		total, grade, tier int
		pkg                string
	}{
		{90, 0, 4, "visit.basic"},
		{89, 1, 3, "housekeeping.basic"},
		{66, 1, 3, "housekeeping.basic"},
		{65, 2, 2, "care.regular"},
		{46, 2, 2, "care.regular"},
		{45, 3, 1, "care.intensive"},
		{30, 3, 1, "care.intensive"},
		{29, 4, 1, "care.intensive"},
		{2, 4, 1, "care.intensive"},
	} {
		r := MustScore(t, tp, Subject{Age: 75}, elderlyAnswers(t, tc.total))
		if r.Total != tc.total || r.Grade == nil || *r.Grade != tc.grade {
			t.Errorf("total %d: got total %d grade %v, want grade %d", tc.total, r.Total, r.Grade, tc.grade)
			continue
		}
		if r.Tier != tc.tier || r.Package != tc.pkg {
			t.Errorf("total %d: tier %d %s, want %d %s", tc.total, r.Tier, r.Package, tc.tier, tc.pkg)
		}
	}
}

func TestElderlyUpgrades(t *testing.T) {
	tp := ElderlyTemplate()
	for _, tc := range []struct {
		name  string
		total int
		set   Answers
		grade int
	}{
		{"dementia raises mild to moderate", 70, Answers{"gb.dementia": true}, 2},
		{"intact with mental illness becomes mild", 90, Answers{"gb.mental_illness": true}, 1},
		{"two factors still raise one grade", 50, Answers{"gb.dementia": true, "gb.risk_events": true}, 3},
		{"complete loss stays complete loss", 20, Answers{"gb.risk_events": true}, 4},
		{"coma is complete loss", 62, Answers{"gb.consciousness": "coma"}, 4},
		{"no factor, no change", 70, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := MustScore(t, tp, Subject{Age: 80}, merge(elderlyAnswers(t, tc.total), tc.set))
			if r.Grade == nil || *r.Grade != tc.grade {
				t.Fatalf("grade = %v, want %d (total %d, rules %v)", r.Grade, tc.grade, r.Total, r.Explanation)
			}
		})
	}
}

func TestDefaultHasNoGrade(t *testing.T) {
	r := MustScore(t, DefaultTemplate(), Subject{Age: 30}, merge(adult(), adlScores(t, 10, 5, 5, 10, 10, 10, 10, 15, 15, 10)))
	if r.Grade != nil {
		t.Fatalf("Grade = %d, want none", *r.Grade)
	}
}
