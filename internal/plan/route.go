package plan

import (
	"math"
	"slices"
	"strings"
	"time"

	"jiuzhu/internal/place"
)

// Point is a WGS-84 position.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Visit is one stop to route: where, its window and how long it takes.
type Visit struct {
	ID      string
	At      Point
	Kind    place.Kind // the village's setting: road factor and speed of the leg to it
	From    time.Time  // window start
	To      time.Time  // window end: the visit should be over by then
	Service time.Duration
}

// Stop is a visit placed in a route.
type Stop struct {
	ID        string
	Seq       int       // 1-based position
	ETA       time.Time // when the visit starts (arrival, or the window's start)
	DistanceM int       // road distance from the previous stop (or the base)
	TravelS   int       // travel time from the previous stop
	Late      bool      // the visit cannot be over inside its window
}

// Route is a worker's day: the stops in order and totals.
type Route struct {
	Stops     []Stop
	DistanceM int
	TravelS   int
	Late      int           // stops that miss their window
	Lateness  time.Duration // summed time past the windows
}

// roadFactor turns straight-line distance into road distance, and speed is
// the average speed on those roads, by the destination's setting: pastoral
// roads wind and are slow, town streets are short but slow too.
func roadFactor(k place.Kind) float64 {
	switch k {
	case place.Urban:
		return 1.3
	case place.Pastoral:
		return 2.0
	}
	return 1.5
}

func speedKmH(k place.Kind) float64 {
	switch k {
	case place.Urban:
		return 30
	case place.Pastoral:
		return 50
	}
	return 45
}

// HaversineKm is the great-circle distance between a and b in kilometres.
func HaversineKm(a, b Point) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// leg is the road distance (m) and travel time (s) from a to a visit in a
// place of kind k.
func leg(a, b Point, k place.Kind) (m, s int) {
	km := HaversineKm(a, b) * roadFactor(k)
	return int(math.Round(km * 1000)), int(math.Round(km / speedKmH(k) * 3600))
}

// cost orders routes: fewer late stops first, then less lateness, then
// shorter travel, then an earlier finish.
type cost struct {
	late     int
	lateness time.Duration
	distance int
	finish   time.Time
}

func (c cost) less(d cost) bool {
	switch {
	case c.late != d.late:
		return c.late < d.late
	case c.lateness != d.lateness:
		return c.lateness < d.lateness
	case c.distance != d.distance:
		return c.distance < d.distance
	}
	return c.finish.Before(d.finish)
}

// evaluate walks the visits in order from base, leaving at start; a worker
// who arrives early waits for the window.
func evaluate(base Point, start time.Time, vs []Visit, order []int) (Route, cost) {
	r := Route{Stops: make([]Stop, 0, len(order))}
	pos, t := base, start
	for i, idx := range order {
		v := vs[idx]
		m, s := leg(pos, v.At, v.Kind)
		t = t.Add(time.Duration(s) * time.Second)
		if t.Before(v.From) {
			t = v.From
		}
		st := Stop{ID: v.ID, Seq: i + 1, ETA: t, DistanceM: m, TravelS: s}
		if over := t.Add(v.Service).Sub(v.To); over > 0 {
			st.Late = true
			r.Late++
			r.Lateness += over
		}
		r.Stops = append(r.Stops, st)
		r.DistanceM += m
		r.TravelS += s
		t = t.Add(v.Service)
		pos = v.At
	}
	return r, cost{r.Late, r.Lateness, r.DistanceM, t}
}

// Schedule orders a worker's visits of one day into a route from base,
// leaving at start: cheapest insertion builds it, then 2-opt and or-opt
// moves improve it while they lower the cost. Visits that cannot fit their
// window are still placed, flagged late. The same input gives the same route.
func Schedule(base Point, start time.Time, vs []Visit) Route {
	order := Construct(base, start, vs)
	order = Improve(base, start, vs, order)
	r, c := evaluate(base, start, vs, order)
	if c.late > 0 && len(vs) <= exactUpTo {
		// A short day that still misses a window: search every order, so
		// a day that can keep all windows does.
		if best, bc := exact(base, start, vs); bc.less(c) {
			r, _ = evaluate(base, start, vs, best)
		}
	}
	return r
}

// exactUpTo is the longest day searched exhaustively (7! orders).
const exactUpTo = 7

// exact returns the best order of all permutations of vs.
func exact(base Point, start time.Time, vs []Visit) ([]int, cost) {
	perm := make([]int, len(vs))
	for i := range perm {
		perm[i] = i
	}
	var best []int
	var bestCost cost
	var walk func(k int)
	walk = func(k int) {
		if k == len(perm) {
			if _, c := evaluate(base, start, vs, perm); best == nil || c.less(bestCost) {
				best, bestCost = append([]int(nil), perm...), c
			}
			return
		}
		for i := k; i < len(perm); i++ {
			perm[k], perm[i] = perm[i], perm[k]
			walk(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	walk(0)
	return best, bestCost
}

// Construct builds a visiting order by cheapest insertion: visits are taken
// by window end (ties by id) and each goes where the route's cost grows least.
func Construct(base Point, start time.Time, vs []Visit) []int {
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := vs[a].To.Compare(vs[b].To); c != 0 {
			return c
		}
		return strings.Compare(vs[a].ID, vs[b].ID)
	})
	order := make([]int, 0, len(vs))
	for _, v := range idx {
		best, bestCost := 0, cost{}
		for pos := 0; pos <= len(order); pos++ {
			try := insertAt(order, pos, v)
			_, c := evaluate(base, start, vs, try)
			if pos == 0 || c.less(bestCost) {
				best, bestCost = pos, c
			}
		}
		order = insertAt(order, best, v)
	}
	return order
}

// Improve applies the first improving 2-opt (reverse a segment) or or-opt
// (move a run of up to three stops) move until none is left. It never makes
// the route worse.
func Improve(base Point, start time.Time, vs []Visit, order []int) []int {
	order = append([]int(nil), order...)
	_, cur := evaluate(base, start, vs, order)
	n := len(order)
	for improved := true; improved; {
		improved = false
		for i := 0; i < n-1 && !improved; i++ {
			for j := i + 1; j < n && !improved; j++ {
				try := append([]int(nil), order...)
				for a, b := i, j; a < b; a, b = a+1, b-1 {
					try[a], try[b] = try[b], try[a]
				}
				if _, c := evaluate(base, start, vs, try); c.less(cur) {
					order, cur, improved = try, c, true
				}
			}
		}
		for l := 1; l <= 3 && !improved; l++ {
			for i := 0; i+l <= n && !improved; i++ {
				seg := order[i : i+l]
				rest := append(append([]int(nil), order[:i]...), order[i+l:]...)
				for p := 0; p <= len(rest) && !improved; p++ {
					if p == i {
						continue
					}
					try := append(append(append([]int(nil), rest[:p]...), seg...), rest[p:]...)
					if _, c := evaluate(base, start, vs, try); c.less(cur) {
						order, cur, improved = try, c, true
					}
				}
			}
		}
	}
	return order
}

// Evaluate returns the route that visits vs in the given order.
func Evaluate(base Point, start time.Time, vs []Visit, order []int) Route {
	r, _ := evaluate(base, start, vs, order)
	return r
}

func insertAt(order []int, pos, v int) []int {
	out := make([]int, 0, len(order)+1)
	out = append(out, order[:pos]...)
	out = append(out, v)
	return append(out, order[pos:]...)
}
