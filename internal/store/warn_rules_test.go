package store_test

import (
	"encoding/json"
	"slices"
	"testing"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/warn"
)

func TestWarningRuleEdit(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		admin := e.as("admin")
		rules, err := e.db.WarningRules(e.as("vw_a"))
		if err != nil || len(rules) != len(warn.DefaultRules()) || rules[0].Version != 0 {
			t.Fatalf("default rules: %d, %v", len(rules), err)
		}
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19750708", "401")))
		file := "id_number,event_date,amount_fen\n" + a.IDNumber + ",2026-11-01,2000000\n"
		if imp, _, err := e.db.ImportFeed(admin, mustUpload(t, e, warn.MedicalExpense, file)); err != nil || imp.Hits != 0 {
			t.Fatalf("20,000 yuan under the default 50,000: %+v %v", imp, err)
		}

		r := rules[0].Rule
		if r.Code != "medical_large" {
			t.Fatalf("first rule %s, want medical_large", r.Code)
		}
		r.Threshold = 1_500_000
		if _, _, err := e.db.PutWarningRule(e.as("cr_changji"), r, 0); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("county reviewer editing a rule: %v", err)
		}
		saved, created, err := e.db.PutWarningRule(admin, r, 0)
		if err != nil || created || saved.Threshold != 1_500_000 || saved.Version != 2 || saved.UpdatedBy != "admin" {
			t.Fatalf("PutWarningRule = %+v created=%v err=%v", saved, created, err)
		}
		if _, _, err := e.db.PutWarningRule(admin, r, 1); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("stale version: %v", err)
		}
		moved := r
		moved.Feed = warn.UtilityArrears
		moved.Threshold = 3
		if _, _, err := e.db.PutWarningRule(admin, moved, 0); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("changing a rule's feed: %v", err)
		}
		bad := r
		bad.WindowDays = 0
		if _, _, err := e.db.PutWarningRule(admin, bad, 0); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("invalid rule: %v", err)
		}

		entries, err := e.db.AuditEntries(store.System(t.Context()), 10)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(entries, func(x audit.Entry) bool { return x.Action == "warning_rule.update" })
		if i < 0 {
			t.Fatalf("no warning_rule.update in the audit log")
		}
		var detail struct{ Changed []string }
		if err := json.Unmarshal([]byte(entries[i].Detail), &detail); err != nil || !slices.Equal(detail.Changed, []string{"threshold"}) ||
			entries[i].EntityID != "medical_large" || entries[i].Actor != "admin" {
			t.Fatalf("audit entry = %+v", entries[i])
		}
		if _, _, err := e.db.VerifyAudit(t.Context()); err != nil {
			t.Fatalf("audit chain: %v", err)
		}

		// The edited rule is in force: the next file's history meets it.
		more := "id_number,event_date,amount_fen\n" + a.IDNumber + ",2026-11-02,100\n"
		imp, _, err := e.db.ImportFeed(admin, mustUpload(t, e, warn.MedicalExpense, more))
		if err != nil || imp.Hits != 1 || imp.NeedsFiled != 1 {
			t.Fatalf("after lowering the threshold: %+v %v", imp, err)
		}

		// A new code is a new rule; a disabled rule raises nothing.
		nr := warn.Rule{Code: "medical_huge", Feed: warn.MedicalExpense, Threshold: 100, WindowDays: 30, Urgency: warn.Urgent, VisitWithinDays: 3}
		if got, created, err := e.db.PutWarningRule(admin, nr, 0); err != nil || !created || got.Enabled {
			t.Fatalf("new rule: %+v created=%v err=%v", got, created, err)
		}
		if rules, _ := e.db.WarningRules(admin); len(rules) != len(warn.DefaultRules())+1 {
			t.Fatalf("%d rules after adding one", len(rules))
		}
	})
}
