package match

import (
	"fmt"
	"math/rand/v2"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

const week = "2026-11-30"

// villages of the random instances: two townships of one county, one pastoral.
var testVillages = []struct {
	code     string
	kind     place.Kind
	lat, lon float64
}{
	{"652301001001", place.Urban, 44.01, 87.30},
	{"652301001002", place.Rural, 44.03, 87.25},
	{"652301002001", place.Rural, 44.05, 87.20},
	{"652328101001", place.Pastoral, 43.60, 90.40},
}

var testItems = []string{"care.personal", "care.rehab", "care.meal", "house.cleaning"}

// randomInstance makes n demands and m workers with every constraint in play.
func randomInstance(r *rand.Rand, n, m int) ([]Demand, []Worker) {
	ws := make([]Worker, m)
	for j := range ws {
		capacity := r.IntN(5)
		ws[j] = Worker{
			ID: fmt.Sprintf("w%02d", j), ProviderID: fmt.Sprintf("p%d", j%3), Kind: "social_worker",
			Active: r.IntN(10) > 0, ProviderHalal: j%3 != 2,
			Capacity: capacity, Remaining: capacity - r.IntN(capacity+1)/2,
			Sex: []person.Sex{person.Male, person.Female}[r.IntN(2)], Rating: r.IntN(501),
			Lat: 43.5 + r.Float64(), Lon: 87 + 3*r.Float64(), Certs: map[string]string{},
		}
		for _, it := range testItems {
			if r.IntN(2) == 0 {
				ws[j].Items = append(ws[j].Items, it)
			}
		}
		ws[j].Coverage = []string{[]string{"652301", "652301001", "652301002", "652328", "652300"}[r.IntN(5)]}
		ws[j].Languages = []string{"zh"}
		if r.IntN(2) == 0 {
			ws[j].Languages = append(ws[j].Languages, []string{"ug", "kk"}[r.IntN(2)])
		}
		if r.IntN(2) == 0 {
			ws[j].Certs["rehab_therapist"] = []string{"2026-01-01", "2027-12-31"}[r.IntN(2)]
		}
	}
	ds := make([]Demand, n)
	for i := range ds {
		v := testVillages[r.IntN(len(testVillages))]
		item := testItems[r.IntN(len(testItems))]
		d := Demand{PlanItemID: fmt.Sprintf("pi%02d", i/2), Unit: i % 2, PersonID: fmt.Sprintf("p%02d", i/2),
			Village: v.code, PlaceName: v.code, Kind: v.kind, Lat: v.lat, Lon: v.lon,
			Language: []string{"zh", "ug", "kk"}[r.IntN(3)], LanguageRequired: r.IntN(3) == 0,
			Halal: r.IntN(2) == 0, Item: item, Tier: r.IntN(5)}
		if r.IntN(4) == 0 {
			d.CaregiverGender = person.Female
		}
		switch item {
		case "care.rehab":
			d.Cert, d.WorkerKinds = "rehab_therapist", []string{"therapist"}
		case "care.meal":
			d.Food = true
		}
		if m > 0 && r.IntN(3) == 0 {
			d.CurrentWorker = ws[r.IntN(m)].ID
		}
		if m > 0 && r.IntN(6) == 0 {
			d.Declined = []string{ws[r.IntN(m)].ID}
		}
		ds[i] = d
	}
	return ds, ws
}
