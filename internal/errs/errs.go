// Package errs is the small set of error codes the application speaks in, and
// errors that carry translation keys so a clerk reads them in their language.
// The web layer maps a Code to an HTTP status in one table.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for the client.
type Code string

// Error codes.
const (
	Invalid          Code = "invalid"
	NotFound         Code = "not_found"
	Conflict         Code = "conflict"
	Forbidden        Code = "forbidden"
	Unauthenticated  Code = "unauthenticated"
	TooMany          Code = "too_many_requests"
	MethodNotAllowed Code = "method_not_allowed"
	TooLarge         Code = "too_large"
	Internal         Code = "internal"
)

// Field is one invalid input field: the field's name, a message key and its
// arguments, e.g. {"id_number", "err.id.checksum", {"Want": "X"}}.
type Field struct {
	Name string         `json:"field"`
	Key  string         `json:"key"`
	Args map[string]any `json:"args,omitempty"`
}

// Error is an application error: a code, a message key with arguments, and
// for Invalid the list of bad fields.
type Error struct {
	Code   Code
	Key    string
	Args   map[string]any
	Fields []Field
	Detail string // untranslated technical detail a client can act on, e.g. the JSON decoder's message
	Extra  any    // machine-readable detail for clients, e.g. duplicate candidates
	Err    error  // cause, logged, never shown
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Name, f.Key)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a message key.
func New(code Code, key string) *Error { return &Error{Code: code, Key: key} }

// Wrap returns an internal error around err.
func Wrap(err error, key string) *Error { return &Error{Code: Internal, Key: key, Err: err} }

// CodeOf returns the code of err, Internal for foreign errors and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return CodeOf(err) == code }

// Fields collects field errors during validation.
type Fields []Field

// Add records a bad field.
func (fs *Fields) Add(name, key string, args map[string]any) {
	*fs = append(*fs, Field{Name: name, Key: key, Args: args})
}

// Err returns an Invalid error listing the fields, or nil when there are none.
func (fs Fields) Err() error {
	if len(fs) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Key: "err.invalid", Fields: fs}
}

// Invalid returns an Invalid error about one field.
func InvalidField(name, key string, args map[string]any) error {
	return &Error{Code: Invalid, Key: "err.invalid", Fields: []Field{{Name: name, Key: key, Args: args}}}
}
