package warn

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"jiuzhu/internal/person"
)

// FuzzParse feeds arbitrary bytes to every feed kind. Parse must not panic,
// must return records only for a clean file, and every record must be valid.
//
//	go test ./internal/warn -run '^$' -fuzz FuzzParse -fuzztime 20s
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.csv"))
	if err != nil {
		f.Fatal(err)
	}
	for i, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), data)
	}
	f.Add(uint8(0), []byte("id_number,event_date,amount_fen\n\"a\nb\",\"\n"))
	f.Add(uint8(1), []byte("\uFEFF\r\n\r\n,,,\r\n"))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		kind := FeedKinds[int(k)%len(FeedKinds)]
		recs, rep := Parse(kind, bytes.NewReader(data), today)
		if rep == nil {
			t.Fatal("nil report")
		}
		if !rep.OK() && recs != nil {
			t.Fatalf("%d records from a file with problems %v", len(recs), keys(rep))
		}
		if rep.BadRows > rep.Rows {
			t.Fatalf("BadRows=%d > Rows=%d", rep.BadRows, rep.Rows)
		}
		seen := map[string]bool{}
		for _, r := range recs {
			if _, _, err := person.ParseID(r.IDNumber, today); err != nil || r.Kind != kind || r.Date.After(today) {
				t.Fatalf("invalid record %+v", r)
			}
			if fp := r.Fingerprint(); seen[fp] {
				t.Fatalf("duplicate record %+v", r)
			} else {
				seen[fp] = true
			}
		}
	})
}
