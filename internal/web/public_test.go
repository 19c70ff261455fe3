package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/need"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// applyEnv is the resident page over the demo dataset, with the development
// SMS gateway kept for reading the codes.
type applyEnv struct {
	db  *store.DB
	ts  *httptest.Server
	sms *notify.LogSMS
	// guardian has a phone and at least one ward without one; other is
	// someone else with a phone of their own.
	guardian, other person.Person
	wards           []person.Person
}

func newApplyEnv(t *testing.T) *applyEnv {
	t.Helper()
	today := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	db := testdb.Open(t, store.SQLite, nil)
	if _, _, err := demo.Load(context.Background(), db, today); err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	e := &applyEnv{db: db, sms: notify.NewLogSMS(slog.New(slog.DiscardHandler))}
	e.ts = httptest.NewServer(New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{SMS: e.sms}))
	t.Cleanup(e.ts.Close)

	ps := demo.Generate(demo.Seed, today).Persons
	phones := map[string]int{}
	for _, p := range ps {
		phones[p.Phone]++
	}
	for _, g := range ps {
		if g.Phone == "" || phones[g.Phone] != 1 {
			continue
		}
		var wards []person.Person
		for _, c := range ps {
			if c.GuardianID == g.ID && c.Phone == "" {
				wards = append(wards, c)
			}
		}
		if len(wards) > 0 && e.guardian.ID == "" {
			e.guardian, e.wards = g, wards
		} else if len(wards) == 0 && e.other.ID == "" && g.GuardianID == "" && !slices.ContainsFunc(ps, func(c person.Person) bool { return c.GuardianID == g.ID }) {
			e.other = g
		}
	}
	if e.guardian.ID == "" || e.other.ID == "" {
		t.Fatal("the demo dataset has no guardian with a phone of their own, or no other person with a phone")
	}
	return e
}

