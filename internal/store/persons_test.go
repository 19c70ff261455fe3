package store_test

import (
	"errors"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

func TestCreateAndReadPerson(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		id := idFor("652301", "19400315", "122")
		p := newPerson("努尔兰·阿合买提", villageA, id)
		p.NameArabic, p.NameLatin, p.HealthNotes = "نۇرلان ئەھمەت", "Nurlan Ahmet", "高血压"
		got := mustCreate(t, e, p)
		if got.BirthDate != "1940-03-15" || got.Sex != person.Female {
			t.Fatalf("derived birth/sex = %s/%s, want 1940-03-15/F", got.BirthDate, got.Sex)
		}
		// Full ID only for roles that may see it.
		if got, err := e.db.Person(e.as("cr_changji"), p.ID, "view"); err != nil || got.IDNumber != id || got.HealthNotes != "高血压" {
			t.Fatalf("county reviewer: id=%q health=%q err=%v, want full", got.IDNumber, got.HealthNotes, err)
		}
		vw, err := e.db.Person(e.as("vw_a"), p.ID, "view")
		if err != nil {
			t.Fatal(err)
		}
		if want := id[:4] + "**********" + id[14:]; vw.IDNumber != want {
			t.Fatalf("village worker sees id %q, want %q", vw.IDNumber, want)
		}
		log, err := e.db.AccessLog(store.System(t.Context()), p.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) < 3 || log[0].Username != "vw_a" || log[0].FullID || !log[1].FullID {
			t.Fatalf("access log = %+v, want vw_a masked read then cr_changji full read", log)
		}
	})
}

func TestPersonValidationAndDuplicates(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		id := idFor("652301", "19800101", "001")
		mustCreate(t, e, newPerson("张三", villageA, id))

		_, err := e.db.CreatePerson(e.as("admin"), newPerson("李四", villageA, id), false)
		if got := errs.CodeOf(err); got != errs.Conflict {
			t.Fatalf("same ID: code=%v, want conflict", got)
		}
		// Same birth date and village, one character off: a suspect.
		other := idFor("652301", "19800101", "003")
		_, err = e.db.CreatePerson(e.as("admin"), newPerson("张三丰", villageA, other), false)
		var ae *errs.Error
		if !errors.As(err, &ae) || ae.Key != "err.person.duplicate_suspect" {
			t.Fatalf("suspect: err=%v, want err.person.duplicate_suspect", err)
		}
		if s, ok := ae.Extra.([]store.Suspect); !ok || len(s) != 1 || s[0].Name != "张三" {
			t.Fatalf("suspects = %#v", ae.Extra)
		}
		if _, err := e.db.CreatePerson(e.as("admin"), newPerson("张三丰", villageA, other), true); err != nil {
			t.Fatalf("confirmed create: %v", err)
		}
		bad := newPerson("", "652301", "65230119800101001")
		_, err = e.db.CreatePerson(e.as("admin"), bad, false)
		if !errors.As(err, &ae) || len(ae.Fields) != 3 {
			t.Fatalf("invalid person: err=%v, want 3 field errors (name, id, place)", err)
		}
	})
}

func TestScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19500101", "011")))
		b := mustCreate(t, e, newPerson("乙", villageB, idFor("652301", "19500101", "021")))
		m := mustCreate(t, e, newPerson("丙", villageM, idFor("652328", "19500101", "031")))

		if _, err := e.db.Person(e.as("vw_a"), b.ID, "view"); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("village worker reading another village: %v, want not found", err)
		}
		if _, err := e.db.Person(e.as("vw_a"), a.ID, "view"); err != nil {
			t.Fatalf("village worker reading own village: %v", err)
		}
		if _, err := e.db.Person(e.as("worker"), a.ID, "view"); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("service worker reading register: %v, want forbidden", err)
		}
		for _, tc := range []struct {
			user string
			want []string
		}{
			{"vw_a", []string{a.ID}},
			{"to_1", []string{a.ID}},
			{"cr_changji", []string{a.ID, b.ID}},
			{"cr_mori", []string{m.ID}},
			{"admin", []string{a.ID, b.ID, m.ID}},
		} {
			list, total, err := e.db.Persons(e.as(tc.user), person.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if total != len(tc.want) || len(list) != len(tc.want) {
				t.Fatalf("%s sees %d (total %d), want %d", tc.user, len(list), total, len(tc.want))
			}
			for _, p := range list {
				if p.PlaceCode[:6] != map[string]string{"cr_mori": "652328"}[tc.user] && tc.user == "cr_mori" {
					t.Fatalf("%s sees %s outside scope", tc.user, p.PlaceCode)
				}
			}
			counts, err := e.db.CountsByCounty(e.as(tc.user))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, c := range counts {
				n += c.Count
			}
			if n != len(tc.want) {
				t.Fatalf("%s counts %d, want %d", tc.user, n, len(tc.want))
			}
		}
		// Creating or moving a person outside one's scope is refused.
		if _, err := e.db.CreatePerson(e.as("vw_a"), newPerson("丁", villageB, idFor("652301", "19500101", "041")), false); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("create out of scope: %v, want invalid", err)
		}
		moved := villageB
		if _, err := e.db.UpdatePerson(e.as("vw_a"), a.ID, person.Update{Version: 1, PlaceCode: &moved}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("move out of scope: %v, want invalid", err)
		}
	})
}

