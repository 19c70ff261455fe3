package store_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

func TestNeedMergesAcrossChannels(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19400101", "201")))
		ctx := e.as("vw_a")
		soon := e.clock.Now().Add(48 * time.Hour)
		first, merged, err := e.db.FileNeed(ctx, need.Filing{PersonID: p.ID, Channel: need.FieldSurvey, Category: need.Care, Items: []string{"bathing"}, Note: "行动不便"})
		if err != nil || merged {
			t.Fatalf("first filing: merged=%v err=%v", merged, err)
		}
		second, merged, err := e.db.FileNeed(ctx, need.Filing{PersonID: p.ID, Channel: need.DataWarning, Category: need.Care, Items: []string{"meals"},
			Urgency: need.Urgent, Deadline: &soon, SourceRef: "warn-1"})
		if err != nil || !merged || second.ID != first.ID {
			t.Fatalf("second filing: merged=%v id=%s (first %s) err=%v", merged, second.ID, first.ID, err)
		}
		if got := second.Channels; len(got) != 2 || got[0] != need.FieldSurvey || got[1] != need.DataWarning {
			t.Fatalf("channels = %v", got)
		}
		if second.Urgency != need.Urgent || second.Deadline == nil || len(second.Items) != 2 {
			t.Fatalf("merged need = %+v", second)
		}
		// The same warning again adds nothing but a history line.
		if _, _, err := e.db.FileNeed(ctx, need.Filing{PersonID: p.ID, Channel: need.DataWarning, Category: need.Care, SourceRef: "warn-1"}); err != nil {
			t.Fatal(err)
		}
		list, total, err := e.db.Needs(ctx, need.Filter{})
		if err != nil || total != 1 || len(list) != 1 {
			t.Fatalf("ledger holds %d entries (err %v), want 1", total, err)
		}
		// Another category is another entry.
		if _, merged, _ := e.db.FileNeed(ctx, need.Filing{PersonID: p.ID, Channel: need.SelfApplication, Category: need.Housekeeping, OnBehalf: true}); merged {
			t.Fatal("different category merged")
		}
		hist, err := e.db.NeedHistory(ctx, first.ID)
		if err != nil || len(hist) != 3 || hist[0].Kind != "created" || hist[1].Kind != "merged" {
			t.Fatalf("history = %+v, %v", hist, err)
		}
		// Once closed, a new filing opens a fresh entry.
		if _, err := e.db.CloseNeed(ctx, first.ID, need.NoNeed, "", second.Version); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("close without reason: %v", err)
		}
		cur, _ := e.db.Need(ctx, first.ID)
		if _, err := e.db.CloseNeed(ctx, first.ID, need.NoNeed, "家属已照料", cur.Version); err != nil {
			t.Fatal(err)
		}
		again, merged, err := e.db.FileNeed(ctx, need.Filing{PersonID: p.ID, Channel: need.FieldSurvey, Category: need.Care})
		if err != nil || merged || again.ID == first.ID {
			t.Fatalf("after close: merged=%v same=%v err=%v", merged, again.ID == first.ID, err)
		}
	})
}

func TestNeedConcurrentFilingsMerge(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		p := mustCreate(t, e, newPerson("乙", villageA, idFor("652301", "19400101", "211")))
		ctx := e.as("admin")
		var wg sync.WaitGroup
		channels := []need.Channel{need.FieldSurvey, need.SelfApplication, need.DataWarning, need.Referral}
		errc := make(chan error, len(channels))
		for _, c := range channels {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := e.db.FileNeed(ctx, need.Filing{PersonID: p.ID, Channel: c, Category: need.Medical})
				errc <- err
			}()
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Fatal(err)
			}
		}
		list, total, _ := e.db.Needs(ctx, need.Filter{})
		if total != 1 || len(list[0].Channels) != 4 {
			t.Fatalf("%d entries, channels %v; want 1 entry with 4 channels", total, list[0].Channels)
		}
	})
}

func TestNeedScopeFiltersAssign(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		a := mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19400101", "221")))
		m := mustCreate(t, e, newPerson("丙", villageM, idFor("652328", "19400101", "231")))
		admin := e.as("admin")
		na, _, _ := e.db.FileNeed(admin, need.Filing{PersonID: a.ID, Channel: need.FieldSurvey, Category: need.Care})
		nm, _, _ := e.db.FileNeed(admin, need.Filing{PersonID: m.ID, Channel: need.DataWarning, Category: need.CheckVisit, Urgency: need.Urgent})
		if _, err := e.db.Need(e.as("vw_a"), nm.ID); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("out of scope need: %v", err)
		}
		if _, _, err := e.db.FileNeed(e.as("vw_a"), need.Filing{PersonID: m.ID, Channel: need.FieldSurvey, Category: need.Care}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("filing for an out-of-scope person: %v", err)
		}
		if _, err := e.db.Need(e.as("worker"), na.ID); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("service worker reading the ledger: %v", err)
		}
		list, _, _ := e.db.Needs(admin, need.Filter{})
		if len(list) != 2 || list[0].ID != nm.ID {
			t.Fatalf("urgent need should come first: %v", list)
		}
		ch, dw := need.DataWarning, need.CheckVisit
		if _, total, _ := e.db.Needs(admin, need.Filter{Channel: &ch, Category: &dw}); total != 1 {
			t.Fatalf("channel+category filter: %d", total)
		}
		deadline := e.clock.Now().Add(24 * time.Hour)
		if _, err := e.db.AssignNeed(admin, na.ID, e.users["cr_mori"].ID, &deadline, na.Version); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("assign to a worker outside the area: %v", err)
		}
		got, err := e.db.AssignNeed(admin, na.ID, e.users["vw_a"].ID, &deadline, na.Version)
		if err != nil || got.Status != need.Assigned || got.AssignedTo != e.users["vw_a"].ID || got.AssignedName != "vw_a" {
			t.Fatalf("assign: %+v %v", got, err)
		}
		if _, err := e.db.AssignNeed(admin, na.ID, e.users["vw_a"].ID, &deadline, na.Version); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("stale assign: %v", err)
		}
		e.clock.Add(25 * time.Hour)
		if _, total, _ := e.db.Needs(admin, need.Filter{Overdue: true}); total != 1 {
			t.Fatalf("overdue: %d, want 1", total)
		}
		n := 0
		if err := e.db.EachNeed(e.as("cr_changji"), need.Filter{}, func(*need.Need) error { n++; return nil }); err != nil || n != 1 {
			t.Fatalf("EachNeed as county reviewer: %d %v", n, err)
		}
	})
}

func TestUsersCovering(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		got, err := e.db.UsersCovering(e.as("admin"), villageA, auth.WriteNeeds)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range got {
			names = append(names, u.Username)
		}
		// vw_a (village), to_1 (township), cr_changji (county), admin (prefecture); not cr_mori, not the service worker.
		if strings.Join(names, ",") != "vw_a,to_1,cr_changji,admin" {
			t.Fatalf("covering users = %v", names)
		}
		got, _ = e.db.UsersCovering(e.as("to_1"), villageA, auth.WriteNeeds)
		if len(got) != 2 {
			t.Fatalf("township officer may pick %d users, want 2 (own area only)", len(got))
		}
	})
}
