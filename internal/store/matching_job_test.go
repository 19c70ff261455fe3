package store_test

import (
	"context"
	"testing"
	"time"

	"jiuzhu/internal/match"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// TestNewPlanMatchedByJob: an approval made mid-week gets its workers from
// the background job at once, incrementally (the other plans stay as they
// were), and a declined unit goes back to matching and finds another worker.
func TestNewPlanMatchedByJob(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		c := &clock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
		db, err := store.Open(context.Background(), store.Options{URL: testdb.URL(t, d), DataDir: t.TempDir(), Keys: testdb.Keys(t),
			Now: c.Now, JobPoll: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		e := &env{db: db, clock: c, users: seedFixture(t, db)}
		newMatchWorld(t, e)
		p := mustPlan(t, e, approveApp(t, e, "602").PersonID) // intensive care: care.personal 3 a week, …
		personal := itemOf(t, p, "care.personal").ID
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := db.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		sys := store.System(context.Background())
		current := func(item string) map[int]string {
			state := match.Current
			list, _, err := db.Assignments(sys, match.AssignmentFilter{PlanItemID: &item, State: &state, Limit: store.MaxPageSize})
			if err != nil {
				t.Fatal(err)
			}
			out := map[int]string{}
			for _, a := range list {
				out[a.Unit] = a.WorkerID
			}
			return out
		}
		wait := func(what string, ok func() bool) {
			t.Helper()
			for deadline := time.Now().Add(30 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("%s: not within 30 s", what)
				}
			}
		}
		wait("the new plan's care.personal units matched", func() bool { return len(current(personal)) == 3 })
		for _, other := range []string{"pi1", "pi1c", "pi2", "pi3"} {
			if got := current(other); len(got) != 0 {
				t.Fatalf("matching the new plan moved plan item %s: %v", other, got)
			}
		}

		// The provider of unit 0's worker declines it; the job finds another.
		before := current(personal)[0]
		list, _, err := db.Assignments(sys, match.AssignmentFilter{PlanItemID: &personal, WorkerID: &before, Limit: 1})
		if err != nil || len(list) == 0 {
			t.Fatalf("assignment of unit 0: %v, %v", list, err)
		}
		if _, err := db.Decline(providerAdmin(list[0].ProviderID), list[0].ID, match.Decline{ReasonCode: "no_capacity"}); err != nil {
			t.Fatalf("Decline: %v", err)
		}
		wait("the declined unit matched again", func() bool {
			w, ok := current(personal)[0]
			return ok && w != before
		})
	})
}
