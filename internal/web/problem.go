package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"jiuzhu/internal/errs"
)

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[errs.Code]int{
	errs.Invalid:          http.StatusUnprocessableEntity,
	errs.NotFound:         http.StatusNotFound,
	errs.Conflict:         http.StatusConflict,
	errs.Forbidden:        http.StatusForbidden,
	errs.Unauthenticated:  http.StatusUnauthorized,
	errs.TooMany:          http.StatusTooManyRequests,
	errs.MethodNotAllowed: http.StatusMethodNotAllowed,
	errs.TooLarge:         http.StatusRequestEntityTooLarge,
	errs.Internal:         http.StatusInternalServerError,
}

// Problem is an RFC 9457 problem document with jiuzhu's extensions.
type Problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Instance  string         `json:"instance,omitempty"`
	Code      errs.Code      `json:"code"`
	Key       string         `json:"key,omitempty"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []ProblemField `json:"errors,omitempty"`
	Data      any            `json:"data,omitempty"`
}

// ProblemField is one invalid field, with its message in the caller's language.
type ProblemField struct {
	Field  string         `json:"field"`
	Key    string         `json:"key"`
	Detail string         `json:"detail"`
	Args   map[string]any `json:"args,omitempty"`
}

// problemFor builds the problem document for err in the request's language.
// Internal errors are logged with their cause; the client sees only a
// generic message and the request id to quote.
func (s *Server) problemFor(r *http.Request, err error) Problem {
	code := errs.CodeOf(err)
	var e *errs.Error
	if !errors.As(err, &e) {
		e = &errs.Error{Code: errs.Internal, Key: "err.internal", Err: err}
	}
	if code == errs.Internal {
		s.log.Error("internal error", "request_id", requestID(r.Context()), "path", r.URL.Path, "err", err)
		e = &errs.Error{Code: errs.Internal, Key: "err.internal"}
	}
	loc := s.localizer(r)
	key := e.Key
	if key == "" {
		key = "err." + string(code)
	}
	p := Problem{Type: "/docs/problems#" + string(code), Title: loc.T(key, e.Args), Status: statusOf[code],
		Detail: e.Detail, Instance: r.URL.Path, Code: code, Key: key, RequestID: requestID(r.Context()), Data: e.Extra}
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, ProblemField{Field: f.Name, Key: f.Key, Detail: loc.T(f.Key, f.Args), Args: f.Args})
	}
	return p
}

// fail answers an error: problem+json for the API and probes, an HTML page
// for the console.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := s.problemFor(r, err)
	if !strings.HasPrefix(r.URL.Path, "/api/") && acceptsHTML(r) {
		s.renderErrorPage(w, r, p)
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

func acceptsHTML(r *http.Request) bool { return strings.Contains(r.Header.Get("Accept"), "text/html") }

// writeJSON sends v with status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// readJSON decodes a request body strictly: unknown fields and trailing data
// are errors the client can fix.
func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &errs.Error{Code: errs.Invalid, Key: "err.json", Detail: jsonDetail(err), Err: err}
	}
	if dec.More() {
		return &errs.Error{Code: errs.Invalid, Key: "err.json", Detail: "trailing data after the JSON value"}
	}
	return nil
}

// jsonDetail keeps the decoder's explanation, which names the field or
// offset, without Go type names a client cannot act on.
func jsonDetail(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "field " + te.Field + ": wrong type"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
