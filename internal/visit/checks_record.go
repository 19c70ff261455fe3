package visit

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"
)

// checkShort fires when a done visit lasted less than min_share of the
// planned minutes. Minutes are shown whole, rounded down, so the number
// shown is never above the limit it fell short of.
func checkShort(v *Visit, in *Input, r Rule, _ time.Time) map[string]string {
	if v.State != Done || in.PlannedMinutes <= 0 {
		return nil
	}
	least := param(r, "min_share") * float64(in.PlannedMinutes)
	if m := v.Minutes(); m < least {
		return map[string]string{"minutes": strconv.Itoa(int(math.Floor(m))),
			"planned": strconv.Itoa(in.PlannedMinutes), "min_minutes": whole(least)}
	}
	return nil
}

// checkPhotoReuse fires when another visit holds the same photo, or one
// within max_distance bits by perceptual hash; the closest is reported.
func checkPhotoReuse(v *Visit, in *Input, r Rule, _ time.Time) map[string]string {
	for _, m := range sortedMatches(in.PhotoMatches) {
		if m.OrderID == v.OrderID || !(m.Exact || float64(m.Distance) <= param(r, "max_distance")) {
			continue
		}
		return map[string]string{"order_id": m.OrderID, "sha": m.SHA[:min(len(m.SHA), 8)],
			"exact": strconv.FormatBool(m.Exact), "distance": strconv.Itoa(m.Distance)}
	}
	return nil
}

// sortedMatches returns the matches worth reporting first: exact ones, then
// the nearest, then by order id.
func sortedMatches(ms []PhotoMatch) []PhotoMatch {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b PhotoMatch) int {
		if a.Exact != b.Exact {
			if a.Exact {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Distance, b.Distance), cmp.Compare(a.OrderID, b.OrderID), cmp.Compare(a.SHA, b.SHA))
	})
	return ms
}

// checkNoConfirm fires when a done visit has no confirmation, one the person
// could not give (reason: theirs), or a one-time code the server found wrong
// (reason: code_wrong). A signature is taken as given; its image is kept.
func checkNoConfirm(v *Visit, _ *Input, _ Rule, _ time.Time) map[string]string {
	if v.State != Done {
		return nil
	}
	c := v.Confirmation
	switch {
	case c == nil:
		return map[string]string{"reason": "missing"}
	case c.Method == NoConfirm:
		return map[string]string{"reason": cmp.Or(c.Reason, "none")}
	case c.Method == ByCode && !c.CodeOK:
		return map[string]string{"reason": "code_wrong"}
	}
	return nil
}

// checkClockSkew fires on a device clock that is plainly wrong. What it can
// detect:
//
//   - a clock ahead: an event made more than max_minutes after the server
//     received it (variant "ahead"), which no true clock can show;
//   - a clock far behind: the visit started (check-in or missed report) more
//     than a day before the order's scheduled day, Input.Day (variant
//     "behind").
//
// What it cannot: a clock behind by less than that, since an event synced
// late after a day offline has ReceivedAt far after DeviceTime in just the
// same way. A clock moved back between check-in and check-out shows as a
// short or negative visit instead (short_visit).
func checkClockSkew(v *Visit, in *Input, r Rule, now time.Time) map[string]string {
	limit := time.Duration(param(r, "max_minutes") * float64(time.Minute))
	var ahead time.Duration
	for _, e := range []*Event{v.CheckIn, v.CheckOut, v.Missed, v.Confirmation} {
		if e == nil {
			continue
		}
		received := e.ReceivedAt
		if received.IsZero() {
			received = now
		}
		ahead = max(ahead, e.DeviceTime.Sub(received))
	}
	if ahead > limit {
		return map[string]string{"variant": "ahead", "minutes": whole(ahead.Minutes())}
	}
	start := v.CheckIn
	if start == nil {
		start = v.Missed
	}
	if start == nil || in.Day.IsZero() {
		return nil
	}
	y, m, d := in.Day.Date() // a date, whatever zone the store read it in
	if behind := time.Date(y, m, d, 0, 0, 0, 0, china).Sub(start.DeviceTime); behind > 24*time.Hour {
		return map[string]string{"variant": "behind", "minutes": whole(behind.Minutes())}
	}
	return nil
}

// checkInHospital fires when a done visit began on a day the person was in
// hospital. Feeds give dates, so the admission day counts and the discharge
// day does not: the person may be home by the visit.
func checkInHospital(v *Visit, in *Input, _ Rule, _ time.Time) map[string]string {
	start, ok := startOf(v)
	if v.State != Done || !ok {
		return nil
	}
	day := localDay(start)
	for _, s := range in.Hospital {
		if civil(s.From) <= day && (s.To.IsZero() || day < civil(s.To)) {
			to := ""
			if !s.To.IsZero() {
				to = date(s.To)
			}
			return map[string]string{"from": date(s.From), "to": to}
		}
	}
	return nil
}

// checkAfterDeath fires when a visit, done or missed, began on or after the
// day a death was reported, except a missed visit that reports the death.
func checkAfterDeath(v *Visit, in *Input, _ Rule, _ time.Time) map[string]string {
	start, ok := startOf(v)
	if in.DiedOn.IsZero() || !ok || (v.Missed != nil && v.Missed.Reason == "deceased") {
		return nil
	}
	if localDay(start) < civil(in.DiedOn) {
		return nil
	}
	return map[string]string{"died_on": date(in.DiedOn)}
}
