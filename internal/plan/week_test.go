package plan

import (
	"slices"
	"testing"
	"time"
)

func TestWeeklyUnits(t *testing.T) {
	for _, tc := range []struct{ times, every, want int }{
		{1, 1, 1}, {3, 1, 3}, {1, 2, 1}, {1, 4, 1}, {3, 2, 2}, {0, 1, 0},
	} {
		if got := WeeklyUnits(tc.times, tc.every); got != tc.want {
			t.Errorf("WeeklyUnits(%d, %d) = %d, want %d", tc.times, tc.every, got, tc.want)
		}
	}
}

func TestNextMonday(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC), "2026-11-30"},  // Saturday
		{time.Date(2026, 11, 29, 17, 0, 0, 0, time.UTC), "2026-12-07"}, // Monday 01:00 in Beijing
		{time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "2026-12-07"},  // Monday
	} {
		if got := NextMonday(tc.at).Format(time.DateOnly); got != tc.want {
			t.Errorf("NextMonday(%v) = %s, want %s", tc.at, got, tc.want)
		}
	}
}

func TestDue(t *testing.T) {
	for _, tc := range []struct {
		monday string
		every  int
		want   bool
	}{
		{"2026-11-30", 1, true}, {"2026-12-07", 1, true},
		{"2026-11-30", 2, true}, {"2026-12-07", 2, false}, {"2026-12-14", 2, true},
		{"2026-12-21", 4, false}, {"2026-12-28", 4, true},
		{"2026-11-23", 1, false}, // before the plan
	} {
		if got := Due("2026-11-30", tc.monday, tc.every); got != tc.want {
			t.Errorf("Due(%s, every %d) = %v, want %v", tc.monday, tc.every, got, tc.want)
		}
	}
}

func TestVisitDays(t *testing.T) {
	for times, want := range map[int][]string{
		1: {"2026-12-02"},
		2: {"2026-12-01", "2026-12-03"},
		3: {"2026-11-30", "2026-12-02", "2026-12-04"},
	} {
		if got := VisitDays("2026-11-30", times); !slices.Equal(got, want) {
			t.Errorf("VisitDays(%d) = %v, want %v", times, got, want)
		}
	}
	for n := 1; n <= MaxTimes; n++ {
		days := VisitDays("2026-11-30", n)
		if len(days) != n || !slices.IsSorted(days) || len(slices.Compact(slices.Clone(days))) != n {
			t.Errorf("VisitDays(%d) = %v: want %d distinct days in order", n, days, n)
		}
	}
}

func TestWindowAndNextRun(t *testing.T) {
	from, to, err := Window("2026-12-02", 9*60, 18*60)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := from, time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("window start = %v, want %v", got, want)
	}
	if got, want := to, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("window end = %v, want %v", got, want)
	}
	m, _ := ParseDay("2026-11-30")
	if got, want := NextRun(m), time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("NextRun = %v, want %v (Friday 18:00 Beijing)", got, want)
	}
}

func TestFrequencyValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Frequency
		ok   bool
	}{
		{"weekly", Frequency{1, 1, 540, 1080}, true},
		{"zero times", Frequency{0, 1, 540, 1080}, false},
		{"eight times", Frequency{8, 1, 540, 1080}, false},
		{"every zero", Frequency{1, 0, 540, 1080}, false},
		{"window shorter than the visit", Frequency{1, 1, 540, 560}, false},
		{"window past midnight", Frequency{1, 1, 540, 1500}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.f.Validate(60); (err == nil) != tc.ok {
				t.Fatalf("Validate = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
