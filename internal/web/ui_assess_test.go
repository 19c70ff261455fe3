package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/assess"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/need"
	"jiuzhu/internal/person"
)

// rawAssessKey finds a message key of the assessment shown instead of its text.
var rawAssessKey = regexp.MustCompile(`(?:^|[^/\w-])(assess\.[a-z0-9_.]+|err\.assess\.[a-z_]+)`)

// TestAssessFormLabels renders the forms of both templates, for an adult
// and for a child, in every language: every question, option and dimension
// asked is there in the page's language, and no raw key is left.
func TestAssessFormLabels(t *testing.T) {
	e := newUIEnv(t)
	now := time.Now()
	adult := e.uiFindPerson(t, "6523", func(p *person.Person) bool { a := p.Age(now); return a >= 20 && a < 70 })
	child := e.uiFindPerson(t, "6523", func(p *person.Person) bool { return p.Age(now) < 14 })
	for _, l := range i18n.Langs {
		t.Run(l.Tag, func(t *testing.T) {
			c := e.client(t, "assessor")
			e.setLang(t, c, l.Tag)
			loc := i18n.For(l.Tag)
			for _, tc := range []struct {
				p        *person.Person
				template *assess.Template
			}{{adult, assess.DefaultTemplate()}, {child, assess.DefaultTemplate()}, {adult, assess.ElderlyTemplate()}} {
				body := mustPage(t, c, e.ts.URL+assessURL(tc.p.ID, "", tc.template.Code), http.StatusOK)
				if m := rawAssessKey.FindStringSubmatch(body); m != nil {
					t.Fatalf("%s form for %s shows the raw key %q", tc.template.Code, tc.p.Name, m[1])
				}
				text := html.UnescapeString(body)
				subj := assess.SubjectOf(tc.p, now)
				for _, d := range tc.template.Dimensions {
					label := loc.T(d.LabelKey, nil)
					if !d.Asks(subj) {
						continue
					}
					uiHas(t, text, label)
					for _, it := range d.Items {
						uiHas(t, text, loc.T(it.LabelKey, nil))
						for _, o := range it.Options {
							uiHas(t, text, loc.T(o.LabelKey, nil))
						}
						if it.Kind == assess.Boolean {
							uiHas(t, text, loc.T("common.yes", nil), loc.T("common.no", nil))
						}
					}
				}
			}
		})
	}
}

// actor returns a context acting as a demo account.
func actor(t *testing.T, e *uiEnv, username string) context.Context {
	return auth.WithActor(context.Background(), uiUser(t, e, username).Actor())
}

// TestAssessConsole: the assessor finds an application at the assessment
// step, scores it on the generated form (a missing answer is pointed out),
// sees tier and package, and passes the step, which approves it.
func TestAssessConsole(t *testing.T) {
	e := newUIEnv(t)
	township := uiUser(t, e, "township").PlaceCode
	p := e.uiFindPerson(t, township, func(p *person.Person) bool {
		a := p.Age(time.Now())
		return a >= 20 && a < 70 && p.DisabilityGrade == 0
	})
	n, _, err := e.db.FileNeed(actor(t, e, "township"), need.Filing{PersonID: p.ID, Channel: need.FieldSurvey, Category: need.Housekeeping})
	if err != nil {
		t.Fatal(err)
	}
	app, err := e.db.OpenApplication(actor(t, e, "township"), n.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		user   string
		action approval.Action
	}{{"township", approval.Accept}, {"township", approval.Pass}, {"county", approval.Pass}} {
		if app, err = e.db.Act(actor(t, e, step.user), app.ID, step.action, "", app.Version); err != nil {
			t.Fatal(err)
		}
	}
	zh := i18n.For("zh-Hans")
	c := e.client(t, "assessor")
	work := mustPage(t, c, e.ts.URL+"/assess", http.StatusOK)
	formURL := assessURL(p.ID, app.ID, "default")
	uiHas(t, work, html.EscapeString(formURL))

	answers := url.Values{
		"econ.income_ratio": {"1.2"}, "econ.medical_burden": {"false"}, "econ.housing": {"poor"},
		"selfcare.meals": {"independent"}, "selfcare.housework": {"needs_help"}, "selfcare.medication": {"independent"},
		"selfcare.outings": {"independent"}, "selfcare.caregiver": {"reliable"}, "selfcare.lives_alone": {"false"},
		"mental.cognition": {"normal"}, "mental.mood": {"stable"}, "mental.risk": {"false"},
		"dev.skills": {"false"}, "dev.job": {"false"}, "dev.digital": {"able"},
	}
	for _, it := range assess.Barthel().Items {
		answers.Set(it.Code, it.Options[0].Code)
	}
	answers.Set("adl.stairs", "help") // Barthel 95: mild dependence
	missing := url.Values{}
	for k, v := range answers {
		if k != "mental.mood" {
			missing[k] = v
		}
	}
	res, body := uiPost(t, c, e.ts.URL+formURL, missing)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("missing answer: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	uiHas(t, body, `id="q-mental.mood-error"`, zh.T("err.assess.missing", nil), `value="poor" checked`)

	res, body = uiPost(t, c, e.ts.URL+formURL, answers)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("assess: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	result := res.Header.Get("Location")
	page := mustPage(t, c, e.ts.URL+result, http.StatusOK)
	tpl := assess.DefaultTemplate()
	subj := assess.SubjectOf(p, time.Now())
	scored, fs := formAnswers(tpl, subj, answers)
	want, err := assess.Score(tpl, subj, scored)
	if err != nil || fs.Err() != nil {
		t.Fatal(err, fs.Err())
	}
	// ADL 95 is mild dependence; the person's categories may raise the tier.
	uiHas(t, page, zh.T(tpl.TierLabel(want.Tier), nil), zh.T(tpl.PackageLabel(want.Package), nil), zh.T("assess.rule.adl.mild", nil),
		zh.T("assess.ui.visits_n", map[string]any{"Count": want.VisitsPerMonth}), zh.T("state.assessment", nil), `action="`+result+`/pass"`)
	if m := rawAssessKey.FindStringSubmatch(page); m != nil {
		t.Fatalf("result page shows the raw key %q", m[1])
	}

	res, body = uiPost(t, c, e.ts.URL+result+"/pass", url.Values{"version": {"1"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("pass with a stale version: Status=%v; body: %.1000s", res.StatusCode, body)
	}
	res, _ = uiPost(t, c, e.ts.URL+result+"/pass", url.Values{"version": {strconv.Itoa(app.Version)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("pass: Status=%v", res.StatusCode)
	}
	page = mustPage(t, c, e.ts.URL+result, http.StatusOK)
	uiHas(t, page, zh.T("state.approved", nil))
	uiLacks(t, page, `/pass"`)

	person := mustPage(t, c, e.ts.URL+"/persons/"+p.ID, http.StatusOK)
	uiHas(t, person, `href="/persons/`+p.ID+`/assessments"`)
	hist := mustPage(t, c, e.ts.URL+"/persons/"+p.ID+"/assessments", http.StatusOK)
	uiHas(t, hist, `href="`+result+`"`, zh.T(tpl.TierLabel(want.Tier), nil))

	// A village worker reads the history but may not assess.
	vw := e.client(t, "village")
	mustPage(t, vw, e.ts.URL+formURL, http.StatusForbidden)
}
