package match

import (
	"math"

	"jiuzhu/internal/match/mcf"
	"jiuzhu/internal/place"
)

// Cost points: the integer unit of every cost, so the optimum is exact.
const (
	// ContinuityCost is added when the worker is not the one who serves the
	// unit now: a change of face costs about 20 km of rural road.
	ContinuityCost = 200
	// UnassignedPenalty is the cost of leaving a demand open, far above any
	// real assignment, so a demand stays open only when no worker can take it.
	UnassignedPenalty = 100000
	// DefaultK is how many cheapest feasible workers each demand keeps as
	// candidates.
	DefaultK = 50
)

// roadFactor turns straight-line distance into road distance by the
// village's setting: pastoral tracks wind the most.
func roadFactor(k place.Kind) float64 {
	switch k {
	case place.Urban:
		return 1.3
	case place.Pastoral:
		return 2.0
	}
	return 1.5
}

// CostParts are the parts of the cost of one assignment, in cost points.
type CostParts struct {
	Travel     int64 `json:"travel"`     // road km × 10
	Continuity int64 `json:"continuity"` // 0 when the current worker keeps the unit
	Rating     int64 `json:"rating"`     // (500 − rating) / 5
	Load       int64 `json:"load"`       // the worker's capacity tier this unit falls in
}

// Total is the sum of the parts.
func (c CostParts) Total() int64 { return c.Travel + c.Continuity + c.Rating + c.Load }

// Costs returns the parts of assigning w to d, without load, which depends
// on the whole assignment.
func Costs(d *Demand, w *Worker) CostParts {
	km := Haversine(d.Lat, d.Lon, w.Lat, w.Lon) * roadFactor(d.Kind)
	c := CostParts{Travel: int64(math.Round(km * 10)), Rating: int64((500 - clamp(w.Rating, 0, 500)) / 5)}
	if d.CurrentWorker != w.ID {
		c.Continuity = ContinuityCost
	}
	return c
}

// Haversine returns the great-circle distance in km.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Penalty is the cost of leaving d open; people in the most severe tiers
// weigh more, so when capacity is short they are served first.
func Penalty(d *Demand) int64 {
	switch d.Tier {
	case 1:
		return UnassignedPenalty + 50000
	case 2:
		return UnassignedPenalty + 20000
	}
	return UnassignedPenalty
}

// Load tiers: the first 60 % of a worker's weekly capacity is free, the
// next 25 % costs 30 points a unit and the last 15 % 80, so work spreads
// across workers while the problem stays a min-cost flow (convex costs).
var loadTiers = []struct {
	upto int // percent of capacity, cumulative
	cost int64
}{{60, 0}, {85, 30}, {100, 80}}

// TierCost returns the marginal load cost of a worker's unit number n
// (0-based) out of capacity.
func TierCost(capacity, n int) int64 {
	for _, t := range loadTiers {
		if n < (capacity*t.upto+99)/100 {
			return t.cost
		}
	}
	return loadTiers[len(loadTiers)-1].cost
}

// Tiers returns the capacity tiers of a worker whose first used units are
// already taken: what is left, cheapest first, summing to capacity − used.
func Tiers(capacity, used int) []mcf.Tier {
	var out []mcf.Tier
	for n := used; n < capacity; n++ {
		c := TierCost(capacity, n)
		if len(out) > 0 && out[len(out)-1].Cost == c {
			out[len(out)-1].Cap++
			continue
		}
		out = append(out, mcf.Tier{Cap: 1, Cost: c})
	}
	return out
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
