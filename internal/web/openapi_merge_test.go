package web

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

func TestMergeOpenAPI(t *testing.T) {
	frame := `{"openapi":"3.1.0","tags":[{"name":"a"}],"paths":{"/a":{}},"components":{"schemas":{"A":{}}}}`
	for _, tc := range []struct {
		name, fragment, wantErr string
	}{
		{"adds", `{"tags":[{"name":"b"}],"paths":{"/b":{}},"components":{"schemas":{"B":{}},"parameters":{"P":{}}}}`, ""},
		{"duplicate path", `{"paths":{"/a":{}}}`, "path /a is defined twice"},
		{"duplicate schema", `{"components":{"schemas":{"A":{}}}}`, "components.schemas.A is defined twice"},
		{"unknown key", `{"info":{}}`, "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := mergeOpenAPI(fstest.MapFS{
				"openapi.json":   {Data: []byte(frame)},
				"openapi/b.json": {Data: []byte(tc.fragment)},
			})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			var doc struct {
				OpenAPI    string                    `json:"openapi"`
				Tags       []map[string]string       `json:"tags"`
				Paths      map[string]any            `json:"paths"`
				Components map[string]map[string]any `json:"components"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.OpenAPI != "3.1.0" || len(doc.Tags) != 2 || len(doc.Paths) != 2 || len(doc.Components["schemas"]) != 2 || len(doc.Components["parameters"]) != 1 {
				t.Fatalf("merged = %s", b)
			}
		})
	}
}
