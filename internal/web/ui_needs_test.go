package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/need"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
)

// ledgerEnv is the console over the demo data with the demo village
// worker's village, one of its people and a person of another village of
// the same county.
type ledgerEnv struct {
	*uiEnv
	village      string
	own, another *person.Person
}

func newLedgerEnv(tb testing.TB) *ledgerEnv {
	tb.Helper()
	e := newUIEnv(tb)
	village := uiUser(tb, e, "village").PlaceCode
	own := e.uiFindPerson(tb, village, nil)
	another := e.uiFindPerson(tb, "652301", func(p *person.Person) bool { return p.PlaceCode != village })
	return &ledgerEnv{uiEnv: e, village: village, own: own, another: another}
}

// mustFileNeed files a need through the store as the demo user.
func (e *ledgerEnv) mustFileNeed(tb testing.TB, user string, f need.Filing) *need.Need {
	tb.Helper()
	ctx := auth.WithActor(context.Background(), uiUser(tb, e.uiEnv, user).Actor())
	n, _, err := e.db.FileNeed(ctx, f)
	if err != nil {
		tb.Fatalf("FileNeed(%+v): %v", f, err)
	}
	return n
}

// followFlash follows a 303 after a save and returns the page it leads to.
func followFlash(tb testing.TB, e *uiEnv, c *http.Client, res *http.Response, body string) (where, page string) {
	tb.Helper()
	if res.StatusCode != http.StatusSeeOther {
		tb.Fatalf("Status=%v, want %v; body: %.2000s", res.StatusCode, http.StatusSeeOther, body)
	}
	where = res.Header.Get("Location")
	return where, mustPage(tb, c, e.ts.URL+where, http.StatusOK)
}

