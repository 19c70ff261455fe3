package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/survey"
	"jiuzhu/internal/testdb"
)

// surveyPeople creates the fixture's people for survey tests: key groups in
// villages A, B and M, and one on minimum living only in A.
func surveyPeople(t *testing.T, e *env) map[string]*person.Person {
	t.Helper()
	out := map[string]*person.Person{}
	for _, p := range []struct {
		name, village, id string
		cats              []person.Category
	}{
		{"独居甲", villageA, idFor("652301", "19400101", "501"), []person.Category{person.MinimumLiving, person.ElderlyAlone}},
		{"低保乙", villageA, idFor("652301", "19700101", "502"), []person.Category{person.MinimumLiving}},
		{"特困丙", villageB, idFor("652301", "19500101", "503"), []person.Category{person.ExtremePoverty}},
		{"儿童丁", villageM, idFor("652328", "20150101", "504"), []person.Category{person.ChildInDifficulty}},
	} {
		np := newPerson(p.name, p.village, p.id)
		np.Categories = p.cats
		out[p.name] = mustCreate(t, e, np)
	}
	return out
}

// mustRound creates a round as user.
func mustRound(t *testing.T, e *env, user string, r survey.Round) *survey.Round {
	t.Helper()
	got, err := e.db.CreateSurveyRound(e.as(user), &r)
	if err != nil {
		t.Fatalf("CreateSurveyRound as %s: %v", user, err)
	}
	return got
}

// mustTasks lists tasks as user.
func mustTasks(t *testing.T, e *env, user string, f survey.TaskFilter) []*survey.Task {
	t.Helper()
	list, total, err := e.db.SurveyTasks(e.as(user), f)
	if err != nil || total != len(list) {
		t.Fatalf("SurveyTasks as %s: %d of %d, %v", user, len(list), total, err)
	}
	return list
}

func taskPersons(ts []*survey.Task) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.PersonName)
	}
	slices.Sort(out)
	return out
}

func TestSurveyRoutineRound(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		surveyPeople(t, e)
		monthly := survey.Round{Kind: survey.Routine, Name: "宁边路街道月度走访", PlaceCode: "652301001", FrequencyDays: 30, DueDays: 7}

		for _, tc := range []struct {
			user, place string
			code        errs.Code
		}{{"vw_a", "652301001", errs.Forbidden}, {"assessor", "652301001", errs.Forbidden}, {"to_1", "652301", errs.Invalid}, {"cr_mori", "652301001", errs.Invalid}} {
			r := monthly
			r.PlaceCode = tc.place
			if _, err := e.db.CreateSurveyRound(e.as(tc.user), &r); errs.CodeOf(err) != tc.code {
				t.Errorf("CreateSurveyRound as %s in %s: %v, want %s", tc.user, tc.place, err, tc.code)
			}
		}

		r := mustRound(t, e, "to_1", monthly)
		if r.Status != survey.Active || r.Seq != 1 || r.StartsOn != "2026-11-28" || r.Progress.Total != 1 || r.Progress.Open != 1 {
			t.Fatalf("round = %+v", r)
		}
		tasks := mustTasks(t, e, "vw_a", survey.TaskFilter{Mine: true})
		if got, want := taskPersons(tasks), []string{"独居甲"}; !slices.Equal(got, want) {
			t.Fatalf("vw_a's tasks are for %v, want %v (key groups in the township only)", got, want)
		}
		if tk := tasks[0]; tk.AssignedTo != e.users["vw_a"].ID || tk.RoundName != monthly.Name || !tk.Due.Equal(e.clock.Now().AddDate(0, 0, 7)) || tk.Overdue {
			t.Fatalf("task = %+v", tk)
		}

		// The county's round reaches village B, which has no worker.
		cr := mustRound(t, e, "cr_changji", survey.Round{Kind: survey.Routine, Name: "昌吉市周走访", PlaceCode: "652301", FrequencyDays: 7, DueDays: 5})
		ct := mustTasks(t, e, "cr_changji", survey.TaskFilter{RoundID: &cr.ID})
		if got, want := taskPersons(ct), []string{"特困丙", "独居甲"}; !slices.Equal(got, want) {
			t.Fatalf("county round's tasks are for %v, want %v", got, want)
		}
		for _, tk := range ct {
			if want := map[string]string{villageA: e.users["vw_a"].ID, villageB: ""}[tk.PlaceCode]; tk.AssignedTo != want {
				t.Errorf("%s's task assigned to %q, want %q", tk.PersonName, tk.AssignedTo, want)
			}
		}
		if _, err := e.db.SurveyTask(e.as("cr_mori"), ct[0].ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("another county reads a task: %v", err)
		}

		// The next occurrence is scheduled, with its start job, in the
		// transaction that started the first.
		series := func() []*survey.Round {
			list, _, err := e.db.SurveyRounds(e.as("to_1"), survey.RoundFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var out []*survey.Round
			for _, x := range list {
				if x.SeriesID == r.ID {
					out = append(out, x)
				}
			}
			return out
		}
		rounds := series()
		if len(rounds) != 2 || rounds[0].Seq != 2 || rounds[0].Status != survey.Scheduled || rounds[0].StartsOn != "2026-12-28" || rounds[0].Progress.Total != 0 {
			t.Fatalf("series = %+v %+v, want the next occurrence scheduled for 2026-12-28", rounds[0], rounds[len(rounds)-1])
		}
		jobs, err := e.db.QueryStringsForTest(context.Background(), `SELECT kind FROM river_job WHERE kind = 'survey_round_start'`)
		if err != nil || len(jobs) != 2 {
			t.Fatalf("start jobs = %v, %v; want one per routine round", jobs, err)
		}

		// On its day the job makes the next tasks; the old open one is missed.
		next := rounds[0].ID
		if err := e.db.StartSurveyRoundForTest(context.Background(), next); err == nil {
			t.Fatal("the job started a round before its day")
		}
		e.clock.Add(30 * 24 * time.Hour)
		for range 2 { // a job run twice makes one set of tasks
			if err := e.db.StartSurveyRoundForTest(context.Background(), next); err != nil {
				t.Fatal(err)
			}
		}
		rounds = series()
		if len(rounds) != 3 || rounds[1].Status != survey.Active || rounds[1].Progress.Open != 1 || rounds[2].Progress.Missed != 1 || rounds[0].StartsOn != "2027-01-27" {
			t.Fatalf("after the job: %+v / %+v / %+v", rounds[0], rounds[1], rounds[2])
		}
		if mine := mustTasks(t, e, "vw_a", survey.TaskFilter{Mine: true, RoundID: &next}); len(mine) != 1 {
			t.Fatalf("vw_a has %d tasks in the next round, want 1", len(mine))
		}
	})
}

