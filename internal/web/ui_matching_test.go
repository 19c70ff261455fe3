package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/demo"
	"jiuzhu/internal/match"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// newMatchUIEnv is a console over the full demo: approved cases with plans
// and the resource library.
func newMatchUIEnv(tb testing.TB) *uiEnv {
	tb.Helper()
	now := func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }
	db := testdb.Open(tb, store.SQLite, now)
	if _, _, err := demo.LoadFull(context.Background(), db, now()); err != nil {
		tb.Fatalf("demo.LoadFull: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewServer(New(db, log, Options{Now: now}))
	tb.Cleanup(ts.Close)
	return &uiEnv{db: db, ts: ts}
}

func TestMatchingPages(t *testing.T) {
	e := newMatchUIEnv(t)
	county := e.client(t, "county")
	res, _ := uiPost(t, county, e.ts.URL+"/matching/one-click", url.Values{"place_code": {"652301"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/matching/runs/") {
		t.Fatalf("one click: Status=%v Location=%q", res.StatusCode, res.Header.Get("Location"))
	}
	runPath := strings.SplitN(res.Header.Get("Location"), "?", 2)[0]
	body := mustPage(t, county, e.ts.URL+res.Header.Get("Location"), http.StatusOK)
	uiHas(t, body, `id="run-orders"`, `id="assignments"`, "/matching/workers/", "/matching/persons/")

	prov := e.client(t, "provider")
	mine := mustPage(t, prov, e.ts.URL+"/matching/mine", http.StatusOK)
	m := regexp.MustCompile(`/matching/assignments/([0-9a-f-]{36})`).FindStringSubmatch(mine)
	if m == nil {
		t.Fatalf("the provider's page lists no assignment: %.2000s", mine)
	}
	own := m[1]
	// a is another provider's current assignment.
	ctx := auth.WithActor(context.Background(), &auth.Actor{Username: "t", Role: auth.PrefectureAdmin, Scope: "652300"})
	ownRow, err := e.db.Assignment(ctx, own)
	if err != nil {
		t.Fatal(err)
	}
	cur := match.Current
	list, _, err := e.db.Assignments(ctx, match.AssignmentFilter{State: &cur, PlaceCode: ptrTo("652301"), Limit: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var a *match.Assignment
	for _, x := range list {
		if x.ProviderID != ownRow.ProviderID {
			a = x
			break
		}
	}
	if a == nil {
		t.Fatal("no current assignment of another provider")
	}
	uiHas(t, mustPage(t, prov, e.ts.URL+"/matching/assignments/"+own, http.StatusOK), `id="decline"`)
	uiHas(t, mustPage(t, county, e.ts.URL+"/matching/assignments/"+a.ID, http.StatusOK), `id="override"`)

	res, body = uiPost(t, county, e.ts.URL+"/matching/assignments/"+a.ID+"/override", url.Values{"worker_id": {a.WorkerID}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("override without a reason: Status=%v", res.StatusCode)
	}
	uiHas(t, body, `id="form-error"`)
	res, _ = uiPost(t, prov, e.ts.URL+"/matching/assignments/"+own+"/decline", url.Values{"reason_code": {"out_of_area"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("decline: Status=%v", res.StatusCode)
	}
	uiHas(t, mustPage(t, county, e.ts.URL+"/matching/declined", http.StatusOK), "/matching/assignments/"+own)

	pages := []uiPage{
		{"county", "GET", "/matching", nil, http.StatusOK},
		{"county", "GET", runPath, nil, http.StatusOK},
		{"county", "GET", runPath + "?state=unassigned", nil, http.StatusOK},
		{"county", "GET", "/matching/declined", nil, http.StatusOK},
		{"county", "GET", "/matching/workers/" + a.WorkerID, nil, http.StatusOK},
		{"county", "GET", "/matching/persons/" + a.PersonID, nil, http.StatusOK},
		{"county", "GET", "/matching/assignments/" + a.ID, nil, http.StatusOK},
		{"county", "GET", "/matching/assignments/" + own, nil, http.StatusOK},
		{"county", "POST", "/matching/assignments/" + a.ID + "/override", url.Values{"worker_id": {a.WorkerID}, "reason_code": {"other"}}, http.StatusUnprocessableEntity},
		{"county", "POST", "/matching/preview", url.Values{"place_code": {"652301"}, "week": {"2026-12-02"}}, http.StatusUnprocessableEntity},
		{"provider", "GET", "/matching/mine", nil, http.StatusOK},
		{"provider", "GET", "/matching/assignments/" + a.ID, nil, http.StatusNotFound},
		{"village", "POST", "/matching/one-click", url.Values{"place_code": {"652301"}}, http.StatusForbidden},
	}
	uiCheckPages(t, e, pages, regexp.MustCompile(`(?:^|[^\w/.-])((?:match|err|nav|form|language)\.[a-z_]+(?:\.[a-zA-Z_]+)*)`), "nav.matching", "zh-Hans")
}

func ptrTo[T any](v T) *T { return &v }
