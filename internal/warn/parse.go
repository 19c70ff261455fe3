package warn

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Import limits. A department that has more to send splits the file.
const (
	MaxBytes    = 64 << 20 // 64 MiB
	MaxRows     = 200_000  // data rows per file
	MaxProblems = 1000     // problems listed in a report; the rest are counted
)

type limits struct{ bytes, rows, problems int }

var defaultLimits = limits{MaxBytes, MaxRows, MaxProblems}

// Parse reads a whole feed file of the given kind and validates every row
// against its layout. The file is comma-separated UTF-8 with a header row; a
// UTF-8 byte order mark and CRLF line ends (Excel's "CSV UTF-8") are fine,
// rows whose cells are all blank are skipped. Header cells are matched
// against the kind's Layout, Chinese labels included. today, the calendar
// day in the caller's time zone, bounds event dates and birth dates.
//
// The import is all or nothing: when the report lists any problem, the
// records are nil and the caller must write nothing. The report is never nil.
func Parse(kind FeedKind, r io.Reader, today time.Time) ([]Record, *Report) {
	return parse(kind, r, today, defaultLimits)
}

func parse(kind FeedKind, r io.Reader, today time.Time, lim limits) ([]Record, *Report) {
	rep := &Report{Kind: kind, Problems: []Problem{}, max: lim.problems, headerLine: math.MaxInt}
	if !kind.Valid() {
		rep.add(0, "", "err.feed.kind", map[string]any{"Kind": string(kind)})
		return nil, rep
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(lim.bytes)+1))
	rep.Digest = FileDigest(data)
	switch {
	case err != nil:
		rep.add(0, "", "err.feed.read", nil)
		return nil, rep
	case len(data) > lim.bytes:
		rep.add(0, "", "err.feed.too_large", map[string]any{"MaxMB": lim.bytes >> 20})
		return nil, rep
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bad := firstInvalid(data); bad < len(data) {
		// Most likely GBK from Excel's plain "CSV" format, or UTF-16 from
		// "Unicode text": every cell after the first bad byte would be
		// wrong, so report the line and stop.
		line := 1 + bytes.Count(data[:bad], []byte("\n"))
		rep.add(line, "", "err.feed.encoding", map[string]any{"Line": line})
		return nil, rep
	}

	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // counts are checked here, with our own message
	header, err := cr.Read()
	for err == nil && blank(header) { // rows of empty cells above the header
		header, err = cr.Read()
	}
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		rep.add(1, "", "err.feed.header_missing", nil)
		return nil, rep
	case errors.As(err, &pe):
		rep.add(pe.StartLine, "", "err.feed.quote", map[string]any{"Col": pe.Column})
		return nil, rep
	}
	hl, _ := cr.FieldPos(0)
	rep.headerLine = hl
	p := &rowParser{kind: kind, today: dateOf(today), rep: rep}
	if !p.readHeader(hl, header) {
		return nil, rep
	}

	var recs []Record
	seen := map[string]int{} // fingerprint → first line
	for {
		row, err := cr.Read()
		switch {
		case errors.Is(err, io.EOF):
			if !rep.OK() {
				return nil, rep
			}
			return recs, rep
		case errors.As(err, &pe):
			rep.Rows++
			rep.add(pe.StartLine, "", "err.feed.quote", map[string]any{"Col": pe.Column})
			continue
		case err != nil:
			rep.add(0, "", "err.feed.read", nil)
			return nil, rep
		}
		line, _ := cr.FieldPos(0)
		if blank(row) {
			continue
		}
		if rep.Rows++; rep.Rows > lim.rows {
			rep.add(line, "", "err.feed.too_many_rows", map[string]any{"Max": lim.rows})
			return nil, rep
		}
		rec, ok := p.row(line, row)
		if !ok {
			continue
		}
		fp := rec.Fingerprint()
		if first, dup := seen[fp]; dup {
			rep.add(line, "", "err.feed.duplicate_row", map[string]any{"FirstLine": first})
			continue
		}
		seen[fp] = line
		recs = append(recs, rec)
	}
}

// firstInvalid returns the offset of the first byte that is not valid UTF-8
// or is NUL (UTF-16 text is mostly NULs), len(b) when there is none.
func firstInvalid(b []byte) int {
	if utf8.Valid(b) {
		if i := bytes.IndexByte(b, 0); i >= 0 {
			return i
		}
		return len(b)
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || r == 0 {
			return i
		}
		i += n
	}
	return len(b)
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// dateOf returns t's calendar day as UTC midnight.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
