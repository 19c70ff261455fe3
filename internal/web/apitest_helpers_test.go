package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// apiEnv is a server over a store loaded with the demo dataset, with a
// token for each demo account the API tests use.
type apiEnv struct {
	srv     http.Handler
	tokens  map[string]string
	village string // scope of the "village" account: one village in 652301
}

// newAPIEnv loads the demo dataset into a fresh store of dialect d and signs
// in the demo accounts.
func newAPIEnv(t *testing.T, d store.Dialect) *apiEnv {
	t.Helper()
	db := testdb.Open(t, d, nil)
	if _, _, err := demo.Load(t.Context(), db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	e := &apiEnv{srv: web.New(db, log, web.Options{}), tokens: map[string]string{}}
	for _, u := range []string{"admin", "county", "county_mori", "township", "village", "auditor", "worker", "assessor"} {
		e.tokens[u] = mustLogin(t, e.srv, u)
	}
	var me struct {
		PlaceCode string `json:"place_code"`
	}
	mustDo(t, e.srv, "GET", "/api/v1/me", e.tokens["village"], nil, http.StatusOK, &me)
	if len(me.PlaceCode) != 12 || !strings.HasPrefix(me.PlaceCode, "652301") {
		t.Fatalf("village account's place = %q, want a village in 652301", me.PlaceCode)
	}
	e.village = me.PlaceCode
	return e
}

// mustLogin signs in a demo account and returns its API token.
func mustLogin(tb testing.TB, srv http.Handler, user string) string {
	tb.Helper()
	var out struct {
		Token     string `json:"token"`
		ExpiresIn int    `json:"expires_in"`
	}
	mustDo(tb, srv, "POST", "/api/v1/auth/login", "", map[string]string{"username": user, "password": demo.Password}, http.StatusOK, &out)
	if out.Token == "" {
		tb.Fatalf("login %s: empty token", user)
	}
	return out.Token
}

// newRequest builds an API request. body is sent as is when it is a string,
// and as JSON otherwise; nil sends no body.
func newRequest(tb testing.TB, method, path, token string, body any) *http.Request {
	tb.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		r = bytes.NewReader(buf)
	}
	req := httptest.NewRequest(method, path, r)
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// send serves req and returns the response and its body.
func send(tb testing.TB, srv http.Handler, req *http.Request) (*http.Response, []byte) {
	tb.Helper()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res, b
}

// do sends one API request.
func do(tb testing.TB, srv http.Handler, method, path, token string, body any) (*http.Response, []byte) {
	tb.Helper()
	return send(tb, srv, newRequest(tb, method, path, token, body))
}

// mustDo sends one API request, fails unless it answers want, and decodes
// the JSON answer into out when out is not nil.
func mustDo(tb testing.TB, srv http.Handler, method, path, token string, body any, want int, out any) *http.Response {
	tb.Helper()
	res, b := do(tb, srv, method, path, token, body)
	if res.StatusCode != want {
		tb.Fatalf("%s %s: Status=%v, want %v; body: %s", method, path, res.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			tb.Fatalf("%s %s: decode: %v; body: %s", method, path, err, b)
		}
	}
	return res
}

// mustProblem checks that an answer is a well-formed problem document of
// status want, and returns it.
func mustProblem(tb testing.TB, res *http.Response, body []byte, want int) web.Problem {
	tb.Helper()
	if got := res.StatusCode; got != want {
		tb.Fatalf("Status=%v, want %v; body: %s", got, want, body)
	}
	if got, want := res.Header.Get("Content-Type"), "application/problem+json"; got != want {
		tb.Errorf("Content-Type=%q, want %q", got, want)
	}
	var p web.Problem
	if err := json.Unmarshal(body, &p); err != nil {
		tb.Fatalf("decode problem: %v; body: %s", err, body)
	}
	if got, want := p.Status, res.StatusCode; got != want {
		tb.Errorf("problem status=%v, want the HTTP status %v", got, want)
	}
	if p.Title == "" {
		tb.Errorf("problem has no title: %s", body)
	}
	if p.Code == "" || p.Type == "" {
		tb.Errorf("problem has no code or type: %s", body)
	}
	if got, want := p.RequestID, res.Header.Get("X-Request-Id"); got == "" || got != want {
		tb.Errorf("problem request_id=%q, want X-Request-Id %q", got, want)
	}
	return p
}

// fieldKeys lists a problem's field errors as "field:key".
func fieldKeys(p web.Problem) []string {
	var out []string
	for _, f := range p.Errors {
		out = append(out, f.Field+":"+f.Key)
	}
	return out
}

// idNumber returns a valid resident ID number: a 6-digit region, a birth
// date YYYYMMDD and a 3-digit sequence (odd for men), and the check character.
func idNumber(region, birth, seq string) string {
	s := region + birth + seq
	return s + string(person.CheckDigit(s))
}

// apiPerson is a person file as the API answers it.
type apiPerson struct {
	ID         string   `json:"id"`
	PlaceCode  string   `json:"place_code"`
	Name       string   `json:"name"`
	NameLatin  string   `json:"name_latin"`
	IDNumber   string   `json:"id_number"`
	BirthDate  string   `json:"birth_date"`
	Sex        string   `json:"sex"`
	Ethnicity  string   `json:"ethnicity"`
	Categories []string `json:"categories"`
	Address    string   `json:"address"`
	Version    int      `json:"version"`
}

// newPersonBody returns a valid create request for a person in village.
func newPersonBody(name, village, id string) map[string]any {
	return map[string]any{"name": name, "place_code": village, "id_number": id,
		"ethnicity": "kazakh", "language": "kk", "categories": []string{"elderly_alone"}}
}

// mustCreatePerson creates a person file and returns it as answered.
func mustCreatePerson(tb testing.TB, e *apiEnv, user string, body map[string]any) apiPerson {
	tb.Helper()
	var p apiPerson
	mustDo(tb, e.srv, "POST", "/api/v1/persons", e.tokens[user], body, http.StatusCreated, &p)
	return p
}

// personList is a page of GET /api/v1/persons.
type personList struct {
	Items  []apiPerson `json:"items"`
	Total  int         `json:"total"`
	Offset int         `json:"offset"`
	Limit  int         `json:"limit"`
}

// place is a place as the API answers it.
type place struct {
	Code   string `json:"code"`
	Parent string `json:"parent"`
	Level  int    `json:"level"`
	Name   string `json:"name"`
}

// listPersons fetches one page of the person list as user.
func listPersons(t *testing.T, e *apiEnv, user, query string) personList {
	t.Helper()
	var l personList
	mustDo(t, e.srv, "GET", "/api/v1/persons?"+query, e.tokens[user], nil, http.StatusOK, &l)
	return l
}

// pickPersons returns a person in the village account's village and one
// elsewhere in the same county.
func pickPersons(t *testing.T, e *apiEnv) (own, other apiPerson) {
	t.Helper()
	own = listPersons(t, e, "village", "limit=1").Items[0]
	for _, p := range listPersons(t, e, "county", "limit=200").Items {
		if p.PlaceCode != e.village {
			return own, p
		}
	}
	t.Fatal("no person in 652301 outside the village")
	return
}

// masked returns an ID number as roles without full access see it.
func masked(id string) string { return id[:4] + "**********" + id[14:] }

// suspect is one duplicate candidate in a 409 answer.
type suspect struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	IDMasked  string `json:"id_masked"`
	BirthDate string `json:"birth_date"`
	PlaceCode string `json:"place_code"`
}

