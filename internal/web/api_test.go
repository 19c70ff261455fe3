package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// TestAPI drives the JSON API over HTTP against a real store with the demo
// dataset, on every database. Subtests share one server and run in order.
func TestAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newAPIEnv(t, d)
		t.Run("Login", func(t *testing.T) { testLogin(t, e) })
		t.Run("LoginLimits", func(t *testing.T) { testLoginLimits(t, e) })
		t.Run("Authentication", func(t *testing.T) { testAuthentication(t, e) })
		t.Run("Logout", func(t *testing.T) { testLogout(t, e) })
		t.Run("Places", func(t *testing.T) { testPlaces(t, e) })
		t.Run("ListScope", func(t *testing.T) { testListScope(t, e) })
		t.Run("ListFilters", func(t *testing.T) { testListFilters(t, e) })
		t.Run("GetPerson", func(t *testing.T) { testGetPerson(t, e) })
		t.Run("CreatePerson", func(t *testing.T) { testCreatePerson(t, e) })
		t.Run("Duplicates", func(t *testing.T) { testDuplicates(t, e) })
		t.Run("UpdatePerson", func(t *testing.T) { testUpdatePerson(t, e) })
		t.Run("Locations", func(t *testing.T) { testLocations(t, e) })
		t.Run("AccessLog", func(t *testing.T) { testAccessLog(t, e) })
		t.Run("Stats", func(t *testing.T) { testStats(t, e) })
		t.Run("AuditVerify", func(t *testing.T) { testAuditVerify(t, e) })
		t.Run("Problems", func(t *testing.T) { testProblems(t, e) })
		t.Run("DocumentedFields", func(t *testing.T) { testDocumentedFields(t, e) })
	})
}

