package visit

import (
	"math"
	"testing"
)

func TestDistanceM(t *testing.T) {
	beijing := Position{Lat: 39.9042, Lon: 116.4074}
	shanghai := Position{Lat: 31.2304, Lon: 121.4737}
	for _, c := range []struct {
		name string
		a, b Position
		want float64 // metres
		tol  float64
	}{
		{"same place", home, home, 0, 0},
		{"a degree of latitude", Position{Lat: 43}, Position{Lat: 44}, 111_195, 1},
		{"Beijing to Shanghai", beijing, shanghai, 1_067_000, 2_000},
		{"across the antimeridian", Position{Lat: 0, Lon: 179.9}, Position{Lat: 0, Lon: -179.9}, 22_239, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DistanceM(c.a, c.b); math.Abs(got-c.want) > c.tol {
				t.Fatalf("DistanceM=%.0f, want %.0f ± %.0f", got, c.want, c.tol)
			}
			if got, want := DistanceM(c.b, c.a), DistanceM(c.a, c.b); got != want {
				t.Fatalf("DistanceM(b, a)=%v, want %v", got, want)
			}
		})
	}
}

func TestInside(t *testing.T) {
	for _, c := range []struct {
		name   string
		p      *Position
		radius float64
		want   bool
	}{
		{"at home", north(0, 5), 200, true},
		{"on the fence", north(199.9, 0), 200, true},
		{"just outside", north(201, 0), 200, false},
		{"outside, but the fix allows it", north(349.9, 150), 200, true},
		{"outside, even allowing for the fix", north(350, 149), 200, false},
		{"a kilometre off, accuracy capped at the radius", north(1000, 5000), 200, false},
		{"within twice the radius, very poor fix", north(399, 5000), 200, true},
		{"negative accuracy gives nothing", north(250, -100), 200, false},
		{"no fix", &Position{}, 200, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Inside(*c.p, home, c.radius); got != c.want {
				t.Fatalf("Inside=%v, want %v (distance %.0f m)", got, c.want, DistanceM(*c.p, home))
			}
		})
	}
}

func TestSpeedKmh(t *testing.T) {
	o := func(from, to float64, p *Position) Other { return Other{Start: at(from), End: at(to), Pos: p} }
	for _, c := range []struct {
		name string
		a, b Other
		want float64
	}{
		{"60 km in an hour", o(0, 30, north(0, 0)), o(90, 120, north(60_000, 0)), 60},
		{"either order", o(90, 120, north(60_000, 0)), o(0, 30, north(0, 0)), 60},
		{"no end: from the start", o(30, 0, north(0, 0)), o(90, 120, north(60_000, 0)), 60},
		{"no gap, far", o(0, 30, north(0, 0)), o(30, 60, north(1_500, 0)), math.Inf(1)},
		{"no gap, next door", o(0, 30, north(0, 0)), o(20, 60, north(900, 0)), 0},
		{"no fix", o(0, 30, nil), o(31, 60, north(90_000, 0)), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := SpeedKmh(c.a, c.b); math.Abs(got-c.want) > 0.1 && got != c.want {
				t.Fatalf("SpeedKmh=%v, want %v", got, c.want)
			}
		})
	}
}
