package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/visit"
	"jiuzhu/internal/warn"
)

// utc is a local day in Beijing time as the UTC instant of its midnight.
func utc(day string) time.Time {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	return d.Add(-8 * time.Hour)
}

// Hospital stays and deaths are stored without filing anything, and
// personFacts reads them back as spans of local days: an open stay stays open
// until a later file brings its discharge day.
func TestFeedFactsForVisits(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19400315", "122")))
		b := mustCreate(t, e, newPerson("乙", villageB, idFor("652301", "19450203", "311")))
		stranger := idFor("652324", "19851030", "115")
		later := idFor("652301", "19500101", "421") // on file only after the import

		stays := "身份证号,姓名,入院日期,出院日期,医院名称\n" +
			a.IDNumber + ",甲,2026-10-03,2026-10-12,昌吉州人民医院\n" +
			a.IDNumber + ",甲,2026-11-20,,昌吉州人民医院\n" +
			stranger + ",马某,2026-11-21,,昌吉市中医医院\n" +
			later + ",丙,2026-11-01,2026-11-01,昌吉州人民医院\n"
		imp, existing, err := e.db.ImportFeed(e.as("admin"), mustUpload(t, e, warn.HospitalStay, stays))
		if err != nil || existing {
			t.Fatalf("ImportFeed(hospital_stay): existing=%v err=%v", existing, err)
		}
		if got, want := fmt.Sprintf("%s %d %d %d %d %d", imp.Department, imp.Rows, imp.RecordsAdded, imp.Hits, imp.NeedsFiled, imp.UnmatchedCount),
			"health 4 4 0 0 2"; got != want {
			t.Fatalf("department rows added hits filed unmatched = %s, want %s", got, want)
		}
		if u := imp.Unmatched[0]; u.Kind != warn.HospitalStay || u.Name == "" || len(u.Lines) != 1 || u.Rules == nil || len(u.Rules) != 0 {
			t.Fatalf("unmatched = %+v", imp.Unmatched)
		}
		ends, err := e.db.QueryStringsForTest(t.Context(), `SELECT end_date FROM feed_records ORDER BY event_date`)
		if err != nil || !slices.Equal(ends, []string{"2026-10-12", "2026-11-01", "", ""}) {
			t.Fatalf("end_date column = %q, %v", ends, err)
		}

		deaths := "id_number,death_date,ref\n" + b.IDNumber + ",2026-11-25,HZ-1\n" + stranger + ",2026-11-26,HZ-2\n"
		imp, _, err = e.db.ImportFeed(e.as("admin"), mustUpload(t, e, warn.Death, deaths))
		if err != nil || imp.Department != warn.PublicSecurity || imp.RecordsAdded != 2 || imp.Hits != 0 || imp.UnmatchedCount != 1 ||
			imp.Unmatched[0].IDNumber != stranger {
			t.Fatalf("ImportFeed(death) = %+v, %v", imp, err)
		}
		if n := len(warningNeeds(t, e)); n != 0 {
			t.Fatalf("%d ledger entries from facts, want none", n)
		}

		check := func(name, personID string, wantStays []visit.Span, wantDied time.Time) {
			t.Helper()
			got, died, err := e.db.PersonFactsForTest(t.Context(), personID)
			if err != nil || !slices.EqualFunc(got, wantStays, func(x, y visit.Span) bool { return x.From.Equal(y.From) && x.To.Equal(y.To) }) ||
				!died.Equal(wantDied) {
				t.Fatalf("%s: personFacts = %v, %v, %v; want %v, %v", name, got, died, err, wantStays, wantDied)
			}
			for _, s := range got {
				if s.From.Location() != time.UTC || !s.To.IsZero() && s.To.Location() != time.UTC {
					t.Fatalf("%s: span %v not in UTC", name, s)
				}
			}
		}
		closed := visit.Span{From: utc("2026-10-03"), To: utc("2026-10-13")}
		check("a, in hospital", a.ID, []visit.Span{closed, {From: utc("2026-11-20")}}, time.Time{})
		check("b, dead", b.ID, nil, utc("2026-11-25"))

		// The discharge comes in a later file: a new record of the same
		// admission, which now ends. Reporting it open again changes nothing.
		e.clock.Add(72 * time.Hour)
		discharged := "身份证号,入院日期,出院日期,医院名称\n" + a.IDNumber + ",2026-11-20,2026-11-26,昌吉州人民医院\n"
		imp, _, err = e.db.ImportFeed(e.as("admin"), mustUpload(t, e, warn.HospitalStay, discharged))
		if err != nil || imp.RecordsAdded != 1 || imp.UnmatchedCount != 0 {
			t.Fatalf("ImportFeed(discharge) = %+v, %v", imp, err)
		}
		again := "身份证号,入院日期,医院名称,备注\n" + a.IDNumber + ",2026-11-20,昌吉州人民医院,重发\n"
		if imp, _, err = e.db.ImportFeed(e.as("admin"), mustUpload(t, e, warn.HospitalStay, again)); err != nil || imp.RecordsAdded != 0 {
			t.Fatalf("ImportFeed(open again) = %+v, %v", imp, err)
		}
		check("a, discharged", a.ID, []visit.Span{closed, {From: utc("2026-11-20"), To: utc("2026-11-27")}}, time.Time{})

		// Records imported before the person was on file count too.
		c := mustCreate(t, e, newPerson("丙", villageA, later))
		check("c, filed after the import", c.ID, []visit.Span{{From: utc("2026-11-01"), To: utc("2026-11-02")}}, time.Time{})
		dd := mustCreate(t, e, newPerson("丁", villageA, idFor("652301", "19600101", "531")))
		check("d, no facts", dd.ID, nil, time.Time{})

		// An earlier report of the death is the one that counts.
		earlier := "id_number,death_date,ref\n" + b.IDNumber + ",2026-11-24,MZ-7\n"
		if _, _, err := e.db.ImportFeed(e.as("admin"), mustUpload(t, e, warn.Death, earlier)); err != nil {
			t.Fatal(err)
		}
		check("b, two reports", b.ID, nil, utc("2026-11-24"))
	})
}

// A health commission token uploads hospital stays and nothing else; no
// warning rule can be set on a fact feed.
func TestFeedFactsDepartments(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		tok, secret, err := e.db.CreateDepartmentToken(e.as("admin"), warn.Health, "州卫健委")
		if err != nil || tok.Department != warn.Health {
			t.Fatalf("CreateDepartmentToken(health) = %+v, %v", tok, err)
		}
		ctx, err := e.db.DepartmentContext(t.Context(), secret)
		if err != nil {
			t.Fatal(err)
		}
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19400315", "122")))
		stay := mustUpload(t, e, warn.HospitalStay, "id_number,admission_date\n"+a.IDNumber+",2026-11-20\n")
		if imp, _, err := e.db.ImportFeed(ctx, stay); err != nil || imp.RecordsAdded != 1 {
			t.Fatalf("hospital stay with the health token: %+v, %v", imp, err)
		}
		death := mustUpload(t, e, warn.Death, "id_number,death_date\n"+a.IDNumber+",2026-11-25\n")
		if _, _, err := e.db.ImportFeed(ctx, death); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("death with the health token: %v", err)
		}
		rule := warn.Rule{Code: "in_hospital", Feed: warn.HospitalStay, WindowDays: 30, Urgency: warn.Urgent, VisitWithinDays: 1, Enabled: true}
		if _, _, err := e.db.PutWarningRule(e.as("admin"), rule, 0); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("rule on hospital stays: %v", err)
		}
	})
}
