package web_test

import (
	"log/slog"
	"net/http"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/match"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// newMatchAPIEnv is a server over the full demo (approved cases with plans,
// the resource library), with tokens for the accounts the matching tests use.
func newMatchAPIEnv(t *testing.T, d store.Dialect) *apiEnv {
	t.Helper()
	db := testdb.Open(t, d, func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) })
	if _, _, err := demo.LoadFull(t.Context(), db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("demo.LoadFull: %v", err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	e := &apiEnv{srv: web.New(db, log, web.Options{}), tokens: map[string]string{}}
	for _, u := range []string{"admin", "county", "county_mori", "village", "provider"} {
		e.tokens[u] = mustLogin(t, e.srv, u)
	}
	return e
}

type runList struct {
	Items []match.Run `json:"items"`
	Total int         `json:"total"`
}

type assignmentList struct {
	Items []match.Assignment `json:"items"`
	Total int                `json:"total"`
}

func TestMatchingAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newMatchAPIEnv(t, d)
		county, provider := e.tokens["county"], e.tokens["provider"]
		var one store.OneClick
		mustDo(t, e.srv, "POST", "/api/v1/matching/one-click", county, map[string]any{"place_code": "652301"}, http.StatusOK, &one)
		if one.Run == nil || one.Run.State != match.RunConfirmed || one.Run.Stats.Demands == 0 || one.Run.Stats.Assigned == 0 {
			t.Fatalf("one click = %+v", one.Run)
		}
		if one.Orders.Assigned == 0 {
			t.Errorf("one click assigned no orders: %+v", one.Orders)
		}
		var runs runList
		mustDo(t, e.srv, "GET", "/api/v1/matching/runs", county, nil, http.StatusOK, &runs)
		if runs.Total != 1 || runs.Items[0].ID != one.Run.ID {
			t.Fatalf("runs = %+v", runs)
		}
		var got match.Run
		mustDo(t, e.srv, "GET", "/api/v1/matching/runs/"+one.Run.ID, county, nil, http.StatusOK, &got)
		res, body := do(t, e.srv, "GET", "/api/v1/matching/runs/"+one.Run.ID, e.tokens["county_mori"], nil)
		mustProblem(t, res, body, http.StatusNotFound)
		res, body = do(t, e.srv, "POST", "/api/v1/matching/runs/"+one.Run.ID+"/confirm", county, nil)
		mustProblem(t, res, body, http.StatusConflict)

		t.Run("BadInput", func(t *testing.T) {
			for _, tc := range []struct {
				name, token, method, path string
				body                      any
				status                    int
				field                     string
			}{
				{"unknown place", county, "POST", "/api/v1/matching/runs", map[string]any{"place_code": "65x"}, 422, "place_code"},
				{"tuesday", county, "POST", "/api/v1/matching/runs", map[string]any{"place_code": "652301", "week": "2026-12-01"}, 422, "week"},
				{"out of scope", e.tokens["county_mori"], "POST", "/api/v1/matching/runs", map[string]any{"place_code": "652301"}, 404, ""},
				{"village worker", e.tokens["village"], "POST", "/api/v1/matching/one-click", map[string]any{"place_code": "652301"}, 403, ""},
				{"bad state", county, "GET", "/api/v1/assignments?state=maybe", nil, 422, "state"},
				{"not json", county, "POST", "/api/v1/matching/runs", "[", 422, ""},
				{"unknown run", county, "POST", "/api/v1/matching/runs/nope/discard", nil, 404, ""},
				{"unknown assignment", county, "POST", "/api/v1/assignments/nope/override", map[string]any{"worker_id": "w"}, 404, ""},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res, body := do(t, e.srv, tc.method, tc.path, tc.token, tc.body)
					p := mustProblem(t, res, body, tc.status)
					if tc.field != "" && !slices.ContainsFunc(p.Errors, func(f web.ProblemField) bool { return f.Field == tc.field }) {
						t.Errorf("errors = %+v, want field %s", p.Errors, tc.field)
					}
				})
			}
		})

		t.Run("DeclineAndRematch", func(t *testing.T) {
			var mine assignmentList
			mustDo(t, e.srv, "GET", "/api/v1/assignments?state=current&limit=200", provider, nil, http.StatusOK, &mine)
			if mine.Total == 0 {
				t.Skip("the demo provider has no assignments")
			}
			own := mine.Items[0].ProviderID
			for _, a := range mine.Items {
				if a.ProviderID != own {
					t.Fatalf("provider sees another provider's assignment %s", a.ID)
				}
			}
			var all assignmentList
			mustDo(t, e.srv, "GET", "/api/v1/assignments?state=current&limit=200", county, nil, http.StatusOK, &all)
			for _, a := range all.Items {
				if a.ProviderID != own {
					res, body := do(t, e.srv, "POST", "/api/v1/assignments/"+a.ID+"/decline", provider, map[string]any{"reason_code": "unsafe"})
					mustProblem(t, res, body, http.StatusNotFound)
					break
				}
			}
			target := mine.Items[0]
			res, body := do(t, e.srv, "POST", "/api/v1/assignments/"+target.ID+"/decline", provider, map[string]any{"reason_code": "tired"})
			if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); p.Errors[0].Field != "reason_code" {
				t.Errorf("errors = %+v", p.Errors)
			}
			var declined match.Assignment
			mustDo(t, e.srv, "POST", "/api/v1/assignments/"+target.ID+"/decline", provider, map[string]any{"reason_code": "no_capacity", "reason": "本周人手不足"}, http.StatusOK, &declined)
			if declined.State != match.Declined {
				t.Fatalf("declined = %+v", declined)
			}
			var queue assignmentList
			mustDo(t, e.srv, "GET", "/api/v1/assignments?state=declined", county, nil, http.StatusOK, &queue)
			if queue.Total != 1 {
				t.Fatalf("declined queue = %d", queue.Total)
			}
			var again struct {
				Items []match.Assignment `json:"items"`
			}
			mustDo(t, e.srv, "POST", "/api/v1/plan-items/"+target.PlanItemID+"/match", county, nil, http.StatusOK, &again)
			if len(again.Items) != 1 || again.Items[0].WorkerID == target.WorkerID {
				t.Fatalf("rematch = %+v, want one record without the declining worker", again.Items)
			}
			var over match.Assignment
			res, body = do(t, e.srv, "POST", "/api/v1/assignments/"+again.Items[0].ID+"/override", county, map[string]any{"worker_id": target.WorkerID})
			mustProblem(t, res, body, http.StatusUnprocessableEntity)
			mustDo(t, e.srv, "POST", "/api/v1/assignments/"+again.Items[0].ID+"/override", county,
				map[string]any{"worker_id": target.WorkerID, "reason_code": "person_request", "reason": "家属要求原服务人员", "force": true}, http.StatusOK, &over)
			if over.Source != match.SourceOverride || over.Explanation.Broken != "declined" || over.ReasonCode != "person_request" {
				t.Fatalf("override = %+v", over)
			}
		})
	})
}
