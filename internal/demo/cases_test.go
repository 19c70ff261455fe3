package demo_test

import (
	"testing"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/demo"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// TestCasesCoverThePackages: the demo's cases are approved through the real
// flow, and their assessments recommend every adult and child package the
// services need to show.
func TestCasesCoverThePackages(t *testing.T) {
	today := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	cases := demo.Cases(demo.Generate(demo.Seed, today), today)
	if len(cases) < 300 || len(cases) > 450 {
		t.Fatalf("%d cases, want about 375", len(cases))
	}
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		db := testdb.Open(t, d, nil)
		if _, loaded, err := demo.LoadFull(t.Context(), db, today); err != nil || !loaded {
			t.Fatalf("LoadFull: loaded %v, %v", loaded, err)
		}
		ctx := store.System(t.Context())
		approved := approval.Approved
		_, total, err := db.Applications(ctx, store.ApplicationFilter{State: &approved, Limit: 1})
		if err != nil || total != len(cases) {
			t.Fatalf("approved applications: %d, %v; want %d", total, err, len(cases))
		}
		packages := map[string]int{}
		for _, c := range cases {
			a, err := db.LatestAssessment(ctx, c.PersonID)
			if err != nil {
				t.Fatal(err)
			}
			packages[a.Result.Package]++
		}
		for _, p := range []string{"care.intensive", "care.regular", "rehab.home", "housekeeping.basic", "child.support", "skills.training"} {
			if packages[p] == 0 {
				t.Errorf("no case with package %s: %v", p, packages)
			}
		}
		// A second load of a filled database adds nothing.
		if _, loaded, err := demo.LoadFull(t.Context(), db, today); err != nil || loaded {
			t.Fatalf("second LoadFull: loaded %v, %v", loaded, err)
		}
	})
}