// client returns a browser-like client: cookies kept, redirects not followed.
func (e *applyEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var smsCode = regexp.MustCompile(`\b\d{6}\b`)

// askCode posts the phone number and returns the response; the code sent,
// if any, is in e.sms.
func (e *applyEnv) askCode(t *testing.T, c *http.Client, phone string) (*http.Response, string) {
	t.Helper()
	return uiPost(t, c, e.ts.URL+"/apply/code", url.Values{"phone": {phone}})
}

// signIn asks for a code, reads it from the gateway and enters it.
func (e *applyEnv) signIn(t *testing.T, c *http.Client, phone string) {
	t.Helper()
	if res, body := e.askCode(t, c, phone); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /apply/code: Status=%v; body: %.1000s", res.StatusCode, body)
	}
	code := smsCode.FindString(e.sms.Last(phone))
	if code == "" {
		t.Fatalf("no 6-digit code in the SMS %q", e.sms.Last(phone))
	}
	res, body := uiPost(t, c, e.ts.URL+"/apply/verify", url.Values{"phone": {phone}, "code": {code}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/apply/status" {
		t.Fatalf("POST /apply/verify: Status=%v Location=%q; body: %.1000s", res.StatusCode, res.Header.Get("Location"), body)
	}
}

func TestSelfApplication(t *testing.T) {
	e := newApplyEnv(t)
	c := e.client()
	body := mustPage(t, c, e.ts.URL+"/apply", http.StatusOK)
	uiHas(t, body, `action="/apply/code"`, `type="tel"`, `class="resident"`, i18n.For("zh-Hans").T("apply.intro", nil))
	uiLacks(t, body, "<script", "style=")

	if res, _ := e.askCode(t, c, e.guardian.Phone); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/apply/verify" {
		t.Fatalf("POST /apply/code: Status=%v Location=%q", res.StatusCode, res.Header.Get("Location"))
	}
	code := smsCode.FindString(e.sms.Last(e.guardian.Phone))
	if code == "" {
		t.Fatalf("SMS %q carries no 6-digit code", e.sms.Last(e.guardian.Phone))
	}
	uiHas(t, mustPage(t, c, e.ts.URL+"/apply/verify", http.StatusOK), groupPhone(e.guardian.Phone), `autocomplete="one-time-code"`)
	res, body := uiPost(t, c, e.ts.URL+"/apply/verify", url.Values{"code": {code}}) // the number comes from the cookie
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/apply/status" {
		t.Fatalf("POST /apply/verify: Status=%v; body: %.1000s", res.StatusCode, body)
	}
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == residentCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/apply" {
		t.Fatalf("resident cookie = %+v; want HttpOnly, SameSite=Lax, Path=/apply", session)
	}

	body = mustPage(t, c, e.ts.URL+"/apply/new", http.StatusOK)
	ward := e.wards[0]
	uiHas(t, body, `value="`+e.guardian.ID+`"`, `value="`+ward.ID+`"`, `value="child"`, `name="note"`)
	uiLacks(t, body, e.guardian.Name, ward.Name) // names are masked

	res, body = uiPost(t, c, e.ts.URL+"/apply/new", url.Values{"person_id": {ward.ID}, "category": {"child"}, "note": {"孩子放学后无人照看"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/apply/done/") {
		t.Fatalf("POST /apply/new: Status=%v Location=%q; body: %.1000s", res.StatusCode, res.Header.Get("Location"), body)
	}
	zh := i18n.For("zh-Hans")
	uiHas(t, mustPage(t, c, e.ts.URL+res.Header.Get("Location"), http.StatusOK),
		zh.T("apply.done_new", nil), zh.T("apply.status.new", nil), zh.T("apply.category.child", nil))

	kk := i18n.For("kk-Arab")
	body = mustPage(t, c, e.ts.URL+"/apply/status?lang=kk-Arab", http.StatusOK)
	uiHas(t, body, `lang="kk-Arab" dir="rtl"`, kk.T("apply.status_title", nil), kk.T("apply.category.child", nil), kk.T("apply.status.new", nil))

	ch := need.SelfApplication
	list, total, err := e.db.Needs(store.System(context.Background()), need.Filter{Channel: &ch, PersonID: &ward.ID})
	if err != nil || total != 1 {
		t.Fatalf("ledger: %d self-applications for the ward (err %v), want 1", total, err)
	}
	if n := list[0]; n.Category != need.Child || n.OnBehalf || !slices.Contains(n.Channels, need.SelfApplication) || n.Note != "孩子放学后无人照看" {
		t.Fatalf("ledger entry = %+v", n)
	}

	t.Run("OtherPhoneSeesNothingOfTheirs", func(t *testing.T) {
		o := e.client()
		e.signIn(t, o, e.other.Phone)
		body := mustPage(t, o, e.ts.URL+"/apply/new", http.StatusOK)
		uiHas(t, body, `value="`+e.other.ID+`"`)
		uiLacks(t, body, e.guardian.ID, ward.ID)
		res, _ := uiPost(t, o, e.ts.URL+"/apply/new", url.Values{"person_id": {ward.ID}, "category": {"care"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("filing for another number's person: Status=%v, want %v", res.StatusCode, http.StatusUnprocessableEntity)
		}
		mustPage(t, o, e.ts.URL+"/apply/done/"+list[0].ID, http.StatusNotFound)
		uiLacks(t, mustPage(t, o, e.ts.URL+"/apply/status", http.StatusOK), zh.T("apply.category.child", nil))
	})
	t.Run("SignedOut", func(t *testing.T) {
		if res, _ := uiPost(t, c, e.ts.URL+"/apply/logout", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: Status=%v", res.StatusCode)
		}
		if res, _ := uiGet(t, c, e.ts.URL+"/apply/status"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/apply" {
			t.Fatalf("status after logout: Status=%v Location=%q", res.StatusCode, res.Header.Get("Location"))
		}
	})
}

func TestSelfApplicationThrottles(t *testing.T) {
	e := newApplyEnv(t)
	phone := e.other.Phone

	t.Run("WrongCodeFiveTimesSpendsIt", func(t *testing.T) {
		c := e.client()
		if res, _ := e.askCode(t, c, phone); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST /apply/code: Status=%v", res.StatusCode)
		}
		code := smsCode.FindString(e.sms.Last(phone))
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		for i := 1; i <= store.CodeMaxTries; i++ {
			want := http.StatusUnprocessableEntity
			if i == store.CodeMaxTries {
				want = http.StatusTooManyRequests
			}
			if res, body := uiPost(t, c, e.ts.URL+"/apply/verify", url.Values{"phone": {phone}, "code": {wrong}}); res.StatusCode != want {
				t.Fatalf("wrong code #%d: Status=%v, want %v; body: %.1000s", i, res.StatusCode, want, body)
			}
		}
		res, body := uiPost(t, c, e.ts.URL+"/apply/verify", url.Values{"phone": {phone}, "code": {code}})
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("right code after %d wrong ones: Status=%v, want %v", store.CodeMaxTries, res.StatusCode, http.StatusTooManyRequests)
		}
		uiHas(t, body, i18n.For("zh-Hans").T("err.apply.code_locked", nil))
	})
	t.Run("SecondCodeWithinAMinute", func(t *testing.T) {
		res, body := e.askCode(t, e.client(), phone)
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("second code within a minute: Status=%v, want %v", res.StatusCode, http.StatusTooManyRequests)
		}
		uiHas(t, body, `class="resident"`, `href="/apply/verify"`)
	})
	t.Run("UnknownNumberSameAnswer", func(t *testing.T) {
		unknown := "13000000007"
		for _, p := range demo.Generate(demo.Seed, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)).Persons {
			if p.Phone == unknown {
				t.Fatalf("%s is in the demo data", unknown)
			}
		}
		known, unk := e.client(), e.client()
		resK, _ := e.askCode(t, known, e.guardian.Phone)
		resU, _ := e.askCode(t, unk, unknown)
		if resK.StatusCode != resU.StatusCode || resK.Header.Get("Location") != resU.Header.Get("Location") {
			t.Fatalf("known number: %v %q; unknown: %v %q; want the same answer",
				resK.StatusCode, resK.Header.Get("Location"), resU.StatusCode, resU.Header.Get("Location"))
		}
		if got := e.sms.Last(unknown); got != "" {
			t.Fatalf("an SMS went to an unregistered number: %q", got)
		}
		pageK := mustPage(t, known, e.ts.URL+"/apply/verify", http.StatusOK)
		pageU := mustPage(t, unk, e.ts.URL+"/apply/verify", http.StatusOK)
		strip := func(s, phone string) string {
			return strings.NewReplacer(phone, "", groupPhone(phone), "").Replace(s)
		}
		if strip(pageK, e.guardian.Phone) != strip(pageU, unknown) {
			t.Fatal("the code page differs between a registered and an unregistered number")
		}
	})
}

