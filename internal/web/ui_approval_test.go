package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/assess"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
)

// caseVersion reads the version the case page's forms carry.
func caseVersion(tb testing.TB, body string) string {
	tb.Helper()
	m := versionField.FindStringSubmatch(body)
	if m == nil {
		tb.Fatalf("no version field; body: %.2000s", body)
	}
	return m[1]
}

// mustAct takes an approval action through the store as a demo user.
func (e *ledgerEnv) mustAct(tb testing.TB, user string, app *store.Application, a approval.Action) *store.Application {
	tb.Helper()
	ctx := auth.WithActor(context.Background(), uiUser(tb, e.uiEnv, user).Actor())
	reason := ""
	if approval.NeedsReason(a) {
		reason = "材料不全"
	}
	next, err := e.db.Act(ctx, app.ID, a, reason, app.Version)
	if err != nil {
		tb.Fatalf("%s %s: %v", user, a, err)
	}
	return next
}

// mustOpen submits a need for approval through the store as a demo user.
func (e *ledgerEnv) mustOpen(tb testing.TB, user, needID string, urgent bool) *store.Application {
	tb.Helper()
	ctx := auth.WithActor(context.Background(), uiUser(tb, e.uiEnv, user).Actor())
	app, err := e.db.OpenApplication(ctx, needID, urgent)
	if err != nil {
		tb.Fatal(err)
	}
	return app
}

