package warn

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"jiuzhu/internal/person"
)

// Cell limits.
const (
	maxAmountFen = 100_000_000_000 // one billion yuan: far above any bill, far below overflow when summed
	maxMonths    = 600
	maxHousehold = 99
	maxRefRunes  = 64
	maxNameRunes = 64
	maxNoteRunes = 200
	maxEchoRunes = 40 // cell text repeated in a message
	minEventYear = 1900
)

// rowParser turns the cells of one row into a Record, reporting every bad cell.
type rowParser struct {
	kind     FeedKind
	today    time.Time
	rep      *Report
	cols     []string // canonical column per header position; "" for a blank header cell, reported for a reported one
	required map[string]bool
}

// reported marks a header cell already reported as wrong: its cells are not checked.
const reported = "-"

// normHeader folds a header cell so that "金额（分） *" matches "金额(分)".
func normHeader(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "*")
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// readHeader maps header cells to columns. It reports unknown, duplicate and
// missing columns, and returns false when rows cannot be read reliably.
func (p *rowParser) readHeader(line int, header []string) bool {
	index := map[string]string{}
	p.required = map[string]bool{}
	for _, c := range layouts[p.kind] {
		for _, a := range append([]string{c.Name, c.Label}, c.Aliases...) {
			index[normHeader(a)] = c.Name
		}
		p.required[c.Name] = c.Required
	}
	yuan := map[string]bool{}
	for _, h := range yuanHeaders {
		yuan[normHeader(h)] = true
	}
	p.cols = make([]string, len(header))
	found := map[string]bool{}
	ok := true
	for i, h := range header {
		n, as := normHeader(h), cut(strings.TrimSpace(h), maxEchoRunes)
		name, known := index[n]
		if n != "" && (!known || found[name]) {
			p.cols[i] = reported
		}
		switch {
		case n == "":
			// A blank header cell: Excel leaves these; its cells must stay blank.
		case known && found[name]:
			p.rep.add(line, name, "err.feed.column_duplicate", map[string]any{"Column": as})
			ok = false
		case known:
			p.cols[i], found[name] = name, true
		case yuan[n]:
			p.rep.add(line, as, "err.feed.amount_unit", map[string]any{"Column": as})
		default:
			p.rep.add(line, as, "err.feed.column_unknown", map[string]any{"Column": as})
		}
	}
	for _, c := range layouts[p.kind] {
		if c.Required && !found[c.Name] {
			p.rep.add(line, c.Name, "err.feed.column_missing", map[string]any{"Column": c.Name, "Label": c.Label})
			ok = false
		}
	}
	return ok
}

// row validates one data row. Trailing blank cells beyond the header are
// tolerated (Excel writes them); any other count mismatch is an error.
func (p *rowParser) row(line int, cells []string) (Record, bool) {
	if len(cells) < len(p.cols) || !blank(cells[len(p.cols):]) {
		p.rep.add(line, "", "err.feed.field_count", map[string]any{"Got": len(cells), "Want": len(p.cols)})
		return Record{}, false
	}
	rec := Record{Kind: p.kind, Line: line}
	ok := true
	fail := func(col, key string, args map[string]any) {
		p.rep.add(line, col, key, args)
		ok = false
	}
	for i, col := range p.cols {
		v := strings.TrimSpace(cells[i])
		switch {
		case col == "" && v != "":
			fail("", "err.feed.unnamed_cell", map[string]any{"Col": i + 1})
			continue
		case col == "" || col == reported:
			continue
		case v == "":
			if p.required[col] {
				fail(col, "err.required", nil)
			}
			continue
		}
		p.cell(&rec, col, v, fail)
	}
	if !rec.EndDate.IsZero() && rec.EndDate.Before(rec.Date) {
		fail(colDischarged.Name, "err.feed.discharge_before", map[string]any{
			"Admitted": rec.Date.Format(time.DateOnly), "Discharged": rec.EndDate.Format(time.DateOnly)})
	}
	return rec, ok
}

// cell parses one non-blank cell into rec, calling fail for each problem.
func (p *rowParser) cell(rec *Record, col, v string, fail func(col, key string, args map[string]any)) {
	echo := map[string]any{"Value": cut(v, maxEchoRunes)}
	text := func(limit int) string {
		if utf8.RuneCountInString(v) > limit {
			fail(col, "err.feed.too_long", map[string]any{"Max": limit})
		}
		return v
	}
	count := func(lo, hi int64, key string) int64 {
		n, ok := parseCount(v, lo, hi)
		if !ok {
			fail(col, key, map[string]any{"Value": echo["Value"], "Min": lo, "Max": hi})
		}
		return n
	}
	switch col {
	case colID.Name:
		if strings.Contains(strings.ToUpper(v), "E+") {
			fail(col, "err.feed.id_scientific", echo)
		} else if _, _, err := person.ParseID(v, p.today); err != nil {
			e := err.(*person.IDError)
			fail(col, e.Key, e.Args)
		}
		rec.IDNumber = person.NormalizeID(v)
	case colDate.Name, colAdmitted.Name, colDied.Name:
		rec.Date = p.date(col, v, fail)
	case colDischarged.Name:
		rec.EndDate = p.date(col, v, fail)
	case colAmount.Name:
		rec.AmountFen = count(0, maxAmountFen, "err.feed.amount")
	case colGrade.Name:
		rec.Grade = int(count(1, 4, "err.feed.grade"))
	case colHousehold.Name:
		rec.HouseholdSize = int(count(1, maxHousehold, "err.feed.number"))
	case colMonths.Name:
		rec.Months = int(count(0, maxMonths, "err.feed.number"))
	case colRef.Name, colHospital.Name:
		rec.Ref = text(maxRefRunes)
	case colName.Name:
		rec.Name = text(maxNameRunes)
	case colNote.Name:
		rec.Note = text(maxNoteRunes)
	}
}

// date parses a day that may not lie in the future. It returns the zero
// time for a cell it reports, so that no other check compares with it.
func (p *rowParser) date(col, v string, fail func(col, key string, args map[string]any)) time.Time {
	echo := map[string]any{"Value": cut(v, maxEchoRunes)}
	d, err := parseDate(v)
	switch {
	case err != nil || d.Year() < minEventYear:
		fail(col, "err.feed.date", echo)
	case d.After(p.today):
		fail(col, "err.feed.date_future", echo)
	default:
		return d
	}
	return time.Time{}
}

// parseDate accepts YYYY-MM-DD and, since Excel rewrites dates that way when
// it saves a CSV, YYYY/M/D.
func parseDate(s string) (time.Time, error) {
	if strings.Contains(s, "/") {
		return time.Parse("2006/1/2", s)
	}
	return time.Parse(time.DateOnly, s)
}

// parseCount accepts digits only — no sign, decimal point or separators — in [lo, hi].
func parseCount(s string, lo, hi int64) (int64, bool) {
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= lo && n <= hi
}

// cut shortens s to at most n runes for echoing it in a message.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
