package warn

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The people of the sample files in testdata.
const (
	idA = "652301194003151220" // born 1940-03-15, lives alone
	idB = "652301201305201046" // born 2013-05-20, a child
	idC = "652301197507083018" // born 1975-07-08
	idD = "652302196811022051" // born 1968-11-02
	idE = "652323194401094020" // born 1944-01-09
	idF = "652324198510301150" // born 1985-10-30, not on file
)

// today is the day the sample files are imported.
var today = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// MustParseFile parses testdata/name and fails when the file has problems.
func MustParseFile(tb testing.TB, kind FeedKind, name string) []Record {
	tb.Helper()
	recs, rep := parseFile(tb, kind, name)
	if !rep.OK() {
		tb.Fatalf("Parse(%s) problems: %+v", name, rep.Problems)
	}
	return recs
}

func parseFile(tb testing.TB, kind FeedKind, name string) ([]Record, *Report) {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	return Parse(kind, f, today)
}

func parseString(kind FeedKind, s string) ([]Record, *Report) {
	return Parse(kind, strings.NewReader(s), today)
}

// keys lists a report's problems as "line column key" for comparison.
func keys(rep *Report) []string {
	var out []string
	for _, p := range rep.Problems {
		out = append(out, strings.Join(strings.Fields(fmt.Sprintf("%d %s %s", p.Line, p.Column, p.Key)), " "))
	}
	return out
}
