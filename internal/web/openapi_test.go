package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// openAPIDoc is the part of an OpenAPI document the tests look at.
type openAPIDoc struct {
	OpenAPI  string                                `json:"openapi"`
	Security []map[string][]string                 `json:"security"`
	Tags     []struct{ Name string }               `json:"tags"`
	Paths    map[string]map[string]json.RawMessage `json:"paths"`
}

// openAPIOperation is one operation of a path item.
type openAPIOperation struct {
	Summary    string                     `json:"summary"`
	Tags       []string                   `json:"tags"`
	Parameters []map[string]any           `json:"parameters"`
	Security   *[]map[string][]string     `json:"security"`
	Responses  map[string]json.RawMessage `json:"responses"`
}

// openAPIMethods are the keys of a path item that name operations.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func mustParseOpenAPI(tb testing.TB) (*openAPIDoc, any) {
	tb.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		tb.Fatalf("openapi.json: %v", err)
	}
	var raw any
	if err := json.Unmarshal(openAPI, &raw); err != nil {
		tb.Fatalf("openapi.json: %v", err)
	}
	return &doc, raw
}

// openAPIPath turns a ServeMux pattern into an OpenAPI path template:
// "{name...}" becomes "{name}" and a trailing "{$}" goes.
func openAPIPath(pattern string) string {
	p := strings.TrimSuffix(pattern, "{$}")
	return strings.ReplaceAll(p, "...}", "}")
}

// TestOpenAPIDocumentsEveryRoute checks that openapi.json describes exactly
// the routes of apiRoutes, naming any missing on either side.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc, _ := mustParseOpenAPI(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	s := New(testdb.Open(t, store.SQLite, nil), slog.New(slog.DiscardHandler), Options{})

	inCode := map[string]bool{}
	for _, rt := range s.apiRoutes() {
		inCode[rt.Method+" "+openAPIPath(rt.Pattern)] = true
	}
	inDoc := map[string]bool{}
	for path, item := range doc.Paths {
		for key := range item {
			if slices.Contains(openAPIMethods, key) {
				inDoc[strings.ToUpper(key)+" "+path] = true
			}
		}
	}
	for r := range inCode {
		if !inDoc[r] {
			t.Errorf("route %s is in apiRoutes but not in openapi.json", r)
		}
	}
	for r := range inDoc {
		if !inCode[r] {
			t.Errorf("operation %s is in openapi.json but not in apiRoutes", r)
		}
	}
}

// TestOpenAPIOperations checks each operation: summary, declared tags,
// path parameters, 401 unless public, 500.
func TestOpenAPIOperations(t *testing.T) {
	doc, raw := mustParseOpenAPI(t)
	if len(doc.Security) == 0 {
		t.Errorf("no global security requirement: the API needs a token by default")
	}
	tags := map[string]bool{}
	for _, tag := range doc.Tags {
		tags[tag.Name] = true
	}
	// Only these may be called without signing in.
	public := map[string]bool{"POST /api/v1/auth/login": true, "GET /api/v1/openapi.json": true}
	pathParam := regexp.MustCompile(`\{([^}]+)\}`)

	for path, item := range doc.Paths {
		var shared []map[string]any
		if b, ok := item["parameters"]; ok {
			if err := json.Unmarshal(b, &shared); err != nil {
				t.Fatalf("%s parameters: %v", path, err)
			}
		}
		for _, method := range openAPIMethods {
			b, ok := item[method]
			if !ok {
				continue
			}
			name := strings.ToUpper(method) + " " + path
			var op openAPIOperation
			if err := json.Unmarshal(b, &op); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if op.Summary == "" {
				t.Errorf("%s has no summary", name)
			}
			if len(op.Tags) == 0 {
				t.Errorf("%s has no tag", name)
			}
			for _, tag := range op.Tags {
				if !tags[tag] {
					t.Errorf("%s: tag %q is not declared in tags", name, tag)
				}
			}
			if got, want := op.Security != nil && len(*op.Security) == 0, public[name]; got != want {
				t.Errorf("%s: public=%v, want %v", name, got, want)
			}
			if _, ok := op.Responses["401"]; !ok && !public[name] {
				t.Errorf("%s needs a sign-in but documents no 401", name)
			}
			if _, ok := op.Responses["500"]; !ok {
				t.Errorf("%s documents no 500", name)
			}
			declared := map[string]bool{}
			for _, p := range append(slices.Clone(shared), op.Parameters...) {
				if ref, ok := p["$ref"].(string); ok {
					r, err := resolvePointer(raw, ref)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					p = r.(map[string]any)
				}
				if p["in"] == "path" {
					declared[p["name"].(string)] = true
				}
			}
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				if !declared[m[1]] {
					t.Errorf("%s: path parameter %q is not declared", name, m[1])
				}
			}
		}
	}
}

