package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"jiuzhu/internal/i18n"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
	"jiuzhu/internal/survey"
)

var taskLink = regexp.MustCompile(`href="/survey/tasks/([0-9a-f-]{36})"`)

// surveyKey finds a survey message key printed instead of its text.
var surveyKey = regexp.MustCompile(`(?:^|[^\w/.-])(survey\.[a-z_]+(?:\.[a-z_]+)*)`)

// TestUISurvey plans a round as the demo township officer, then records two
// visits as the demo village worker, on a phone's worth of pages.
func TestUISurvey(t *testing.T) {
	e := newUIEnv(t)
	zh := i18n.For("zh-Hans")
	officer := e.client(t, "township")

	body := mustPage(t, officer, e.ts.URL+"/survey", http.StatusOK)
	uiHas(t, body, `href="/survey/new"`, zh.T("survey.rounds.empty", nil), `href="/survey"`)
	body = mustPage(t, officer, e.ts.URL+"/survey/new", http.StatusOK)
	uiHas(t, body, `name="kind" value="routine" checked`, `value="elderly_alone" checked`, `name="frequency_days"`)
	res, body := uiPost(t, officer, e.ts.URL+"/survey/new", url.Values{"kind": {"weekly"}, "name": {""}, "due_days": {"x"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad round: Status=%v", res.StatusCode)
	}
	uiHas(t, body, zh.T("err.survey.kind", nil), zh.T("err.required", nil), zh.T("err.survey.due_days", map[string]any{"Max": 366}))
	res, _ = uiPost(t, officer, e.ts.URL+"/survey/new", url.Values{"kind": {"routine"}, "name": {"十二月走访"}, "place_code": {""},
		"due_days": {"7"}, "frequency_days": {"30"}, "categories": {"elderly_alone", "extreme_poverty", "severe_disability", "child_difficulty"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("round without a place: Status=%v", res.StatusCode)
	}
	form := url.Values{"kind": {"routine"}, "name": {"十二月走访"}, "due_days": {"7"}, "frequency_days": {"30"},
		"categories": {"elderly_alone", "extreme_poverty", "severe_disability", "child_difficulty"}}
	body = mustPage(t, officer, e.ts.URL+"/survey/new", http.StatusOK)
	if m := regexp.MustCompile(`<option value="(\d{9})" selected>`).FindStringSubmatch(body); m != nil {
		form.Set("place_code", m[1])
	} else {
		t.Fatalf("the form does not preselect the officer's township: %.2000s", body)
	}
	res, _ = uiPost(t, officer, e.ts.URL+"/survey/new", form)
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/survey" {
		t.Fatalf("create round: Status=%v Location=%q", res.StatusCode, got)
	}
	body = mustPage(t, officer, e.ts.URL+"/survey", http.StatusOK)
	uiHas(t, body, zh.T("flash.survey_round_created", nil), "十二月走访", zh.T("survey.kind.routine", nil), zh.T("survey.round_status.scheduled", nil))

	// The village worker's phone: home of the survey, then the task list.
	vw := e.client(t, "village")
	body = mustPage(t, vw, e.ts.URL+"/survey", http.StatusOK)
	uiHas(t, body, `id="my-tasks"`, `href="/survey"`)
	uiLacks(t, body, `href="/survey/new"`)
	res, _ = uiGet(t, vw, e.ts.URL+"/survey/tasks")
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != myTasksURL {
		t.Fatalf("bare task list: Status=%v Location=%q", res.StatusCode, got)
	}
	body = mustPage(t, vw, e.ts.URL+myTasksURL, http.StatusOK)
	uiHas(t, body, zh.T("survey.mine.title", nil), zh.T("survey.task.start", nil))
	links := taskLink.FindAllStringSubmatch(body, -1)
	if len(links) < 3 {
		t.Fatalf("the village worker has %d tasks on the page, want at least 3", len(links))
	}
	first, second := links[0][1], links[1][1]

	// A need found goes to the ledger.
	body = mustPage(t, vw, e.ts.URL+"/survey/tasks/"+first, http.StatusOK)
	uiHas(t, body, `name="outcome" value="found"`, `name="outcome" value="no_need"`, `name="found_care"`, `name="items_care"`, `type="datetime-local"`)
	res, body = uiPost(t, vw, e.ts.URL+"/survey/tasks/"+first, url.Values{"outcome": {"found"}, "items_care": {"bathing, tub!"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad item code: Status=%v", res.StatusCode)
	}
	uiHas(t, body, zh.T("err.need.item_code", map[string]any{"Code": "tub!"}), `id="items_care" name="items_care" value="bathing, tub!"`, `<details class="sv-need" open>`)
	res, _ = uiPost(t, vw, e.ts.URL+"/survey/tasks/"+first, url.Values{"outcome": {"found"}, "found_care": {"1"}, "items_care": {"bathing，meals"},
		"urgency_care": {"urgent"}, "note_care": {"腿脚不便"}, "notes": {"独居"}, "lat": {"44.01"}, "lon": {"87.30"}})
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != myTasksURL {
		t.Fatalf("record a visit: Status=%v Location=%q", res.StatusCode, got)
	}
	body = mustPage(t, vw, e.ts.URL+myTasksURL, http.StatusOK)
	uiHas(t, body, zh.T("flash.survey_recorded", nil))
	ctx := store.System(context.Background())
	task, err := e.db.SurveyTask(ctx, first)
	if err != nil || task.Status != survey.Done || len(task.NeedIDs) != 1 || task.Result.Found[0].Urgency != need.Urgent || *task.Result.Lat != 44.01 {
		t.Fatalf("recorded task = %+v, %v", task, err)
	}
	n, err := e.db.Need(ctx, task.NeedIDs[0])
	if err != nil || n.Channels[0] != need.FieldSurvey || len(n.Items) != 2 || n.FiledBy != "village" {
		t.Fatalf("ledger entry = %+v, %v", n, err)
	}
	body = mustPage(t, vw, e.ts.URL+"/survey/tasks/"+first, http.StatusOK)
	uiHas(t, body, `id="result"`, `href="/needs/`+n.ID+`"`, "腿脚不便", "44.01, 87.3")
	uiLacks(t, body, `name="outcome"`)

	// Twice: the conflict is shown with the result; nothing new is filed.
	res, body = uiPost(t, vw, e.ts.URL+"/survey/tasks/"+first, url.Values{"outcome": {"no_need"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second record: Status=%v", res.StatusCode)
	}
	uiHas(t, body, zh.T("err.survey.task_done", nil), `id="result"`)

	// No need, after forgetting to choose.
	res, body = uiPost(t, vw, e.ts.URL+"/survey/tasks/"+second, url.Values{"notes": {"一切正常"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("empty result: Status=%v", res.StatusCode)
	}
	uiHas(t, body, `id="outcome-error"`, zh.T("err.survey.result_empty", nil), "一切正常")
	res, _ = uiPost(t, vw, e.ts.URL+"/survey/tasks/"+second, url.Values{"outcome": {"no_need"}, "found_care": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("no need: Status=%v", res.StatusCode)
	}
	if task, err := e.db.SurveyTask(ctx, second); err != nil || task.Status != survey.Done || !task.Result.NoNeed || len(task.NeedIDs) != 0 {
		t.Fatalf("no-need task = %+v, %v", task, err)
	}

	// Scope and roles.
	for _, tc := range []struct {
		user, method, path string
		status             int
	}{
		{"county_mori", "GET", "/survey/tasks/" + first, http.StatusNotFound},
		{"county_mori", "POST", "/survey/tasks/" + links[2][1], http.StatusNotFound},
		{"worker", "GET", "/survey", http.StatusForbidden},
		{"village", "GET", "/survey/new", http.StatusForbidden},
		{"village", "POST", "/survey/new", http.StatusForbidden},
		{"auditor", "POST", "/survey/tasks/" + links[2][1], http.StatusForbidden},
		{"auditor", "GET", "/survey/tasks/" + links[2][1], http.StatusOK},
		{"village", "GET", "/survey/tasks?status=lost", http.StatusUnprocessableEntity},
	} {
		c := e.client(t, tc.user)
		var res *http.Response
		if tc.method == "POST" {
			res, _ = uiPost(t, c, e.ts.URL+tc.path, url.Values{"outcome": {"no_need"}})
		} else {
			res, _ = uiGet(t, c, e.ts.URL+tc.path)
		}
		if res.StatusCode != tc.status {
			t.Errorf("%s %s %s: Status=%v, want %v", tc.user, tc.method, tc.path, res.StatusCode, tc.status)
		}
	}
}

// TestUISurveyEveryLanguage renders the survey pages in every language:
// the direction is set and no survey message key shows unresolved.
func TestUISurveyEveryLanguage(t *testing.T) {
	e := newUIEnv(t)
	officer := e.client(t, "county")
	res, _ := uiPost(t, officer, e.ts.URL+"/survey/new", url.Values{"kind": {"census"}, "name": {"2026 年度全面排查"}, "place_code": {"652301"}, "due_days": {"60"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("census: Status=%v", res.StatusCode)
	}
	vw := e.client(t, "village")
	links := taskLink.FindAllStringSubmatch(mustPage(t, vw, e.ts.URL+"/survey/tasks?status=open", http.StatusOK), -1)
	if len(links) < 2 {
		t.Fatal("no census tasks for the village worker")
	}
	if res, _ := uiPost(t, vw, e.ts.URL+"/survey/tasks/"+links[1][1], url.Values{"outcome": {"found"}, "found_emotional": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: Status=%v", res.StatusCode)
	}
	pages := []struct {
		user, path string
		status     int
	}{
		{"county", "/survey", 200}, {"county", "/survey/new", 200}, {"county", "/survey/tasks?status=open&overdue=true", 200},
		{"village", "/survey", 200}, {"village", myTasksURL, 200}, {"village", "/survey/tasks/" + links[0][1], 200},
		{"village", "/survey/tasks/" + links[1][1], 200}, {"village", "/survey/tasks?mine=maybe", 422},
	}
	for _, l := range i18n.Langs {
		t.Run(l.Tag, func(t *testing.T) {
			clients := map[string]*http.Client{}
			for _, pg := range pages {
				c := clients[pg.user]
				if c == nil {
					c = e.client(t, pg.user)
					e.setLang(t, c, l.Tag)
					clients[pg.user] = c
				}
				body := mustPage(t, c, e.ts.URL+pg.path, pg.status)
				if want := `<html lang="` + l.Tag + `" dir="` + l.Dir + `">`; !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(body) {
					t.Errorf("%s %s: no %s", pg.user, pg.path, want)
				}
				clean := linkRef.ReplaceAllString(body, "")
				for _, re := range []*regexp.Regexp{rawKey, surveyKey} {
					if m := re.FindStringSubmatch(clean); m != nil {
						t.Errorf("%s %s: raw message key %q", pg.user, pg.path, m[1])
					}
				}
			}
		})
	}
}