// TestUIApprovalFlow has the township officer submit a need from its page,
// accept it and pass it, meeting a missing reason, a stale form and a step
// that has moved on; the county reviewer then finds it in the inbox.
func TestUIApprovalFlow(t *testing.T) {
	e := newLedgerEnv(t)
	zh := i18n.For("zh-Hans")
	T := func(key string, kv ...any) string {
		args := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			args[kv[i].(string)] = kv[i+1]
		}
		return zh.T(key, args)
	}
	n := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Care})
	township := e.client(t, "township")

	body := mustPage(t, township, e.ts.URL+"/needs/"+n.ID, http.StatusOK)
	uiHas(t, body, `action="/needs/`+n.ID+`/apply"`, T("approval.apply.title"), `name="urgent"`)
	res, body := uiPost(t, township, e.ts.URL+"/needs/"+n.ID+"/apply", url.Values{"urgent": {"1"}})
	where, page := followFlash(t, e.uiEnv, township, res, body)
	id := strings.TrimPrefix(where, "/applications/")
	uiHas(t, page, T("flash.application_opened"), T("state.submitted"), `<span class="tag urgent">`+T("approval.urgent"),
		`id="act-accept"`, `id="act-return"`, `id="reason-return"`, T("action.submit"), `href="/needs/`+n.ID+`"`, e.own.Name)
	uiLacks(t, page, `id="reason-accept"`, `id="act-pass"`)
	path := e.ts.URL + where

	t.Run("ApplyTwice", func(t *testing.T) {
		res, body := uiPost(t, township, e.ts.URL+"/needs/"+n.ID+"/apply", nil)
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("Status=%v, want 409", res.StatusCode)
		}
		uiHas(t, body, T("err.application.exists"))
		uiLacks(t, body, `action="/needs/`+n.ID+`/apply"`)
	})

	first := caseVersion(t, page)
	res, body = uiPost(t, township, path+"/act", url.Values{"action": {"accept"}, "version": {first}})
	_, page = followFlash(t, e.uiEnv, township, res, body)
	uiHas(t, page, T("flash.application_acted"), T("state.township_review"), `id="act-pass"`, `id="act-reject"`, T("action.accept"))
	current := caseVersion(t, page)

	t.Run("ReasonRequired", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/act", url.Values{"action": {"reject"}, "reason": {"  "}, "version": {current}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422; body: %.2000s", res.StatusCode, body)
		}
		uiHas(t, body, `<p class="field-error" id="reason-reject-error">`+T("err.reason.required")+`</p>`, `aria-invalid="true"`)
		uiLacks(t, body, `id="reason-return-error"`)
	})

	t.Run("StaleVersion", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/act", url.Values{"action": {"return"}, "reason": {"户口本缺页"}, "version": {first}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("Status=%v, want 409", res.StatusCode)
		}
		uiHas(t, body, `id="act-error"`, T("err.version_conflict"), T("approval.conflict.reload"), ">户口本缺页</textarea>",
			`name="version" value="`+first+`"`)
	})

	t.Run("MovedOn", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/act", url.Values{"action": {"accept"}, "version": {current}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("Status=%v, want 409", res.StatusCode)
		}
		uiHas(t, body, T("err.transition"), T("approval.conflict.reload"))
	})

	t.Run("BadForm", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/act", url.Values{"action": {"bless"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422", res.StatusCode)
		}
		uiHas(t, body, T("err.application.action"), T("err.required"))
	})

	res, body = uiPost(t, township, path+"/act", url.Values{"action": {"pass"}, "reason": {"材料齐全"}, "version": {current}})
	_, page = followFlash(t, e.uiEnv, township, res, body)
	uiHas(t, page, T("state.county_review"), T("approval.not_yours"), T("role.township_officer"), `id="act-withdraw"`)
	uiLacks(t, page, `id="act-pass"`)
	body = mustPage(t, township, e.ts.URL+"/needs/"+n.ID, http.StatusOK)
	uiLacks(t, body, `action="/needs/`+n.ID+`/apply"`)

	county := e.client(t, "county")
	t.Run("Inbox", func(t *testing.T) {
		body := mustPage(t, county, e.ts.URL+"/inbox", http.StatusOK)
		uiHas(t, body, T("approval.inbox.kind.action_needed"), T("state.county_review"), `href="/applications/`+id+`"`)
		body = mustPage(t, township, e.ts.URL+"/inbox", http.StatusOK)
		uiHas(t, body, T("state.township_review"), T("state.submitted"))
		uiLacks(t, body, T("state.county_review")+"<")
		mustPage(t, e.client(t, "worker"), e.ts.URL+"/inbox", http.StatusForbidden)
	})

	t.Run("List", func(t *testing.T) {
		body := mustPage(t, county, e.ts.URL+"/applications", http.StatusOK)
		uiHas(t, body, T("approval.total", "Total", 1), `href="/applications/`+id+`"`, T("approval.waiting"),
			`<span class="tag urgent">`, `class="status a-county_review"`, `href="/applications"`)
		for _, tc := range []struct {
			query string
			total int
		}{{"state=county_review", 1}, {"state=approved", 0}, {"overdue=true", 0}} {
			body := mustPage(t, county, e.ts.URL+"/applications?"+tc.query, http.StatusOK)
			uiHas(t, body, T("approval.total", "Total", tc.total))
		}
		body = mustPage(t, county, e.ts.URL+"/applications?state=lost&overdue=maybe", http.StatusUnprocessableEntity)
		uiHas(t, body, T("err.application.state"), T("err.bool"))
		body = mustPage(t, township, e.ts.URL+"/applications", http.StatusOK)
		uiLacks(t, body, T("approval.waiting"))
	})

	t.Run("Scope", func(t *testing.T) {
		mustPage(t, e.client(t, "county_mori"), path, http.StatusNotFound)
		mustPage(t, e.client(t, "worker"), e.ts.URL+"/applications", http.StatusForbidden)
		body := mustPage(t, e.client(t, "auditor"), path, http.StatusOK)
		uiLacks(t, body, `/act"`)
		res, _ := uiPost(t, e.client(t, "county_mori"), path+"/act", url.Values{"action": {"pass"}, "version": {"3"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("another county acts: Status=%v, want 404", res.StatusCode)
		}
	})
}

// TestUITurnaround passes one application to approval and reads the
// figures on the page and from the API.
func TestUITurnaround(t *testing.T) {
	e := newLedgerEnv(t)
	zh := i18n.For("zh-Hans")
	n := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Care})
	app := e.mustOpen(t, "village", n.ID, false)
	for _, s := range []struct {
		user string
		a    approval.Action
	}{{"township", approval.Accept}, {"township", approval.Pass}, {"county", approval.Pass}} {
		app = e.mustAct(t, s.user, app, s.a)
	}
	// At the assessment step the assessor is sent to the assessment form.
	body := mustPage(t, e.client(t, "assessor"), e.ts.URL+"/applications/"+app.ID, http.StatusOK)
	uiHas(t, body, `id="to-assess"`, `href="`+html.EscapeString(assessURL(app.PersonID, app.ID, "default"))+`"`, `id="act-reject"`)
	uiLacks(t, body, `id="act-pass"`)
	// The step passes only on a recorded assessment.
	answers := assess.Answers{
		"econ.income_ratio": 2.5, "econ.medical_burden": false, "econ.housing": "safe",
		"selfcare.meals": "independent", "selfcare.housework": "independent", "selfcare.medication": "independent",
		"selfcare.outings": "independent", "selfcare.caregiver": "reliable", "selfcare.lives_alone": false,
		"mental.cognition": "normal", "mental.mood": "stable", "mental.risk": false,
		"dev.skills": false, "dev.job": false, "dev.digital": "able",
		"child.difficulty": "other", "child.guardianship": "adequate", "child.schooling": "in_school", "child.psych": "stable",
	}
	for _, it := range assess.Barthel().Items {
		answers[it.Code] = it.Options[0].Code
	}
	ctx := auth.WithActor(context.Background(), uiUser(t, e.uiEnv, "assessor").Actor())
	if _, err := e.db.Assess(ctx, app.PersonID, app.ID, "default", answers); err != nil {
		t.Fatal(err)
	}
	if got := e.mustAct(t, "assessor", app, approval.Pass); got.State != approval.Approved {
		t.Fatalf("State=%s after the assessor passed, want approved", got.State)
	}
	county := e.client(t, "county")
	body = mustPage(t, county, e.ts.URL+"/stats/turnaround", http.StatusOK)
	uiHas(t, body, `id="turnaround"`, e.placeName(t, "652301"), zh.T("state.submitted", nil), zh.T("state.assessment", nil),
		zh.T("approval.turnaround.overall", nil), zh.T("approval.percent", map[string]any{"N": 100}),
		zh.T("approval.turnaround.of", map[string]any{"N": 1, "Total": 1}), `rowspan="5"`)
	body = mustPage(t, county, e.ts.URL+"/stats/turnaround?by=township", http.StatusOK)
	uiHas(t, body, e.placeName(t, e.village[:9]), `<option value="township" selected>`)
	body = mustPage(t, county, e.ts.URL+"/stats/turnaround?by=village&from=2026-13-01&to=2026-01-01", http.StatusUnprocessableEntity)
	uiHas(t, body, zh.T("err.turnaround.by", nil), zh.T("err.date.format", nil), `value="2026-13-01"`)
	body = mustPage(t, county, e.ts.URL+"/stats/turnaround?from=2020-01-01&to=2020-12-31", http.StatusOK)
	uiHas(t, body, `id="ta-empty"`)

	t.Run("API", func(t *testing.T) {
		body := mustPage(t, county, e.ts.URL+"/api/v1/stats/turnaround?by=county", http.StatusOK)
		for _, want := range []string{`"by":"county"`, `"place_code":"652301"`, `"step":"submitted"`, `"step":"overall"`,
			`"count":1`, `"share_within_limit":1`} {
			uiHas(t, body, want)
		}
		mustPage(t, county, e.ts.URL+"/api/v1/stats/turnaround?to=2026-01-01&from=2026-02-01", http.StatusUnprocessableEntity)
		mustPage(t, e.client(t, "worker"), e.ts.URL+"/api/v1/stats/turnaround", http.StatusForbidden)
	})
}

