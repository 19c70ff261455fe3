package store_test

import (
	"testing"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/assess"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// TestReassessmentsDue: due after a data warning filed since the
// assessment, or once the tier's cycle has passed; scoped to the area.
func TestReassessmentsDue(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		warned := mustCreate(t, e, newPerson("预警", villageA, idFor("652301", "19650501", "411")))
		quiet := mustCreate(t, e, newPerson("平稳", villageA, idFor("652301", "19650501", "413")))
		for _, p := range []string{warned.ID, quiet.ID} {
			if _, err := e.db.Assess(e.as("assessor"), p, "", "default", adultAnswers(false)); err != nil {
				t.Fatal(err)
			}
		}
		due := func(user string, at time.Time) map[string]string {
			t.Helper()
			list, total, err := e.db.ReassessmentsDue(e.as(user), at, 0, 50)
			if err != nil || total != len(list) {
				t.Fatalf("ReassessmentsDue: %d of %d, %v", len(list), total, err)
			}
			out := map[string]string{}
			for _, r := range list {
				out[r.PersonID] = r.Reason
			}
			return out
		}
		if got := due("cr_changji", e.clock.Now()); len(got) != 0 {
			t.Fatalf("due right after assessing: %v", got)
		}
		e.clock.Add(24 * time.Hour)
		if _, _, err := e.db.FileNeed(store.System(t.Context()), need.Filing{PersonID: warned.ID, Channel: need.DataWarning,
			Category: need.Medical, SourceRef: "medical-bill-1"}); err != nil {
			t.Fatal(err)
		}
		if got := due("cr_changji", e.clock.Now()); len(got) != 1 || got[warned.ID] != assess.DueChange {
			t.Fatalf("after a warning: %v, want %s due by change", got, warned.ID)
		}
		if got := due("cr_mori", e.clock.Now()); len(got) != 0 {
			t.Fatalf("Mori reviewer sees %v", got)
		}
		later := e.clock.Now().AddDate(0, 4, 0) // tier 1: every 3 months
		if got := due("assessor", later); len(got) != 2 || got[quiet.ID] != assess.DueCycle || got[warned.ID] != assess.DueChange {
			t.Fatalf("after the cycle: %v", got)
		}
		e.clock.Add(time.Hour) // reassessed: the warning is behind the newest assessment
		if _, err := e.db.Assess(e.as("assessor"), warned.ID, "", "default", adultAnswers(false)); err != nil {
			t.Fatal(err)
		}
		if got := due("cr_changji", e.clock.Now()); len(got) != 0 {
			t.Fatalf("after reassessing: %v", got)
		}
	})
}

// TestAssessScope: other areas' people are not found, for reading and
// for assessing.
func TestAssessScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("昌吉人", villageA, idFor("652301", "19650501", "415")))
		got, err := e.db.Assess(e.as("cr_changji"), p.ID, "", "default", adultAnswers(true))
		if err != nil {
			t.Fatal(err)
		}
		for name, err := range map[string]error{
			"Assess":      second(e.db.Assess(e.as("cr_mori"), p.ID, "", "default", adultAnswers(true))),
			"Assessment":  second(e.db.Assessment(e.as("cr_mori"), got.ID)),
			"Assessments": second(e.db.Assessments(e.as("cr_mori"), p.ID)),
			"Latest":      second(e.db.LatestAssessment(e.as("cr_mori"), p.ID)),
		} {
			if !errs.Is(err, errs.NotFound) {
				t.Errorf("%s out of scope: %v, want not found", name, err)
			}
		}
		if _, err := e.db.Assessments(e.as("worker"), p.ID); !errs.Is(err, errs.Forbidden) {
			t.Errorf("service worker reading assessments: %v", err)
		}
	})
}

func second[T any](_ T, err error) error { return err }

// TestPassAssessment: the assessment step passes only with an assessment
// of that application, and the decision carries its package.
func TestPassAssessment(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		app := openApp(t, e.db, e.users, "421", false)
		if _, err := e.db.PassAssessment(e.as("assessor"), app.ID, app.Version); !errs.Is(err, errs.Conflict) {
			t.Fatalf("pass before the assessment step: %v", err)
		}
		for _, step := range []struct {
			user   string
			action approval.Action
		}{{"to_1", approval.Accept}, {"to_1", approval.Pass}, {"cr_changji", approval.Pass}} {
			var err error
			if app, err = e.db.Act(e.as(step.user), app.ID, step.action, "", app.Version); err != nil {
				t.Fatal(err)
			}
		}
		_, err := e.db.PassAssessment(e.as("assessor"), app.ID, app.Version)
		if ee, ok := err.(*errs.Error); !ok || ee.Key != "err.assess.required" {
			t.Fatalf("pass without an assessment: %v", err)
		}
		other := mustCreate(t, e, newPerson("别人", villageA, idFor("652301", "19650501", "423")))
		if _, err := e.db.Assess(e.as("assessor"), other.ID, app.ID, "default", adultAnswers(true)); !errs.Is(err, errs.Invalid) {
			t.Fatalf("assessing someone else for the application: %v", err)
		}
		as, err := e.db.Assess(e.as("assessor"), app.PersonID, app.ID, "default", adultAnswers(true))
		if err != nil || as.ApplicationID != app.ID {
			t.Fatalf("Assess: %+v, %v", as, err)
		}
		got, err := e.db.PassAssessment(e.as("assessor"), app.ID, app.Version)
		if err != nil || got.State != approval.Approved {
			t.Fatalf("PassAssessment: %v, %v", got, err)
		}
		linked, err := e.db.ApplicationAssessment(e.as("vw_a"), app.ID)
		if err != nil || linked.ID != as.ID || linked.Result.Package == "" {
			t.Fatalf("ApplicationAssessment = %+v, %v", linked, err)
		}
		if _, err := e.db.Assess(e.as("assessor"), app.PersonID, app.ID, "default", adultAnswers(true)); !errs.Is(err, errs.Conflict) {
			t.Fatalf("assessing for a decided application: %v", err)
		}
	})
}

// TestSelfPackages: once approved on an assessment, the resident's status
// carries the package; before, nothing.
func TestSelfPackages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newSelfEnv(t, d)
		token := e.signIn(t, phoneGran)
		filed, _, err := e.db.SelfApply(t.Context(), token, e.gran, need.Care, "")
		if err != nil {
			t.Fatal(err)
		}
		app, err := e.db.OpenApplication(e.as("vw_a"), filed.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			user   string
			action approval.Action
		}{{"to_1", approval.Accept}, {"to_1", approval.Pass}, {"cr_changji", approval.Pass}} {
			if app, err = e.db.Act(e.as(step.user), app.ID, step.action, "", app.Version); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.db.Assess(e.as("assessor"), e.gran, app.ID, "default", adultAnswers(false)); err != nil {
			t.Fatal(err)
		}
		if got, err := e.db.SelfPackages(t.Context(), token); err != nil || len(got) != 0 {
			t.Fatalf("before the decision: %v, %v", got, err)
		}
		if _, err := e.db.PassAssessment(e.as("assessor"), app.ID, app.Version); err != nil {
			t.Fatal(err)
		}
		got, err := e.db.SelfPackages(t.Context(), token)
		if err != nil || got[filed.ID] == nil || got[filed.ID].Result.Package != "care.intensive" {
			t.Fatalf("after the decision: %v, %v", got, err)
		}
		if got, _ := e.db.SelfPackages(t.Context(), e.signIn(t, phoneOther)); len(got) != 0 {
			t.Fatalf("another resident sees %v", got)
		}
	})
}
