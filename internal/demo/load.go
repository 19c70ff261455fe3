package demo

import (
	"context"
	"fmt"
	"sort"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/place"
	"jiuzhu/internal/store"
)

// Password is shared by every demo account. Demo accounts exist only where
// Load created them.
const Password = "jiuzhu-demo"

// Seed is the seed of the shipped demo dataset.
const Seed = 2930

// Account is one demo login.
type Account struct {
	Username string
	Role     auth.Role
	Place    string // place code of the account's scope
}

// Load fills an empty database with the demo dataset and one account per
// role, and returns the accounts. On a database that already holds person
// files it changes nothing and returns loaded=false.
func Load(ctx context.Context, db *store.DB, today time.Time) (accounts []Account, loaded bool, err error) {
	ctx = store.System(ctx)
	has, err := db.HasPersons(ctx)
	if err != nil || has {
		return Accounts(Generate(Seed, today)), false, err
	}
	d := Generate(Seed, today)
	ps := append([]place.Place{place.Xinjiang, place.Changji}, place.ChangjiCounties...)
	ps = append(ps, d.Places...)
	if err := db.Import(ctx, &store.Dataset{Places: ps, Households: d.Households, Persons: d.Persons, Locations: d.Locations}, "demo.load"); err != nil {
		return nil, false, fmt.Errorf("demo: import: %w", err)
	}
	accounts = Accounts(d)
	for _, a := range accounts {
		u := &auth.User{Username: a.Username, DisplayName: a.Username, Role: a.Role, PlaceCode: a.Place}
		if _, err := db.PutUser(ctx, u, Password, true); err != nil {
			return nil, false, fmt.Errorf("demo: user %s: %w", a.Username, err)
		}
	}
	// The resource library, with the provider accounts linked to it.
	if err := loadProviders(ctx, db, d, today); err != nil {
		return nil, false, err
	}
	return accounts, true, nil
}

// Accounts lists the demo accounts for a dataset: one per role, spread over
// places. The village worker works in the Changji City village with the most
// people, so the demo shows a full village.
func Accounts(d *Dataset) []Account {
	count := map[string]int{}
	for _, p := range d.Persons {
		if p.PlaceCode[:6] == "652301" {
			count[p.PlaceCode]++
		}
	}
	villages := make([]string, 0, len(count))
	for v := range count {
		villages = append(villages, v)
	}
	sort.Slice(villages, func(i, j int) bool {
		if count[villages[i]] != count[villages[j]] {
			return count[villages[i]] > count[villages[j]]
		}
		return villages[i] < villages[j]
	})
	village := "652301001001"
	if len(villages) > 0 {
		village = villages[0]
	}
	return []Account{
		{"admin", auth.PrefectureAdmin, "652300"},
		{"county", auth.CountyReviewer, "652301"},
		{"county_mori", auth.CountyReviewer, "652328"},
		{"township", auth.TownshipOfficer, village[:9]},
		{"village", auth.VillageWorker, village},
		{"liaison", auth.DepartmentLiaison, "652300"},
		{"provider", auth.ProviderAdmin, "652301"},
		{"worker", auth.ServiceWorker, "652301"},
		{"assessor", auth.Assessor, "652300"},
		{"evaluator", auth.Evaluator, "652300"},
		{"auditor", auth.Auditor, "652300"},
		{"resident", auth.Resident, village},
	}
}
