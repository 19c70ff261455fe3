package visit

import (
	"cmp"
	"math"
	"strconv"
	"time"
)

// checkGeofence fires when the check-in, or else the check-out, lies outside
// the fence; when a done visit has no check-in fix at all; and when the
// home has no position, since the place then cannot be verified. A missed
// visit is not checked: it may be reported from anywhere.
func checkGeofence(v *Visit, in *Input, _ Rule, _ time.Time) map[string]string {
	if v.State != Done {
		return nil
	}
	radius := in.RadiusM
	if radius <= 0 { // not set: the middle default rather than a fence of zero
		radius = DefaultRadii.Rural
	}
	facts := map[string]string{"radius_m": whole(radius)}
	if v.CheckIn != nil && v.CheckIn.Reason != "" {
		facts["reason"] = v.CheckIn.Reason
	}
	switch {
	case !in.Home.Valid():
		facts["variant"] = "no_home"
		return facts
	case v.CheckIn == nil || !validFix(v.CheckIn.Pos):
		facts["variant"], facts["no_fix"] = "no_fix", "true"
		return facts
	}
	for _, e := range []*Event{v.CheckIn, v.CheckOut} {
		if e == nil || !validFix(e.Pos) || Inside(*e.Pos, in.Home, radius) {
			continue
		}
		facts["distance_m"] = whole(DistanceM(*e.Pos, in.Home))
		facts["accuracy_m"] = whole(e.Pos.AccuracyM)
		if e.Kind == CheckOut {
			facts["variant"] = "check_out"
			if e.Reason != "" {
				facts["reason"] = e.Reason
			}
		}
		return facts
	}
	return nil
}

// checkOverlap fires when another visit by the worker overlaps this one by
// at least min_overlap_minutes; the largest overlap is reported.
func checkOverlap(v *Visit, in *Input, r Rule, _ time.Time) map[string]string {
	if v.State != Done || v.CheckIn == nil {
		return nil
	}
	self := v.span()
	var worst *Other
	var most time.Duration
	for i := range in.Others {
		o := &in.Others[i]
		if o.OrderID == v.OrderID {
			continue
		}
		ov := minTime(endOf(self), endOf(*o)).Sub(maxTime(self.Start, o.Start))
		if worst == nil || ov > most || (ov == most && o.OrderID < worst.OrderID) {
			worst, most = o, ov
		}
	}
	if worst == nil || most.Minutes() < param(r, "min_overlap_minutes") || most <= 0 {
		return nil
	}
	return map[string]string{"order_id": worst.OrderID, "minutes": whole(most.Minutes())}
}

// checkSpeed fires when getting here from the worker's previous visit, or
// from here to the next, needs more than max_kmh. Only the nearest visit on
// each side counts: farther ones are reached through them.
func checkSpeed(v *Visit, in *Input, r Rule, _ time.Time) map[string]string {
	if v.State != Done || v.CheckIn == nil || !v.CheckIn.Pos.Valid() {
		return nil
	}
	self := v.span()
	out := self // leaving from where the worker checked out, when known
	if v.CheckOut != nil && v.CheckOut.Pos.Valid() {
		out.Pos = v.CheckOut.Pos
	}
	var before, after *Other
	for i := range in.Others {
		o := &in.Others[i]
		switch {
		case o.OrderID == v.OrderID:
		case o.Start.Before(self.Start):
			if before == nil || later(*o, *before) {
				before = o
			}
		default:
			if after == nil || later(*after, *o) {
				after = o
			}
		}
	}
	var facts map[string]string
	fastest := param(r, "max_kmh")
	for _, leg := range []struct{ from, to, other *Other }{{before, &self, before}, {&out, after, after}} {
		if leg.other == nil {
			continue
		}
		if kmh := SpeedKmh(*leg.from, *leg.to); kmh > fastest {
			fastest = kmh
			gap := math.Max(leg.to.Start.Sub(endOf(*leg.from)).Minutes(), 0)
			facts = map[string]string{"order_id": leg.other.OrderID, "kmh": oneDecimal(kmh),
				"km": oneDecimal(DistanceM(*leg.from.Pos, *leg.to.Pos) / 1000), "minutes": whole(gap)}
		}
	}
	return facts
}

// later orders visits by start, then order id, so ties pick the same one.
func later(a, b Other) bool {
	return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.OrderID, b.OrderID)) > 0
}

// checkSameCoordinates fires when other people's visits were checked in at
// exactly these coordinates at least min_visits times: a fix replayed by a
// spoofing app, or visits logged from one place.
func checkSameCoordinates(v *Visit, in *Input, r Rule, _ time.Time) map[string]string {
	if v.CheckIn == nil || float64(in.SameCoordCount) < math.Max(param(r, "min_visits"), 1) {
		return nil
	}
	return map[string]string{"count": strconv.Itoa(in.SameCoordCount)}
}

// checkOver24h fires when this visit and the worker's other visits that
// began on the same day in China add up to more than max_hours.
func checkOver24h(v *Visit, in *Input, r Rule, _ time.Time) map[string]string {
	if v.State != Done || v.CheckIn == nil {
		return nil
	}
	day := localDay(v.CheckIn.DeviceTime)
	total := math.Max(v.Minutes(), 0)
	counted := map[string]bool{v.OrderID: true} // a visit listed twice counts once
	for _, o := range in.Others {
		if counted[o.OrderID] || localDay(o.Start) != day {
			continue
		}
		counted[o.OrderID] = true
		total += endOf(o).Sub(o.Start).Minutes()
	}
	if total <= param(r, "max_hours")*60 {
		return nil
	}
	return map[string]string{"hours": oneDecimal(total / 60)}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