func testLogin(t *testing.T, e *apiEnv) {
	t.Run("Good", func(t *testing.T) {
		var out struct {
			Token     string `json:"token"`
			ExpiresIn int    `json:"expires_in"`
		}
		res := mustDo(t, e.srv, "POST", "/api/v1/auth/login", "", map[string]string{"username": "county", "password": "jiuzhu-demo"}, http.StatusOK, &out)
		if got, want := res.Header.Get("Content-Type"), "application/json"; got != want {
			t.Errorf("Content-Type=%q, want %q", got, want)
		}
		if out.Token == "" {
			t.Fatal("empty token")
		}
		if got, want := out.ExpiresIn, 12*3600; got != want {
			t.Errorf("expires_in=%v, want %v", got, want)
		}
		var me struct {
			Username  string `json:"username"`
			Role      string `json:"role"`
			PlaceCode string `json:"place_code"`
		}
		mustDo(t, e.srv, "GET", "/api/v1/me", out.Token, nil, http.StatusOK, &me)
		if got, want := me.Username+" "+me.Role+" "+me.PlaceCode, "county county_reviewer 652301"; got != want {
			t.Errorf("me=%q, want %q", got, want)
		}
	})

	// A wrong password and an unknown user answer alike, in the caller's language.
	for _, tc := range []struct {
		name, user, lang, title string
	}{
		{"WrongPasswordEnglish", "township", "en", "Wrong username or password."},
		{"UnknownUserChinese", "nobody", "zh-CN,zh;q=0.9", "用户名或密码错误"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newRequest(t, "POST", "/api/v1/auth/login", "", map[string]string{"username": tc.user, "password": "wrong-password-1"})
			req.Header.Set("Accept-Language", tc.lang)
			res, body := send(t, e.srv, req)
			p := mustProblem(t, res, body, http.StatusUnauthorized)
			if got, want := string(p.Code), "unauthenticated"; got != want {
				t.Errorf("code=%q, want %q", got, want)
			}
			if got, want := p.Key, "err.login.failed"; got != want {
				t.Errorf("key=%q, want %q", got, want)
			}
			if got, want := p.Title, tc.title; got != want {
				t.Errorf("title=%q, want %q", got, want)
			}
		})
	}

	for _, tc := range []struct {
		name string
		body string
		want []string // field:key
	}{
		{"MissingBoth", `{}`, []string{"username:err.required", "password:err.required"}},
		{"MissingPassword", `{"username":"county"}`, []string{"password:err.required"}},
		{"EmptyUsername", `{"username":"","password":"jiuzhu-demo"}`, []string{"username:err.required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, e.srv, "POST", "/api/v1/auth/login", "", tc.body)
			p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
			if got := fieldKeys(p); !slices.Equal(got, tc.want) {
				t.Errorf("errors=%v, want %v", got, tc.want)
			}
			for _, f := range p.Errors {
				if f.Detail == "" {
					t.Errorf("field %s has no detail", f.Field)
				}
			}
		})
	}

	for _, tc := range []struct{ name, body string }{
		{"MalformedJSON", `{"username":`},
		{"NotAnObject", `["county"]`},
		{"UnknownField", `{"username":"county","password":"jiuzhu-demo","remember":true}`},
		{"TrailingData", `{"username":"county","password":"jiuzhu-demo"} {}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, e.srv, "POST", "/api/v1/auth/login", "", tc.body)
			p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
			if got, want := string(p.Code), "invalid"; got != want {
				t.Errorf("code=%q, want %q", got, want)
			}
			if got, want := p.Key, "err.json"; got != want {
				t.Errorf("key=%q, want %q", got, want)
			}
		})
	}
}

// testLoginLimits checks the per-address limiter and the per-account
// lockout. Each uses an address of its own so the other tests are unaffected.
func testLoginLimits(t *testing.T, e *apiEnv) {
	login := func(ip, user, password string) (*http.Response, []byte) {
		req := newRequest(t, "POST", "/api/v1/auth/login", "", map[string]string{"username": user, "password": password})
		req.RemoteAddr = ip + ":40000"
		return send(t, e.srv, req)
	}
	t.Run("PerAddress", func(t *testing.T) {
		for i := range 20 {
			res, body := login("203.0.113.10", fmt.Sprintf("nobody%d", i), "wrong-password-1")
			mustProblem(t, res, body, http.StatusUnauthorized)
		}
		res, body := login("203.0.113.10", "county", "jiuzhu-demo")
		p := mustProblem(t, res, body, http.StatusTooManyRequests)
		if got, want := string(p.Code), "too_many_requests"; got != want {
			t.Errorf("code=%q, want %q", got, want)
		}
		res, body = login("203.0.113.11", "county", "jiuzhu-demo")
		if got, want := res.StatusCode, http.StatusOK; got != want {
			t.Fatalf("another address: Status=%v, want %v; body: %s", got, want, body)
		}
	})
	t.Run("PerAccount", func(t *testing.T) {
		for range 5 {
			res, body := login("203.0.113.20", "evaluator", "wrong-password-1")
			mustProblem(t, res, body, http.StatusUnauthorized)
		}
		res, body := login("203.0.113.21", "evaluator", "jiuzhu-demo")
		p := mustProblem(t, res, body, http.StatusTooManyRequests)
		if got, want := p.Key, "err.login.locked"; got != want {
			t.Errorf("key=%q, want %q", got, want)
		}
	})
}

func testAuthentication(t *testing.T, e *apiEnv) {
	for _, tc := range []struct {
		name string
		prep func(r *http.Request)
	}{
		{"NoToken", func(r *http.Request) {}},
		{"UnknownToken", func(r *http.Request) { r.Header.Set("Authorization", "Bearer not-a-token") }},
		{"UnknownCookie", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "jiuzhu_session", Value: "not-a-token"}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/api/v1/persons", "/api/v1/me", "/api/v1/places", "/api/v1/stats/assisted"} {
				req := newRequest(t, "GET", path, "", nil)
				tc.prep(req)
				res, body := send(t, e.srv, req)
				p := mustProblem(t, res, body, http.StatusUnauthorized)
				if got, want := p.Key, "err.unauthenticated"; got != want {
					t.Errorf("%s: key=%q, want %q", path, got, want)
				}
			}
		})
	}
	t.Run("SessionCookie", func(t *testing.T) {
		req := newRequest(t, "GET", "/api/v1/me", "", nil)
		req.AddCookie(&http.Cookie{Name: "jiuzhu_session", Value: e.tokens["county"]})
		res, body := send(t, e.srv, req)
		if got, want := res.StatusCode, http.StatusOK; got != want {
			t.Fatalf("Status=%v, want %v; body: %s", got, want, body)
		}
	})
	t.Run("OpenAPIIsPublic", func(t *testing.T) {
		mustDo(t, e.srv, "GET", "/api/v1/openapi.json", "", nil, http.StatusOK, nil)
	})
}

func testLogout(t *testing.T, e *apiEnv) {
	t.Run("Bearer", func(t *testing.T) {
		token := mustLogin(t, e.srv, "county")
		mustDo(t, e.srv, "GET", "/api/v1/me", token, nil, http.StatusOK, nil)
		mustDo(t, e.srv, "POST", "/api/v1/auth/logout", token, nil, http.StatusNoContent, nil)
		res, body := do(t, e.srv, "GET", "/api/v1/me", token, nil)
		mustProblem(t, res, body, http.StatusUnauthorized)
	})
	t.Run("Cookie", func(t *testing.T) {
		token := mustLogin(t, e.srv, "county")
		withCookie := func(method, path string) *http.Request {
			r := newRequest(t, method, path, "", nil)
			r.AddCookie(&http.Cookie{Name: "jiuzhu_session", Value: token})
			return r
		}
		if res, body := send(t, e.srv, withCookie("POST", "/api/v1/auth/logout")); res.StatusCode != http.StatusNoContent {
			t.Fatalf("logout: Status=%v, want %v; body: %s", res.StatusCode, http.StatusNoContent, body)
		}
		res, body := send(t, e.srv, withCookie("GET", "/api/v1/me"))
		mustProblem(t, res, body, http.StatusUnauthorized)
	})
}

func testPlaces(t *testing.T, e *apiEnv) {
	var list struct{ Items []place }
	t.Run("Roots", func(t *testing.T) {
		mustDo(t, e.srv, "GET", "/api/v1/places", e.tokens["county"], nil, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].Code != "650000" {
			t.Fatalf("roots=%+v, want the region 650000", list.Items)
		}
	})
	t.Run("One", func(t *testing.T) {
		var p place
		mustDo(t, e.srv, "GET", "/api/v1/places/652301", e.tokens["county"], nil, http.StatusOK, &p)
		if got, want := fmt.Sprint(p.Code, " ", p.Parent, " ", p.Level), "652301 652300 3"; got != want || p.Name == "" {
			t.Errorf("code, parent, level = %s, want %s, and a name (%q)", got, want, p.Name)
		}
		// Another county is outside the scope: not found, like an unknown code.
		for _, code := range []string{"652328", "999999"} {
			res, body := do(t, e.srv, "GET", "/api/v1/places/"+code, e.tokens["county"], nil)
			mustProblem(t, res, body, http.StatusNotFound)
		}
	})
	t.Run("Children", func(t *testing.T) {
		mustDo(t, e.srv, "GET", "/api/v1/places/652301/children", e.tokens["county"], nil, http.StatusOK, &list)
		if len(list.Items) == 0 {
			t.Fatal("no townships in 652301")
		}
		for _, p := range list.Items {
			if p.Parent != "652301" || p.Level != 4 {
				t.Errorf("child %+v, want a township of 652301", p)
			}
		}
		res, body := do(t, e.srv, "GET", "/api/v1/places/652328/children", e.tokens["county"], nil)
		mustProblem(t, res, body, http.StatusNotFound)
	})
	t.Run("Subtree", func(t *testing.T) {
		mustDo(t, e.srv, "GET", "/api/v1/places?under=652301&depth=village", e.tokens["county"], nil, http.StatusOK, &list)
		var codes []string
		for _, p := range list.Items {
			if !strings.HasPrefix(p.Code, "652301") {
				t.Errorf("place %s is outside 652301", p.Code)
			}
			codes = append(codes, p.Code)
		}
		if !slices.Contains(codes, e.village) || !slices.IsSorted(codes) {
			t.Errorf("subtree of %d places: want %s among them, in code order", len(codes), e.village)
		}
		res, body := do(t, e.srv, "GET", "/api/v1/places?under=652301&depth=street", e.tokens["county"], nil)
		p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
		if got, want := fieldKeys(p), []string{"depth:err.invalid"}; !slices.Equal(got, want) {
			t.Errorf("errors=%v, want %v", got, want)
		}
	})
	t.Run("ServiceWorker", func(t *testing.T) {
		mustDo(t, e.srv, "GET", "/api/v1/places", e.tokens["worker"], nil, http.StatusOK, nil)
	})
}

func testListScope(t *testing.T, e *apiEnv) {
	totals := map[string]int{}
	for _, tc := range []struct{ user, prefix string }{
		{"admin", "6523"},
		{"county", "652301"},
		{"county_mori", "652328"},
		{"township", e.village[:9]},
		{"village", e.village},
	} {
		t.Run(tc.user, func(t *testing.T) {
			l := listPersons(t, e, tc.user, "limit=200")
			if l.Total <= 0 || len(l.Items) == 0 {
				t.Fatalf("total=%d, %d items; want some", l.Total, len(l.Items))
			}
			if got, want := len(l.Items), min(l.Total, 200); got != want {
				t.Errorf("%d items, want %d", got, want)
			}
			// The last page is in scope too.
			last := listPersons(t, e, tc.user, fmt.Sprintf("offset=%d&limit=200", max(0, l.Total-200)))
			for _, p := range append(l.Items, last.Items...) {
				if !strings.HasPrefix(p.PlaceCode, tc.prefix) {
					t.Fatalf("person %s in %s is outside %s", p.ID, p.PlaceCode, tc.prefix)
				}
				if len(p.IDNumber) != 18 || !strings.Contains(p.IDNumber, "*") {
					t.Fatalf("person %s: id_number %q in a list, want masked", p.ID, p.IDNumber)
				}
			}
			totals[tc.user] = l.Total
		})
	}
	if totals["admin"] < totals["county"]+totals["county_mori"] || totals["county"] < totals["township"] || totals["township"] < totals["village"] {
		t.Errorf("totals %v do not nest by scope", totals)
	}
	t.Run("ServiceWorker", func(t *testing.T) {
		res, body := do(t, e.srv, "GET", "/api/v1/persons", e.tokens["worker"], nil)
		p := mustProblem(t, res, body, http.StatusForbidden)
		if got, want := p.Key, "err.forbidden"; got != want {
			t.Errorf("key=%q, want %q", got, want)
		}
	})
}

func testListFilters(t *testing.T, e *apiEnv) {
	all := listPersons(t, e, "county", "limit=200")

	t.Run("Category", func(t *testing.T) {
		l := listPersons(t, e, "county", "category=elderly_alone&limit=200")
		if l.Total == 0 || l.Total >= all.Total {
			t.Fatalf("elderly_alone: total=%d of %d, want some but not all", l.Total, all.Total)
		}
		for _, p := range l.Items {
			if !slices.Contains(p.Categories, "elderly_alone") {
				t.Fatalf("person %s has categories %v, want elderly_alone", p.ID, p.Categories)
			}
		}
	})
	t.Run("Ethnicity", func(t *testing.T) {
		l := listPersons(t, e, "county", "ethnicity=han&limit=200")
		if l.Total == 0 {
			t.Fatal("no han people in 652301")
		}
		for _, p := range l.Items {
			if p.Ethnicity != "han" {
				t.Fatalf("person %s is %s, want han", p.ID, p.Ethnicity)
			}
		}
	})
	t.Run("Place", func(t *testing.T) {
		l := listPersons(t, e, "county", "place="+e.village+"&limit=200")
		if got, want := l.Total, listPersons(t, e, "village", "").Total; got != want {
			t.Errorf("place=%s: total=%d, want %d (the village account's total)", e.village, got, want)
		}
		for _, p := range l.Items {
			if p.PlaceCode != e.village {
				t.Fatalf("person %s is in %s, want %s", p.ID, p.PlaceCode, e.village)
			}
		}
		// A filter outside the scope finds nothing rather than widening it.
		if got := listPersons(t, e, "county", "place=652328").Total; got != 0 {
			t.Errorf("county filtering on 652328: total=%d, want 0", got)
		}
	})
	t.Run("QueryName", func(t *testing.T) {
		want := all.Items[len(all.Items)/2]
		l := listPersons(t, e, "county", "q="+url.QueryEscape(want.Name))
		if !slices.ContainsFunc(l.Items, func(p apiPerson) bool { return p.ID == want.ID }) {
			t.Fatalf("q=%s: %d items without person %s", want.Name, l.Total, want.ID)
		}
		for _, p := range l.Items {
			if !strings.Contains(person.SearchKey(p.Name), person.SearchKey(want.Name)) {
				t.Errorf("q=%s found %q", want.Name, p.Name)
			}
		}
		if want.NameLatin != "" {
			l := listPersons(t, e, "county", "q="+url.QueryEscape(strings.ToUpper(want.NameLatin)))
			if !slices.ContainsFunc(l.Items, func(p apiPerson) bool { return p.ID == want.ID }) {
				t.Errorf("q=%s (Latin, upper case) does not find person %s", strings.ToUpper(want.NameLatin), want.ID)
			}
		}
	})
	t.Run("QueryIDNumber", func(t *testing.T) {
		var full apiPerson
		mustDo(t, e.srv, "GET", "/api/v1/persons/"+all.Items[0].ID, e.tokens["county"], nil, http.StatusOK, &full)
		l := listPersons(t, e, "county", "q="+full.IDNumber)
		if l.Total != 1 || l.Items[0].ID != full.ID {
			t.Fatalf("q=<full ID number>: %+v, want only person %s", l, full.ID)
		}
	})
	t.Run("Paging", func(t *testing.T) {
		first := listPersons(t, e, "county", "limit=5")
		next := listPersons(t, e, "county", "offset=5&limit=5")
		if len(first.Items) != 5 || len(next.Items) != 5 || first.Limit != 5 || next.Offset != 5 {
			t.Fatalf("pages of %d and %d items, limit=%d offset=%d; want 5, 5, 5, 5", len(first.Items), len(next.Items), first.Limit, next.Offset)
		}
		if got, want := next.Items[0].ID, all.Items[5].ID; got != want {
			t.Errorf("offset=5 starts with %s, want %s", got, want)
		}
	})
	t.Run("LimitZero", func(t *testing.T) {
		// A page of nothing is a mistake the client should hear about.
		res, body := do(t, e.srv, "GET", "/api/v1/persons?limit=0", e.tokens["county"], nil)
		p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Field != "limit" {
			t.Fatalf("errors = %+v, want one about limit", p.Errors)
		}
	})
	for _, tc := range []struct {
		query string
		want  string // field:key of errors[0]
	}{
		{"category=wealthy", "category:err.category.unknown"},
		{"place=65230X", "place:err.place.unknown"},
		{"place=6523011", "place:err.place.unknown"},
		{"limit=201", "limit:err.range"},
		{"limit=ten", "limit:err.range"},
		{"offset=-1", "offset:err.range"},
	} {
		t.Run("Bad/"+tc.query, func(t *testing.T) {
			res, body := do(t, e.srv, "GET", "/api/v1/persons?"+tc.query, e.tokens["county"], nil)
			p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
			if got := fieldKeys(p); len(got) == 0 || got[0] != tc.want {
				t.Errorf("errors=%v, want %s first", got, tc.want)
			}
		})
	}
}

func testGetPerson(t *testing.T, e *apiEnv) {
	own, other := pickPersons(t, e)

	var full apiPerson
	mustDo(t, e.srv, "GET", "/api/v1/persons/"+own.ID, e.tokens["county"], nil, http.StatusOK, &full)
	t.Run("CountySeesFullID", func(t *testing.T) {
		if len(full.IDNumber) != 18 || strings.Contains(full.IDNumber, "*") {
			t.Fatalf("id_number=%q, want the full 18 characters", full.IDNumber)
		}
		if got, want := full.IDNumber[6:14], strings.ReplaceAll(full.BirthDate, "-", ""); got != want {
			t.Errorf("birth date in ID %s, want %s", got, want)
		}
	})
	t.Run("VillageSeesMaskedID", func(t *testing.T) {
		var p apiPerson
		mustDo(t, e.srv, "GET", "/api/v1/persons/"+own.ID, e.tokens["village"], nil, http.StatusOK, &p)
		if got, want := p.IDNumber, masked(full.IDNumber); got != want {
			t.Errorf("id_number=%q, want %q", got, want)
		}
	})
	t.Run("AuditorSeesMaskedID", func(t *testing.T) {
		var p apiPerson
		mustDo(t, e.srv, "GET", "/api/v1/persons/"+own.ID, e.tokens["auditor"], nil, http.StatusOK, &p)
		if got, want := p.IDNumber, masked(full.IDNumber); got != want {
			t.Errorf("id_number=%q, want %q", got, want)
		}
	})
	for _, tc := range []struct {
		name, user, id string
		want           int
	}{
		{"OtherVillage", "village", other.ID, http.StatusNotFound},
		{"OtherCounty", "county_mori", own.ID, http.StatusNotFound},
		{"Unknown", "admin", "00000000-0000-4000-8000-000000000000", http.StatusNotFound},
		{"ServiceWorker", "worker", own.ID, http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, e.srv, "GET", "/api/v1/persons/"+tc.id, e.tokens[tc.user], nil)
			mustProblem(t, res, body, tc.want)
		})
	}
}

func testCreatePerson(t *testing.T, e *apiEnv) {
	good := idNumber("652301", "19150607", "101")
	badCheck := good[:17] + map[bool]string{true: "1", false: "0"}[good[17] == '0']
	for _, tc := range []struct {
		name, id, key string
	}{
		{"Checksum", badCheck, "err.id.checksum"},
		{"Length", good[:17], "err.id.length"},
		{"BirthDate", idNumber("652301", "19151340", "101"), "err.id.birth_date"},
		{"XPosition", "65230X19150607101" + "1", "err.id.x_position"},
		{"Character", "6523011915060710A1", "err.id.character"},
	} {
		t.Run("BadID/"+tc.name, func(t *testing.T) {
			res, body := do(t, e.srv, "POST", "/api/v1/persons", e.tokens["village"], newPersonBody("阿依古丽", e.village, tc.id))
			p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
			if got, want := fieldKeys(p), []string{"id_number:" + tc.key}; !slices.Equal(got, want) {
				t.Errorf("errors=%v, want %v", got, want)
			}
		})
	}

	t.Run("Village", func(t *testing.T) {
		var p apiPerson
		res := mustDo(t, e.srv, "POST", "/api/v1/persons", e.tokens["village"], newPersonBody("阿依古丽", e.village, good), http.StatusCreated, &p)
		if got, want := res.Header.Get("Location"), "/api/v1/persons/"+p.ID; got != want {
			t.Fatalf("Location=%q, want %q", got, want)
		}
		mustDo(t, e.srv, "GET", res.Header.Get("Location"), e.tokens["village"], nil, http.StatusOK, nil)
		if got, want := p.IDNumber, masked(good); got != want {
			t.Errorf("id_number=%q, want %q", got, want)
		}
		if got, want := p.BirthDate+" "+p.Sex+" "+fmt.Sprint(p.Version), "1915-06-07 M 1"; got != want {
			t.Errorf("birth date, sex, version = %s, want %s", got, want)
		}
	})
	t.Run("County", func(t *testing.T) {
		id := idNumber("652301", "19150608", "202")
		var p apiPerson
		res := mustDo(t, e.srv, "POST", "/api/v1/persons", e.tokens["county"], newPersonBody("古丽娜尔", e.village, id), http.StatusCreated, &p)
		if got, want := res.Header.Get("Location"), "/api/v1/persons/"+p.ID; got != want {
			t.Errorf("Location=%q, want %q", got, want)
		}
		if got, want := p.IDNumber+" "+p.Sex, id+" F"; got != want {
			t.Errorf("id_number, sex = %s, want %s", got, want)
		}
	})
	t.Run("SameIDNumber", func(t *testing.T) {
		res, body := do(t, e.srv, "POST", "/api/v1/persons", e.tokens["county"], newPersonBody("王芳", e.village, good))
		p := mustProblem(t, res, body, http.StatusConflict)
		if got, want := p.Key, "err.id.duplicate"; got != want {
			t.Errorf("key=%q, want %q", got, want)
		}
	})
	t.Run("ClientChosenID", func(t *testing.T) {
		body := newPersonBody("马建国", e.village, idNumber("652301", "19150609", "303"))
		body["id"] = "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b"
		var p apiPerson
		mustDo(t, e.srv, "POST", "/api/v1/persons", e.tokens["village"], body, http.StatusCreated, &p)
		if got, want := p.ID, body["id"]; got != want {
			t.Errorf("id=%q, want %q", got, want)
		}
		body["id"] = "not-a-uuid"
		res, b := do(t, e.srv, "POST", "/api/v1/persons", e.tokens["village"], body)
		pr := mustProblem(t, res, b, http.StatusUnprocessableEntity)
		if got, want := fieldKeys(pr), []string{"id:err.uuid"}; !slices.Equal(got, want) {
			t.Errorf("errors=%v, want %v", got, want)
		}
	})
	_, other := pickPersons(t, e)
	for _, tc := range []struct {
		name, user, place string
		want              int
		field             string // field:key for 422
	}{
		{"OutsideVillage", "village", other.PlaceCode, http.StatusUnprocessableEntity, "place_code:err.place.out_of_scope"},
		{"OutsideCounty", "county_mori", e.village, http.StatusUnprocessableEntity, "place_code:err.place.out_of_scope"},
		{"UnknownVillage", "county", "652301999999", http.StatusUnprocessableEntity, "place_code:err.place.unknown"},
		{"NotAVillage", "county", "652301001", http.StatusUnprocessableEntity, "place_code:err.place.not_village"},
		{"Auditor", "auditor", e.village, http.StatusForbidden, ""},
		{"ServiceWorker", "worker", e.village, http.StatusForbidden, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, e.srv, "POST", "/api/v1/persons", e.tokens[tc.user], newPersonBody("李娜", tc.place, idNumber("652301", "19150610", "404")))
			p := mustProblem(t, res, body, tc.want)
			if tc.field != "" && !slices.Equal(fieldKeys(p), []string{tc.field}) {
				t.Errorf("errors=%v, want [%s]", fieldKeys(p), tc.field)
			}
		})
	}
}

func testDuplicates(t *testing.T, e *apiEnv) {
	first := mustCreatePerson(t, e, "village", newPersonBody("努尔兰·阿合买提", e.village, idNumber("652301", "19160315", "121")))

	// Same village, same birth date, one character off in the name.
	body := newPersonBody("努尔兰·阿合买堤", e.village, idNumber("652301", "19160315", "123"))
	res, b := do(t, e.srv, "POST", "/api/v1/persons", e.tokens["village"], body)
	var p struct {
		Key  string    `json:"key"`
		Data []suspect `json:"data"`
	}
	mustProblem(t, res, b, http.StatusConflict)
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if got, want := p.Key, "err.person.duplicate_suspect"; got != want {
		t.Errorf("key=%q, want %q", got, want)
	}
	want := suspect{ID: first.ID, Name: first.Name, IDMasked: first.IDNumber, BirthDate: "1916-03-15", PlaceCode: e.village}
	if len(p.Data) != 1 || p.Data[0] != want {
		t.Fatalf("data=%+v, want [%+v]", p.Data, want)
	}

	// Another birth date is no suspect.
	mustCreatePerson(t, e, "village", newPersonBody("努尔兰·阿合买提", e.village, idNumber("652301", "19160316", "125")))

	body["confirm_duplicates"] = true
	second := mustCreatePerson(t, e, "village", body)
	if second.ID == first.ID || second.Name != "努尔兰·阿合买堤" {
		t.Errorf("confirmed create answered %+v", second)
	}
}

func testUpdatePerson(t *testing.T, e *apiEnv) {
	p := mustCreatePerson(t, e, "village", newPersonBody("哈力木拉提", e.village, idNumber("652301", "19170101", "131")))
	path := "/api/v1/persons/" + p.ID

	var got apiPerson
	mustDo(t, e.srv, "PATCH", path, e.tokens["village"], map[string]any{"version": p.Version, "address": "幸福路 8 号"}, http.StatusOK, &got)
	if got.Version != p.Version+1 || got.Address != "幸福路 8 号" || got.Name != p.Name {
		t.Fatalf("after PATCH: version=%d address=%q name=%q, want %d, the new address and the old name", got.Version, got.Address, got.Name, p.Version+1)
	}

	t.Run("StaleVersion", func(t *testing.T) {
		res, b := do(t, e.srv, "PATCH", path, e.tokens["village"], map[string]any{"version": p.Version, "address": "团结路 1 号"})
		pr := mustProblem(t, res, b, http.StatusConflict)
		if got, want := pr.Key, "err.version_conflict"; got != want {
			t.Errorf("key=%q, want %q", got, want)
		}
		var data struct {
			Data struct {
				CurrentVersion int `json:"current_version"`
			} `json:"data"`
		}
		json.Unmarshal(b, &data)
		if got, want := data.Data.CurrentVersion, p.Version+1; got != want {
			t.Errorf("data.current_version=%d, want %d", got, want)
		}
	})
	t.Run("CurrentVersionAgain", func(t *testing.T) {
		var again apiPerson
		mustDo(t, e.srv, "PATCH", path, e.tokens["county"], map[string]any{"version": got.Version, "categories": []string{"minimum_living", "elderly_alone"}}, http.StatusOK, &again)
		if again.Version != got.Version+1 || !slices.Equal(again.Categories, []string{"minimum_living", "elderly_alone"}) || again.Address != "幸福路 8 号" {
			t.Errorf("after second PATCH: %+v, want version %d, two categories, address kept", again, got.Version+1)
		}
		got = again
	})
	for _, tc := range []struct {
		name, user string
		body       any
		want       int
		field      string // field:key, or the problem's key when no fields
	}{
		{"UnknownField", "village", map[string]any{"version": 1, "nickname": "x"}, http.StatusUnprocessableEntity, "err.json"},
		{"IDNumberIsFixed", "county", map[string]any{"version": 1, "id_number": idNumber("652301", "19170101", "133")}, http.StatusUnprocessableEntity, "err.json"},
		{"WrongType", "village", map[string]any{"version": "3"}, http.StatusUnprocessableEntity, "err.json"},
		{"NoVersion", "village", map[string]any{"address": "x"}, http.StatusUnprocessableEntity, "version:err.required"},
		{"OtherCounty", "county_mori", map[string]any{"version": 1, "address": "x"}, http.StatusNotFound, "err.not_found"},
		{"Auditor", "auditor", map[string]any{"version": 1, "address": "x"}, http.StatusForbidden, "err.forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, b := do(t, e.srv, "PATCH", path, e.tokens[tc.user], tc.body)
			pr := mustProblem(t, res, b, tc.want)
			if strings.Contains(tc.field, ":") {
				if !slices.Equal(fieldKeys(pr), []string{tc.field}) {
					t.Errorf("errors=%v, want [%s]", fieldKeys(pr), tc.field)
				}
			} else if pr.Key != tc.field {
				t.Errorf("key=%q, want %q", pr.Key, tc.field)
			}
		})
	}
	t.Run("Validation", func(t *testing.T) {
		_, other := pickPersons(t, e)
		for _, tc := range []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"BadCategory", map[string]any{"categories": []string{"rich"}}, "categories:err.category.unknown"},
			{"MoveOutOfScope", map[string]any{"place_code": other.PlaceCode}, "place_code:err.place.out_of_scope"},
			{"BadPhone", map[string]any{"phone": "12345"}, "phone:err.phone.format"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.body["version"] = got.Version
				res, b := do(t, e.srv, "PATCH", path, e.tokens["village"], tc.body)
				pr := mustProblem(t, res, b, http.StatusUnprocessableEntity)
				if !slices.Equal(fieldKeys(pr), []string{tc.field}) {
					t.Errorf("errors=%v, want [%s]", fieldKeys(pr), tc.field)
				}
			})
		}
	})
	var now apiPerson
	mustDo(t, e.srv, "GET", path, e.tokens["village"], nil, http.StatusOK, &now)
	if now.Version != got.Version {
		t.Errorf("rejected changes moved the version from %d to %d", got.Version, now.Version)
	}
}

func testLocations(t *testing.T, e *apiEnv) {
	own, other := pickPersons(t, e)
	p := mustCreatePerson(t, e, "village", newPersonBody("叶尔兰", e.village, idNumber("652301", "19180220", "141")))
	path := "/api/v1/persons/" + p.ID
	pasture := other.PlaceCode // a summer pasture in another village

	var summer location
	mustDo(t, e.srv, "POST", path+"/locations", e.tokens["village"], map[string]any{
		"place_code": pasture, "label": "summer", "lat": 43.9, "lon": 87.5, "valid_from": "2026-06-01", "valid_to": "2026-09-30",
	}, http.StatusCreated, &summer)
	if summer.ID == "" || summer.PersonID != p.ID || summer.PlaceCode != pasture {
		t.Fatalf("created %+v, want an id, person %s and place %s", summer, p.ID, pasture)
	}

	for _, tc := range []struct {
		date, label, place string
	}{
		{"2026-05-31", "home", p.PlaceCode},
		{"2026-06-01", "summer", pasture},
		{"2026-07-15", "summer", pasture},
		{"2026-09-30", "summer", pasture},
		{"2026-10-01", "home", p.PlaceCode},
	} {
		t.Run("On/"+tc.date, func(t *testing.T) {
			var l location
			mustDo(t, e.srv, "GET", path+"/location?date="+tc.date, e.tokens["county"], nil, http.StatusOK, &l)
			if l.Label != tc.label || l.PlaceCode != tc.place || l.PersonID != p.ID {
				t.Errorf("location=%+v, want %s in %s", l, tc.label, tc.place)
			}
			if tc.label == "summer" && l.ID != summer.ID {
				t.Errorf("id=%q, want %q", l.ID, summer.ID)
			}
		})
	}
	t.Run("List", func(t *testing.T) {
		var l struct{ Items []location }
		mustDo(t, e.srv, "GET", path+"/locations", e.tokens["village"], nil, http.StatusOK, &l)
		if len(l.Items) != 1 || l.Items[0] != summer {
			t.Errorf("locations=%+v, want [%+v]", l.Items, summer)
		}
	})
	for _, tc := range []struct {
		name, user, method, path string
		body                     any
		want                     int
		field                    string
	}{
		{"Overlap", "village", "POST", path + "/locations", map[string]any{"place_code": pasture, "label": "winter", "valid_from": "2026-09-15"}, http.StatusUnprocessableEntity, "valid_from:err.location.overlap"},
		{"BadLabel", "village", "POST", path + "/locations", map[string]any{"place_code": pasture, "label": "beach", "valid_from": "2027-06-01"}, http.StatusUnprocessableEntity, "label:err.location.label"},
		{"EndBeforeStart", "village", "POST", path + "/locations", map[string]any{"place_code": pasture, "label": "winter", "valid_from": "2027-06-01", "valid_to": "2027-01-01"}, http.StatusUnprocessableEntity, "valid_to:err.date.order"},
		{"BadDate", "village", "GET", path + "/location?date=15.07.2026", nil, http.StatusUnprocessableEntity, "date:err.date.format"},
		{"OtherVillage", "village", "GET", "/api/v1/persons/" + other.ID + "/location?date=2026-07-15", nil, http.StatusNotFound, ""},
		{"OtherVillageList", "village", "GET", "/api/v1/persons/" + other.ID + "/locations", nil, http.StatusNotFound, ""},
		{"OtherVillageAdd", "village", "POST", "/api/v1/persons/" + other.ID + "/locations", map[string]any{"place_code": pasture, "label": "winter", "valid_from": "2027-01-01"}, http.StatusNotFound, ""},
		{"Auditor", "auditor", "POST", "/api/v1/persons/" + own.ID + "/locations", map[string]any{"place_code": pasture, "label": "winter", "valid_from": "2030-01-01"}, http.StatusForbidden, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, b := do(t, e.srv, tc.method, tc.path, e.tokens[tc.user], tc.body)
			pr := mustProblem(t, res, b, tc.want)
			if tc.field != "" && !slices.Equal(fieldKeys(pr), []string{tc.field}) {
				t.Errorf("errors=%v, want [%s]", fieldKeys(pr), tc.field)
			}
		})
	}
}

func testAccessLog(t *testing.T, e *apiEnv) {
	own, _ := pickPersons(t, e)
	path := "/api/v1/persons/" + own.ID
	mustDo(t, e.srv, "GET", path, e.tokens["county"], nil, http.StatusOK, nil)
	mustDo(t, e.srv, "GET", path, e.tokens["village"], nil, http.StatusOK, nil)
	// Lists are not reads of a file.
	listPersons(t, e, "county", "")

	for _, user := range []string{"admin", "auditor"} {
		t.Run(user, func(t *testing.T) {
			var l struct{ Items []access }
			mustDo(t, e.srv, "GET", path+"/access-log", e.tokens[user], nil, http.StatusOK, &l)
			want := []access{
				{Username: "village", PersonID: own.ID, Purpose: "api", FullID: false},
				{Username: "county", PersonID: own.ID, Purpose: "api", FullID: true},
			}
			if len(l.Items) < 2 || !slices.Equal(l.Items[:2], want) {
				t.Fatalf("newest reads=%+v, want %+v", l.Items[:min(2, len(l.Items))], want)
			}
		})
	}
	for _, tc := range []struct {
		user, id string
		want     int
	}{
		{"village", own.ID, http.StatusForbidden},
		{"county", own.ID, http.StatusForbidden},
		{"admin", "00000000-0000-4000-8000-000000000000", http.StatusNotFound},
	} {
		t.Run(tc.user+"/"+http.StatusText(tc.want), func(t *testing.T) {
			res, b := do(t, e.srv, "GET", "/api/v1/persons/"+tc.id+"/access-log", e.tokens[tc.user], nil)
			mustProblem(t, res, b, tc.want)
		})
	}
}

func testStats(t *testing.T, e *apiEnv) {
	stats := map[string]assisted{}
	for _, tc := range []struct{ user, county string }{
		{"admin", ""},
		{"county", "652301"},
		{"county_mori", "652328"},
	} {
		t.Run(tc.user, func(t *testing.T) {
			var s assisted
			mustDo(t, e.srv, "GET", "/api/v1/stats/assisted", e.tokens[tc.user], nil, http.StatusOK, &s)
			if s.Total <= 0 || len(s.Counts) == 0 {
				t.Fatalf("stats=%+v, want some", s)
			}
			sum := 0
			for _, c := range s.Counts {
				if tc.county != "" && c.PlaceCode != tc.county {
					t.Errorf("count for %s, want only %s", c.PlaceCode, tc.county)
				}
				sum += c.Count
			}
			if sum < s.Total {
				t.Errorf("by county and category sum to %d, less than the %d people", sum, s.Total)
			}
			stats[tc.user] = s
		})
	}
	// The prefecture's rows for a county are that county's rows.
	for _, county := range []string{"652301", "652328"} {
		user := map[string]string{"652301": "county", "652328": "county_mori"}[county]
		var fromAdmin []string
		for _, c := range stats["admin"].Counts {
			if c.PlaceCode == county {
				fromAdmin = append(fromAdmin, fmt.Sprint(c))
			}
		}
		var own []string
		for _, c := range stats[user].Counts {
			own = append(own, fmt.Sprint(c))
		}
		if !slices.Equal(fromAdmin, own) {
			t.Errorf("%s: prefecture sees %v, county sees %v", county, fromAdmin, own)
		}
	}
	if a, c, m := stats["admin"].Total, stats["county"].Total, stats["county_mori"].Total; a < c+m {
		t.Errorf("prefecture total %d < %d + %d", a, c, m)
	}
	t.Run("ServiceWorker", func(t *testing.T) {
		res, b := do(t, e.srv, "GET", "/api/v1/stats/assisted", e.tokens["worker"], nil)
		mustProblem(t, res, b, http.StatusForbidden)
	})
}

func testAuditVerify(t *testing.T, e *apiEnv) {
	t.Run("auditor", func(t *testing.T) {
		var v struct {
			OK       bool   `json:"ok"`
			Entries  int    `json:"entries"`
			LastHash string `json:"last_hash"`
			Break    any    `json:"break"`
		}
		mustDo(t, e.srv, "GET", "/api/v1/audit/verify", e.tokens["auditor"], nil, http.StatusOK, &v)
		if !v.OK || v.Entries == 0 || len(v.LastHash) != 64 || v.Break != nil {
			t.Errorf("verify=%+v, want ok with entries and a hash", v)
		}
	})
	for _, user := range []string{"village", "county", "admin"} {
		t.Run(user, func(t *testing.T) {
			res, b := do(t, e.srv, "GET", "/api/v1/audit/verify", e.tokens[user], nil)
			p := mustProblem(t, res, b, http.StatusForbidden)
			if got, want := p.Key, "err.forbidden"; got != want {
				t.Errorf("key=%q, want %q", got, want)
			}
		})
	}
}

// testProblems sends one bad request of each kind and checks the problem
// document: content type, a title, status equal to the HTTP status, the
// code that goes with the status and the request's path as instance.
func testProblems(t *testing.T, e *apiEnv) {
	own, other := pickPersons(t, e)
	var p apiPerson
	mustDo(t, e.srv, "GET", "/api/v1/persons/"+own.ID, e.tokens["village"], nil, http.StatusOK, &p)
	codeOf := map[int]string{401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "conflict", 422: "invalid", 429: "too_many_requests"}

	for _, tc := range []struct {
		name, user, method, path string
		body                     any
		want                     int
	}{
		{"NoToken", "", "GET", "/api/v1/persons", nil, 401},
		{"LogoutWithoutToken", "", "POST", "/api/v1/auth/logout", nil, 401},
		{"WrongPassword", "", "POST", "/api/v1/auth/login", map[string]string{"username": "nobody", "password": "x"}, 401},
		{"WorkerPersons", "worker", "GET", "/api/v1/persons", nil, 403},
		{"WorkerCreate", "worker", "POST", "/api/v1/persons", newPersonBody("李娜", e.village, idNumber("652301", "19190101", "151")), 403},
		{"VillageAudit", "village", "GET", "/api/v1/audit/verify", nil, 403},
		{"VillageAccessLog", "village", "GET", "/api/v1/persons/" + own.ID + "/access-log", nil, 403},
		{"OtherVillagePerson", "village", "GET", "/api/v1/persons/" + other.ID, nil, 404},
		{"OtherVillagePatch", "village", "PATCH", "/api/v1/persons/" + other.ID, map[string]any{"version": 1, "address": "x"}, 404},
		{"UnknownPlace", "county", "GET", "/api/v1/places/652399", nil, 404},
		{"StaleVersion", "village", "PATCH", "/api/v1/persons/" + own.ID, map[string]any{"version": p.Version + 1, "address": "x"}, 409},
		{"DuplicateID", "county", "POST", "/api/v1/persons", newPersonBody("王芳", e.village, idNumber("652301", "19150607", "101")), 409},
		{"BadCategory", "county", "GET", "/api/v1/persons?category=x", nil, 422},
		{"MalformedJSON", "county", "POST", "/api/v1/persons", `{"name":`, 422},
		{"EmptyBody", "county", "POST", "/api/v1/persons", "", 422},
		{"EmptyPerson", "county", "POST", "/api/v1/persons", map[string]any{}, 422},
		{"BadDepth", "county", "GET", "/api/v1/places?under=652301&depth=x", nil, 422},
		{"BadDate", "county", "GET", "/api/v1/persons/" + own.ID + "/location?date=x", nil, 422},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newRequest(t, tc.method, tc.path, e.tokens[tc.user], tc.body)
			req.Header.Set("Accept-Language", "en")
			res, b := send(t, e.srv, req)
			pr := mustProblem(t, res, b, tc.want)
			if got, want := string(pr.Code), codeOf[tc.want]; got != want {
				t.Errorf("code=%q, want %q", got, want)
			}
			if got, want := pr.Instance, strings.SplitN(tc.path, "?", 2)[0]; got != want {
				t.Errorf("instance=%q, want %q", got, want)
			}
		})
	}

	// Every title and field message is a sentence, never a bare message key.
	t.Run("MessagesTranslated", func(t *testing.T) {
		overlap := map[string]any{"place_code": e.village, "label": "other", "valid_from": "2000-01-01"}
		mustDo(t, e.srv, "POST", "/api/v1/persons/"+own.ID+"/locations", e.tokens["village"], overlap, http.StatusCreated, nil)
		var raw []string
		for _, tc := range []struct {
			name, method, path string
			body               any
			crossSite          bool
			want               int
		}{
			{"MalformedJSON", "POST", "/api/v1/auth/login", `{"username":`, false, 422},
			{"LimitRange", "GET", "/api/v1/persons?limit=500", nil, false, 422},
			{"BadUUID", "POST", "/api/v1/persons", map[string]any{"id": "x"}, false, 422},
			{"Overlap", "POST", "/api/v1/persons/" + own.ID + "/locations", overlap, false, 422},
			{"CrossOrigin", "POST", "/api/v1/persons", map[string]any{}, true, 403},
		} {
			req := newRequest(t, tc.method, tc.path, e.tokens["village"], tc.body)
			req.Header.Set("Accept-Language", "en")
			if tc.crossSite {
				req.Header.Set("Sec-Fetch-Site", "cross-site")
			}
			res, b := send(t, e.srv, req)
			pr := mustProblem(t, res, b, tc.want)
			for _, msg := range append([]string{pr.Title}, detailsOf(pr)...) {
				if strings.HasPrefix(msg, "err.") {
					raw = append(raw, tc.name+": "+msg)
				}
			}
		}
		if len(raw) > 0 {
			t.Fatalf("message keys shown raw: %s", strings.Join(raw, ", "))
		}
	})
	t.Run("WrongMethod", func(t *testing.T) {
		res, b := do(t, e.srv, "DELETE", "/api/v1/persons/"+own.ID, e.tokens["county"], nil)
		mustProblem(t, res, b, http.StatusMethodNotAllowed)
		if got := res.Header.Get("Allow"); got != "GET, PATCH" {
			t.Errorf("Allow=%q, want %q", got, "GET, PATCH")
		}
		res, b = do(t, e.srv, "POST", "/api/v1/nope", e.tokens["county"], nil)
		mustProblem(t, res, b, http.StatusNotFound)
	})
}

// testDocumentedFields checks answers of every kind against openapi.json.
func testDocumentedFields(t *testing.T, e *apiEnv) {
	c := newSchemaChecker(t, e.srv)
	own, _ := pickPersons(t, e)
	dup := newPersonBody("测试重复", e.village, idNumber("652301", "19190202", "161"))
	mustCreatePerson(t, e, "village", dup)
	dup["id_number"] = idNumber("652301", "19190202", "163")
	for _, tc := range []struct {
		schema, user, method, path string
		body                       any
	}{
		{"LoginResponse", "", "POST", "/api/v1/auth/login", map[string]string{"username": "auditor", "password": "jiuzhu-demo"}},
		{"User", "county", "GET", "/api/v1/me", nil},
		{"PlaceList", "county", "GET", "/api/v1/places?under=652301&depth=village", nil},
		{"Place", "county", "GET", "/api/v1/places/" + e.village, nil},
		{"PersonList", "county", "GET", "/api/v1/persons?limit=200", nil},
		{"Person", "county", "GET", "/api/v1/persons/" + own.ID, nil},
		{"LocationList", "county", "GET", "/api/v1/persons/" + own.ID + "/locations", nil},
		{"Location", "county", "GET", "/api/v1/persons/" + own.ID + "/location?date=2026-07-01", nil},
		{"AccessLog", "admin", "GET", "/api/v1/persons/" + own.ID + "/access-log", nil},
		{"AssistedStats", "admin", "GET", "/api/v1/stats/assisted", nil},
		{"AuditVerify", "auditor", "GET", "/api/v1/audit/verify", nil},
		{"Problem", "county", "POST", "/api/v1/persons", map[string]any{"id_number": "1"}},
		{"Problem", "village", "POST", "/api/v1/persons", dup},
	} {
		t.Run(tc.schema+" "+tc.method+" "+tc.path, func(t *testing.T) {
			_, b := do(t, e.srv, tc.method, tc.path, e.tokens[tc.user], tc.body)
			c.check(t, tc.schema, b)
		})
	}
	t.Run("Suspect", func(t *testing.T) {
		_, b := do(t, e.srv, "POST", "/api/v1/persons", e.tokens["village"], dup)
		var p struct{ Data []json.RawMessage }
		json.Unmarshal(b, &p)
		if len(p.Data) == 0 {
			t.Fatalf("no suspects in %s", b)
		}
		for _, s := range p.Data {
			c.check(t, "Suspect", s)
		}
	})
}
