package web_test

import (
	"net/http"
	"slices"
	"sync"
	"testing"

	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

type apiApplication struct {
	ID      string   `json:"id"`
	NeedID  string   `json:"need_id"`
	State   string   `json:"state"`
	Version int      `json:"version"`
	Allowed []string `json:"allowed"`
	History []struct {
		Action string `json:"action"`
	} `json:"history"`
}

// TestAPIApplications takes a need through the four levels over the API, on
// both databases, and has two officers decide the same step at once.
func TestAPIApplications(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newAPIEnv(t, d)
		schema := newSchemaChecker(t, e.srv)
		own, _ := pickPersons(t, e)
		var filed filedNeed
		mustDo(t, e.srv, "POST", "/api/v1/needs", e.tokens["village"], map[string]any{"person_id": own.ID, "channel": "field_survey", "category": "care"}, http.StatusCreated, &filed)

		res, body := do(t, e.srv, "POST", "/api/v1/applications", e.tokens["village"], map[string]any{"need_id": filed.Need.ID})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("open: %d %s", res.StatusCode, body)
		}
		schema.check(t, "Application", body)
		res, body = do(t, e.srv, "POST", "/api/v1/applications", e.tokens["village"], map[string]any{"need_id": filed.Need.ID})
		mustProblem(t, res, body, http.StatusConflict)

		var app apiApplication
		var list struct {
			Items []apiApplication `json:"items"`
		}
		mustDo(t, e.srv, "GET", "/api/v1/applications?state=submitted", e.tokens["township"], nil, http.StatusOK, &list)
		if len(list.Items) != 1 || !slices.Contains(list.Items[0].Allowed, "accept") {
			t.Fatalf("township's list = %+v", list.Items)
		}
		app = list.Items[0]

		// Two officers accept and return the same step at once: one wins.
		var wg sync.WaitGroup
		codes := make(chan int, 2)
		for _, a := range []map[string]any{{"action": "accept", "version": app.Version}, {"action": "return", "reason": "缺少证明材料", "version": app.Version}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, _ := do(t, e.srv, "POST", "/api/v1/applications/"+app.ID+"/actions", e.tokens["township"], a)
				codes <- res.StatusCode
			}()
		}
		wg.Wait()
		close(codes)
		var got []int
		for c := range codes {
			got = append(got, c)
		}
		slices.Sort(got)
		if !slices.Equal(got, []int{http.StatusOK, http.StatusConflict}) {
			t.Fatalf("concurrent decisions answered %v, want one 200 and one 409", got)
		}
		mustDo(t, e.srv, "GET", "/api/v1/applications/"+app.ID, e.tokens["township"], nil, http.StatusOK, &app)
		if app.State == "returned" {
			mustDo(t, e.srv, "POST", "/api/v1/applications/"+app.ID+"/actions", e.tokens["village"], map[string]any{"action": "resubmit", "version": app.Version}, http.StatusOK, &app)
			mustDo(t, e.srv, "POST", "/api/v1/applications/"+app.ID+"/actions", e.tokens["township"], map[string]any{"action": "accept", "version": app.Version}, http.StatusOK, &app)
		}
		for _, step := range []struct{ user, action, want string }{
			{"township", "pass", "county_review"},
			{"county", "pass", "assessment"},
			{"assessor", "pass", "approved"},
		} {
			if step.want == "approved" {
				// The assessment step passes only on a recorded assessment.
				res, body := do(t, e.srv, "POST", "/api/v1/applications/"+app.ID+"/actions", e.tokens["assessor"], map[string]any{"action": "pass", "version": app.Version})
				if p := mustProblem(t, res, body, http.StatusConflict); p.Key != "err.assess.required" {
					t.Fatalf("pass without assessment: key %s", p.Key)
				}
				mustDo(t, e.srv, "POST", "/api/v1/persons/"+own.ID+"/assessments", e.tokens["assessor"],
					map[string]any{"template": "default", "answers": everyAnswer(), "application_id": app.ID}, http.StatusCreated, nil)
			}
			res, body := do(t, e.srv, "POST", "/api/v1/applications/"+app.ID+"/actions", e.tokens[step.user], map[string]any{"action": step.action, "version": app.Version})
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: %d %s", step.user, step.action, res.StatusCode, body)
			}
			schema.check(t, "Application", body)
			mustDo(t, e.srv, "GET", "/api/v1/applications/"+app.ID, e.tokens[step.user], nil, http.StatusOK, &app)
			if app.State != step.want {
				t.Fatalf("after %s %s: state %s, want %s", step.user, step.action, app.State, step.want)
			}
		}
		var n struct {
			Need struct {
				Status string `json:"status"`
			} `json:"need"`
		}
		mustDo(t, e.srv, "GET", "/api/v1/needs/"+filed.Need.ID, e.tokens["village"], nil, http.StatusOK, &n)
		if n.Need.Status != "approved" {
			t.Fatalf("need status %s, want approved", n.Need.Status)
		}
		_, body = do(t, e.srv, "GET", "/api/v1/notifications", e.tokens["county"], nil)
		schema.check(t, "NotificationList", body)

		// Errors: wrong role, unknown action, stale version, out of scope.
		for _, tc := range []struct {
			user string
			body map[string]any
			want int
		}{
			{"village", map[string]any{"action": "pass", "version": app.Version}, http.StatusConflict},
			{"village", map[string]any{"action": "fly", "version": app.Version}, http.StatusUnprocessableEntity},
			{"county_mori", map[string]any{"action": "appeal", "reason": "x", "version": app.Version}, http.StatusNotFound},
		} {
			res, body := do(t, e.srv, "POST", "/api/v1/applications/"+app.ID+"/actions", e.tokens[tc.user], tc.body)
			mustProblem(t, res, body, tc.want)
		}
	})
}