func TestSearchAnySpelling(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		id := idFor("652328", "19600202", "051")
		p := newPerson("努尔兰·阿合买提", villageM, id)
		p.NameArabic, p.NameLatin, p.Ethnicity, p.Language = "نۇرلان ئەھمەت", "Nurlan Ahmet", "kazakh", "kk"
		mustCreate(t, e, p)
		mustCreate(t, e, newPerson("王芳", villageM, idFor("652328", "19600202", "062")))
		for _, q := range []string{"努尔兰", "阿合买提", "نۇرلان", "nurlan ahmet", "NURLAN-AHMET", "ahmet", id} {
			q := q
			list, total, err := e.db.Persons(e.as("admin"), person.Filter{Query: &q})
			if err != nil {
				t.Fatal(err)
			}
			if total != 1 || list[0].ID != p.ID {
				t.Errorf("search %q: %d results, want the one person", q, total)
			}
		}
		kazakh, cat := "kazakh", person.MinimumLiving
		if _, total, _ := e.db.Persons(e.as("admin"), person.Filter{Ethnicity: &kazakh, Category: &cat}); total != 1 {
			t.Errorf("filter ethnicity+category: %d, want 1", total)
		}
		limit := person.Filter{Limit: 1, Offset: 1}
		if list, total, _ := e.db.Persons(e.as("admin"), limit); total != 2 || len(list) != 1 {
			t.Errorf("paging: %d of %d, want 1 of 2", len(list), total)
		}
	})
}

func TestUpdatePersonVersion(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19500101", "071")))
		addr := "建国路1号"
		got, err := e.db.UpdatePerson(e.as("vw_a"), p.ID, person.Update{Version: 1, Address: &addr})
		if err != nil || got.Address != addr || got.Version != 2 {
			t.Fatalf("update: %+v %v", got, err)
		}
		stale := "建国路2号"
		if _, err := e.db.UpdatePerson(e.as("vw_a"), p.ID, person.Update{Version: 1, Address: &stale}); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("stale update: %v, want conflict", err)
		}
		grade := 7
		if _, err := e.db.UpdatePerson(e.as("vw_a"), p.ID, person.Update{Version: 2, DisabilityGrade: &grade}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("bad grade: %v, want invalid", err)
		}
	})
}

func TestLocationOn(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("叶尔兰", villageM, idFor("652328", "19700101", "081")))
		ctx := e.as("cr_mori")
		for _, l := range []person.Location{
			{PersonID: p.ID, PlaceCode: villageM, Label: "winter", ValidFrom: "2026-10-15", ValidTo: "2027-04-14"},
			{PersonID: p.ID, PlaceCode: villageM, Label: "summer", ValidFrom: "2027-04-15", ValidTo: "2027-10-14", Lat: 43.5, Lon: 90.5},
		} {
			if err := e.db.AddLocation(ctx, &l); err != nil {
				t.Fatal(err)
			}
		}
		overlap := person.Location{PersonID: p.ID, PlaceCode: villageM, Label: "other", ValidFrom: "2027-01-01", ValidTo: "2027-01-31"}
		if err := e.db.AddLocation(ctx, &overlap); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("overlapping location: %v, want invalid", err)
		}
		for _, tc := range []struct{ day, want string }{
			{"2026-12-01", "winter"}, {"2027-07-01", "summer"}, {"2027-04-14", "winter"}, {"2026-01-01", "home"}, {"2028-01-01", "home"},
		} {
			day, _ := time.Parse(time.DateOnly, tc.day)
			got, err := e.db.LocationOn(ctx, p.ID, day)
			if err != nil || got.Label != tc.want {
				t.Errorf("LocationOn(%s) = %q, %v; want %q", tc.day, got.Label, err, tc.want)
			}
		}
		if _, err := e.db.LocationOn(e.as("cr_changji"), p.ID, time.Now()); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("out of scope LocationOn: %v, want not found", err)
		}
	})
}

func TestAssistedByCounty(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		two := newPerson("甲", villageA, idFor("652301", "19500101", "101"))
		two.Categories = []person.Category{person.MinimumLiving, person.SevereDisability}
		mustCreate(t, e, two)
		mustCreate(t, e, newPerson("乙", villageM, idFor("652328", "19500101", "111")))
		none := newPerson("丙", villageA, idFor("652301", "19500101", "121"))
		none.Categories = nil
		mustCreate(t, e, none)
		got, err := e.db.AssistedByCounty(e.as("admin"))
		if err != nil {
			t.Fatal(err)
		}
		if got["652301"] != 1 || got["652328"] != 1 || len(got) != 2 {
			t.Fatalf("AssistedByCounty = %v, want 652301:1 652328:1", got)
		}
		if got, _ := e.db.AssistedByCounty(e.as("cr_mori")); len(got) != 1 || got["652328"] != 1 {
			t.Fatalf("Mori reviewer sees %v", got)
		}
	})
}
