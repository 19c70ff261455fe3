package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// figureWant is one expected figure, durations in hours.
type figureWant struct {
	step          approval.State
	count         int
	p50, p90      int
	inTime        int
	urgentOverall bool
}

// TestTurnaround plays applications on a controlled clock, so every step's
// time is known, and checks the percentiles and on-time shares exactly.
func TestTurnaround(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		u, err := e.db.PutUser(store.System(context.Background()),
			&auth.User{Username: "to_mori", Role: auth.TownshipOfficer, PlaceCode: "652328101"}, "correct-horse-1", false)
		if err != nil {
			t.Fatal(err)
		}
		e.users["to_mori"] = u
		type step struct {
			user   string
			action approval.Action
			hours  int // waited before acting
		}
		run := func(app *store.Application, steps []step) {
			t.Helper()
			for _, s := range steps {
				e.clock.Add(time.Duration(s.hours) * time.Hour)
				reason := ""
				if approval.NeedsReason(s.action) {
					reason = "材料不全"
				}
				if app.State == approval.Assessment && s.action == approval.Pass {
					if _, err := e.db.Assess(e.as(s.user), app.PersonID, app.ID, "default", adultAnswers(true)); err != nil {
						t.Fatal(err)
					}
				}
				next, err := e.db.Act(e.as(s.user), app.ID, s.action, reason, app.Version)
				if err != nil {
					t.Fatalf("%s %s: %v", s.user, s.action, err)
				}
				app = next
			}
		}
		// Changji City, normal track (limits 2, 5, 5 and 10 days; 22 in all).
		run(openApp(t, e.db, e.users, "401", false), []step{{"to_1", approval.Accept, 1}, {"to_1", approval.Pass, 24},
			{"cr_changji", approval.Pass, 48}, {"assessor", approval.Pass, 72}})
		run(openApp(t, e.db, e.users, "402", false), []step{{"to_1", approval.Accept, 3}, {"to_1", approval.Pass, 144},
			{"cr_changji", approval.Pass, 24}, {"assessor", approval.Pass, 48}})
		run(openApp(t, e.db, e.users, "403", false), []step{{"to_1", approval.Accept, 50}, {"to_1", approval.Return, 2}})
		e.clock.Add(time.Hour)
		mid := e.clock.Now() // between the two counties' decisions
		e.clock.Add(time.Hour)
		// Mori, urgent track (8 hours a step, 24 in all): township review late.
		p := mustCreate(t, e, newPerson("加急", villageM, idFor("652328", "19400101", "404")))
		n, _, err := e.db.FileNeed(e.as("admin"), need.Filing{PersonID: p.ID, Channel: need.FieldSurvey, Category: need.Care})
		if err != nil {
			t.Fatal(err)
		}
		urgent, err := e.db.OpenApplication(e.as("to_mori"), n.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		run(urgent, []step{{"to_mori", approval.Accept, 2}, {"to_mori", approval.Pass, 9}, {"cr_mori", approval.Reject, 1}})

		changji := []figureWant{
			{approval.Submitted, 3, 3, 50, 2, false},
			{approval.TownshipReview, 3, 24, 144, 2, false},
			{approval.CountyReview, 2, 24, 48, 2, false},
			{approval.Assessment, 2, 48, 72, 2, false},
			{"", 2, 145, 219, 2, false},
		}
		mori := []figureWant{
			{approval.Submitted, 1, 2, 2, 1, true},
			{approval.TownshipReview, 1, 9, 9, 0, true},
			{approval.CountyReview, 1, 1, 1, 1, true},
			{"", 1, 12, 12, 1, true},
		}
		for _, tc := range []struct {
			name string
			user string
			f    store.TurnaroundFilter
			want map[string][]figureWant
		}{
			{"ByCounty", "admin", store.TurnaroundFilter{}, map[string][]figureWant{"652301": changji, "652328": mori}},
			{"ByTownship", "admin", store.TurnaroundFilter{ByTownship: true}, map[string][]figureWant{"652301001": changji, "652328101": mori}},
			{"Scoped", "cr_mori", store.TurnaroundFilter{}, map[string][]figureWant{"652328": mori}},
			{"Before", "admin", store.TurnaroundFilter{To: &mid}, map[string][]figureWant{"652301": changji}},
			{"After", "admin", store.TurnaroundFilter{From: &mid}, map[string][]figureWant{"652328": mori}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := e.db.Turnaround(e.as(tc.user), tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var codes []string
				for _, p := range got {
					codes = append(codes, p.PlaceCode)
					checkFigures(t, p, tc.want[p.PlaceCode])
				}
				if len(codes) != len(tc.want) {
					t.Fatalf("places=%v, want %d: %v", codes, len(tc.want), tc.want)
				}
				if !slices.IsSorted(codes) {
					t.Errorf("places=%v, want code order", codes)
				}
			})
		}

		t.Run("Forbidden", func(t *testing.T) {
			if _, err := e.db.Turnaround(e.as("worker"), store.TurnaroundFilter{}); errs.CodeOf(err) != errs.Forbidden {
				t.Fatalf("service worker: err=%v, want forbidden", err)
			}
		})
	})
}

func checkFigures(t *testing.T, p store.TurnaroundPlace, want []figureWant) {
	t.Helper()
	got := append(slices.Clone(p.Steps), p.Overall)
	if len(got) != len(want) {
		t.Fatalf("%s: %d figures %+v, want %d", p.PlaceCode, len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		h := func(n int) time.Duration { return time.Duration(n) * time.Hour }
		if g.Step != w.step || g.Count != w.count || g.P50 != h(w.p50) || g.P90 != h(w.p90) || g.InTime != w.inTime {
			t.Errorf("%s %q: count %d p50 %v p90 %v in time %d; want %d %dh %dh %d",
				p.PlaceCode, g.Step, g.Count, g.P50, g.P90, g.InTime, w.count, w.p50, w.p90, w.inTime)
		}
		if want := float64(w.inTime) / float64(w.count); g.Share() != want {
			t.Errorf("%s %q: Share=%v, want %v", p.PlaceCode, g.Step, g.Share(), want)
		}
	}
}
