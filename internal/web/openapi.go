package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
)

// The API's OpenAPI 3.1 description: openapi.json holds the document's frame
// and the first areas; each later area of the API adds a fragment in
// openapi/*.json with its own tags, paths and components. openapi_test.go
// checks that the merged document describes exactly the routes of apiRoutes.
//
//go:embed openapi.json openapi
var openAPIFiles embed.FS

// openAPI is the merged document, built once at start.
var openAPI = mustMergeOpenAPI(openAPIFiles)

// fragment is the part of an OpenAPI document an area contributes.
type fragment struct {
	Tags       []json.RawMessage                     `json:"tags"`
	Paths      map[string]json.RawMessage            `json:"paths"`
	Components map[string]map[string]json.RawMessage `json:"components"`
}

// mergeOpenAPI adds every fragment's tags, paths and components to the
// frame; a name defined twice is an error.
func mergeOpenAPI(fsys fs.FS) ([]byte, error) {
	frame, err := fs.ReadFile(fsys, "openapi.json")
	if err != nil {
		return nil, err
	}
	var doc map[string]json.RawMessage
	var base fragment
	if err := json.Unmarshal(frame, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	if err := json.Unmarshal(frame, &base); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	names, _ := fs.Glob(fsys, "openapi/*.json")
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var f fragment
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		base.Tags = append(base.Tags, f.Tags...)
		for p, v := range f.Paths {
			if _, dup := base.Paths[p]; dup {
				return nil, fmt.Errorf("%s: path %s is defined twice", name, p)
			}
			base.Paths[p] = v
		}
		for kind, entries := range f.Components {
			if base.Components[kind] == nil {
				base.Components[kind] = map[string]json.RawMessage{}
			}
			for k, v := range entries {
				if _, dup := base.Components[kind][k]; dup {
					return nil, fmt.Errorf("%s: components.%s.%s is defined twice", name, kind, k)
				}
				base.Components[kind][k] = v
			}
		}
	}
	for key, v := range map[string]any{"tags": base.Tags, "paths": base.Paths, "components": base.Components} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		doc[key] = b
	}
	return json.MarshalIndent(doc, "", "  ")
}

func mustMergeOpenAPI(fsys fs.FS) []byte {
	b, err := mergeOpenAPI(fsys)
	if err != nil {
		panic(err) // embedded files: a bad fragment is a build defect the tests catch
	}
	return b
}

// showOpenAPI handles GET /api/v1/openapi.json.
func (s *Server) showOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPI)
}
