package warn

import "jiuzhu/internal/errs"

// Problem is one thing wrong with an import file. Line numbers count from 1
// as an editor shows them; the header is line 1 unless blank lines precede
// it. Line 0 is the file as a whole (too large, unreadable).
type Problem struct {
	Line   int            `json:"line"`
	Column string         `json:"column,omitempty"` // canonical column name, or the header as written; "" for the whole row
	Key    string         `json:"key"`
	Args   map[string]any `json:"args,omitempty"`
}

// Report is the outcome of parsing an import file. A file with any problem
// imports nothing: fix the rows listed and upload the whole file again.
type Report struct {
	Kind     FeedKind  `json:"kind"`
	Digest   string    `json:"digest"`   // FileDigest of the bytes read
	Rows     int       `json:"rows"`     // data rows read, blank rows not counted
	BadRows  int       `json:"bad_rows"` // data rows with at least one problem
	Problems []Problem `json:"problems"`
	More     int       `json:"more,omitempty"` // problems found beyond those listed

	max        int // problems listed at most
	headerLine int // lines after it are data rows; MaxInt until the header is read
	lastLine   int // last line counted in BadRows
}

// OK reports whether the file had no problem at all.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Err returns nil for a clean file, otherwise an Invalid error whose Extra is
// the report, so the web layer can show the table of bad rows.
func (r *Report) Err() error {
	if r.OK() {
		return nil
	}
	return &errs.Error{
		Code:  errs.Invalid,
		Key:   "err.feed.rejected",
		Args:  map[string]any{"Count": len(r.Problems) + r.More, "BadRows": r.BadRows},
		Extra: r,
	}
}

// add records a problem, counting data rows once however many problems they have.
func (r *Report) add(line int, column, key string, args map[string]any) {
	if line > r.headerLine && line != r.lastLine {
		r.BadRows++
		r.lastLine = line
	}
	if len(r.Problems) >= r.max {
		r.More++
		return
	}
	r.Problems = append(r.Problems, Problem{Line: line, Column: column, Key: key, Args: args})
}
