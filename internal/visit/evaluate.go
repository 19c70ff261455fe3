package visit

import (
	"math"
	"strconv"
	"time"
)

// Evaluate verifies a visit against rules. A visit still planned or in
// progress, or with a conflict not yet resolved, is Pending: its record is
// not final. Otherwise every enabled rule with a known code runs, and the
// visit is Verified when none fires, Rejected when a firing rule has
// SevReject, and Flagged otherwise. Flags come in the order of rules, each
// with the facts that made it fire as plain strings; a rule fires at most
// once. now stands in for the ReceivedAt of an event not yet stored.
func Evaluate(v *Visit, in Input, rules []Rule, now time.Time) (Outcome, []Flag) {
	flags := []Flag{}
	if (v.State != Done && v.State != NotDone) || len(v.Conflicts) > 0 {
		return Pending, flags
	}
	out := Verified
	for _, r := range rules {
		fn := checks[r.Code]
		if !r.Enabled || fn == nil {
			continue
		}
		facts := fn(v, &in, r, now)
		if facts == nil {
			continue
		}
		flags = append(flags, Flag{Rule: r.Code, Severity: r.Severity, Facts: facts})
		if r.Severity == SevReject {
			out = Rejected
		} else if out != Rejected {
			out = Flagged
		}
	}
	return out, flags
}

// A check returns the facts of a firing rule, nil when it does not fire.
type check func(v *Visit, in *Input, r Rule, now time.Time) map[string]string

var checks = map[string]check{
	RuleGeofence:        checkGeofence,
	RuleShort:           checkShort,
	RuleOverlap:         checkOverlap,
	RuleSpeed:           checkSpeed,
	RulePhotoReuse:      checkPhotoReuse,
	RuleNoConfirm:       checkNoConfirm,
	RuleSameCoordinates: checkSameCoordinates,
	RuleClockSkew:       checkClockSkew,
	RuleOver24h:         checkOver24h,
	RuleInHospital:      checkInHospital,
	RuleAfterDeath:      checkAfterDeath,
}

// china is the time zone days are counted in. China has kept UTC+8 without
// daylight saving since 1991, so a fixed zone needs no tz database.
var china = time.FixedZone("CST", 8*3600)

// startOf is when the visit began by the device: its check-in, else its
// check-out, else the missed report.
func startOf(v *Visit) (time.Time, bool) {
	for _, e := range []*Event{v.CheckIn, v.CheckOut, v.Missed} {
		if e != nil {
			return e.DeviceTime, true
		}
	}
	return time.Time{}, false
}

// span is this visit as an Other, positioned where it began.
func (v *Visit) span() Other {
	o := Other{OrderID: v.OrderID, Start: v.CheckIn.DeviceTime, Pos: v.CheckIn.Pos}
	if v.CheckOut != nil {
		o.End = v.CheckOut.DeviceTime
	}
	return o
}

// civil numbers a calendar date as yyyymmdd in t's own location: feeds give
// dates, whatever zone the store reads them in.
func civil(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// localDay is the civil date of an instant in China.
func localDay(t time.Time) int { return civil(t.In(china)) }

func date(t time.Time) string { return t.Format(time.DateOnly) }

func whole(f float64) string { return strconv.Itoa(int(math.Round(f))) }

func oneDecimal(f float64) string {
	if math.IsInf(f, 1) {
		return "∞"
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}
