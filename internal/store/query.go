package store

import (
	"fmt"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/place"
)

// query builds a statement and its arguments, numbering $n placeholders.
type query struct {
	sb   strings.Builder
	args []any
}

// arg adds an argument and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return fmt.Sprintf("$%d", len(q.args))
}

// add appends SQL text; %s verbs in format take placeholders from arg.
func (q *query) add(format string, a ...any) *query {
	fmt.Fprintf(&q.sb, format, a...)
	return q
}

// raw appends SQL text as is.
func (q *query) raw(s string) *query {
	q.sb.WriteString(s)
	return q
}

func (q *query) String() string { return q.sb.String() }

// inScope adds "AND col is inside the subtree of code" as an index range.
func (q *query) inScope(col, code string) {
	lo, hi := place.Range(code)
	q.add(" AND %s >= %s AND %s < %s", col, q.arg(lo), col, q.arg(hi))
}

// scoped adds the actor's data scope on col. An actor with no scope and no
// system role sees nothing (fail closed).
func (q *query) scoped(col string, a *auth.Actor) {
	switch {
	case a.System:
	case a.Scope == "" || a.Scope == "-":
		q.add(" AND 1=0")
	default:
		q.inScope(col, a.Scope)
	}
}