// TestOpenAPIErrorResponses checks that every 4xx and 5xx response of every
// operation is a problem document.
func TestOpenAPIErrorResponses(t *testing.T) {
	doc, raw := mustParseOpenAPI(t)
	for path, item := range doc.Paths {
		for _, method := range openAPIMethods {
			b, ok := item[method]
			if !ok {
				continue
			}
			var op openAPIOperation
			if err := json.Unmarshal(b, &op); err != nil {
				t.Fatal(err)
			}
			for status, rb := range op.Responses {
				if status[0] != '4' && status[0] != '5' {
					continue
				}
				var r any
				json.Unmarshal(rb, &r)
				if m, ok := r.(map[string]any); ok && m["$ref"] != nil {
					var err error
					if r, err = resolvePointer(raw, m["$ref"].(string)); err != nil {
						t.Fatalf("%s %s %s: %v", method, path, status, err)
					}
				}
				schema, err := resolvePointer(r, "#/content/application~1problem+json/schema/$ref")
				if got, want := schema, "#/components/schemas/Problem"; err != nil || got != want {
					t.Errorf("%s %s: response %s schema = %v (%v), want application/problem+json %s", strings.ToUpper(method), path, status, got, err, want)
				}
			}
		}
	}
}

// TestOpenAPIRefsResolve checks that every $ref points inside the document.
func TestOpenAPIRefsResolve(t *testing.T) {
	_, raw := mustParseOpenAPI(t)
	n := 0
	var walk func(at string, v any)
	walk = func(at string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				n++
				if _, err := resolvePointer(raw, ref); err != nil {
					t.Errorf("%s: $ref %q: %v", at, ref, err)
				}
			}
			for k, e := range v {
				walk(at+"/"+k, e)
			}
		case []any:
			for i, e := range v {
				walk(at+"/"+strconv.Itoa(i), e)
			}
		}
	}
	walk("#", raw)
	if n == 0 {
		t.Fatal("no $ref found: is the document empty?")
	}
}

// TestOpenAPIServed checks GET /api/v1/openapi.json serves the file, publicly.
func TestOpenAPIServed(t *testing.T) {
	s := New(testdb.Open(t, store.SQLite, nil), slog.New(slog.DiscardHandler), Options{})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if got, want := rec.Code, http.StatusOK; got != want {
		t.Fatalf("Status=%v, want %v", got, want)
	}
	if got, want := rec.Header().Get("Content-Type"), "application/json"; got != want {
		t.Errorf("Content-Type=%q, want %q", got, want)
	}
	if !bytes.Equal(rec.Body.Bytes(), openAPI) {
		t.Errorf("served document differs from openapi.json")
	}
}

// resolvePointer follows a local reference "#/a/b~1c" (RFC 6901) in doc.
func resolvePointer(doc any, ref string) (any, error) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, fmt.Errorf("%q is not a local reference", ref)
	}
	cur := doc
	if frag == "" {
		return cur, nil
	}
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if t, err := url.PathUnescape(tok); err == nil {
			tok = t
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("no member %q", tok)
		}
		if cur, ok = m[tok]; !ok {
			return nil, fmt.Errorf("no member %q", tok)
		}
	}
	return cur, nil
}
