package store_test

import (
	"context"
	"fmt"
	"testing"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
)

// approveApp takes a new person's application in village A through the
// four levels with an assessment of a dependent adult (tier 1: the
// intensive care package) and returns the approved application.
func approveApp(t *testing.T, e *env, seq string) *store.Application {
	t.Helper()
	app := openApp(t, e.db, e.users, seq, false)
	for _, step := range []struct {
		user   string
		action approval.Action
	}{{"to_1", approval.Accept}, {"to_1", approval.Pass}, {"cr_changji", approval.Pass}, {"assessor", approval.Pass}} {
		if step.user == "assessor" {
			if _, err := e.db.Assess(e.as("assessor"), app.PersonID, app.ID, "default", adultAnswers(false)); err != nil {
				t.Fatal(err)
			}
		}
		next, err := e.db.Act(e.as(step.user), app.ID, step.action, "", app.Version)
		if err != nil {
			t.Fatalf("%s %s: %v", step.user, step.action, err)
		}
		app = next
	}
	if app.State != approval.Approved {
		t.Fatalf("state %s, want approved", app.State)
	}
	return app
}

// mustPlan returns the person's plan as the prefecture administrator sees it.
func mustPlan(t *testing.T, e *env, personID string) *plan.Plan {
	t.Helper()
	p, err := e.db.PlanForPerson(e.as("admin"), personID)
	if err != nil {
		t.Fatalf("PlanForPerson: %v", err)
	}
	return p
}

// itemOf returns the plan's item of a catalogue code.
func itemOf(t *testing.T, p *plan.Plan, code string) *plan.Item {
	t.Helper()
	for _, it := range p.Items {
		if it.ItemCode == code {
			return it
		}
	}
	t.Fatalf("plan has no item %s", code)
	return nil
}

// mustExec runs raw SQL for fixtures the store has no call for here.
func mustExec(t *testing.T, db *store.DB, format string, a ...any) {
	t.Helper()
	if err := db.ExecForTest(context.Background(), fmt.Sprintf(format, a...)); err != nil {
		t.Fatalf("exec %s: %v", fmt.Sprintf(format, a...), err)
	}
}

// addWorkers adds provider pr1 in Changji City with workers w1 and w2
// based near village A, and a confirmed match run.
func addWorkers(t *testing.T, db *store.DB) {
	t.Helper()
	mustExec(t, db, `INSERT INTO providers (id, name, kind, place_code, created_at, updated_at) VALUES ('pr1', '昌吉社工', 'social_org', '652301', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`)
	mustExec(t, db, `INSERT INTO providers (id, name, kind, place_code, created_at, updated_at) VALUES ('pr2', '木垒家政', 'company', '652328', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`)
	for _, w := range []struct{ id, provider, name string }{{"w1", "pr1", "阿依古丽"}, {"w2", "pr1", "王芳"}, {"w3", "pr2", "努尔兰"}} {
		mustExec(t, db, `INSERT INTO workers (id, provider_id, name, kind, sex, capacity, place_code, lat, lon, created_at, updated_at)
			VALUES ('%s', '%s', '%s', 'social_worker', 'F', 20, '652301', 44.0, 87.28, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, w.id, w.provider, w.name)
	}
	mustExec(t, db, `INSERT INTO match_runs (id, place_code, kind, state, created_by, created_at) VALUES ('run1', '652300', 'full', 'confirmed', 'admin', CURRENT_TIMESTAMP)`)
}

// makeCurrent records a current assignment of one unit of an item.
func makeCurrent(t *testing.T, db *store.DB, p *plan.Plan, it *plan.Item, unit int, worker, provider string) string {
	t.Helper()
	id := fmt.Sprintf("as-%s-%d", it.ID, unit)
	mustExec(t, db, `INSERT INTO assignments (id, run_id, plan_item_id, unit, person_id, place_code, item_code, provider_id, worker_id, state, created_at, updated_at)
		VALUES ('%s', 'run1', '%s', %d, '%s', '%s', '%s', '%s', '%s', 'current', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
		id, it.ID, unit, p.PersonID, p.PlaceCode, it.ItemCode, provider, worker)
	return id
}

// actor is a context acting as a provider-side account.
func providerActor(role auth.Role, providerID, workerID string) context.Context {
	return auth.WithActor(context.Background(), &auth.Actor{UserID: "u-" + workerID, Username: "p_" + workerID, Role: role, Scope: "652300",
		ProviderID: providerID, WorkerID: workerID})
}