// location is a declared location as the API answers it.
type location struct {
	ID        string `json:"id"`
	PersonID  string `json:"person_id"`
	PlaceCode string `json:"place_code"`
	Label     string `json:"label"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to"`
}

// access is one entry of a person's access log.
type access struct {
	Username string `json:"username"`
	PersonID string `json:"person_id"`
	Purpose  string `json:"purpose"`
	FullID   bool   `json:"full_id"`
}

// assisted is the answer of GET /api/v1/stats/assisted.
type assisted struct {
	Total  int `json:"total"`
	Counts []struct {
		PlaceCode string `json:"place_code"`
		Category  string `json:"category"`
		Count     int    `json:"count"`
	} `json:"by_county_category"`
}

// detailsOf lists the messages of a problem's field errors.
func detailsOf(p web.Problem) []string {
	var out []string
	for _, f := range p.Errors {
		out = append(out, f.Detail)
	}
	return out
}

// schemaChecker checks API answers against the component schemas of the
// served OpenAPI document: every field answered is documented, and every
// required field is answered.
type schemaChecker struct {
	schemas map[string]any
}

func newSchemaChecker(tb testing.TB, srv http.Handler) *schemaChecker {
	tb.Helper()
	var doc struct {
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	mustDo(tb, srv, "GET", "/api/v1/openapi.json", "", nil, http.StatusOK, &doc)
	return &schemaChecker{schemas: doc.Components.Schemas}
}

// resolve follows $ref and merges allOf, returning an object schema's
// properties and required fields, or an array schema's items.
func (c *schemaChecker) resolve(schema any) (props map[string]any, required []string, items any) {
	s, _ := schema.(map[string]any)
	if ref, ok := s["$ref"].(string); ok {
		return c.resolve(c.schemas[strings.TrimPrefix(ref, "#/components/schemas/")])
	}
	if p, ok := s["properties"].(map[string]any); ok {
		props = maps.Clone(p)
	}
	for _, r := range asSlice(s["required"]) {
		required = append(required, r.(string))
	}
	items = s["items"]
	for _, sub := range asSlice(s["allOf"]) {
		p, r, i := c.resolve(sub)
		if props == nil && p != nil {
			props = map[string]any{}
		}
		for k, v := range p {
			if _, ok := props[k]; !ok {
				props[k] = v
			}
		}
		required = append(required, r...)
		if items == nil {
			items = i
		}
	}
	return props, required, items
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

// check checks the JSON answer body against the schema named name.
func (c *schemaChecker) check(tb testing.TB, name string, body []byte) {
	tb.Helper()
	if _, ok := c.schemas[name]; !ok {
		tb.Fatalf("no schema %s in openapi.json", name)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	c.checkValue(tb, name, map[string]any{"$ref": "#/components/schemas/" + name}, v)
}

func (c *schemaChecker) checkValue(tb testing.TB, at string, schema any, v any) {
	tb.Helper()
	props, required, items := c.resolve(schema)
	switch v := v.(type) {
	case map[string]any:
		if props == nil {
			return // free-form, like a problem's data
		}
		for k, fv := range v {
			ps, ok := props[k]
			if !ok {
				tb.Errorf("%s: field %q is answered but not documented", at, k)
				continue
			}
			c.checkValue(tb, at+"."+k, ps, fv)
		}
		for _, k := range required {
			if _, ok := v[k]; !ok {
				tb.Errorf("%s: required field %q is missing", at, k)
			}
		}
	case []any:
		for i, e := range v {
			c.checkValue(tb, fmt.Sprintf("%s[%d]", at, i), items, e)
		}
	}
}
