package store_test

import (
	"fmt"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/match"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

func ptr[T any](v T) *T { return &v }

// currentOf returns the current assignments by plan item and unit.
func currentOf(t *testing.T, w *matchWorld) map[string]*match.Assignment {
	t.Helper()
	list, _, err := w.db.Assignments(w.as("admin"), match.AssignmentFilter{State: ptr(match.Current), Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*match.Assignment{}
	for _, a := range list {
		k := a.PlanItemID + "/" + string(rune('0'+a.Unit))
		if out[k] != nil {
			t.Fatalf("two current assignments for %s", k)
		}
		out[k] = a
	}
	return out
}

func TestMatchingPreviewConfirmAssignsOrders(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newMatchWorld(t, newEnv(t, d))
		ctx := w.as("cr_changji")
		if _, err := w.db.GenerateWeek(ctx, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), ""); err != nil {
			t.Fatal(err)
		}
		if got := w.strings(t, `SELECT DISTINCT state FROM orders WHERE plan_item_id = 'pi1'`); len(got) != 1 || got[0] != "open" {
			t.Fatalf("orders before matching = %v, want open", got)
		}
		run, err := w.db.PreviewMatching(w.as("admin"), "652300", "")
		if err != nil {
			t.Fatal(err)
		}
		if s := run.Stats; s.Demands != 5 || s.Assigned != 4 || s.Unassigned != 1 || s.Cost < match.UnassignedPenalty {
			t.Fatalf("stats = %+v, want 5 demands, 4 assigned, 1 open", s)
		}
		rows, total, err := w.db.Assignments(w.as("admin"), match.AssignmentFilter{RunID: &run.ID})
		if err != nil || total != 5 {
			t.Fatalf("run rows = %d, %v", total, err)
		}
		for _, r := range rows {
			switch {
			case r.PlanItemID == "pi3":
				if r.State != match.Unassigned || r.Explanation.Reason == nil || r.Explanation.Reason.Code != "language" {
					t.Errorf("pi3 = %s %+v, want unassigned for language", r.State, r.Explanation.Reason)
				}
			case r.PlanItemID == "pi2":
				if r.WorkerID != "wa1" {
					t.Errorf("pi2 (Uyghur required) got %q, want wa1, the only Uyghur speaker", r.WorkerID)
				}
			case r.State != match.Proposed || r.Explanation.RunnerUp == nil:
				t.Errorf("%s/%d = %s runner-up %v, want proposed with a runner-up", r.PlanItemID, r.Unit, r.State, r.Explanation.RunnerUp)
			}
		}
		if got := len(currentOf(t, w)); got != 0 {
			t.Fatalf("current before confirm = %d, want 0", got)
		}
		if _, err := w.db.ConfirmRun(w.as("cr_mori"), run.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("confirm by another county = %v, want not found", err)
		}
		if _, err := w.db.ConfirmRun(w.as("admin"), run.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.db.ConfirmRun(w.as("admin"), run.ID); !errs.Is(err, errs.Conflict) {
			t.Fatalf("second confirm = %v, want conflict", err)
		}
		cur := currentOf(t, w)
		if len(cur) != 4 {
			t.Fatalf("current after confirm = %d, want 4", len(cur))
		}
		for _, u := range []string{"0", "1"} {
			a := cur["pi1/"+u]
			got := w.strings(t, `SELECT worker_id || ':' || state FROM orders WHERE plan_item_id = 'pi1' AND seq_in_week % 2 = `+u)
			for _, g := range got {
				if g != a.WorkerID+":assigned" {
					t.Fatalf("pi1 unit %s orders = %v, want %s assigned", u, got, a.WorkerID)
				}
			}
		}
		// A second run keeps everyone (continuity) and supersedes the first.
		run2, err := w.db.PreviewMatching(w.as("admin"), "652300", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.db.ConfirmRun(w.as("admin"), run2.ID); err != nil {
			t.Fatal(err)
		}
		cur2 := currentOf(t, w)
		for k, a := range cur {
			if cur2[k] == nil || cur2[k].WorkerID != a.WorkerID || cur2[k].RunID != run2.ID {
				t.Errorf("%s after the second run = %+v, want %s from the new run", k, cur2[k], a.WorkerID)
			}
		}
		if got := w.strings(t, `SELECT COUNT(*) FROM assignments WHERE state = 'unassigned'`); got[0] != "1" {
			t.Errorf("standing unassigned records = %v, want 1 (the older one superseded)", got)
		}
	})
}

func TestMatchingOverride(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newMatchWorld(t, newEnv(t, d))
		run, err := w.db.MatchAndGenerate(w.as("admin"), "652300", "2026-11-30")
		if err != nil {
			t.Fatal(err)
		}
		if run.Run.State != match.RunConfirmed || run.Orders.Assigned == 0 {
			t.Fatalf("one click = %+v", run)
		}
		cur := currentOf(t, w)["pi1/0"]
		other := "wb1"
		if cur.WorkerID == other {
			other = "wa2"
		}
		for _, tc := range []struct {
			name string
			o    match.Override
			want string // field of the invalid error
		}{
			{"no reason code", match.Override{WorkerID: other}, "reason_code"},
			{"other needs text", match.Override{WorkerID: other, ReasonCode: "other"}, "reason"},
			{"infeasible", match.Override{WorkerID: "wm1", ReasonCode: "local_knowledge"}, "worker_id"},
			{"force needs text", match.Override{WorkerID: "wm1", ReasonCode: "local_knowledge", Force: true}, "reason"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.db.Override(w.as("admin"), cur.ID, tc.o)
				var e *errs.Error
				if !errs.Is(err, errs.Invalid) || !asErr(err, &e) || e.Fields[0].Name != tc.want {
					t.Fatalf("Override = %v, want invalid %s", err, tc.want)
				}
				// The clerk reads which constraint the worker breaks.
				if tc.name == "infeasible" && e.Fields[0].Key != "match.err.infeasible.area" {
					t.Fatalf("infeasible override says %s, want match.err.infeasible.area", e.Fields[0].Key)
				}
			})
		}
		if _, err := w.db.Override(w.as("to_1"), cur.ID, match.Override{WorkerID: other, ReasonCode: "continuity"}); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("override by a township officer = %v, want forbidden", err)
		}
		got, err := w.db.Override(w.as("admin"), cur.ID, match.Override{WorkerID: other, ReasonCode: "person_request", Reason: "老人点名要她"})
		if err != nil {
			t.Fatal(err)
		}
		if got.State != match.Current || got.Source != match.SourceOverride || got.ReasonCode != "person_request" || got.Reason != "老人点名要她" || got.DecidedBy != "admin" {
			t.Fatalf("override = %+v", got)
		}
		if now := currentOf(t, w)["pi1/0"]; now.ID != got.ID {
			t.Fatalf("current = %s, want the override", now.ID)
		}
		if o := w.strings(t, `SELECT DISTINCT worker_id FROM orders WHERE plan_item_id = 'pi1' AND seq_in_week % 2 = 0`); len(o) != 1 || o[0] != other {
			t.Fatalf("orders of the unit = %v, want %s", o, other)
		}
		if n := w.strings(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'match.override'`); n[0] != "1" {
			t.Fatalf("audit entries = %v", n)
		}
		forced, err := w.db.Override(w.as("admin"), got.ID, match.Override{WorkerID: "wm1", ReasonCode: "local_knowledge", Reason: "夏牧场期间由木垒机构代管", Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if forced.Explanation.Broken != "area" {
			t.Fatalf("forced override broken = %q, want area", forced.Explanation.Broken)
		}
	})
}

func TestMatchingDeclineReturnsTheDemand(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newMatchWorld(t, newEnv(t, d))
		if _, err := w.db.MatchAndGenerate(w.as("admin"), "652300", ""); err != nil {
			t.Fatal(err)
		}
		a := currentOf(t, w)["pi2/0"] // wa1 of prov-a, the only Uyghur speaker
		if a.ProviderID != "prov-a" {
			t.Fatalf("pi2 provider = %s", a.ProviderID)
		}
		if _, err := w.db.Decline(providerAdmin("prov-b"), a.ID, match.Decline{ReasonCode: "no_capacity"}); !errs.Is(err, errs.NotFound) {
			t.Fatalf("decline by another provider = %v, want not found", err)
		}
		if _, err := w.db.Decline(w.as("admin"), a.ID, match.Decline{ReasonCode: "no_capacity"}); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("decline by staff = %v, want forbidden", err)
		}
		if _, err := w.db.Decline(providerAdmin("prov-a"), a.ID, match.Decline{ReasonCode: "tired"}); !errs.Is(err, errs.Invalid) {
			t.Fatalf("decline with a bad code = %v, want invalid", err)
		}
		got, err := w.db.Decline(providerAdmin("prov-a"), a.ID, match.Decline{ReasonCode: "unsafe", Reason: "路面结冰"})
		if err != nil {
			t.Fatal(err)
		}
		if got.State != match.Declined || got.ReasonCode != "unsafe" {
			t.Fatalf("declined = %+v", got)
		}
		if o := w.strings(t, `SELECT DISTINCT state || ':' || worker_id FROM orders WHERE plan_item_id = 'pi2'`); len(o) != 1 || o[0] != "open:" {
			t.Fatalf("orders after decline = %v, want open without worker", o)
		}
		queue, n, err := w.db.Assignments(w.as("cr_changji"), match.AssignmentFilter{State: ptr(match.Declined)})
		if err != nil || n != 1 || queue[0].ID != a.ID {
			t.Fatalf("declined queue = %d %v", n, err)
		}
		// Matching again never proposes wa1 for this unit: nobody else speaks Uyghur.
		out, err := w.db.MatchIncremental(w.as("admin"), "pi2")
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 1 || out[0].State != match.Unassigned || out[0].Explanation.Reason.Code != "declined" {
			t.Fatalf("incremental after decline = %+v", out[0])
		}
		run, err := w.db.PreviewMatching(w.as("admin"), "652300", "")
		if err != nil {
			t.Fatal(err)
		}
		rows, _, _ := w.db.Assignments(w.as("admin"), match.AssignmentFilter{RunID: &run.ID, PlanItemID: ptr("pi2")})
		if len(rows) != 1 || rows[0].WorkerID == "wa1" {
			t.Fatalf("full run after decline proposed %+v", rows[0])
		}
	})
}

func TestMatchingIncrementalKeepsConfirmed(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newMatchWorld(t, newEnv(t, d))
		if _, err := w.db.MatchAndGenerate(w.as("admin"), "652300", ""); err != nil {
			t.Fatal(err)
		}
		before := currentOf(t, w)
		w.addItem(t, "plan2", "pi2c", "house.cleaning", 2)
		out, err := w.db.MatchIncremental(w.as("cr_changji"), "pi2c")
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 2 || out[0].State != match.Current || out[0].Source != match.SourceIncremental {
			t.Fatalf("incremental = %+v", out)
		}
		after := currentOf(t, w)
		for k, a := range before {
			if after[k] == nil || after[k].ID != a.ID {
				t.Errorf("%s moved: %v → %v", k, a, after[k])
			}
		}
		if len(after) != len(before)+2 {
			t.Errorf("current = %d, want %d", len(after), len(before)+2)
		}
		if out, err := w.db.MatchIncremental(w.as("cr_changji"), "pi2c"); err != nil || len(out) != 0 {
			t.Fatalf("incremental again = %v, %v; want nothing to do", out, err)
		}
		if _, err := w.db.MatchIncremental(w.as("cr_mori"), "pi2c"); !errs.Is(err, errs.NotFound) {
			t.Fatalf("incremental out of scope = %v, want not found", err)
		}
	})
}

func TestMatchingScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		w := newMatchWorld(t, newEnv(t, d))
		one, err := w.db.MatchAndGenerate(w.as("cr_changji"), "652301", "")
		if err != nil {
			t.Fatal(err)
		}
		if one.Run.Stats.Demands != 4 {
			t.Fatalf("Changji City run demands = %d, want 4", one.Run.Stats.Demands)
		}
		if _, err := w.db.Run(w.as("cr_mori"), one.Run.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("run seen from Mori = %v", err)
		}
		if _, err := w.db.PreviewMatching(w.as("cr_mori"), "652301", ""); !errs.Is(err, errs.NotFound) {
			t.Fatalf("preview out of scope = %v", err)
		}
		if _, err := w.db.PreviewMatching(w.as("vw_a"), villageA, ""); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("preview by a village worker = %v", err)
		}
		if _, err := w.db.PreviewMatching(w.as("admin"), "652300", "2026-12-01"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("preview for a Tuesday = %v", err)
		}
		if _, _, err := w.db.Runs(providerAdmin("prov-a"), match.RunFilter{}); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("runs for a provider = %v", err)
		}
		for _, p := range []string{"prov-a", "prov-b"} {
			list, _, err := w.db.Assignments(providerAdmin(p), match.AssignmentFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range list {
				if a.ProviderID != p {
					t.Fatalf("%s sees %s's assignment", p, a.ProviderID)
				}
			}
			for _, a := range currentOf(t, w) {
				_, err := w.db.Assignment(providerAdmin(p), a.ID)
				if (a.ProviderID == p) != (err == nil) {
					t.Fatalf("%s reading %s's assignment: %v", p, a.ProviderID, err)
				}
			}
		}
	})
}

// BenchmarkMatchIncremental: matching one new plan item reads only the
// workers offering the item and covering the village, so it stays in
// milliseconds whatever the size of the prefecture.
func BenchmarkMatchIncremental(b *testing.B) {
	w := newMatchWorld(b, newBenchEnv(b, store.SQLite))
	if _, err := w.db.MatchAndGenerate(w.as("admin"), "652300", ""); err != nil {
		b.Fatal(err)
	}
	ctx := w.as("admin")
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		id := fmt.Sprintf("bench%d", i)
		w.addPlan(b, id, w.p1, villageA, id+"i", "house.cleaning", 1)
		w.exec(b, `UPDATE workers SET capacity = capacity + 1 WHERE id = 'wa1'`)
		b.StartTimer()
		if _, err := w.db.MatchIncremental(ctx, id+"i"); err != nil {
			b.Fatal(err)
		}
	}
}
