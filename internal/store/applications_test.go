package store_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/need"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// openApp files a care need for a new person in village A and opens its
// application as the village worker.
func openApp(t *testing.T, db *store.DB, users map[string]*auth.User, seq string, urgent bool) *store.Application {
	t.Helper()
	p, err := db.CreatePerson(asUser(users, "admin"), newPerson("申请人"+seq, villageA, idFor("652301", "19450101", seq)), true)
	if err != nil {
		t.Fatal(err)
	}
	n, _, err := db.FileNeed(asUser(users, "vw_a"), need.Filing{PersonID: p.ID, Channel: need.FieldSurvey, Category: need.Care})
	if err != nil {
		t.Fatal(err)
	}
	app, err := db.OpenApplication(asUser(users, "vw_a"), n.ID, urgent)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func TestApplicationFourLevels(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		app := openApp(t, e.db, e.users, "301", false)
		if app.State != approval.Submitted || app.Due.IsZero() {
			t.Fatalf("opened application: state %s due %v", app.State, app.Due)
		}
		if _, err := e.db.OpenApplication(e.as("vw_a"), app.NeedID, false); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("second application for one need: %v", err)
		}
		for _, step := range []struct {
			user   string
			action approval.Action
			want   approval.State
		}{
			{"to_1", approval.Accept, approval.TownshipReview},
			{"to_1", approval.Pass, approval.CountyReview},
			{"cr_changji", approval.Pass, approval.Assessment},
			{"assessor", approval.Pass, approval.Approved},
		} {
			if step.want == approval.Approved {
				if _, err := e.db.Act(e.as("assessor"), app.ID, approval.Pass, "", app.Version); errs.CodeOf(err) != errs.Conflict {
					t.Fatalf("pass without an assessment: %v, want conflict", err)
				}
				if _, err := e.db.Assess(e.as("assessor"), app.PersonID, app.ID, "default", adultAnswers(true)); err != nil {
					t.Fatal(err)
				}
			}
			if got, _ := e.db.Application(e.as(step.user), app.ID); !slices.Contains(got.Allowed, step.action) {
				t.Fatalf("%s may %v, want %s allowed", step.user, got.Allowed, step.action)
			}
			next, err := e.db.Act(e.as(step.user), app.ID, step.action, "", app.Version)
			if err != nil || next.State != step.want {
				t.Fatalf("%s %s: state %v, err %v; want %s", step.user, step.action, next, err, step.want)
			}
			app = next
		}
		if len(app.History) != 5 || !app.Due.IsZero() {
			t.Fatalf("history %d steps, due %v", len(app.History), app.Due)
		}
		n, _ := e.db.Need(e.as("admin"), app.NeedID)
		if n.Status != need.Approved {
			t.Fatalf("need status %s, want approved", n.Status)
		}
		inbox, err := e.db.Notifications(e.as("cr_changji"), 10)
		if err != nil || len(inbox) != 1 || inbox[0].Kind != "action_needed" || inbox[0].Key != "state.county_review" {
			t.Fatalf("county inbox = %+v, %v", inbox, err)
		}
		if inbox, _ := e.db.Notifications(e.as("cr_mori"), 10); len(inbox) != 0 {
			t.Fatalf("Mori reviewer sees %d Changji notifications", len(inbox))
		}
		// Rejection needs a reason; a wrong role is forbidden.
		other := openApp(t, e.db, e.users, "311", false)
		if _, err := e.db.Act(e.as("cr_changji"), other.ID, approval.Accept, "", other.Version); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("county reviewer accepting: %v", err)
		}
		if _, err := e.db.Act(e.as("to_1"), other.ID, approval.Return, "", other.Version); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("return without reason: %v", err)
		}
		if _, err := e.db.Application(e.as("cr_mori"), other.ID); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("out of scope: %v", err)
		}
	})
}

// TestApplicationConcurrentDecision has two officers act on the same step at
// once: exactly one decision is recorded, the other gets a conflict.
func TestApplicationConcurrentDecision(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		app := openApp(t, e.db, e.users, "321", false)
		var wg sync.WaitGroup
		errc := make(chan error, 2)
		for _, a := range []approval.Action{approval.Accept, approval.Return} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := e.db.Act(e.as("to_1"), app.ID, a, "材料不全", app.Version)
				errc <- err
			}()
		}
		wg.Wait()
		close(errc)
		var ok, conflicts int
		for err := range errc {
			switch {
			case err == nil:
				ok++
			case errs.Is(err, errs.Conflict):
				conflicts++
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		got, _ := e.db.Application(e.as("admin"), app.ID)
		if ok != 1 || conflicts != 1 || len(got.History) != 2 {
			t.Fatalf("ok=%d conflicts=%d history=%d; want 1, 1, 2", ok, conflicts, len(got.History))
		}
	})
}

