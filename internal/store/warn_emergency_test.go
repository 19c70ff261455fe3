package store_test

import (
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/warn"
)

func TestDeclareEmergency(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		old := newPerson("老人", villageA, idFor("652301", "19400101", "501"))
		old.Categories = []person.Category{person.ElderlyAlone}
		old = mustCreate(t, e, old)
		mustCreate(t, e, newPerson("中年", villageA, idFor("652301", "19800101", "511"))) // not vulnerable
		far := newPerson("远方", villageB, idFor("652301", "19400101", "521"))            // another township
		far.Categories = []person.Category{person.ExtremePoverty}
		mustCreate(t, e, far)

		decl := store.Declaration{Kind: warn.SnowDisaster, Townships: []string{"652301001"}, Note: "暴雪"}
		if _, _, err := e.db.DeclareEmergency(e.as("to_1"), decl, nil); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("township officer declaring: %v", err)
		}
		rec, existing, err := e.db.DeclareEmergency(e.as("admin"), decl, func(key string, _ map[string]any) string { return key })
		if err != nil || existing || rec.Affected != 1 || rec.NeedsFiled != 1 {
			t.Fatalf("declare: %+v existing=%v err=%v", rec, existing, err)
		}
		list := warningNeeds(t, e)
		want := e.clock.Now().UTC().Add(24 * time.Hour)
		if len(list) != 1 {
			t.Fatalf("%d check-visits, want 1", len(list))
		}
		n := list[0]
		if n.PersonID != old.ID || n.Category != need.CheckVisit || n.Urgency != need.Urgent || n.Status != need.Assigned ||
			n.AssignedTo != e.users["vw_a"].ID || !n.Deadline.Equal(want) || n.Note != "warn.reason.emergency.snow_disaster\n暴雪" {
			t.Fatalf("check-visit = %+v, want urgent, assigned to vw_a, due %v", n, want)
		}

		again, existing, err := e.db.DeclareEmergency(e.as("admin"), decl, nil)
		if err != nil || !existing || again.ID != rec.ID {
			t.Fatalf("same declaration again: existing=%v err=%v", existing, err)
		}
		if got := len(warningNeeds(t, e)); got != 1 {
			t.Fatalf("%d check-visits after declaring twice, want 1", got)
		}
		list2, total, err := e.db.Emergencies(e.as("vw_a"), 0, 10)
		if err != nil || total != 1 || list2[0].ID != rec.ID || len(list2[0].Townships) != 1 {
			t.Fatalf("Emergencies in the village worker's area = %d %+v, %v", total, list2, err)
		}
		if _, total, _ := e.db.Emergencies(e.as("cr_mori"), 0, 10); total != 0 {
			t.Fatalf("Emergencies elsewhere = %d, want 0", total)
		}

		for _, tc := range []struct {
			name string
			decl store.Declaration
		}{
			{"unknown township", store.Declaration{Kind: warn.ColdWave, Townships: []string{"652301099"}}},
			{"village code", store.Declaration{Kind: warn.ColdWave, Townships: []string{villageA}}},
			{"drought", store.Declaration{Kind: "drought", Townships: []string{"652301001"}}},
		} {
			if _, _, err := e.db.DeclareEmergency(e.as("admin"), tc.decl, nil); errs.CodeOf(err) != errs.Invalid {
				t.Errorf("%s: %v, want invalid", tc.name, err)
			}
		}
	})
}

func TestDepartmentTokens(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if _, _, err := e.db.CreateDepartmentToken(e.as("cr_changji"), warn.Utilities, ""); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("county reviewer making a token: %v", err)
		}
		if _, _, err := e.db.CreateDepartmentToken(e.as("admin"), "weather", ""); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("unknown department: %v", err)
		}
		tok, secret, err := e.db.CreateDepartmentToken(e.as("admin"), warn.Utilities, "热力公司")
		if err != nil || len(secret) < 40 || tok.PlaceCode != "652300" {
			t.Fatalf("CreateDepartmentToken = %+v %q %v", tok, secret, err)
		}
		ctx, err := e.db.DepartmentContext(t.Context(), secret)
		if err != nil {
			t.Fatal(err)
		}
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19750708", "601")))
		arrears := mustUpload(t, e, warn.UtilityArrears, "id_number,event_date,months\n"+a.IDNumber+",2026-11-01,4\n")
		imp, _, err := e.db.ImportFeed(ctx, arrears)
		if err != nil || imp.NeedsFiled != 1 || imp.UploadedBy != "token:utilities:"+tok.ID {
			t.Fatalf("upload with the token: %+v %v", imp, err)
		}
		medical := mustUpload(t, e, warn.MedicalExpense, "id_number,event_date,amount_fen\n"+a.IDNumber+",2026-11-01,100\n")
		if _, _, err := e.db.ImportFeed(ctx, medical); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("another department's feed: %v", err)
		}
		if _, err := e.db.RevokeDepartmentToken(e.as("cr_changji"), tok.ID); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("county reviewer revoking: %v", err)
		}
		got, err := e.db.RevokeDepartmentToken(e.as("admin"), tok.ID)
		if err != nil || got.RevokedAt == nil {
			t.Fatalf("revoke: %+v %v", got, err)
		}
		if _, err := e.db.DepartmentContext(t.Context(), secret); errs.CodeOf(err) != errs.Unauthenticated {
			t.Fatalf("revoked token: %v", err)
		}
		if _, err := e.db.RevokeDepartmentToken(e.as("admin"), "nope"); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("unknown token: %v", err)
		}
		list, err := e.db.DepartmentTokens(e.as("admin"))
		if err != nil || len(list) != 1 || list[0].LastUsedAt == nil || list[0].RevokedAt == nil {
			t.Fatalf("DepartmentTokens = %+v %v", list, err)
		}
	})
}
