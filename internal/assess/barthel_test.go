package assess

import (
	"slices"
	"testing"
)

func TestBarthelScores(t *testing.T) {
	want := map[string][]int{
		"adl.feeding": {10, 5, 0}, "adl.bathing": {5, 0}, "adl.grooming": {5, 0},
		"adl.dressing": {10, 5, 0}, "adl.bowels": {10, 5, 0}, "adl.bladder": {10, 5, 0},
		"adl.toilet": {10, 5, 0}, "adl.transfers": {15, 10, 5, 0}, "adl.mobility": {15, 10, 5, 0},
		"adl.stairs": {10, 5, 0},
	}
	d := Barthel()
	if got := len(d.Items); got != 10 {
		t.Fatalf("items = %d, want 10", got)
	}
	lo, hi := 0, 0
	for _, it := range d.Items {
		var got []int
		for _, o := range it.Options {
			got = append(got, o.Score)
		}
		if !slices.Equal(got, want[it.Code]) {
			t.Errorf("%s scores = %v, want %v", it.Code, got, want[it.Code])
		}
		l, h := it.span()
		lo, hi = lo+l, hi+h
	}
	if lo != 0 || hi != 100 {
		t.Errorf("total range = %d–%d, want 0–100", lo, hi)
	}
}

func TestBarthelTotals(t *testing.T) {
	tp := DefaultTemplate()
	for _, tc := range []struct {
		name   string
		scores []int
		total  int
		band   string
	}{
		{"all independent", []int{10, 5, 5, 10, 10, 10, 10, 15, 15, 10}, 100, BarthelIndependent},
		{"all dependent", []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, BarthelSevere},
		{"stairs only missing", []int{10, 5, 5, 10, 10, 10, 10, 15, 15, 5}, 95, BarthelMild},
		{"mild lower edge", []int{10, 0, 5, 10, 10, 5, 5, 10, 10, 0}, 65, BarthelMild},
		{"moderate upper edge", []int{10, 0, 5, 5, 10, 5, 5, 10, 10, 0}, 60, BarthelModerate},
		{"severe upper edge", []int{10, 0, 0, 5, 5, 5, 5, 5, 5, 0}, 40, BarthelSevere},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := MustScore(t, tp, Subject{Age: 60}, merge(adult(), adlScores(t, tc.scores...)))
			got := r.DimensionScores[1]
			if got.Code != "adl" || got.Score != tc.total || got.Max != 100 {
				t.Fatalf("adl = %+v, want score %d of 100", got, tc.total)
			}
			if b := BarthelBand(got.Score); b != tc.band {
				t.Errorf("BarthelBand(%d) = %s, want %s", got.Score, b, tc.band)
			}
		})
	}
}

func TestBarthelBand(t *testing.T) {
	for total, want := range map[int]string{
		0: BarthelSevere, 40: BarthelSevere, 41: BarthelModerate, 60: BarthelModerate,
		61: BarthelMild, 99: BarthelMild, 100: BarthelIndependent,
	} {
		if got := BarthelBand(total); got != want {
			t.Errorf("BarthelBand(%d) = %s, want %s", total, got, want)
		}
	}
}

// TestBarthelRulesAgree checks that the default template's ADL rules cut the
// total where BarthelBand does.
func TestBarthelRulesAgree(t *testing.T) {
	rule := map[string]string{BarthelSevere: "adl.severe", BarthelModerate: "adl.moderate", BarthelMild: "adl.mild"}
	tp := DefaultTemplate()
	for total := 0; total <= 100; total += 5 {
		e := &env{s: Subject{Age: 60}, dims: map[string]int{"adl": total}, items: map[string]answer{}, classes: map[string]bool{}}
		var fired []string
		for _, r := range tp.Rules {
			if slices.Contains([]string{"adl.severe", "adl.moderate", "adl.mild"}, r.Code) && r.When.eval(e) {
				fired = append(fired, r.Code)
			}
		}
		var want []string
		if w, ok := rule[BarthelBand(total)]; ok {
			want = []string{w}
		}
		if !slices.Equal(fired, want) {
			t.Errorf("ADL %d fires %v, want %v", total, fired, want)
		}
	}
}