// TestDeadlineFiresAfterRestart opens an application whose acceptance is due
// in two seconds, closes the store before any worker runs, reopens it and
// starts the workers: the deadline job escalates to the county reviewer.
func TestDeadlineFiresAfterRestart(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		cfg := approval.DefaultConfig()
		cfg.Accept = 2 * time.Second
		o := store.Options{URL: testdb.URL(t, d), DataDir: t.TempDir(), Keys: testdb.Keys(t), Approval: cfg, JobPoll: 100 * time.Millisecond}
		db, err := store.Open(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		users := seedFixture(t, db)
		app := openApp(t, db, users, "331", false)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		db, err = store.Open(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := db.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			inbox, err := db.Notifications(asUser(users, "cr_changji"), 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range inbox {
				if n.Kind == "overdue" && n.ApplicationID == app.ID {
					if time.Now().Before(app.Due) {
						t.Fatalf("escalated before the deadline %v", app.Due)
					}
					return
				}
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Fatal("no overdue notification within 30 s of the deadline")
	})
}

// TestDecisionSMS: a decision reaches the applicant's phone by SMS, in the
// applicant's language, through a job written with the step.
func TestDecisionSMS(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		sms := notify.NewLogSMS(nil)
		o := store.Options{URL: testdb.URL(t, d), DataDir: t.TempDir(), Keys: testdb.Keys(t), SMS: sms, JobPoll: 100 * time.Millisecond}
		db, err := store.Open(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		users := seedFixture(t, db)
		p := newPerson("叶尔兰", villageA, idFor("652301", "19450101", "341"))
		p.Phone, p.Language, p.Ethnicity = "13912345678", "kk", "kazakh"
		if _, err := db.CreatePerson(asUser(users, "admin"), p, true); err != nil {
			t.Fatal(err)
		}
		n, _, err := db.FileNeed(asUser(users, "vw_a"), need.Filing{PersonID: p.ID, Channel: need.FieldSurvey, Category: need.Care})
		if err != nil {
			t.Fatal(err)
		}
		app, err := db.OpenApplication(asUser(users, "vw_a"), n.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := db.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Act(asUser(users, "to_1"), app.ID, approval.Accept, "", app.Version); err != nil {
			t.Fatal(err)
		}
		want := i18n.For("kk-Arab").T("action.accept", nil)
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if msg := sms.Last("13912345678"); msg != "" {
				if !strings.Contains(msg, want) || !strings.Contains(msg, "ي**") && !strings.Contains(msg, "叶**") {
					t.Fatalf("SMS = %q, want the Kazakh decision %q and a masked name", msg, want)
				}
				return
			}
		}
		t.Fatal("no SMS within 20 s of the decision")
	})
}

// TestPublicNotice runs a case through a configured public notice: an
// objection keeps the notice open until it is answered.
func TestPublicNotice(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		cfg := approval.DefaultConfig()
		cfg.PublicNotice = true
		c := &clock{t: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}
		db, err := store.Open(context.Background(), store.Options{URL: testdb.URL(t, d), DataDir: t.TempDir(), Keys: testdb.Keys(t), Approval: cfg, Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		users := seedFixture(t, db)
		app := openApp(t, db, users, "351", false)
		act := func(user string, a approval.Action, reason string) (*store.Application, error) {
			got, err := db.Act(asUser(users, user), app.ID, a, reason, app.Version)
			if err == nil {
				app = got
			}
			return got, err
		}
		for _, s := range []struct {
			user string
			a    approval.Action
		}{{"to_1", approval.Accept}, {"to_1", approval.Pass}} {
			if _, err := act(s.user, s.a, ""); err != nil {
				t.Fatal(err)
			}
		}
		if app.State != approval.PublicNotice || app.NoticeEnds.IsZero() {
			t.Fatalf("state %s, notice ends %v; want a running public notice", app.State, app.NoticeEnds)
		}
		if _, err := act("vw_a", approval.Object, "家中有稳定收入"); err != nil {
			t.Fatalf("objection: %v", err)
		}
		c.Add(cfg.Notice + time.Hour)
		if _, err := act("cr_changji", approval.CloseNotice, ""); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("closing with an open objection: %v, want conflict", err)
		}
		if _, err := act("cr_changji", approval.AnswerObjection, "经核实收入低于标准"); err != nil {
			t.Fatal(err)
		}
		if got, err := act("cr_changji", approval.CloseNotice, ""); err != nil || got.State != approval.CountyReview {
			t.Fatalf("close notice: %v, %v; want county review", got, err)
		}
		reasons := 0
		for _, st := range app.History {
			if st.Reason != "" {
				reasons++
			}
		}
		if reasons != 2 {
			t.Fatalf("history keeps %d reasons, want the objection and its answer", reasons)
		}
	})
}
