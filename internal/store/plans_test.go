package store_test

import (
	"encoding/json"
	"testing"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// TestPlanCreatedOnApproval: approval makes the plan of the assessed
// package in the same step, starting the next Monday; it is made once.
func TestPlanCreatedOnApproval(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		app := approveApp(t, e, "501")
		p := mustPlan(t, e, app.PersonID)
		if p.Package != "care.intensive" || p.State != plan.Active || p.StartsOn != "2026-11-30" || p.EndsOn != "" || p.ApplicationID != app.ID {
			t.Fatalf("plan = %+v", p)
		}
		want := map[string][2]int{"care.personal": {3, 1}, "care.bathing": {1, 1}, "house.cleaning": {1, 1}, "care.meal": {3, 1}}
		if len(p.Items) != len(want) {
			t.Fatalf("%d items, want %d", len(p.Items), len(want))
		}
		for code, f := range want {
			it := itemOf(t, p, code)
			if it.Times != f[0] || it.EveryWeeks != f[1] || it.Minutes <= 0 || it.WindowFrom != plan.DefaultFrom || it.WindowTo != plan.DefaultTo || !it.Active {
				t.Errorf("%s = %+v", code, it)
			}
		}
		if len(p.History) != 1 || p.History[0].Action != "create" {
			t.Fatalf("history = %+v", p.History)
		}
		if n, err := e.db.CreatePlansForApproved(e.as("admin"), ""); err != nil || n != 0 {
			t.Fatalf("CreatePlansForApproved = %d, %v; want 0: the plan exists", n, err)
		}
		if _, err := e.db.Plan(e.as("cr_mori"), p.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("Mori reviewer reads a Changji plan: %v", err)
		}
		if _, err := e.db.Plan(e.as("assessor"), p.ID); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("assessor reads plans: %v", err)
		}
		list, total, err := e.db.Plans(e.as("to_1"), plan.Filter{})
		if err != nil || total != 1 || list[0].ID != p.ID || list[0].PersonName == "" {
			t.Fatalf("Plans = %v, %d, %v", list, total, err)
		}
	})
}

// TestCreatePlansForApproved makes the plans of applications approved
// before plans existed, once.
func TestCreatePlansForApproved(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		app := approveApp(t, e, "503")
		mustExec(t, e.db, `DELETE FROM plan_changes`)
		mustExec(t, e.db, `DELETE FROM plan_items`)
		mustExec(t, e.db, `DELETE FROM plans`)
		if _, err := e.db.CreatePlansForApproved(e.as("vw_a"), ""); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("village worker creates plans: %v", err)
		}
		if n, err := e.db.CreatePlansForApproved(e.as("cr_mori"), ""); err != nil || n != 0 {
			t.Fatalf("Mori: %d, %v; want 0 (out of scope)", n, err)
		}
		if n, err := e.db.CreatePlansForApproved(e.as("cr_changji"), ""); err != nil || n != 1 {
			t.Fatalf("Changji: %d, %v; want 1", n, err)
		}
		if n, err := e.db.CreatePlansForApproved(e.as("cr_changji"), ""); err != nil || n != 0 {
			t.Fatalf("again: %d, %v; want 0", n, err)
		}
		if p := mustPlan(t, e, app.PersonID); len(p.Items) != 4 {
			t.Fatalf("items = %d", len(p.Items))
		}
	})
}

// TestPlanItemChanges: frequency changes need the current version and a
// reason, and each change is kept with before and after.
func TestPlanItemChanges(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustPlan(t, e, approveApp(t, e, "505").PersonID)
		it := itemOf(t, p, "care.personal")
		f := plan.Frequency{Times: 2, EveryWeeks: 1, WindowFrom: 600, WindowTo: 720}
		for _, tc := range []struct {
			name    string
			user    string
			version int
			f       plan.Frequency
			reason  string
			code    errs.Code
		}{
			{"stale version", "to_1", p.Version + 1, f, "好转", errs.Conflict},
			{"no reason", "to_1", p.Version, f, " ", errs.Invalid},
			{"bad frequency", "to_1", p.Version, plan.Frequency{Times: 9, EveryWeeks: 1, WindowFrom: 600, WindowTo: 720}, "好转", errs.Invalid},
			{"no permission", "vw_a", p.Version, f, "好转", errs.Forbidden},
			{"out of scope", "cr_mori", p.Version, f, "好转", errs.NotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if _, err := e.db.UpdatePlanItem(e.as(tc.user), p.ID, it.ID, tc.version, tc.f, tc.reason); errs.CodeOf(err) != tc.code {
					t.Fatalf("err = %v, want %s", err, tc.code)
				}
			})
		}
		got, err := e.db.UpdatePlanItem(e.as("to_1"), p.ID, it.ID, p.Version, f, "能自理部分家务")
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != p.Version+1 || itemOf(t, got, "care.personal").Times != 2 || itemOf(t, got, "care.personal").Units != 2 {
			t.Fatalf("after update: version %d, item %+v", got.Version, itemOf(t, got, "care.personal"))
		}
		last := got.History[len(got.History)-1]
		var before, after struct {
			Item      string         `json:"item"`
			Frequency plan.Frequency `json:"frequency"`
		}
		if err := json.Unmarshal(last.Before, &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(last.After, &after); err != nil {
			t.Fatal(err)
		}
		if last.Action != "item.update" || last.Reason != "能自理部分家务" || before.Frequency.Times != 3 || after.Frequency != f || last.ActorID != "to_1" {
			t.Fatalf("history entry = %+v (before %+v after %+v)", last, before, after)
		}
		got, err = e.db.AddPlanItem(e.as("to_1"), p.ID, got.Version, "care.comfort", plan.Frequency{}, "情绪低落")
		if err != nil {
			t.Fatal(err)
		}
		if c := itemOf(t, got, "care.comfort"); c.Times < 1 || c.EveryWeeks < 1 || c.WindowTo != plan.DefaultTo {
			t.Fatalf("added item %+v: want the catalogue's typical frequency", c)
		}
		if _, err := e.db.AddPlanItem(e.as("to_1"), p.ID, got.Version, "care.comfort", plan.Frequency{}, "再加"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("adding an item twice: %v", err)
		}
		if _, err := e.db.AddPlanItem(e.as("to_1"), p.ID, got.Version, "no.such", plan.Frequency{}, "试试"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("adding an unknown item: %v", err)
		}
		got, err = e.db.RemovePlanItem(e.as("to_1"), p.ID, itemOf(t, got, "care.comfort").ID, got.Version, "家属照顾")
		if err != nil || itemOf(t, got, "care.comfort").Active {
			t.Fatalf("RemovePlanItem: %v", err)
		}
		if n := len(got.History); n != 4 {
			t.Fatalf("history has %d entries, want 4", n)
		}
	})
}
