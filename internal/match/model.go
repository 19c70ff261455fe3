package match

import (
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// Demand is one weekly unit of a plan item of a person: what the engine
// assigns to a worker.
type Demand struct {
	PlanItemID string
	Unit       int // 0 … weekly units − 1
	PersonID   string
	Village    string // 12-digit place code
	PlaceName  string // for reasons shown to people
	Kind       place.Kind
	Lat, Lon   float64

	Language         string // person.Languages code
	LanguageRequired bool
	CaregiverGender  person.Sex // "" = no wish
	Halal            bool

	Item        string   // catalogue item code
	WorkerKinds []string // who may give the item (first one names it in reasons)
	Cert        string   // certification the item needs, "" = none
	Food        bool     // halal rules apply

	CurrentWorker string   // continuity: the worker who serves this unit now
	Declined      []string // workers who declined this unit: never proposed again
	Tier          int      // assessment tier, 1 = most in need; 0 = unknown
}

// Worker is a provider's worker as matching sees it.
type Worker struct {
	ID            string
	Name          string
	ProviderID    string
	Kind          string
	Active        bool // the worker and its provider are both active
	ProviderHalal bool
	Items         []string
	Coverage      []string // place subtree roots
	Capacity      int      // units per week
	Remaining     int      // capacity not taken by assignments outside the run
	Languages     []string
	Sex           person.Sex
	Certs         map[string]string // cert → expires YYYY-MM-DD, valid through that day
	Lat, Lon      float64
	Rating        int // 0–500
}

func (w *Worker) offers(item string) bool { return contains(w.Items, item) }

func (w *Worker) covers(village string) bool {
	for _, c := range w.Coverage {
		if place.Contains(c, village) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