func TestUINeedList(t *testing.T) {
	e := newLedgerEnv(t)
	zh := i18n.For("zh-Hans")
	county := e.client(t, "county")
	care := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Care})
	late := time.Now().Add(-2 * time.Hour)
	medical := e.mustFileNeed(t, "county", need.Filing{PersonID: e.another.ID, Channel: need.Referral, Category: need.Medical,
		Urgency: need.Urgent, Deadline: &late})

	t.Run("All", func(t *testing.T) {
		body := mustPage(t, county, e.ts.URL+"/needs", http.StatusOK)
		uiHas(t, body, zh.T("needs.total", map[string]any{"Total": 2}), "/needs/"+care.ID, "/needs/"+medical.ID,
			"/persons/"+e.own.ID, e.own.Name, zh.T("channel.referral", nil), `<span class="tag urgent">`+zh.T("need.urgency.urgent", nil),
			late.In(chinaTime).Format("2006-01-02 15:04"), `<span class="tag overdue">`, zh.T("needs.unassigned", nil))
		// Urgent entries come first.
		if i, j := strings.Index(body, "/needs/"+medical.ID), strings.Index(body, "/needs/"+care.ID); i > j {
			t.Errorf("the urgent need is listed after the normal one")
		}
	})

	for _, tc := range []struct {
		name, query string
		want, lack  *need.Need
	}{
		{"Category", "category=care", care, medical},
		{"Status", "status=new&channel=referral", medical, care},
		{"Channel", "channel=field_survey", care, medical},
		{"Overdue", "overdue=true", medical, care},
		{"Place", "place=" + e.village[:9], care, medical},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := mustPage(t, county, e.ts.URL+"/needs?"+tc.query, http.StatusOK)
			uiHas(t, body, zh.T("needs.total", map[string]any{"Total": 1}), "/needs/"+tc.want.ID)
			uiLacks(t, body, "/needs/"+tc.lack.ID)
			// The export links carry the same filters.
			q, _ := url.ParseQuery(tc.query)
			q.Set("format", "csv")
			uiHas(t, body, `href="/api/v1/needs/export?`+strings.ReplaceAll(q.Encode(), "&", "&amp;")+`"`)
		})
	}

	t.Run("FiltersEcho", func(t *testing.T) {
		body := mustPage(t, county, e.ts.URL+"/needs?category=care&status=new&channel=field_survey&overdue=true", http.StatusOK)
		uiHas(t, body, `<option value="care" selected>`, `<option value="new" selected>`, `<option value="field_survey" selected>`,
			`name="overdue" value="true" checked`)
	})

	t.Run("Export", func(t *testing.T) {
		res, body := uiGet(t, county, e.ts.URL+"/api/v1/needs/export?format=csv&category=care")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("export with the session cookie: Status=%v Content-Type=%q", res.StatusCode, res.Header.Get("Content-Type"))
		}
		if !strings.Contains(body, care.ID) || strings.Contains(body, medical.ID) {
			t.Errorf("export ignores the filters: %s", body)
		}
	})

	t.Run("BadFilters", func(t *testing.T) {
		for _, tc := range []struct{ query, want string }{
			{"category=spa", zh.T("err.need.category", nil)},
			{"status=lost", zh.T("err.need.status", nil)},
			{"channel=pigeon", zh.T("err.need.channel", nil)},
			{"overdue=maybe", zh.T("err.bool", nil)},
			{"place=65230X", zh.T("err.place.unknown", nil)},
			{"place=652328", zh.T("err.place.unknown", nil)}, // another county
		} {
			t.Run(tc.query, func(t *testing.T) {
				body := mustPage(t, county, e.ts.URL+"/needs?"+tc.query, http.StatusUnprocessableEntity)
				uiHas(t, body, tc.want, `role="alert"`)
				uiLacks(t, body, "/needs/"+care.ID, "export?")
			})
		}
	})

	t.Run("Paging", func(t *testing.T) {
		under := "652302"
		ps, _, err := e.db.Persons(store.System(context.Background()), person.Filter{PlaceCode: &under, Limit: needsPageSize + 1})
		if err != nil || len(ps) != needsPageSize+1 {
			t.Fatalf("Persons: %d, %v", len(ps), err)
		}
		for _, p := range ps { // with the care need above, two pages of field surveys
			e.mustFileNeed(t, "admin", need.Filing{PersonID: p.ID, Channel: need.FieldSurvey, Category: need.Skills})
		}
		admin := e.client(t, "admin")
		body := mustPage(t, admin, e.ts.URL+"/needs?channel=field_survey", http.StatusOK)
		uiHas(t, body, zh.T("needs.total", map[string]any{"Total": needsPageSize + 2}),
			zh.T("persons.page", map[string]any{"Page": 1, "Pages": 2}), `href="/needs?channel=field_survey&amp;page=2" rel="next"`)
		body = mustPage(t, admin, e.ts.URL+"/needs?channel=field_survey&page=2", http.StatusOK)
		uiHas(t, body, zh.T("persons.page", map[string]any{"Page": 2, "Pages": 2}), `href="/needs?channel=field_survey" rel="prev"`)
		if got := strings.Count(body, `<tr`) - 1; got != 2 {
			t.Errorf("page 2 has %d rows, want 2", got)
		}
	})
}

