// Package demo builds a deterministic synthetic dataset for Changji: its
// townships and villages, and about 3,000 people under assistance in their
// households, with the seasonal locations of herding families. Everyone in it
// is invented; resident ID numbers are valid in form but belong to no one.
//
// The county outlines used to place villages (changji_counties.geojson) are
// coarse, unapproved maps, for development and demo use only.
package demo

import (
	"math/rand/v2"
	"time"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// Dataset is a generated demo dataset. The region, prefecture and counties
// are not in Places: they are place.Xinjiang, place.Changji and
// place.ChangjiCounties. Version and timestamps are left zero for the loader.
type Dataset struct {
	Places     []place.Place      // townships and villages, each township before its villages
	Households []person.Household //
	Persons    []person.Person    // household heads first within each household
	Locations  []person.Location  // declared seasonal locations of herders
}

// AssistedTarget is the number of people under assistance Generate creates,
// the pilot's coverage rounded up (SPEC: 2,930 people).
const AssistedTarget = 3000

// gen carries the state of one generation run.
type gen struct {
	r        *rand.Rand
	today    time.Time
	ds       *Dataset
	villages []*village
	usedIDs  map[string]bool // resident ID numbers handed out
}

// Generate builds the dataset from seed; the same seed gives byte-identical
// output. today is the reference date for ages and location windows: pass a
// fixed date for reproducible output.
func Generate(seed int64, today time.Time) *Dataset {
	g := &gen{
		// The second PCG word is a fixed odd constant; the seed alone selects the stream.
		r:       rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		today:   time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC),
		ds:      &Dataset{},
		usedIDs: map[string]bool{},
	}
	g.genPlaces()
	g.genPeople()
	return g.ds
}
