package web_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// TestBrowserJourney drives one need from a resident's phone to a decision
// in headless Chromium: the resident signs in with an SMS code and applies
// in Kazakh; the township officer submits the need for approval from its
// page, accepts and passes it; the county reviewer and the assessor pass it;
// the resident's status page then shows it approved, in Kazakh, right to
// left. On failure it saves a screenshot under testdata/screenshots/.
//
// The assessor scores the person on the assessment form (/assess/new),
// answering the first choice of every question, and passes the step from
// the result page.
func TestBrowserJourney(t *testing.T) {
	requireChromium(t)
	db := testdb.Open(t, store.SQLite, nil)
	if _, _, err := demo.Load(context.Background(), db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	p := journeyPerson(t, db)
	sms := notify.NewLogSMS(slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(web.New(db, slog.New(slog.DiscardHandler), web.Options{SMS: sms}))
	defer ts.Close()

	browser, ctx, check := startBrowser(t, 60*time.Second)

	// The resident applies in Kazakh.
	check("resident page in Kazakh", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/lang?to=kk-Arab&next=/apply"),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="kk-Arab"][dir="rtl"] #phone`)),
		chromedp.SendKeys(chromedp.ID("phone"), p.Phone),
		chromedp.Click(chromedp.CSS(`form[action="/apply/code"] button`)),
		chromedp.WaitVisible(chromedp.ID("code")),
	))
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(sms.Last(p.Phone))
	if code == "" {
		t.Fatalf("no code in the SMS %q", sms.Last(p.Phone))
	}
	check("sign in with the code", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("code"), code),
		chromedp.Click(chromedp.CSS(`form[action="/apply/verify"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/apply/new"]`)),
		chromedp.Navigate(ts.URL+"/apply/new"),
		chromedp.WaitVisible(chromedp.ID("note")),
	))
	// With several people on the number the form asks whom for.
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = document.querySelector('input[name="person_id"][value="`+p.ID+`"]');
		if (e && e.type === 'radio') e.click(); return !!e; })()`))
	check("choose the person", err)
	check("file the need", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name="category"][value="care"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/apply/new"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.ap-done`)),
	))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	check("read the need's id", err)
	needID := strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], ts.URL+"/apply/done/")

	// The township officer submits it for approval, accepts and passes it.
	check("township signs in", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/lang?to=zh-Hans&next=/needs/"+needID),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "township"),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form#apply`)),
	))
	check("township submits, accepts and passes", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form#apply button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#act-accept button`)),
		chromedp.Click(chromedp.CSS(`#act-accept button`)),
		chromedp.WaitVisible(chromedp.CSS(`#act-pass button`)),
		chromedp.Click(chromedp.CSS(`#act-pass button`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-state.a-county_review`)),
	))
	appURL, err := chromedp.Run(ctx, chromedp.Location())
	check("read the application's address", err)

	// The county reviewer passes it; the assessor scores the person and
	// passes it.
	signIn := func(user string, then ...chromedp.Action[chromedp.Void]) []chromedp.Action[chromedp.Void] {
		return append([]chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
			chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.Navigate(appURL),
			chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), user),
			chromedp.SendKeys(chromedp.ID("password"), demo.Password),
			chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)),
		}, then...)
	}
	check("county passes", chromedp.Do(ctx, signIn("county",
		chromedp.WaitVisible(chromedp.CSS(`#act-pass button`)),
		chromedp.Click(chromedp.CSS(`#act-pass button`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-state.a-assessment`)),
	)...))
	check("assessor opens the assessment form", chromedp.Do(ctx, signIn("assessor",
		chromedp.WaitVisible(chromedp.ID("to-assess")),
		chromedp.Click(chromedp.ID("to-assess")),
		chromedp.WaitVisible(chromedp.CSS(`form.assess-form`)),
	)...))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[int](fillAssessment))
	check("answer every question", err)
	check("assessor scores and passes", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form.assess-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#r-application form button[type="submit"]`)),
		chromedp.Click(chromedp.CSS(`#r-application form button[type="submit"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#r-application form`)),
		chromedp.Navigate(appURL),
		chromedp.WaitVisible(chromedp.CSS(`#f-state.a-approved`)),
	))
	browserDocShot(t, ctx, "application-approved-zh.png", true)
	if os.Getenv("JIUZHU_SCREENSHOTS") != "" {
		check("ledger", chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/needs"),
			chromedp.WaitVisible(chromedp.CSS(`table`)),
		))
		browserDocShot(t, ctx, "needs-zh.png", true)
	}

	// The resident sees the decision, in Kazakh.
	check("status page in Kazakh", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/lang?to=kk-Arab&next=/apply/status"),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="kk-Arab"][dir="rtl"] .ap-badge.ok`)),
	))
	badge, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.ap-badge.ok`)))
	check("read the status", err)
	if got, want := strings.TrimSpace(badge), i18n.For("kk-Arab").T("apply.status.approved", nil); got != want {
		browserFailShot(t, browser)
		t.Fatalf("status=%q, want %q", got, want)
	}
	// ... with the package the assessment granted.
	pkg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.ap-package`)))
	check("read the package", err)
	if want := i18n.For("kk-Arab").T("apply.package", nil); !strings.Contains(pkg, want) || len(strings.TrimSpace(pkg)) <= len(want) {
		browserFailShot(t, browser)
		t.Fatalf("package line=%q, want the granted package after %q", pkg, want)
	}
	browserDocShot(t, ctx, "apply-status-kk.png", true)
}

// journeyPerson picks, as the system, a person with a phone number in the
// demo township officer's township, so that one officer can take the need.
func journeyPerson(t *testing.T, db *store.DB) *person.Person {
	t.Helper()
	ctx := store.System(context.Background())
	_, township, err := db.Login(ctx, "township", demo.Password, store.APISession)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(township.PlaceCode, "652301") || len(township.PlaceCode) != 9 {
		t.Fatalf("township account's place = %q, want a township of 652301", township.PlaceCode)
	}
	f := person.Filter{PlaceCode: &township.PlaceCode, Limit: store.MaxPageSize}
	list, _, err := db.Persons(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		full, err := db.Person(ctx, p.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		if full.Phone != "" {
			return full
		}
	}
	t.Fatalf("no person with a phone in township %s", township.PlaceCode)
	return nil
}

// fillAssessment answers every unanswered question of the assessment form:
// the first choice of each, and 1.2 for numbers (income at 1.2 times the
// local line). It returns the number of questions.
const fillAssessment = `(() => {
  const form = document.querySelector('form.assess-form');
  const names = new Set([...form.querySelectorAll('input[type="radio"]')].map(r => r.name));
  for (const n of names) {
    const group = [...form.querySelectorAll('input[type="radio"]')].filter(r => r.name === n);
    if (!group.some(r => r.checked)) group[0].click();
  }
  const numbers = [...form.querySelectorAll('input.assess-number')];
  for (const i of numbers) if (!i.value) i.value = '1.2';
  return names.size + numbers.length;
})()`
