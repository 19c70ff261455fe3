package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// countyWeight is each county's share of the people under assistance.
var countyWeight = map[string]float64{"652301": 0.23, "652302": 0.10, "652323": 0.12, "652324": 0.13,
	"652325": 0.20, "652327": 0.10, "652328": 0.12}

// kindWeight makes town communities denser than villages, pastoral ones sparser.
var kindWeight = map[place.Kind]float64{place.Urban: 1.4, place.Rural: 1.0, place.Pastoral: 0.8}

// ethnicWeights are the household ethnicity odds per village kind, in the
// order of person.Ethnicities: han, hui, kazakh, uyghur, mongol, kyrgyz, xibe, other.
var ethnicWeights = map[place.Kind][]float64{
	place.Urban:    {63, 17, 4, 12, 1, 0, 1, 2},
	place.Rural:    {71, 17, 3, 7, 1, 0, 1, 1},
	place.Pastoral: {25, 6, 61, 4, 2, 1, 0, 1},
}

// homeRadius is how far, in degrees, a home may lie from its village centre.
var homeRadius = map[place.Kind]float64{place.Urban: 0.004, place.Rural: 0.015, place.Pastoral: 0.03}

// genPeople creates households until exactly AssistedTarget people are under
// assistance. Non-assisted relatives and carers come on top.
func (g *gen) genPeople() {
	villageCum := g.villageWeights()
	kindCum := cumulative(hhWeights)
	for left := AssistedTarget; left > 0; {
		v := g.villages[pickWeighted(g.r, villageCum)]
		ms := g.members(hhKind(pickWeighted(g.r, kindCum)))
		if assisted(ms) > left { // top up the last few with single 低保 households
			ms = []member{{rel: "head", age: 50 + g.r.IntN(30), sex: g.sex(55), cats: []person.Category{person.MinimumLiving}, guardian: -1}}
		}
		left -= assisted(ms)
		g.addHousehold(v, ms)
	}
}

// villageWeights returns cumulative household odds over g.villages.
func (g *gen) villageWeights() []float64 {
	perCounty := map[string]int{}
	for _, v := range g.villages {
		perCounty[v.Code[:6]]++
	}
	w := make([]float64, len(g.villages))
	for i, v := range g.villages {
		w[i] = countyWeight[v.Code[:6]] / float64(perCounty[v.Code[:6]]) * kindWeight[v.Kind]
	}
	return cumulative(w)
}

func cumulative[N int | float64](w []N) []float64 {
	c := make([]float64, len(w))
	sum := 0.0
	for i, x := range w {
		sum += float64(x)
		c[i] = sum
	}
	return c
}

// pickWeighted returns an index drawn with the odds encoded in cum.
func pickWeighted(r *rand.Rand, cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	return sort.SearchFloat64s(cum, x)
}

// ethnicity draws a household's ethnicity; Mori is a Kazakh autonomous county.
func (g *gen) ethnicity(v *village) string {
	w := append([]float64(nil), ethnicWeights[v.Kind]...)
	if v.Code[:6] == "652328" {
		w[2] *= 2
	}
	return person.Ethnicities[pickWeighted(g.r, cumulative(w))]
}

// addHousehold turns members into a household with persons and, for herding
// families, their winter and summer locations.
func (g *gen) addHousehold(v *village, ms []member) {
	hh := person.Household{ID: g.newUUID(), PlaceCode: v.Code, Address: g.address(v)}
	lat, lon := v.outline.near(g.r, v.Lat, v.Lon, homeRadius[v.Kind])
	eth := g.ethnicity(v)
	fam := g.newFamilyNames(eth)
	first := len(g.ds.Persons)
	for _, m := range ms {
		p := g.newPerson(v, eth, m, fam.name(g, m))
		p.HouseholdID, p.Relation, p.Address, p.Lat, p.Lon = hh.ID, m.rel, hh.Address, lat, lon
		g.ds.Persons = append(g.ds.Persons, p)
	}
	for i, m := range ms {
		if m.guardian >= 0 {
			g.ds.Persons[first+i].GuardianID = g.ds.Persons[first+m.guardian].ID
		}
	}
	g.ds.Households = append(g.ds.Households, hh)
	if v.Kind == place.Pastoral && g.pct(herdingPct(eth, ms)) {
		g.addSeasonalLocations(v, g.ds.Persons[first:], lat, lon)
	}
}

// herdingPct is the chance that a pastoral household still moves with its
// herds: most Kazakh and Mongol families do, a lone 80-year-old seldom.
func herdingPct(eth string, ms []member) int {
	switch {
	case len(ms) == 1 && ms[0].age >= 80:
		return 35
	case eth == "kazakh" || eth == "kyrgyz" || eth == "mongol":
		return 70
	}
	return 45
}

// address is the village name and a house number in the local style.
func (g *gen) address(v *village) string {
	switch v.Kind {
	case place.Urban:
		return fmt.Sprintf("%s%d号楼%d单元%d室", v.Name, 1+g.r.IntN(30), 1+g.r.IntN(4), (1+g.r.IntN(6))*100+1+g.r.IntN(4))
	case place.Pastoral:
		return fmt.Sprintf("%s%d号", v.Name, 1+g.r.IntN(80))
	}
	return fmt.Sprintf("%s%d组%d号", v.Name, 1+g.r.IntN(8), 1+g.r.IntN(120))
}
