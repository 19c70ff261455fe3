package place

import "testing"

func TestLevelsAndScopes(t *testing.T) {
	for _, tc := range []struct {
		code   string
		level  Level
		prefix string
		parent string
	}{
		{"650000", Region, "65", ""},
		{"652300", Prefecture, "6523", "650000"},
		{"652328", County, "652328", "652300"},
		{"652328101", Township, "652328101", "652328"},
		{"652328101001", Village, "652328101001", "652328101"},
	} {
		lvl, err := LevelOf(tc.code)
		if err != nil || lvl != tc.level {
			t.Errorf("LevelOf(%s) = %v, %v; want %v", tc.code, lvl, err, tc.level)
		}
		if got := Prefix(tc.code); got != tc.prefix {
			t.Errorf("Prefix(%s) = %s, want %s", tc.code, got, tc.prefix)
		}
		if got := ParentCode(tc.code); got != tc.parent {
			t.Errorf("ParentCode(%s) = %s, want %s", tc.code, got, tc.parent)
		}
	}
	for _, bad := range []string{"", "6523", "65230A", "6523011", "6523010010011"} {
		if _, err := LevelOf(bad); err == nil {
			t.Errorf("LevelOf(%q) accepted", bad)
		}
	}
}

func TestContainsAndRange(t *testing.T) {
	for _, tc := range []struct {
		scope, code string
		want        bool
	}{
		{"652300", "652301001001", true},
		{"652301", "652301001001", true},
		{"652301", "652302001001", false},
		{"652301001", "652301001201", true},
		{"652301001", "652301002001", false},
		{"652301001001", "652301001001", true},
		{"652301001001", "652301001002", false},
		{"650000", "652328101001", true},
		{"", "652328101001", true},
	} {
		if got := Contains(tc.scope, tc.code); got != tc.want {
			t.Errorf("Contains(%s, %s) = %v", tc.scope, tc.code, got)
		}
		if tc.scope == "" {
			continue
		}
		lo, hi := Range(tc.scope)
		if got := tc.code >= lo && tc.code < hi; got != tc.want {
			t.Errorf("Range(%s) holds %s = %v, want %v", tc.scope, tc.code, got, tc.want)
		}
	}
}

func TestChangjiPlacesValid(t *testing.T) {
	for _, p := range append([]Place{Xinjiang, Changji}, ChangjiCounties...) {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Code, err)
		}
	}
	if len(ChangjiCounties) != 7 {
		t.Fatalf("%d counties, want 7", len(ChangjiCounties))
	}
}
