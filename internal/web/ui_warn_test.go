package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/i18n"
	"jiuzhu/internal/person"
	"jiuzhu/internal/warn"
)

// uiUploadFeed posts the console's upload form with a CSV file.
func uiUploadFeed(tb testing.TB, c *http.Client, base, kind, csv string) (*http.Response, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", kind+".csv")
	fw.Write([]byte(csv))
	mw.Close()
	res, err := c.Post(base+"/warnings/upload", mw.FormDataContentType(), &buf)
	if err != nil {
		tb.Fatal(err)
	}
	return res, uiBody(tb, res)
}

// TestUIFeedUploadUyghur uploads a bad and then a good file on a Uyghur
// page: the bad file's rows are explained in Uyghur and nothing is imported.
func TestUIFeedUploadUyghur(t *testing.T) {
	e := newUIEnv(t)
	village := uiUser(t, e, "village").PlaceCode
	p := e.uiFindPerson(t, village, nil)
	c := e.client(t, "admin")
	e.setLang(t, c, "ug")
	ug := i18n.For("ug")

	day := time.Now().In(chinaTime).AddDate(0, 0, -3).Format(time.DateOnly)
	bad := "\uFEFF身份证号,日期,金额(分)\r\n" + p.IDNumber + "," + day + ",6000000\r\n" + p.IDNumber + ",2026-02-30,100\r\n6.52301E+17," + day + ",100\r\n"
	res, body := uiUploadFeed(t, c, e.ts.URL, "medical_expense", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	uiHas(t, body, `dir="rtl"`, ug.T("warn.report.title", map[string]any{"BadRows": 2, "Rows": 3}),
		ug.T("err.feed.date", map[string]any{"Value": "2026-02-30"}), ug.T("warn.column.event_date", nil),
		strings.ReplaceAll(ug.T("err.feed.id_scientific", map[string]any{"Value": "6.52301E+17"}), "+", "&#43;"), ug.T("warn.imports.empty", nil))

	good := "\uFEFF身份证号,日期,金额(分)\r\n" + p.IDNumber + "," + day + ",6000000\r\n"
	res, body = uiUploadFeed(t, c, e.ts.URL, "medical_expense", good)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("good file: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	uiHas(t, body, ug.T("warn.result.imported", map[string]any{"Kind": ug.T("warn.feed.medical_expense", nil), "Rows": 1}),
		`<dd id="r-filed">1</dd>`, `<table class="list" id="imports">`)
	res, body = uiUploadFeed(t, c, e.ts.URL, "medical_expense", good)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `<p class="notice">`+strings.Split(ug.T("warn.result.existing", map[string]any{"At": "@"}), "@")[0]) {
		t.Fatalf("same file again: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	res, body = uiUploadFeed(t, c, e.ts.URL, "", good)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="kind-error"`) {
		t.Fatalf("no kind: Status=%v; body: %.2000s", res.StatusCode, body)
	}

	res, body = uiGet(t, c, e.ts.URL+"/warnings/templates/school_dropout.csv")
	if res.StatusCode != http.StatusOK || body != "\uFEFF身份证号,日期,业务编号,姓名,备注\r\n" || !strings.Contains(res.Header.Get("Content-Disposition"), "school_dropout.csv") {
		t.Fatalf("template: Status=%v %q %v", res.StatusCode, body, res.Header)
	}
	if recs, rep := warn.Parse(warn.SchoolDropout, strings.NewReader(body), time.Now()); len(recs) != 0 || !rep.OK() || rep.Rows != 0 {
		t.Fatalf("the template is not a valid empty file: %+v", rep)
	}
}

// TestUIFeedUploadFacts uploads hospital stays and deaths on the console:
// the result says what they are for and counts no warning, and their
// templates download with the Chinese headers.
func TestUIFeedUploadFacts(t *testing.T) {
	e := newUIEnv(t)
	p := e.uiFindPerson(t, uiUser(t, e, "village").PlaceCode, nil)
	c := e.client(t, "admin")
	zh := i18n.For("zh-Hans")
	day := time.Now().In(chinaTime).AddDate(0, 0, -3).Format(time.DateOnly)
	stranger := "652324198510301150"

	for _, tc := range []struct{ kind, file string }{
		{"hospital_stay", "\uFEFF身份证号,姓名,入院日期,出院日期,医院名称\r\n" + p.IDNumber + ",," + day + ",,昌吉州人民医院\r\n" + stranger + ",马某," + day + "," + day + ",昌吉市中医医院\r\n"},
		{"death", "\uFEFF身份证号,姓名,死亡日期\r\n" + p.IDNumber + ",," + day + "\r\n" + stranger + ",马某," + day + "\r\n"},
	} {
		res, body := uiUploadFeed(t, c, e.ts.URL, tc.kind, tc.file)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: Status=%v; body: %.2000s", tc.kind, res.StatusCode, body)
		}
		uiHas(t, body, zh.T("warn.result.imported", map[string]any{"Kind": zh.T("warn.feed."+tc.kind, nil), "Rows": 2}),
			`<dd id="r-added">2</dd>`, `<dd id="r-unmatched">1</dd>`, `id="r-facts"`, zh.T("warn.unmatched.hint_facts", nil), stranger)
		if strings.Contains(body, `id="r-hits"`) {
			t.Errorf("%s: the result counts warnings", tc.kind)
		}
	}
	bad := "身份证号,入院日期,出院日期\r\n" + p.IDNumber + "," + day + ",2020-01-01\r\n"
	res, body := uiUploadFeed(t, c, e.ts.URL, "hospital_stay", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("discharge before admission: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	uiHas(t, body, zh.T("err.feed.discharge_before", map[string]any{"Admitted": day, "Discharged": "2020-01-01"}), zh.T("warn.column.discharge_date", nil))

	for kind, header := range map[warn.FeedKind]string{
		warn.HospitalStay: "身份证号,入院日期,出院日期,医院名称,姓名,备注",
		warn.Death:        "身份证号,死亡日期,业务编号,姓名,备注",
	} {
		res, body := uiGet(t, c, e.ts.URL+"/warnings/templates/"+string(kind)+".csv")
		if res.StatusCode != http.StatusOK || body != "\uFEFF"+header+"\r\n" {
			t.Fatalf("template %s: Status=%v %q", kind, res.StatusCode, body)
		}
		if recs, rep := warn.Parse(kind, strings.NewReader(body), time.Now()); len(recs) != 0 || !rep.OK() {
			t.Fatalf("the %s template is not a valid empty file: %+v", kind, rep)
		}
	}
	uiHas(t, mustPage(t, c, e.ts.URL+"/warnings", http.StatusOK), `href="/warnings/templates/hospital_stay.csv"`,
		`href="/warnings/templates/death.csv"`, zh.T("warn.dept.health", nil), `<option value="death"`)
}

// TestUIWarnPages renders the pages in every language and saves a rule
// and an emergency through their forms.
func TestUIWarnPages(t *testing.T) {
	e := newUIEnv(t)
	township := uiUser(t, e, "village").PlaceCode[:9]
	admin := e.client(t, "admin")

	res, body := uiPost(t, admin, e.ts.URL+"/warnings/rules/elderly_alone", url.Values{"threshold": {"1"}, "window_days": {"0"}, "visit_within_days": {"x"}, "enabled": {"1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="elderly_alone-window-error"`) || !strings.Contains(body, `id="elderly_alone-visit-error"`) {
		t.Fatalf("bad rule: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	res, _ = uiPost(t, admin, e.ts.URL+"/warnings/rules/medical_large", url.Values{"threshold": {"30000"}, "window_days": {"365"}, "visit_within_days": {"10"}, "enabled": {"1"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/warnings/rules?saved=medical_large#rule-medical_large" {
		t.Fatalf("save rule: Status=%v Location=%q", res.StatusCode, res.Header.Get("Location"))
	}
	body = mustPage(t, admin, e.ts.URL+"/warnings/rules?saved=medical_large", http.StatusOK)
	uiHas(t, body, `id="saved"`, `value="30000"`, `value="10"`)

	res, _ = uiPost(t, admin, e.ts.URL+"/emergencies", url.Values{"kind": {"snow_disaster"}, "townships": {township}, "note": {"暴雪"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/emergencies?declared=") {
		t.Fatalf("declare: Status=%v Location=%q", res.StatusCode, res.Header.Get("Location"))
	}
	body = mustPage(t, admin, e.ts.URL+res.Header.Get("Location"), http.StatusOK)
	uiHas(t, body, `id="notice"`, `class="current"`, "暴雪")
	res, _ = uiPost(t, admin, e.ts.URL+"/emergencies", url.Values{"kind": {"snow_disaster"}, "townships": {township}})
	if !strings.HasPrefix(res.Header.Get("Location"), "/emergencies?existing=") {
		t.Fatalf("declared again: Location=%q, want ?existing=", res.Header.Get("Location"))
	}

	type page struct {
		user, method, path string
		form               url.Values
		status             int
	}
	pages := []page{
		{"admin", "GET", "/warnings", nil, 200},
		{"admin", "GET", "/warnings/rules", nil, 200},
		{"admin", "GET", "/emergencies", nil, 200},
		{"admin", "POST", "/emergencies", url.Values{"kind": {"drought"}, "until": {"2026-99-01"}}, 422},
		{"admin", "POST", "/emergencies", url.Values{"kind": {"flood"}, "townships": {"652399001"}, "until": {"2020-01-01"}}, 422},
		{"admin", "POST", "/warnings/rules/nope", url.Values{"threshold": {"1"}}, 404},
		{"liaison", "GET", "/warnings", nil, 200},
		{"liaison", "GET", "/warnings/rules", nil, 200},
		{"village", "GET", "/warnings/rules", nil, 200},
		{"village", "GET", "/emergencies", nil, 200},
		{"village", "GET", "/warnings", nil, 403},
		{"county", "POST", "/warnings/rules/medical_large", url.Values{"threshold": {"1"}}, 403},
		{"county", "POST", "/emergencies", url.Values{"kind": {"flood"}}, 403},
		{"worker", "GET", "/emergencies", nil, 403},
	}
	warnRawKey := regexp.MustCompile(`(?:^|[^\w/.-])((?:warn|err|nav|form|category)\.[a-z_]+(?:\.[a-z_]+)*)`)
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
				var res *http.Response
				var body string
				if pg.method == "POST" {
					res, body = uiPost(t, c, e.ts.URL+pg.path, pg.form)
				} else {
					res, body = uiGet(t, c, e.ts.URL+pg.path)
				}
				where := pg.user + " " + pg.method + " " + pg.path
				if res.StatusCode != pg.status {
					t.Errorf("%s: Status=%v, want %v; body: %.1500s", where, res.StatusCode, pg.status, body)
					continue
				}
				if want := `<html lang="` + l.Tag + `" dir="` + l.Dir + `">`; !strings.Contains(body, want) {
					t.Errorf("%s: no %s", where, want)
				}
				if m := warnRawKey.FindStringSubmatch(body); m != nil {
					t.Errorf("%s: raw message key %q in the page", where, m[1])
				}
			}
			// The navigation leads administrators and liaisons here, not village workers.
			nav := `href="/warnings"`
			if body := mustPage(t, clients["admin"], e.ts.URL+"/", 200); !strings.Contains(body, nav) {
				t.Errorf("admin's navigation lacks %s", nav)
			}
			if body := mustPage(t, clients["village"], e.ts.URL+"/", 200); strings.Contains(body, nav) {
				t.Errorf("village worker's navigation has %s", nav)
			}
		})
	}
}

// TestUIWarnMessageKeysExist checks the keys the warning pages build from
// values, and those their Go code names, in every language.
func TestUIWarnMessageKeysExist(t *testing.T) {
	used := map[string]bool{}
	code, _ := filepath.Glob("ui_warn*.go")
	literal := regexp.MustCompile(`"((?:warn|err)\.[a-z_.]*[a-z_])"`)
	for _, f := range append(code, "api_warn.go", "api_warn_feeds.go") {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	for _, k := range warn.FeedKinds {
		used["warn.feed."+string(k)], used["warn.dept."+string(k.Department())] = true, true
		if !k.Facts() { // a fact feed has no rule to show
			used["warn.rules.unit."+string(k)] = true
		}
	}
	for _, k := range warn.EmergencyKinds {
		used["warn.emergency."+string(k)] = true
	}
	for _, c := range person.Categories {
		used["category."+string(c)] = true
	}
	for _, prefix := range []string{"warn.feed", "warn.dept", "warn.emergency", "warn.urgency", "warn.rules.unit", "category"} {
		delete(used, prefix)
	}
	for _, l := range i18n.Langs {
		have := i18n.Keys(l.Tag)
		for k := range used {
			if !slices.Contains(have, k) {
				t.Errorf("%s: key %q has no message", l.Tag, k)
			}
		}
	}
}
