package demo

import (
	"time"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// seasonWindows returns the summer-pasture and winter-quarters windows
// (inclusive YYYY-MM-DD) around today: summer 15 April–14 October, winter
// 15 October–14 April, so exactly one of the two is in force on any day.
func seasonWindows(today time.Time) (summer, winter [2]string) {
	y := today.Year()
	if today.Before(time.Date(y, time.April, 15, 0, 0, 0, 0, time.UTC)) {
		y-- // still in the winter that began last October
	}
	d := func(y int, m time.Month, day int) string {
		return time.Date(y, m, day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return [2]string{d(y, time.April, 15), d(y, time.October, 14)},
		[2]string{d(y, time.October, 15), d(y+1, time.April, 14)}
}

// summerPasture picks a pastoral village in the same county as home, other
// than home, preferring the mountain (south) townships; nil if there is none.
func (g *gen) summerPasture(home *village) *village {
	var mountain, other []*village
	for _, v := range g.villages {
		if v.Kind != place.Pastoral || v.Code == home.Code || v.Code[:6] != home.Code[:6] {
			continue
		}
		if v.zone == south {
			mountain = append(mountain, v)
		} else {
			other = append(other, v)
		}
	}
	switch {
	case len(mountain) > 0:
		return pick(g.r, mountain)
	case len(other) > 0:
		return pick(g.r, other)
	}
	return nil
}

// addSeasonalLocations declares winter quarters at the family's home and a
// shared summer camp at another pastoral village for every member.
func (g *gen) addSeasonalLocations(home *village, members []person.Person, lat, lon float64) {
	sv := g.summerPasture(home)
	if sv == nil {
		return
	}
	slat, slon := sv.outline.near(g.r, sv.Lat, sv.Lon, 0.03)
	summer, winter := seasonWindows(g.today)
	for _, p := range members {
		g.ds.Locations = append(g.ds.Locations,
			person.Location{ID: g.newUUID(), PersonID: p.ID, PlaceCode: home.Code, Label: "winter",
				Lat: lat, Lon: lon, ValidFrom: winter[0], ValidTo: winter[1]},
			person.Location{ID: g.newUUID(), PersonID: p.ID, PlaceCode: sv.Code, Label: "summer",
				Lat: slat, Lon: slon, ValidFrom: summer[0], ValidTo: summer[1]})
	}
}