func TestSurveyCompleteFilesLedger(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		ps := surveyPeople(t, e)
		census := mustRound(t, e, "cr_changji", survey.Round{Kind: survey.Census, Name: "2026 年度全面排查", PlaceCode: "652301", DueDays: 30})
		if census.Progress.Total != 3 || len(census.TargetCategories) != len(person.Categories) {
			t.Fatalf("census = %+v, want a task for each of the 3 people under assistance in the county", census)
		}
		ctx := e.as("vw_a")
		tasks := mustTasks(t, e, "vw_a", survey.TaskFilter{Mine: true})
		if got, want := taskPersons(tasks), []string{"低保乙", "独居甲"}; !slices.Equal(got, want) {
			t.Fatalf("vw_a's census tasks are for %v, want %v", got, want)
		}
		byName := map[string]*survey.Task{}
		for _, tk := range tasks {
			byName[tk.PersonName] = tk
		}

		// The person already asked for care online: the visit's care need merges.
		old := ps["独居甲"]
		online, _, err := e.db.FileNeed(ctx, need.Filing{PersonID: old.ID, Channel: need.SelfApplication, Category: need.Care})
		if err != nil {
			t.Fatal(err)
		}
		res := survey.Result{Found: []survey.Found{
			{Category: need.Care, Items: []string{"bathing"}, Note: "行动不便"},
			{Category: need.Medical, Items: []string{"rehab"}, Urgency: need.Urgent},
		}, Notes: "独居，子女在外地"}
		done, err := e.db.CompleteSurveyTask(ctx, byName["独居甲"].ID, res)
		if err != nil {
			t.Fatal(err)
		}
		if done.Status != survey.Done || done.DoneBy != "vw_a" || done.DoneAt == nil || len(done.NeedIDs) != 2 || done.NeedIDs[0] != online.ID ||
			done.Result == nil || len(done.Result.Found) != 2 {
			t.Fatalf("done task = %+v", done)
		}
		ledger := func() []*need.Need {
			list, _, err := e.db.Needs(ctx, need.Filter{PersonID: &old.ID})
			if err != nil {
				t.Fatal(err)
			}
			return list
		}
		entries := ledger()
		if len(entries) != 2 {
			t.Fatalf("ledger holds %d entries, want 2 (care merged, medical new)", len(entries))
		}
		for _, n := range entries {
			if !slices.Contains(n.Channels, need.FieldSurvey) {
				t.Errorf("%s need lacks the field_survey channel: %v", n.Category, n.Channels)
			}
			if n.Category == need.Medical && (n.Urgency != need.Urgent || n.Items[0] != "rehab" || n.FiledBy != "vw_a") {
				t.Errorf("medical need = %+v", n)
			}
		}
		refs, err := e.db.QueryStringsForTest(context.Background(), `SELECT source_ref FROM need_channels WHERE channel = 'field_survey'`)
		if err != nil || len(refs) != 2 || refs[0] != "survey:"+done.ID {
			t.Fatalf("field_survey source refs = %v, %v", refs, err)
		}

		// Completing again changes nothing.
		if _, err := e.db.CompleteSurveyTask(ctx, done.ID, res); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("second completion: %v, want a conflict", err)
		}
		if got := ledger(); len(got) != 2 || got[0].Version != entries[0].Version || got[1].Version != entries[1].Version {
			t.Fatalf("second completion touched the ledger: %+v", got)
		}

		// No need: the task closes and the ledger stays as it was.
		poor := byName["低保乙"]
		if _, err := e.db.CompleteSurveyTask(ctx, poor.ID, survey.Result{}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("empty result: %v", err)
		}
		if got, err := e.db.CompleteSurveyTask(ctx, poor.ID, survey.Result{NoNeed: true}); err != nil || got.Status != survey.Done || len(got.NeedIDs) != 0 {
			t.Fatalf("no-need completion: %+v, %v", got, err)
		}
		if _, total, _ := e.db.Needs(e.as("cr_changji"), need.Filter{Channel: new(need.FieldSurvey)}); total != 2 {
			t.Fatalf("field_survey entries = %d, want 2", total)
		}

		// Out of scope, and roles that do not write needs.
		other := mustTasks(t, e, "cr_changji", survey.TaskFilter{Status: new(survey.Open)})
		if len(other) != 1 || other[0].PersonName != "特困丙" {
			t.Fatalf("open tasks = %v", taskPersons(other))
		}
		if _, err := e.db.CompleteSurveyTask(ctx, other[0].ID, survey.Result{NoNeed: true}); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("vw_a completes a task in village B: %v", err)
		}
		if _, err := e.db.CompleteSurveyTask(e.as("assessor"), other[0].ID, survey.Result{NoNeed: true}); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("assessor completes a task: %v", err)
		}

		// Past due, the open task is overdue.
		if late := mustTasks(t, e, "cr_changji", survey.TaskFilter{Overdue: true}); len(late) != 0 {
			t.Fatalf("overdue before the due day: %v", taskPersons(late))
		}
		e.clock.Add(31 * 24 * time.Hour)
		late := mustTasks(t, e, "cr_changji", survey.TaskFilter{Overdue: true})
		if len(late) != 1 || !late[0].Overdue || late[0].PersonName != "特困丙" {
			t.Fatalf("overdue = %v", taskPersons(late))
		}
		got, err := e.db.SurveyRound(e.as("cr_changji"), census.ID)
		if err != nil || got.Progress != (survey.Progress{Total: 3, Open: 1, Done: 2, Overdue: 1}) {
			t.Fatalf("progress = %+v, %v", got.Progress, err)
		}
		if got, err := e.db.SurveyRound(e.as("vw_a"), census.ID); err != nil || got.Progress.Total != 2 {
			t.Fatalf("the village worker sees the county's round with its own village's progress: %+v, %v", got, err)
		}
	})
}

