package plan

import (
	"math"
	"time"
)

// Zone is local time for plans and orders: days, windows and the weekly job
// are in Beijing time.
var Zone = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}()

// Today is t's local date, YYYY-MM-DD.
func Today(t time.Time) string { return t.In(Zone).Format(time.DateOnly) }

// ParseDay reads a YYYY-MM-DD day as local midnight.
func ParseDay(day string) (time.Time, error) { return time.ParseInLocation(time.DateOnly, day, Zone) }

// Monday is the Monday of the local week holding t, as local midnight.
func Monday(t time.Time) time.Time {
	l := t.In(Zone)
	d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, Zone)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// NextMonday is the first Monday after t's local date: a plan approved on a
// Monday starts a week later, so providers get a working week's notice.
func NextMonday(t time.Time) time.Time { return Monday(t).AddDate(0, 0, 7) }

// AddDays returns day shifted by n days.
func AddDays(day string, n int) string {
	t, err := ParseDay(day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// Due reports whether an item of a plan starting on startsOn is due in the
// week of monday: every_weeks counts from the plan's first week.
func Due(startsOn, monday string, everyWeeks int) bool {
	s, err1 := ParseDay(startsOn)
	m, err2 := ParseDay(monday)
	if err1 != nil || err2 != nil || everyWeeks < 1 {
		return false
	}
	days := int(math.Round(m.Sub(Monday(s)).Hours() / 24))
	return days >= 0 && (days/7)%everyWeeks == 0
}

// spread holds, for n visits a week, the weekday offsets from Monday: working
// days first and evenly apart, so 1 → Wed, 2 → Tue/Thu, 3 → Mon/Wed/Fri.
var spread = [][]int{
	1: {2},
	2: {1, 3},
	3: {0, 2, 4},
	4: {0, 1, 3, 4},
	5: {0, 1, 2, 3, 4},
	6: {0, 1, 2, 3, 4, 5},
	7: {0, 1, 2, 3, 4, 5, 6},
}

// VisitDays returns the days of a week's visits of an item made times times
// that week, in order: visit seq goes on VisitDays(...)[seq].
func VisitDays(monday string, times int) []string {
	times = max(0, min(times, MaxTimes))
	out := make([]string, 0, times)
	for _, off := range spread[times] {
		out = append(out, AddDays(monday, off))
	}
	return out
}

// Window returns the UTC start and end of a visit window on a local day,
// from and to being minutes after local midnight.
func Window(day string, from, to int) (start, end time.Time, err error) {
	d, err := ParseDay(day)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return d.Add(time.Duration(from) * time.Minute).UTC(), d.Add(time.Duration(to) * time.Minute).UTC(), nil
}

// NextRun is when the weekly order job runs for the week after monday's:
// Friday 18:00 local of monday's week.
func NextRun(monday time.Time) time.Time {
	m := Monday(monday)
	return time.Date(m.Year(), m.Month(), m.Day()+4, 18, 0, 0, 0, Zone).UTC()
}