// TestApplyMessageKeysExist checks the keys the resident page builds in Go
// (plain-language categories and statuses, SMS, errors of the store) exist
// in every language; the templates' own keys are checked with the console's.
func TestApplyMessageKeysExist(t *testing.T) {
	want := []string{}
	for _, c := range residentCategories {
		want = append(want, "apply.category."+string(c), "apply.category_hint."+string(c))
	}
	for _, s := range need.Statuses {
		want = append(want, "apply.status."+string(s))
	}
	key := regexp.MustCompile(`"((?:err\.)?apply\.[a-z_.]*[a-z_])"`)
	files, _ := filepath.Glob("public_*.go")
	for _, f := range append(files, "../store/selfapply.go") {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			if !strings.HasSuffix(m[1], ".") {
				want = append(want, m[1])
			}
		}
	}
	for _, l := range i18n.Langs {
		have := i18n.Keys(l.Tag)
		for _, k := range want {
			if !slices.Contains(have, k) {
				t.Errorf("locales/%s.toml: no %q", l.Tag, k)
			}
		}
	}
}

// applyLayout is what TestApplyPageOnPhone measures on a page.
type applyLayout struct {
	Dir      string   `json:"dir"`
	BodyPx   float64  `json:"body"`
	Small    []string `json:"small"`    // touch targets under 48 px high
	Overflow bool     `json:"overflow"` // wider than the screen
}