func TestSurveyRoundStartsLater(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		surveyPeople(t, e)
		r := mustRound(t, e, "admin", survey.Round{Kind: survey.Census, Name: "木垒县全面排查", PlaceCode: "652328", DueDays: 30, StartsOn: "2026-12-01"})
		if r.Status != survey.Scheduled || r.Progress.Total != 0 {
			t.Fatalf("round = %+v, want scheduled without tasks", r)
		}
		e.clock.Add(3 * 24 * time.Hour) // 2026-12-01 09:00 UTC
		if err := e.db.StartSurveyRoundForTest(context.Background(), r.ID); err != nil {
			t.Fatal(err)
		}
		got, err := e.db.SurveyRound(e.as("cr_mori"), r.ID)
		if err != nil || got.Status != survey.Active || got.Progress.Total != 1 || got.StartedAt == nil {
			t.Fatalf("started round = %+v, %v", got, err)
		}
		if _, err := e.db.SurveyRound(e.as("cr_changji"), r.ID); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("another county reads the round: %v", err)
		}
		list, total, err := e.db.SurveyRounds(e.as("to_1"), survey.RoundFilter{})
		if err != nil || total != 0 || len(list) != 0 {
			t.Fatalf("a township elsewhere lists %d rounds, %v", total, err)
		}
	})
}