func TestUINeedFileAndMerge(t *testing.T) {
	e := newLedgerEnv(t)
	zh := i18n.For("zh-Hans")
	village := e.client(t, "village")

	body := mustPage(t, village, e.ts.URL+"/persons/"+e.own.ID, http.StatusOK)
	uiHas(t, body, `href="/needs/new?person=`+e.own.ID+`"`, zh.T("needs.new", nil))
	body = mustPage(t, village, e.ts.URL+"/needs/new?person="+e.own.ID, http.StatusOK)
	uiHas(t, body, e.own.Name, `name="channel"`, `<option value="field_survey" selected>`, `name="on_behalf"`)
	uiLacks(t, body, `value="data_warning"`, `id="existing"`)

	post := func(form url.Values) (*http.Response, string) {
		return uiPost(t, village, e.ts.URL+"/needs/new?person="+e.own.ID, form)
	}
	res, body := post(url.Values{"channel": {"field_survey"}, "category": {"care"}, "items": {"bathing, cleaning"}, "note": {"腿脚不便"}})
	first, page := followFlash(t, e.uiEnv, village, res, body)
	uiHas(t, page, zh.T("flash.need_filed", nil), zh.T("need.category.care", nil), "bathing", "cleaning", "腿脚不便")

	deadline := time.Now().In(chinaTime).Add(72 * time.Hour).Format("2006-01-02T15:04")
	res, body = post(url.Values{"channel": {"self_application"}, "on_behalf": {"1"}, "category": {"care"}, "urgency": {"urgent"},
		"items": {"laundry"}, "deadline": {deadline}})
	second, page := followFlash(t, e.uiEnv, village, res, body)
	if second != first {
		t.Fatalf("merged filing went to %s, want the open entry %s", second, first)
	}
	uiHas(t, page, zh.T("flash.need_merged", nil), zh.T("channel.field_survey", nil), zh.T("channel.self_application", nil),
		`<span class="tag urgent">`, "laundry", strings.Replace(deadline, "T", " ", 1))

	t.Run("History", func(t *testing.T) {
		body := mustPage(t, village, e.ts.URL+first, http.StatusOK)
		hist := body[strings.Index(body, `id="history"`):]
		changed := []string{zh.T("needs.field.channels", nil), zh.T("needs.field.urgency", nil), zh.T("needs.field.deadline", nil),
			zh.T("needs.field.items", nil)}
		uiHas(t, hist, zh.T("needs.event.created", nil), zh.T("needs.event.merged", nil), ">village<",
			zh.T("needs.field.urgency", nil)+"</span> <bdi>"+zh.T("need.urgency.normal", nil),
			zh.T("needs.event.changed", nil)+"</span> <bdi>"+strings.Join(changed, zh.T("needs.list_sep", nil)))
		if strings.Index(hist, zh.T("needs.event.created", nil)) > strings.Index(hist, zh.T("needs.event.merged", nil)) {
			t.Errorf("history is not oldest first")
		}
	})

	t.Run("ExistingShown", func(t *testing.T) {
		body := mustPage(t, village, e.ts.URL+"/needs/new?person="+e.own.ID, http.StatusOK)
		uiHas(t, body, `id="existing"`, `href="`+first+`"`, zh.T("needs.new.merge_hint", nil))
	})

	t.Run("Invalid", func(t *testing.T) {
		res, body := post(url.Values{"channel": {"field_survey"}, "on_behalf": {"1"}, "category": {"spa"}, "urgency": {"now"},
			"items": {"bath tub!"}, "deadline": {"tomorrow"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422; body: %.2000s", res.StatusCode, body)
		}
		uiHas(t, body, zh.T("err.need.on_behalf", nil), zh.T("err.need.item_code", map[string]any{"Code": "tub!"}),
			zh.T("err.datetime.format", nil), `value="bath tub!"`, `<option value="field_survey" selected>`)
		res, body = post(url.Values{"channel": {"data_warning"}, "category": {"care"}, "deadline": {"2020-01-01T08:00"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.need.channel", nil), zh.T("err.need.deadline_past", nil))
		// The store's own checks come back by field too.
		res, body = post(url.Values{"channel": {"referral"}, "category": {"spa"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.need.category", nil), `id="category-error"`)
	})

	t.Run("NoSuchPerson", func(t *testing.T) {
		mustPage(t, village, e.ts.URL+"/needs/new", http.StatusNotFound)
		mustPage(t, village, e.ts.URL+"/needs/new?person="+e.another.ID, http.StatusNotFound)
		res, _ := uiPost(t, village, e.ts.URL+"/needs/new?person="+e.another.ID, url.Values{"channel": {"field_survey"}, "category": {"care"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("filing for another village's person: Status=%v, want 404", res.StatusCode)
		}
		res, _ = uiGet(t, e.client(t, "auditor"), e.ts.URL+"/needs/new?person="+e.own.ID)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("auditor opens the filing form: Status=%v, want 403", res.StatusCode)
		}
	})
}

var versionField = regexp.MustCompile(`name="version" value="(\d+)"`)

func TestUINeedAssignClose(t *testing.T) {
	e := newLedgerEnv(t)
	zh := i18n.For("zh-Hans")
	n := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Housekeeping})
	township := e.client(t, "township")
	worker := uiUser(t, e.uiEnv, "village")
	path := e.ts.URL + "/needs/" + n.ID

	body := mustPage(t, township, path, http.StatusOK)
	uiHas(t, body, `action="/needs/`+n.ID+`/assign"`, `action="/needs/`+n.ID+`/close"`, `<option value="`+worker.ID+`">village · `)
	m := versionField.FindStringSubmatch(body)
	if m == nil || m[1] != strconv.Itoa(n.Version) {
		t.Fatalf("version field = %v, want %d", m, n.Version)
	}

	t.Run("AssignInvalid", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/assign", url.Values{"version": {m[1]}, "deadline": {"soon"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.required", nil), zh.T("err.datetime.format", nil), `value="soon"`)
		res, body = uiPost(t, township, path+"/assign", url.Values{"version": {m[1]}, "user_id": {uiUser(t, e.uiEnv, "county_mori").ID}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.need.assignee", nil))
	})

	deadline := time.Now().In(chinaTime).Add(48 * time.Hour).Truncate(time.Minute)
	res, body := uiPost(t, township, path+"/assign", url.Values{"version": {m[1]}, "user_id": {worker.ID},
		"deadline": {deadline.Format("2006-01-02T15:04")}})
	_, page := followFlash(t, e.uiEnv, township, res, body)
	uiHas(t, page, zh.T("flash.need_assigned", nil), zh.T("need.status.assigned", nil), `<dd id="f-worker"><bdi>village</bdi>`,
		`<span dir="ltr">`+deadline.Format("2006-01-02 15:04")+`</span>`, zh.T("needs.event.assigned", nil))
	got, err := e.db.Need(auth.WithActor(context.Background(), worker.Actor()), n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AssignedTo != worker.ID || got.Deadline == nil || !got.Deadline.Equal(deadline) {
		t.Fatalf("assigned to %s by %v, want %s by %v (Beijing time)", got.AssignedTo, got.Deadline, worker.ID, deadline)
	}

	t.Run("StaleVersion", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/assign", url.Values{"version": {m[1]}, "user_id": {worker.ID}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("Status=%v, want 409", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.version_conflict", nil), zh.T("needs.conflict.reload", nil), `name="version" value="`+m[1]+`"`)
		res, body = uiPost(t, township, path+"/close", url.Values{"version": {m[1]}, "status": {"closed"}, "reason": {"已解决"}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("close: Status=%v, want 409", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.version_conflict", nil), ">已解决</textarea>")
	})

	current := strconv.Itoa(got.Version)
	t.Run("CloseInvalid", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/close", url.Values{"version": {current}, "status": {"approved"}, "reason": {"  "}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("Status=%v, want 422", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.need.status", nil), zh.T("err.reason.required", nil))
	})

	res, body = uiPost(t, township, path+"/close", url.Values{"version": {current}, "status": {"no_need"}, "reason": {"上门核实，子女已接回同住"}})
	_, page = followFlash(t, e.uiEnv, township, res, body)
	uiHas(t, page, zh.T("flash.need_closed", nil), zh.T("need.status.no_need", nil), zh.T("needs.closed_note", nil),
		"上门核实，子女已接回同住", zh.T("needs.event.status", nil))
	uiLacks(t, page, `action="/needs/`+n.ID+`/assign"`)

	t.Run("AfterClose", func(t *testing.T) {
		res, body := uiPost(t, township, path+"/assign", url.Values{"version": {strconv.Itoa(got.Version + 1)}, "user_id": {worker.ID}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("Status=%v, want 409", res.StatusCode)
		}
		uiHas(t, body, zh.T("err.need.closed", nil))
	})

	t.Run("ReadOnly", func(t *testing.T) {
		body := mustPage(t, e.client(t, "auditor"), path, http.StatusOK)
		uiHas(t, body, `<dd id="f-worker"><bdi>village</bdi>`) // from the history
		uiLacks(t, body, `/assign"`)
		res, _ := uiPost(t, e.client(t, "auditor"), path+"/close", url.Values{"version": {"9"}, "status": {"closed"}, "reason": {"x"}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("auditor closes: Status=%v, want 403", res.StatusCode)
		}
	})
}

func TestUINeedScope(t *testing.T) {
	e := newLedgerEnv(t)
	other := e.mustFileNeed(t, "county", need.Filing{PersonID: e.another.ID, Channel: need.FieldSurvey, Category: need.Care})
	own := e.mustFileNeed(t, "county", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Care})
	village := e.client(t, "village")
	mustPage(t, village, e.ts.URL+"/needs/"+other.ID, http.StatusNotFound)
	res, _ := uiPost(t, village, e.ts.URL+"/needs/"+other.ID+"/close", url.Values{"version": {"1"}, "status": {"closed"}, "reason": {"x"}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("closing another village's need: Status=%v, want 404", res.StatusCode)
	}
	body := mustPage(t, village, e.ts.URL+"/needs", http.StatusOK)
	uiHas(t, body, "/needs/"+own.ID)
	uiLacks(t, body, "/needs/"+other.ID)
	mustPage(t, village, e.ts.URL+"/needs/"+own.ID, http.StatusOK)
	mustPage(t, e.client(t, "county_mori"), e.ts.URL+"/needs/"+own.ID, http.StatusNotFound)
	mustPage(t, e.client(t, "worker"), e.ts.URL+"/needs", http.StatusForbidden)
	body = mustPage(t, e.client(t, "worker"), e.ts.URL+"/", http.StatusOK)
	uiLacks(t, body, `href="/needs"`)

	t.Run("HomeCounts", func(t *testing.T) {
		body := mustPage(t, village, e.ts.URL+"/", http.StatusOK)
		uiHas(t, body, `href="/needs"`, `id="need-counts"`, `<span class="stat-value">1</span>`)
		body = mustPage(t, e.client(t, "county"), e.ts.URL+"/", http.StatusOK)
		uiHas(t, body, `<span class="stat-value">2</span>`, `href="/needs?overdue=true"`)
	})
}

// ledgerRawKey is rawKey with the ledger's prefixes.
var ledgerRawKey = regexp.MustCompile(`(?:^|[^\w/.-])((?:app|nav|login|home|persons?|needs?|channel|export|form|flash|error|common|footer|category|ethnicity|language|relation|sex|location|role|level|kind|err)\.[a-z_]+(?:\.[a-z_]+)*)`)

// TestUINeedPagesEveryLanguage renders each ledger page and state in each
// language and checks the direction and that no message key shows raw.
func TestUINeedPagesEveryLanguage(t *testing.T) {
	e := newLedgerEnv(t)
	late := time.Now().Add(-time.Hour)
	open := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.FieldSurvey, Category: need.Care,
		Items: []string{"bathing"}, Urgency: need.Urgent, Deadline: &late, Note: "x"})
	e.mustFileNeed(t, "county", need.Filing{PersonID: e.own.ID, Channel: need.DataWarning, Category: need.Care, SourceRef: "w-1"})
	ctx := auth.WithActor(context.Background(), uiUser(t, e.uiEnv, "township").Actor())
	open, err := e.db.AssignNeed(ctx, open.ID, uiUser(t, e.uiEnv, "village").ID, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	closed := e.mustFileNeed(t, "village", need.Filing{PersonID: e.own.ID, Channel: need.SelfApplication, Category: need.Skills, OnBehalf: true})
	if _, err := e.db.CloseNeed(ctx, closed.ID, need.Closed, "done", closed.Version); err != nil {
		t.Fatal(err)
	}
	other := e.mustFileNeed(t, "county", need.Filing{PersonID: e.another.ID, Channel: need.Referral, Category: need.Medical})
	pages := []uiPage{
		{"county", "GET", "/", nil, 200},
		{"county", "GET", "/needs", nil, 200},
		{"county", "GET", "/needs?overdue=true&category=care&status=assigned&channel=data_warning&place=652301", nil, 200},
		{"county", "GET", "/needs?person=" + e.own.ID, nil, 200},
		{"county", "GET", "/needs?category=zz", nil, 422},
		{"county", "GET", "/needs?category=spa&status=lost&channel=pigeon&overdue=maybe&place=65230X&limit=0", nil, 422},
		{"county", "GET", "/needs/" + open.ID, nil, 200},
		{"county", "GET", "/needs/" + closed.ID, nil, 200},
		{"county", "GET", "/needs/nothing", nil, 404},
		{"county", "GET", "/persons/" + e.own.ID, nil, 200},
		{"county", "GET", "/needs/new?person=" + e.own.ID, nil, 200},
		{"county", "GET", "/needs/new", nil, 404},
		{"county", "POST", "/needs/new?person=" + e.own.ID, url.Values{"channel": {"field_survey"}, "on_behalf": {"1"}, "category": {"spa"},
			"urgency": {"x"}, "items": {"a b!"}, "deadline": {"x"}, "note": {strings.Repeat("长", 2001)}}, 422},
		{"county", "POST", "/needs/new?person=" + e.own.ID, url.Values{"channel": {"referral"}, "category": {"medical"}, "deadline": {"2001-01-01T00:00"}}, 422},
		{"county", "POST", "/needs/" + open.ID + "/assign", url.Values{"version": {"99"}, "user_id": {"x"}}, 409},
		{"county", "POST", "/needs/" + open.ID + "/assign", url.Values{"version": {strconv.Itoa(open.Version)}, "user_id": {"x"}, "deadline": {"x"}}, 422},
		{"county", "POST", "/needs/" + open.ID + "/close", url.Values{"version": {strconv.Itoa(open.Version)}, "status": {"x"}}, 422},
		{"county", "POST", "/needs/" + closed.ID + "/close", url.Values{"version": {strconv.Itoa(closed.Version + 1)}, "status": {"closed"}, "reason": {"x"}}, 409},
		{"auditor", "GET", "/", nil, 200},
		{"auditor", "GET", "/needs", nil, 200},
		{"auditor", "GET", "/needs/" + open.ID, nil, 200},
		{"village", "GET", "/needs/" + other.ID, nil, 404},
		{"village", "GET", "/needs/" + open.ID, nil, 200},
		{"worker", "GET", "/needs", nil, 403},
	}
	uiCheckPages(t, e.uiEnv, pages, ledgerRawKey, "nav.needs", "zh-Hans")
}

// uiNeedsCodeKey finds message keys named in the ledger console's Go code.
var uiNeedsCodeKey = regexp.MustCompile(`"((?:needs?|channel|flash|err|home)\.[a-z_.]*[a-z_])"`)

// labelPrefixes are the prefixes the code passes to view.Label; the keys
// under them are checked value by value.
var labelPrefixes = []string{"need.category", "need.status", "need.urgency", "channel", "role"}

// TestUINeedMessageKeysExist checks that the keys the ledger pages build
// from values, and those its Go code names, exist in every language
// (TestUIMessageKeysExist covers the templates' literal keys).
func TestUINeedMessageKeysExist(t *testing.T) {
	used := map[string]string{}
	code, _ := filepath.Glob("ui_needs*.go")
	for _, f := range code {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uiNeedsCodeKey.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(labelPrefixes, m[1]) {
				used[m[1]] = f
			}
		}
	}
	add := func(prefix string, values ...string) {
		for _, v := range values {
			used[prefix+"."+v] = "enumeration"
		}
	}
	for _, c := range need.Categories {
		add("need.category", string(c))
	}
	for _, s := range need.Statuses {
		add("need.status", string(s))
	}
	for _, c := range need.Channels {
		add("channel", string(c))
	}
	add("need.urgency", string(need.Normal), string(need.Urgent))
	add("needs.event", eventKinds...)
	for _, k := range changedFields {
		used[k] = "changedFields"
	}
	for _, r := range auth.Roles {
		add("role", string(r))
	}
	if len(used) < 40 {
		t.Fatalf("found only %d keys: is the scan broken?", len(used))
	}
	for _, l := range i18n.Langs {
		have := i18n.Keys(l.Tag)
		for k, f := range used {
			if !slices.Contains(have, k) {
				t.Errorf("%s uses %q, missing in locales/%s.toml", f, k, l.Tag)
			}
		}
	}
}

func TestParseChinaClock(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"", ""},
		{"2026-12-01T18:00", "2026-12-01T10:00:00Z"},
		{"2026-12-01T18:00:30", "2026-12-01T10:00:30Z"},
		{"2026-12-01 08:05", "2026-12-01T00:05:00Z"},
		{"2026-13-01T18:00", "error"},
		{"tomorrow", "error"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseChinaClock(tc.in)
			var s string
			switch {
			case err != nil:
				s = "error"
			case got == nil:
				s = ""
			default:
				s = got.UTC().Format(time.RFC3339)
			}
			if s != tc.want {
				t.Errorf("parseChinaClock(%q) = %s, want %s", tc.in, s, tc.want)
			}
		})
	}
}
