package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
)

// apiCall sends a JSON request with a bearer token and decodes the answer.
func apiCall(t *testing.T, e *uiEnv, token, method, path string, body any, want int, out any) {
	t.Helper()
	var buf bytes.Buffer
	if body != nil {
		json.NewEncoder(&buf).Encode(body)
	}
	req, _ := http.NewRequest(method, e.ts.URL+path, &buf)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		var p map[string]any
		json.NewDecoder(res.Body).Decode(&p)
		t.Fatalf("%s %s: Status=%v, want %v; %v", method, path, res.StatusCode, want, p)
	}
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAPIPlansAndOrders(t *testing.T) {
	e := newMatchUIEnv(t)
	f := newPlanFixture(t, e)
	token := func(user string) string {
		tok, _, err := e.db.Login(store.System(context.Background()), user, demo.Password, store.APISession)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	county, worker, provider := token("county"), token("worker"), token("provider")

	var p plan.Plan
	apiCall(t, e, county, "GET", "/api/v1/plans/"+f.planID, nil, http.StatusOK, &p)
	if len(p.Items) == 0 || p.Items[0].Units < 1 {
		t.Fatalf("plan = %+v", p)
	}
	apiCall(t, e, county, "GET", "/api/v1/plans?state=bogus", nil, http.StatusUnprocessableEntity, nil)
	apiCall(t, e, county, "PUT", "/api/v1/plans/"+f.planID+"/items/"+f.itemID,
		map[string]any{"version": p.Version, "times": 2, "every_weeks": 1, "window_from": 540, "window_to": 1080}, http.StatusUnprocessableEntity, nil)
	apiCall(t, e, county, "PUT", "/api/v1/plans/"+f.planID+"/items/"+f.itemID,
		map[string]any{"version": p.Version + 5, "reason": "x", "times": 2, "every_weeks": 1, "window_from": 540, "window_to": 1080}, http.StatusConflict, nil)
	apiCall(t, e, worker, "POST", "/api/v1/plans/"+f.planID+"/pause", map[string]any{"version": p.Version, "reason": "x"}, http.StatusForbidden, nil)

	var day plan.Day
	apiCall(t, e, worker, "GET", "/api/v1/my-day?day="+f.day, nil, http.StatusOK, &day)
	if day.WorkerID != f.workerID || len(day.Stops) == 0 || day.Stops[0].RouteSeq != 1 || day.Stops[0].ETA == nil {
		t.Fatalf("my day = %+v", day)
	}
	apiCall(t, e, worker, "GET", "/api/v1/my-day?day=tomorrow", nil, http.StatusUnprocessableEntity, nil)
	apiCall(t, e, county, "GET", "/api/v1/my-day", nil, http.StatusForbidden, nil)
	apiCall(t, e, provider, "GET", "/api/v1/workers/"+f.workerID+"/day?day="+f.day, nil, http.StatusOK, &day)

	var list struct {
		Items []plan.Order `json:"items"`
		Total int          `json:"total"`
	}
	apiCall(t, e, worker, "GET", "/api/v1/orders?from="+f.day+"&to="+f.day, nil, http.StatusOK, &list)
	for _, o := range list.Items {
		if o.WorkerID != f.workerID {
			t.Fatalf("worker sees another worker's order %+v", o)
		}
	}
	apiCall(t, e, county, "GET", "/api/v1/orders/"+list.Items[0].ID, nil, http.StatusOK, nil)
	var queued map[string]string
	apiCall(t, e, county, "POST", "/api/v1/orders/generate", map[string]string{"week": f.day}, http.StatusAccepted, &queued)
	if queued["week"] == "" {
		t.Fatalf("generate = %v", queued)
	}
	apiCall(t, e, county, "POST", "/api/v1/plans/"+f.planID+"/pause", map[string]any{"version": p.Version, "reason": "住院"}, http.StatusOK, &p)
	if p.State != plan.Paused {
		t.Fatalf("state %s after pausing", p.State)
	}
}