// placeName is a place's Chinese name, as the system reads it.
func (e *ledgerEnv) placeName(tb testing.TB, code string) string {
	tb.Helper()
	p, err := e.db.Place(store.System(context.Background()), code)
	if err != nil {
		tb.Fatal(err)
	}
	return p.Name
}

// approvalRawKey is rawKey with the approval pages' prefixes.
var approvalRawKey = regexp.MustCompile(`(?:^|[^\w/.-])((?:app|nav|approval|state|action|needs?|persons?|flash|error|common|footer|role|err)\.[a-z_]+(?:\.[a-z_]+)*)`)

// TestUIApprovalPagesEveryLanguage renders each approval page in each
// language and checks the direction and that no message key shows raw.
func TestUIApprovalPagesEveryLanguage(t *testing.T) {
	e := newLedgerEnv(t)
	fresh := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Medical})
	n := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Care})
	app := e.mustOpen(t, "village", n.ID, true)
	app = e.mustAct(t, "township", app, approval.Accept)
	app = e.mustAct(t, "township", app, approval.Pass)
	done := e.mustOpen(t, "village", e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey,
		Category: need.Skills}).ID, false)
	done = e.mustAct(t, "township", done, approval.Return)
	v := strconv.Itoa(app.Version)
	pages := []uiPage{
		{"county", "GET", "/applications", nil, 200},
		{"county", "GET", "/applications?state=county_review&overdue=true", nil, 200},
		{"county", "GET", "/applications?state=lost", nil, 422},
		{"county", "GET", "/applications/" + app.ID, nil, 200},
		{"county", "GET", "/applications/" + done.ID, nil, 200},
		{"county", "POST", "/applications/" + app.ID + "/act", url.Values{"action": {"return"}, "version": {v}}, 422},
		{"county", "POST", "/applications/" + app.ID + "/act", url.Values{"action": {"pass"}, "version": {"1"}}, 409},
		{"county", "POST", "/applications/" + app.ID + "/act", url.Values{"action": {"accept"}, "version": {v}}, 409},
		{"county", "GET", "/applications/nothing", nil, 404},
		{"county", "GET", "/inbox", nil, 200},
		{"county", "GET", "/stats/turnaround", nil, 200},
		{"county", "GET", "/stats/turnaround?by=township&from=2026-01-01", nil, 200},
		{"county", "GET", "/stats/turnaround?by=x&from=x", nil, 422},
		{"township", "GET", "/needs/" + fresh.ID, nil, 200},
		{"township", "GET", "/inbox", nil, 200},
		{"auditor", "GET", "/applications/" + app.ID, nil, 200},
		{"assessor", "GET", "/inbox", nil, 200},
	}
	uiCheckPages(t, e.uiEnv, pages, approvalRawKey, "nav.approval", "zh-Hans")
}