const measureApply = `(() => {
  const small = [...document.querySelectorAll('main button, main .button, main input:not([type=radio]), main textarea, main .ap-choice, .langs a')]
    .filter(e => e.type !== 'hidden' && e.getBoundingClientRect().height < 48).map(e => e.outerHTML.slice(0, 80));
  return {dir: document.documentElement.dir, body: parseFloat(getComputedStyle(document.body).fontSize), small,
    overflow: document.documentElement.scrollWidth > window.innerWidth};
})()`

// TestApplyPageOnPhone opens the resident page in headless Chromium on a
// phone-sized screen, in Chinese and in Kazakh: large type (18 px or more),
// touch targets of 48 px or more, nothing wider than the screen, right to
// left for Kazakh. With JIUZHU_SCREENSHOTS set it saves the pages in
// /tmp/jiuzhu-shots/.
func TestApplyPageOnPhone(t *testing.T) {
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing: CI must run the browser test", chromium)
		}
		t.Skipf("%s is missing", chromium)
	}
	e := newApplyEnv(t)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(390, 844),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil { // no timeout: the browser lives as long as this context
		t.Fatalf("start %s: %v", chromium, err)
	}
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	measure := func(page, lang, shot string) {
		t.Helper()
		l, err := chromedp.Run(ctx, chromedp.Evaluate[applyLayout](measureApply))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		wantDir := "ltr"
		if lang == "kk-Arab" {
			wantDir = "rtl"
		}
		if l.Dir != wantDir || l.BodyPx < 18 || len(l.Small) > 0 || l.Overflow {
			t.Errorf("%s in %s: dir=%s body=%vpx small targets=%v overflow=%v; want %s, >=18px, none, false",
				page, lang, l.Dir, l.BodyPx, l.Small, l.Overflow, wantDir)
		}
		if dir := os.Getenv("JIUZHU_SCREENSHOTS"); dir != "" {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err == nil {
				err = os.MkdirAll("/tmp/jiuzhu-shots", 0o755)
			}
			if err == nil {
				err = os.WriteFile(filepath.Join("/tmp/jiuzhu-shots", shot), png, 0o644)
			}
			if err != nil {
				t.Errorf("screenshot %s: %v", shot, err)
			}
		}
	}
	for _, lang := range []string{"zh-Hans", "kk-Arab"} {
		err := chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/lang?to="+lang+"&next=/apply"),
			chromedp.WaitVisible(chromedp.CSS(`html[lang="`+lang+`"] #phone`)))
		if err != nil {
			t.Fatalf("/apply in %s: %v", lang, err)
		}
		measure("/apply", lang, "apply-"+lang+".png")
	}
	phone := e.guardian.Phone
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("phone"), phone),
		chromedp.Click(chromedp.CSS(`form[action="/apply/code"] button`)),
		chromedp.WaitVisible(chromedp.ID("code")))
	if err != nil {
		t.Fatalf("ask for a code: %v", err)
	}
	measure("/apply/verify", "kk-Arab", "apply-code-kk-Arab.png")
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("code"), smsCode.FindString(e.sms.Last(phone))),
		chromedp.Click(chromedp.CSS(`form[action="/apply/verify"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/apply/new"]`)),
		chromedp.Navigate(e.ts.URL+"/apply/new"),
		chromedp.WaitVisible(chromedp.ID("note")))
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	measure("/apply/new", "kk-Arab", "apply-new-kk-Arab.png")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name="person_id"][value="`+e.wards[0].ID+`"]`)),
		chromedp.Click(chromedp.CSS(`input[name="category"][value="care"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/apply/new"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.ap-done`)))
	if err != nil {
		t.Fatalf("file a need: %v", err)
	}
	measure("/apply/done", "kk-Arab", "apply-done-kk-Arab.png")
	err = chromedp.Do(ctx,
		chromedp.Navigate(e.ts.URL+"/lang?to=zh-Hans&next=/apply/status"),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-Hans"] .ap-need`)))
	if err != nil {
		t.Fatalf("status page: %v", err)
	}
	measure("/apply/status", "zh-Hans", "apply-status-zh-Hans.png")
}
