package visit

import (
	"math"
	"time"
)

// earthRadiusM is the mean Earth radius (IUGG), good to about 0.5 % for
// haversine distances, far finer than phone GPS.
const earthRadiusM = 6_371_008.8

// DistanceM returns the great-circle distance between a and b in metres.
func DistanceM(a, b Position) float64 {
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusM * math.Asin(math.Sqrt(math.Min(1, h)))
}

// Inside reports whether the fix p may lie within radiusM of centre. The
// phone reports how far off its fix may be; p counts as inside when the
// circle of that accuracy touches the fence, so a true visit is not flagged
// for a poor fix in a valley. The benefit is capped at the radius itself:
// otherwise a fix claiming kilometres of error (a cell-tower guess, or a
// spoofed accuracy) would be inside every fence. An invalid fix is outside.
func Inside(p, centre Position, radiusM float64) bool {
	if !p.Valid() || !centre.Valid() {
		return false
	}
	slack := math.Min(math.Max(p.AccuracyM, 0), radiusM)
	return DistanceM(p, centre)-slack <= radiusM
}

// gapKm is the distance below which two visits with no time between them
// are still possible: neighbours in one village.
const gapKm = 1.0

// SpeedKmh returns how fast the worker must have travelled from the earlier
// of a and b (by Start) to the other: the distance between their positions
// over the time from the earlier one's End (its Start when End is zero) to
// the later one's Start. With no time between them it is 0 for neighbours
// within a kilometre and +Inf beyond. It is 0, "not impossible", when either
// position is missing, since nothing can be concluded.
func SpeedKmh(a, b Other) float64 {
	if !a.Pos.Valid() || !b.Pos.Valid() {
		return 0
	}
	if b.Start.Before(a.Start) {
		a, b = b, a
	}
	km := DistanceM(*a.Pos, *b.Pos) / 1000
	gap := b.Start.Sub(endOf(a))
	if gap <= 0 {
		if km > gapKm {
			return math.Inf(1)
		}
		return 0
	}
	return km / gap.Hours()
}

// endOf is when a visit ended, its start when the end is not known.
func endOf(o Other) time.Time {
	if o.End.IsZero() || o.End.Before(o.Start) {
		return o.Start
	}
	return o.End
}
