package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/warn"
)

// mustUpload parses a feed file as of the env's clock and fails on problems.
func mustUpload(t *testing.T, e *env, kind warn.FeedKind, csv string) store.FeedUpload {
	t.Helper()
	recs, rep := warn.Parse(kind, strings.NewReader(csv), e.clock.Now())
	if !rep.OK() {
		t.Fatalf("Parse: %+v", rep.Problems)
	}
	return store.FeedUpload{Kind: kind, Digest: rep.Digest, Rows: rep.Rows, Records: recs,
		Note: func(key string, args map[string]any) string { return fmt.Sprintf("%s %v", key, args["Yuan"]) }}
}

// warningNeeds lists the ledger's data-warning entries as the system sees them.
func warningNeeds(t *testing.T, e *env) []*need.Need {
	t.Helper()
	ch := need.DataWarning
	list, _, err := e.db.Needs(store.System(t.Context()), need.Filter{Channel: &ch, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestImportFeedFilesWarnings(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19750708", "301")))
		b := mustCreate(t, e, newPerson("乙", villageB, idFor("652301", "19680203", "311")))
		stranger := idFor("652324", "19851030", "115")
		file := "id_number,event_date,amount_fen,ref,name\n" +
			a.IDNumber + ",2026-03-01,3000000,YB1,\n" +
			a.IDNumber + ",2026-10-20,2500000,YB2,\n" +
			b.IDNumber + ",2026-11-01,6000000,YB3,\n" +
			stranger + ",2026-11-02,7000000,YB4,马某\n" +
			b.IDNumber + ",2026-11-03,100,YB5,\n"
		up := mustUpload(t, e, warn.MedicalExpense, file)
		imp, existing, err := e.db.ImportFeed(e.as("admin"), up)
		if err != nil || existing {
			t.Fatalf("ImportFeed: existing=%v err=%v", existing, err)
		}
		if got, want := fmt.Sprint(imp.Rows, imp.RecordsAdded, imp.Hits, imp.NeedsFiled, imp.NeedsMerged, imp.UnmatchedCount), "5 5 2 2 0 1"; got != want {
			t.Fatalf("rows added hits filed merged unmatched = %s, want %s", got, want)
		}
		if u := imp.Unmatched[0]; u.IDNumber != stranger || u.Name != "马某" || fmt.Sprint(u.Lines) != "[5]" || fmt.Sprint(u.Rules) != "[medical_large]" {
			t.Fatalf("unmatched = %+v", u)
		}

		byPerson := map[string]*need.Need{}
		for _, n := range warningNeeds(t, e) {
			byPerson[n.PersonID] = n
		}
		want := e.clock.Now().UTC().Truncate(time.Microsecond).AddDate(0, 0, 15)
		na := byPerson[a.ID]
		if na == nil || na.Category != need.Medical || na.Status != need.Assigned || na.AssignedTo != e.users["vw_a"].ID ||
			na.Deadline == nil || !na.Deadline.Equal(want) || !strings.HasPrefix(na.Note, "warn.reason.medical_expense 55000.00") {
			t.Fatalf("need of a village with one worker = %+v, want medical, assigned to vw_a, due %v", na, want)
		}
		if nb := byPerson[b.ID]; nb == nil || nb.Status != need.New || nb.AssignedTo != "" {
			t.Fatalf("need of a village without a worker = %+v, want new and unassigned", nb)
		}

		// The same file again is the same import; the same events in
		// another file add nothing either.
		again, existing, err := e.db.ImportFeed(e.as("admin"), up)
		if err != nil || !existing || again.ID != imp.ID || len(again.Unmatched) != 1 {
			t.Fatalf("same file again: existing=%v id=%s (first %s) unmatched=%d err=%v", existing, again.ID, imp.ID, len(again.Unmatched), err)
		}
		lines := strings.Split(strings.TrimSpace(file), "\n")
		reordered := strings.Join(append(lines[:1], lines[5], lines[3], lines[1], lines[2], lines[4]), "\r\n") + "\r\n"
		other, existing, err := e.db.ImportFeed(e.as("admin"), mustUpload(t, e, warn.MedicalExpense, reordered))
		if err != nil || existing || other.ID == imp.ID {
			t.Fatalf("reordered file: existing=%v err=%v", existing, err)
		}
		if got, want := fmt.Sprint(other.RecordsAdded, other.Hits, other.NeedsFiled, other.NeedsMerged, other.AlreadyFiled), "0 2 0 0 2"; got != want {
			t.Fatalf("reordered file: added hits filed merged already = %s, want %s", got, want)
		}
		if got := len(warningNeeds(t, e)); got != 2 {
			t.Fatalf("ledger holds %d warning entries, want 2", got)
		}
		list, total, err := e.db.FeedImports(e.as("admin"), store.FeedImportFilter{})
		if err != nil || total != 2 || list[0].ID != other.ID || list[0].Unmatched != nil {
			t.Fatalf("FeedImports = %d %+v, %v", total, list, err)
		}
		if _, _, err := e.db.FeedImports(e.as("vw_a"), store.FeedImportFilter{}); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("village worker listing imports: %v", err)
		}
	})
}

// TestImportFeedAllOrNothing fails an import after its records are written:
// nothing stays, and the same file imports in full afterwards.
func TestImportFeedAllOrNothing(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19750708", "321")))
		file := "身份证号,日期,金额(分)\n" + a.IDNumber + ",2026-11-01,6000000\n" + a.IDNumber + ",2026-11-02,100\n"
		up := mustUpload(t, e, warn.MedicalExpense, file)
		bad := up
		bad.Note = func(string, map[string]any) string { return strings.Repeat("长", 2001) } // too long for a ledger note
		if _, _, err := e.db.ImportFeed(e.as("admin"), bad); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("import with a filing error: %v, want invalid", err)
		}
		if _, total, _ := e.db.FeedImports(e.as("admin"), store.FeedImportFilter{}); total != 0 {
			t.Fatalf("%d imports after a failed one, want 0", total)
		}
		if n := len(warningNeeds(t, e)); n != 0 {
			t.Fatalf("%d ledger entries after a failed import, want 0", n)
		}
		imp, _, err := e.db.ImportFeed(e.as("admin"), up)
		if err != nil || imp.RecordsAdded != 2 || imp.NeedsFiled != 1 {
			t.Fatalf("import after the failure: %+v, %v", imp, err)
		}

		// A file with problems never reaches the store: Parse returns no records.
		recs, rep := warn.Parse(warn.MedicalExpense, strings.NewReader(file+"652301197507083019,2026-11-03,12.50\n"), e.clock.Now())
		if recs != nil || rep.OK() || rep.BadRows != 1 {
			t.Fatalf("bad file: %d records, report %+v", len(recs), rep)
		}
		if _, _, err := e.db.ImportFeed(e.as("admin"), store.FeedUpload{Kind: warn.MedicalExpense, Digest: rep.Digest}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("import without records: %v", err)
		}
		if _, _, err := e.db.ImportFeed(e.as("vw_a"), up); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("import by a village worker: %v", err)
		}
	})
}
