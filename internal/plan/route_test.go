package plan

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"jiuzhu/internal/place"
)

var dayStart = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) // 08:00 in Beijing

// randomDay makes n visits around base with random windows of the day.
func randomDay(r *rand.Rand, n int) (Point, []Visit) {
	base := Point{Lat: 44 + r.Float64()*0.2, Lon: 87 + r.Float64()*0.3}
	kinds := []place.Kind{place.Urban, place.Rural, place.Pastoral}
	vs := make([]Visit, n)
	for i := range vs {
		from := dayStart.Add(time.Duration(r.IntN(8*60)) * time.Minute)
		vs[i] = Visit{
			ID:      "v" + strconv.Itoa(i),
			At:      Point{Lat: base.Lat + (r.Float64()-0.5)*0.3, Lon: base.Lon + (r.Float64()-0.5)*0.4},
			Kind:    kinds[r.IntN(3)],
			From:    from,
			To:      from.Add(time.Duration(60+r.IntN(240)) * time.Minute),
			Service: time.Duration(30+r.IntN(60)) * time.Minute,
		}
	}
	return base, vs
}

func TestScheduleVisitsEachOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		base, vs := randomDay(r, r.IntN(12))
		rt := Schedule(base, dayStart, vs)
		var ids []string
		for i, s := range rt.Stops {
			if s.Seq != i+1 {
				t.Fatalf("stop %d has seq %d", i, s.Seq)
			}
			ids = append(ids, s.ID)
		}
		slices.Sort(ids)
		var want []string
		for _, v := range vs {
			want = append(want, v.ID)
		}
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Fatalf("route visits %v, want each of %v once", ids, want)
		}
	}
}

// bestByBruteForce tries every order and returns the fewest late stops.
func bestByBruteForce(base Point, vs []Visit) int {
	perm := make([]int, len(vs))
	for i := range perm {
		perm[i] = i
	}
	best := len(vs) + 1
	var walk func(k int)
	walk = func(k int) {
		if k == len(perm) {
			best = min(best, Evaluate(base, dayStart, vs, perm).Late)
			return
		}
		for i := k; i < len(perm); i++ {
			perm[k], perm[i] = perm[i], perm[k]
			walk(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	walk(0)
	return best
}

func TestScheduleKeepsWindowsWhenPossible(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	feasible := 0
	for range 300 {
		base, vs := randomDay(r, 1+r.IntN(6))
		if bestByBruteForce(base, vs) > 0 {
			continue
		}
		feasible++
		if got := Schedule(base, dayStart, vs); got.Late != 0 {
			t.Fatalf("%d late stops although an order keeping every window exists: %+v", got.Late, vs)
		}
	}
	if feasible < 50 {
		t.Fatalf("only %d feasible instances: the generator is too tight", feasible)
	}
}

func TestImproveNeverWorsens(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		base, vs := randomDay(r, r.IntN(14))
		built := Construct(base, dayStart, vs)
		_, before := evaluate(base, dayStart, vs, built)
		_, after := evaluate(base, dayStart, vs, Improve(base, dayStart, vs, built))
		if before.less(after) {
			t.Fatalf("local search made the route worse: %+v → %+v", before, after)
		}
	}
}

func TestScheduleDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 50 {
		base, vs := randomDay(r, r.IntN(12))
		a, b := Schedule(base, dayStart, vs), Schedule(base, dayStart, slices.Clone(vs))
		if !slices.Equal(a.Stops, b.Stops) || a.DistanceM != b.DistanceM {
			t.Fatalf("two runs differ: %+v vs %+v", a, b)
		}
	}
}

func TestScheduleTotalsAndTravel(t *testing.T) {
	base := Point{Lat: 44.0, Lon: 87.3}
	vs := []Visit{
		{ID: "far", At: Point{Lat: 44.1, Lon: 87.3}, Kind: place.Pastoral, From: dayStart, To: dayStart.Add(10 * time.Hour), Service: time.Hour},
		{ID: "near", At: Point{Lat: 44.05, Lon: 87.3}, Kind: place.Rural, From: dayStart, To: dayStart.Add(10 * time.Hour), Service: time.Hour},
	}
	rt := Schedule(base, dayStart, vs)
	if rt.Stops[0].ID != "near" || rt.Stops[1].ID != "far" {
		t.Fatalf("order = %s, %s; want near then far", rt.Stops[0].ID, rt.Stops[1].ID)
	}
	// 5.56 km straight × 1.5 on rural roads ≈ 8.3 km at 45 km/h ≈ 11 min.
	if m := rt.Stops[0].DistanceM; m < 8200 || m > 8450 {
		t.Errorf("first leg %d m, want ≈ 8340", m)
	}
	if s := rt.Stops[0].TravelS; s < 640 || s > 690 {
		t.Errorf("first leg %d s, want ≈ 667", s)
	}
	if rt.DistanceM != rt.Stops[0].DistanceM+rt.Stops[1].DistanceM || rt.Late != 0 {
		t.Errorf("totals %+v", rt)
	}
	if want := dayStart.Add(time.Duration(rt.Stops[0].TravelS) * time.Second); !rt.Stops[0].ETA.Equal(want) {
		t.Errorf("first ETA %v, want %v", rt.Stops[0].ETA, want)
	}
}
