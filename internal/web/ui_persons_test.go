package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/person"
	"jiuzhu/internal/pii"
	"jiuzhu/internal/store"
)

var optionValue = regexp.MustCompile(`<option value="(\d+)"`)

func TestUIPersonList(t *testing.T) {
	e := newUIEnv(t)
	zh := i18n.For("zh-Hans")
	county := e.client(t, "county")

	t.Run("CountyScope", func(t *testing.T) {
		ctx := auth.WithActor(context.Background(), &auth.Actor{Role: auth.CountyReviewer, Scope: "652301"})
		_, total, err := e.db.Persons(ctx, person.Filter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		body := mustPage(t, county, e.ts.URL+"/persons", http.StatusOK)
		uiHas(t, body, zh.T("persons.total", map[string]any{"Total": total}))
		places := optionValue.FindAllStringSubmatch(body, -1)
		if len(places) < 2 {
			t.Fatalf("place select has %d options, want the county and its townships", len(places))
		}
		for _, m := range places {
			if !strings.HasPrefix(m[1], "652301") {
				t.Errorf("place option %s is outside the county 652301", m[1])
			}
		}
		// A person of another county is not found, even by full ID number.
		other := e.uiFindPerson(t, "652328", nil)
		body = mustPage(t, county, e.ts.URL+"/persons?q="+other.IDNumber, http.StatusOK)
		uiHas(t, body, zh.T("persons.total", map[string]any{"Total": 0}))
		uiLacks(t, body, other.ID)
		body = mustPage(t, e.client(t, "admin"), e.ts.URL+"/persons?q="+other.IDNumber, http.StatusOK)
		// Lists show masked numbers only (the full one is the echoed query).
		uiHas(t, body, "/persons/"+other.ID, pii.MaskID(other.IDNumber))
	})

	t.Run("SearchAnySpelling", func(t *testing.T) {
		p := e.uiFindPerson(t, "652301", func(p *person.Person) bool { return p.NameLatin != "" && p.NameArabic != "" })
		for _, q := range []string{p.Name, p.NameArabic, p.NameLatin, strings.ToUpper(p.NameLatin)} {
			body := mustPage(t, county, e.ts.URL+"/persons?q="+url.QueryEscape(q), http.StatusOK)
			uiHas(t, body, "/persons/"+p.ID, p.NameArabic, p.NameLatin)
		}
	})

	t.Run("FiltersEcho", func(t *testing.T) {
		body := mustPage(t, county, e.ts.URL+"/persons?q=%E9%98%BF&place=652301&category=minimum_living&ethnicity=kazakh", http.StatusOK)
		uiHas(t, body, `id="q" name="q" type="search" value="阿" dir="auto"`, `<option value="652301" selected>`,
			`<option value="minimum_living" selected>`, `<option value="kazakh" selected>`)
	})

	t.Run("BadFilters", func(t *testing.T) {
		for _, tc := range []struct{ query, want string }{
			{"category=wealthy", zh.T("err.category.unknown", map[string]any{"Value": "wealthy"})},
			{"ethnicity=martian", zh.T("err.ethnicity.unknown", nil)},
			{"place=65230X", zh.T("err.place.unknown", nil)},
			{"place=652328", zh.T("err.place.unknown", nil)}, // another county
		} {
			t.Run(tc.query, func(t *testing.T) {
				body := mustPage(t, county, e.ts.URL+"/persons?"+tc.query, http.StatusUnprocessableEntity)
				uiHas(t, body, tc.want, `role="alert"`)
			})
		}
	})

	t.Run("Paging", func(t *testing.T) {
		ctx := auth.WithActor(context.Background(), &auth.Actor{Role: auth.CountyReviewer, Scope: "652301"})
		_, total, _ := e.db.Persons(ctx, person.Filter{Limit: 1})
		pages := (total + personsPageSize - 1) / personsPageSize
		if pages < 2 {
			t.Skipf("only %d people in the county", total)
		}
		body := mustPage(t, county, e.ts.URL+"/persons", http.StatusOK)
		uiHas(t, body, zh.T("persons.page", map[string]any{"Page": 1, "Pages": pages}), `href="/persons?page=2" rel="next"`)
		if n := strings.Count(body, `<td data-label="`+zh.T("person.field.name", nil)+`">`); n != personsPageSize {
			t.Errorf("page 1 has %d rows, want %d", n, personsPageSize)
		}
		body = mustPage(t, county, e.ts.URL+fmt.Sprintf("/persons?page=%d", pages), http.StatusOK)
		uiHas(t, body, zh.T("persons.page", map[string]any{"Page": pages, "Pages": pages}), `rel="prev"`)
		uiLacks(t, body, `rel="next"`)
	})

	t.Run("VillageWorker", func(t *testing.T) {
		village := e.client(t, "village")
		u := uiUser(t, e, "village")
		own := e.uiFindPerson(t, u.PlaceCode, nil)
		other := e.uiFindPerson(t, u.PlaceCode[:9], func(p *person.Person) bool { return p.PlaceCode != u.PlaceCode })
		mustPage(t, village, e.ts.URL+"/persons/"+own.ID, http.StatusOK)
		body := mustPage(t, village, e.ts.URL+"/persons/"+other.ID, http.StatusNotFound)
		uiHas(t, body, "<title>"+zh.T("err.not_found", nil), zh.T("error.status", map[string]any{"Status": 404}))
		uiLacks(t, body, other.Name)
		mustPage(t, village, e.ts.URL+"/persons/"+other.ID+"/edit", http.StatusNotFound)
	})

	t.Run("NoRegisterAccess", func(t *testing.T) {
		worker := e.client(t, "worker")
		body := mustPage(t, worker, e.ts.URL+"/", http.StatusOK)
		uiHas(t, body, zh.T("home.welcome.service_worker", nil))
		uiLacks(t, body, `href="/persons"`)
		mustPage(t, worker, e.ts.URL+"/persons", http.StatusForbidden)
		mustPage(t, e.client(t, "auditor"), e.ts.URL+"/persons/new", http.StatusForbidden)
	})
}

// uiUser returns a demo account.
func uiUser(tb testing.TB, e *uiEnv, username string) *auth.User {
	tb.Helper()
	_, u, err := e.db.Login(store.System(context.Background()), username, "jiuzhu-demo", store.APISession)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}
