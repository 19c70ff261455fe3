package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

type apiRound struct {
	ID       string `json:"id"`
	SeriesID string `json:"series_id"`
	Seq      int    `json:"seq"`
	Status   string `json:"status"`
	StartsOn string `json:"starts_on"`
	Progress struct {
		Total, Open, Done int
	} `json:"progress"`
}

type apiTask struct {
	ID           string   `json:"id"`
	PersonID     string   `json:"person_id"`
	PlaceCode    string   `json:"place_code"`
	AssigneeName string   `json:"assignee_name"`
	Status       string   `json:"status"`
	NeedIDs      []string `json:"need_ids"`
}

type apiTaskList struct {
	Items []apiTask `json:"items"`
	Total int       `json:"total"`
}

// TestAPISurvey plans a routine round for the demo township, lets the demo
// village worker record two visits, and checks scope and validation, on
// both databases.
func TestAPISurvey(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newAPIEnv(t, d)
		schema := newSchemaChecker(t, e.srv)
		vt, tt := e.tokens["village"], e.tokens["township"]
		township := e.village[:9]

		round := map[string]any{"kind": "routine", "name": "月度走访", "place_code": township, "frequency_days": 30, "due_days": 7}
		res, body := do(t, e.srv, "POST", "/api/v1/survey-rounds", vt, round)
		mustProblem(t, res, body, http.StatusForbidden)
		res, body = do(t, e.srv, "POST", "/api/v1/survey-rounds", tt, map[string]any{"kind": "routine", "name": "x", "place_code": "652328", "frequency_days": 30, "due_days": 7})
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); strings.Join(fieldKeys(p), " ") != "place_code:err.place.out_of_scope" {
			t.Fatalf("round outside the township: %v", fieldKeys(p))
		}
		res, body = do(t, e.srv, "POST", "/api/v1/survey-rounds", tt, map[string]any{"kind": "weekly", "name": "", "place_code": township, "due_days": 0})
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); strings.Join(fieldKeys(p), " ") != "name:err.required kind:err.survey.kind due_days:err.survey.due_days" {
			t.Fatalf("bad round: %v", fieldKeys(p))
		}
		res, body = do(t, e.srv, "POST", "/api/v1/survey-rounds", tt, round)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create round: %d %s", res.StatusCode, body)
		}
		schema.check(t, "SurveyRound", body)
		var r apiRound
		json.Unmarshal(body, &r)
		if r.Status != "active" || r.Progress.Total == 0 || r.Progress.Open != r.Progress.Total || res.Header.Get("Location") != "/api/v1/survey-rounds/"+r.ID {
			t.Fatalf("round = %+v, Location %q", r, res.Header.Get("Location"))
		}

		// The village worker sees the township's round and the next occurrence.
		_, body = do(t, e.srv, "GET", "/api/v1/survey-rounds", vt, nil)
		schema.check(t, "SurveyRoundList", body)
		var rounds struct {
			Items []apiRound `json:"items"`
			Total int        `json:"total"`
		}
		json.Unmarshal(body, &rounds)
		if rounds.Total != 2 || rounds.Items[0].Status != "scheduled" || rounds.Items[0].SeriesID != r.ID || rounds.Items[1].ID != r.ID {
			t.Fatalf("village's rounds = %+v", rounds)
		}
		mustDo(t, e.srv, "GET", "/api/v1/survey-rounds/"+r.ID, vt, nil, http.StatusOK, nil)
		res, body = do(t, e.srv, "GET", "/api/v1/survey-rounds/"+r.ID, e.tokens["county_mori"], nil)
		mustProblem(t, res, body, http.StatusNotFound)

		var mine apiTaskList
		_, body = do(t, e.srv, "GET", "/api/v1/survey-tasks?mine=true&status=open", vt, nil)
		schema.check(t, "SurveyTaskList", body)
		json.Unmarshal(body, &mine)
		if mine.Total < 2 {
			t.Fatalf("the village worker has %d tasks, want at least 2", mine.Total)
		}
		for _, tk := range mine.Items {
			if tk.PlaceCode != e.village || tk.AssigneeName != "village" || tk.Status != "open" {
				t.Fatalf("task = %+v, want an open task in %s for the village worker", tk, e.village)
			}
		}
		var township_ apiTaskList
		mustDo(t, e.srv, "GET", "/api/v1/survey-tasks?round="+r.ID+"&limit=200", tt, nil, http.StatusOK, &township_)
		if township_.Total != r.Progress.Total {
			t.Fatalf("township lists %d tasks, round has %d", township_.Total, r.Progress.Total)
		}

		// One visit finds a need, another none.
		first, second := mine.Items[0], mine.Items[1]
		found := map[string]any{"found": []map[string]any{{"category": "care", "items": []string{"bathing"}, "urgency": "urgent", "note": "行动不便"}},
			"notes": "独居", "visited_at": time.Now().UTC().Add(-time.Hour).Format(time.RFC3339), "lat": 44.01, "lon": 87.3}
		res, body = do(t, e.srv, "POST", "/api/v1/survey-tasks/"+first.ID+"/result", vt, found)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("record: %d %s", res.StatusCode, body)
		}
		schema.check(t, "SurveyTask", body)
		var done apiTask
		json.Unmarshal(body, &done)
		if done.Status != "done" || len(done.NeedIDs) != 1 {
			t.Fatalf("done task = %+v", done)
		}
		var ledger struct {
			Total int `json:"total"`
		}
		mustDo(t, e.srv, "GET", "/api/v1/needs?channel=field_survey&person="+first.PersonID, vt, nil, http.StatusOK, &ledger)
		if ledger.Total != 1 {
			t.Fatalf("field_survey entries for the person = %d, want 1", ledger.Total)
		}
		res, body = do(t, e.srv, "POST", "/api/v1/survey-tasks/"+first.ID+"/result", vt, found)
		if p := mustProblem(t, res, body, http.StatusConflict); p.Key != "err.survey.task_done" {
			t.Fatalf("second record: %+v", p)
		}
		res, body = do(t, e.srv, "POST", "/api/v1/survey-tasks/"+second.ID+"/result", vt, map[string]any{})
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); strings.Join(fieldKeys(p), " ") != "found:err.survey.result_empty" {
			t.Fatalf("empty result: %v", fieldKeys(p))
		}
		res, body = do(t, e.srv, "POST", "/api/v1/survey-tasks/"+second.ID+"/result", vt, `{"no_need": true, "mood": "fine"}`)
		mustProblem(t, res, body, http.StatusUnprocessableEntity)
		mustDo(t, e.srv, "POST", "/api/v1/survey-tasks/"+second.ID+"/result", vt, map[string]any{"no_need": true}, http.StatusOK, &done)
		if done.Status != "done" || len(done.NeedIDs) != 0 {
			t.Fatalf("no-need task = %+v", done)
		}
		mustDo(t, e.srv, "GET", "/api/v1/survey-tasks/"+second.ID, tt, nil, http.StatusOK, nil)

		// Scope, roles and filters.
		res, body = do(t, e.srv, "GET", "/api/v1/survey-tasks/"+first.ID, e.tokens["county_mori"], nil)
		mustProblem(t, res, body, http.StatusNotFound)
		res, body = do(t, e.srv, "POST", "/api/v1/survey-tasks/"+first.ID+"/result", e.tokens["auditor"], map[string]any{"no_need": true})
		mustProblem(t, res, body, http.StatusForbidden)
		res, body = do(t, e.srv, "GET", "/api/v1/survey-tasks", e.tokens["worker"], nil)
		mustProblem(t, res, body, http.StatusForbidden)
		res, body = do(t, e.srv, "GET", "/api/v1/survey-tasks?status=lost&mine=maybe&place=1", vt, nil)
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); strings.Join(fieldKeys(p), " ") != "place:err.place.unknown status:err.survey.task_status mine:err.bool" {
			t.Fatalf("bad filters: %v", fieldKeys(p))
		}
		res, body = do(t, e.srv, "GET", "/api/v1/survey-rounds?kind=weekly&status=done", vt, nil)
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); len(p.Errors) != 2 {
			t.Fatalf("bad round filters: %v", fieldKeys(p))
		}

		// The prefecture's census makes a task for everyone under assistance.
		start := time.Now()
		var census apiRound
		mustDo(t, e.srv, "POST", "/api/v1/survey-rounds", e.tokens["admin"], map[string]any{"kind": "census", "name": "2026 年度全面排查", "place_code": "652300", "due_days": 60}, http.StatusCreated, &census)
		t.Logf("%s: census of %d people in %v", d, census.Progress.Total, time.Since(start))
		var assisted assisted
		mustDo(t, e.srv, "GET", "/api/v1/stats/assisted", e.tokens["admin"], nil, http.StatusOK, &assisted)
		if census.Progress.Total != assisted.Total {
			t.Fatalf("census made %d tasks, want one per person under assistance (%d)", census.Progress.Total, assisted.Total)
		}
	})
}
