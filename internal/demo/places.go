package demo

import (
	"fmt"

	"jiuzhu/internal/place"
)

// village is a generated village with what the person generator needs.
type village struct {
	place.Place
	outline *outline
	zone    zone
}

// pastoralFactor scales the share of pastoral villages: Mori is a Kazakh
// autonomous county, Qitai and Jimsar have large mountain and desert pastures.
var pastoralFactor = map[string]float64{"652328": 1.5, "652325": 1.25, "652327": 1.25}

// villageRadius is how far, in degrees, a village may lie from its
// township's centre: pastoral villages spread far up the valleys.
var villageRadius = map[place.Kind]float64{place.Urban: 0.015, place.Rural: 0.06, place.Pastoral: 0.12}

// zoneBand is the latitude band of a zone, relative to the county seat.
func zoneBand(z zone, seatLat float64) band {
	switch z {
	case plain:
		return band{seatLat - 0.12, seatLat + 0.35}
	case south:
		return band{seatLat - 0.6, seatLat - 0.12}
	case north:
		return band{seatLat + 0.35, seatLat + 0.9}
	}
	return band{}
}

// genPlaces appends every township and village of Changji to the dataset,
// county by county in the order of place.ChangjiCounties.
func (g *gen) genPlaces() {
	for _, c := range place.ChangjiCounties {
		o := countyOutline(c.Code)
		if o == nil {
			panic("demo: no outline for county " + c.Code)
		}
		used := map[string]bool{} // village names, unique within the county
		var taken [][2]float64    // township centroids, kept apart
		for _, t := range countyTowns[c.Code] {
			tp := place.Place{Code: c.Code + t.code, Parent: c.Code, Level: place.Township, Name: t.zh,
				NameEN: t.nameEN(), NameUG: t.nameArabic(uyghur), NameKK: t.nameArabic(kazakh)}
			if t.zone == seat {
				radius := 0.05
				if t.kind != street {
					radius = 0.02
				}
				tp.Lat, tp.Lon = o.near(g.r, c.Lat, c.Lon, radius)
			} else {
				tp.Lat, tp.Lon = o.sampleIn(g.r, zoneBand(t.zone, c.Lat), taken, 0.1)
			}
			taken = append(taken, [2]float64{tp.Lat, tp.Lon})
			g.ds.Places = append(g.ds.Places, tp)
			g.genVillages(c.Code, o, t, tp, used)
		}
	}
}

// genVillages adds the villages of one township. Communities (社区) take codes
// 001 up and villages (村) 201 up, as in the national code tables.
func (g *gen) genVillages(county string, o *outline, t townSpec, tp place.Place, used map[string]bool) {
	n := t.villages + g.r.IntN(2)
	nComm, nVill := 0, 0
	for i := range n {
		kind, community := g.villageKind(county, t, i, n)
		var code string
		if community {
			nComm++
			code = fmt.Sprintf("%s%03d", tp.Code, nComm)
		} else {
			nVill++
			code = fmt.Sprintf("%s%03d", tp.Code, 200+nVill)
		}
		name := newVillageName(g.r, kind, community, used)
		v := place.Place{Code: code, Parent: tp.Code, Level: place.Village, Kind: kind, Name: name.zh, NameEN: name.en}
		// Kazakh-origin names always carry their Arabic spelling; others often do.
		if name.kk != "" && (kind == place.Pastoral || g.r.IntN(100) < 40) {
			v.NameUG, v.NameKK = name.ug, name.kk
		}
		v.Lat, v.Lon = o.near(g.r, tp.Lat, tp.Lon, villageRadius[kind])
		g.ds.Places = append(g.ds.Places, v)
		g.villages = append(g.villages, &village{Place: v, outline: o, zone: t.zone})
	}
}

// villageKind decides the i-th of n villages of a township: its kind, and
// whether it is a 社区 rather than a 村. Only communities in and around a
// county seat are urban; a township's own 社区 is counted as rural.
func (g *gen) villageKind(county string, t townSpec, i, n int) (place.Kind, bool) {
	f := pastoralFactor[county]
	if f == 0 {
		f = 1
	}
	chance := func(p float64) bool { return g.r.Float64() < min(p*f, 0.95) }
	switch {
	case t.kind == street:
		return place.Urban, true
	case t.ranch:
		return place.Pastoral, false
	case t.zone == seat && i < (n*2+4)/5:
		return place.Urban, true
	case t.kind == town && i == 0:
		return place.Rural, true
	case t.ethnic != "" && t.zone == south:
		if chance(0.75) {
			return place.Pastoral, false
		}
	case t.zone == south:
		if chance(0.55) {
			return place.Pastoral, false
		}
	case t.zone == north && t.kind != farm:
		if chance(0.3) {
			return place.Pastoral, false
		}
	default:
		if chance(0.04) {
			return place.Pastoral, false
		}
	}
	return place.Rural, false
}
