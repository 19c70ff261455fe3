package store_test

import (
	"context"
	"errors"
	"testing"

	"jiuzhu/internal/catalog"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

func TestCatalogSeededAtOpen(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.db.SeedCatalogForTest(context.Background()); err != nil {
			t.Fatalf("seeding again: %v", err)
		}
		items, err := e.db.CurrentItems(e.as("vw_a"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(items), len(catalog.Defaults()); got != want {
			t.Fatalf("len(CurrentItems)=%d, want %d", got, want)
		}
		for i, it := range items {
			def := catalog.Defaults()[i]
			if it.Code != def.Code || it.Version != 1 || it.CreatedBy != "system" || it.PriceFen != def.PriceFen || it.Names["kk-Arab"] != def.Names["kk-Arab"] {
				t.Errorf("item %d = %s v%d by %s at %d fen, want %s v1 by system at %d", i, it.Code, it.Version, it.CreatedBy, it.PriceFen, def.Code, def.PriceFen)
			}
		}
		pkg, err := e.db.PackageItems(e.as("cr_changji"), "care.intensive")
		if err != nil {
			t.Fatal(err)
		}
		pi := func(item string, times int) catalog.PackageItem {
			return catalog.PackageItem{Package: "care.intensive", ItemCode: item, Times: times, EveryWeeks: 1}
		}
		want := []catalog.PackageItem{pi("care.personal", 3), pi("care.bathing", 1), pi("care.meal", 3), pi("house.cleaning", 1)}
		if len(pkg) != len(want) {
			t.Fatalf("PackageItems(care.intensive)=%v, want %v", pkg, want)
		}
		for i := range want {
			if pkg[i] != want[i] {
				t.Errorf("PackageItems[%d]=%v, want %v", i, pkg[i], want[i])
			}
		}
		all, err := e.db.Packages(e.as("admin"))
		if err != nil || len(all) != len(catalog.Packages()) {
			t.Errorf("Packages: %d rows, %v; want %d", len(all), err, len(catalog.Packages()))
		}
		if _, err := e.db.CurrentItems(e.as("assessor")); !errs.Is(err, errs.Forbidden) {
			t.Errorf("assessor CurrentItems: %v, want forbidden", err)
		}
	})
}

func TestReviseItemKeepsPastVersions(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		ctx := e.as("admin")
		price := int64(3800)
		v2, err := e.db.ReviseItem(ctx, "care.personal", 1, catalog.Changes{PriceFen: &price}, "2027 price")
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.PriceFen != 3800 || v2.CreatedBy != "admin" || v2.Note != "2027 price" {
			t.Errorf("revised = v%d %d fen by %s (%q), want v2 3800 by admin", v2.Version, v2.PriceFen, v2.CreatedBy, v2.Note)
		}
		// An order made under version 1 reads its price there.
		v1, err := e.db.ItemAt(ctx, "care.personal", 1)
		if err != nil || v1.PriceFen != 3500 {
			t.Errorf("ItemAt(v1) = %v, %v; want 3500 fen", v1, err)
		}
		cur, err := e.db.Item(ctx, "care.personal")
		if err != nil || cur.Version != 2 || cur.PriceFen != 3800 || cur.Name != "居家生活照料" {
			t.Errorf("Item = %+v, %v; want v2 at 3800 fen, name kept", cur, err)
		}
		hist, err := e.db.ItemHistory(ctx, "care.personal")
		if err != nil || len(hist) != 2 || hist[0].Version != 2 || hist[1].Version != 1 {
			t.Errorf("ItemHistory = %d versions, %v; want 2, newest first", len(hist), err)
		}

		t.Run("StaleVersion", func(t *testing.T) {
			other := int64(4000)
			_, err := e.db.ReviseItem(ctx, "care.personal", 1, catalog.Changes{PriceFen: &other}, "")
			var ee *errs.Error
			if !errors.As(err, &ee) || ee.Code != errs.Conflict || ee.Key != "err.version_conflict" {
				t.Fatalf("ReviseItem(stale)=%v, want version conflict", err)
			}
			if got := ee.Extra.(map[string]int)["current_version"]; got != 2 {
				t.Errorf("current_version=%d, want 2", got)
			}
		})
		t.Run("Invalid", func(t *testing.T) {
			neg, zero := int64(-1), 0
			_, err := e.db.ReviseItem(ctx, "care.personal", 2, catalog.Changes{PriceFen: &neg, Times: &zero, EveryWeeks: &zero}, "")
			wantFieldKeys(t, err, map[string]string{"price_fen": "err.catalog.price", "times": "err.catalog.times", "every_weeks": "err.catalog.every_weeks"})
			same := int64(3800)
			_, err = e.db.ReviseItem(ctx, "care.personal", 2, catalog.Changes{PriceFen: &same}, "")
			wantFieldKeys(t, err, map[string]string{"price_fen": "err.catalog.unchanged"})
		})
		t.Run("Forbidden", func(t *testing.T) {
			if _, err := e.db.ReviseItem(e.as("cr_changji"), "care.personal", 2, catalog.Changes{PriceFen: &price}, ""); !errs.Is(err, errs.Forbidden) {
				t.Errorf("county reviewer ReviseItem: %v, want forbidden", err)
			}
		})
		t.Run("Unknown", func(t *testing.T) {
			if _, err := e.db.ItemHistory(ctx, "no.such"); !errs.Is(err, errs.NotFound) {
				t.Errorf("ItemHistory(no.such): %v, want not found", err)
			}
		})
	})
}

func TestAddItem(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		it := catalog.Defaults()[8] // care.comfort
		it.Code, it.Name, it.PriceFen = "care.haircut", "上门理发", 1500
		got, err := e.db.AddItem(e.as("admin"), it)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 1 || got.CreatedBy != "admin" || !got.Active {
			t.Errorf("added %+v, want version 1 by admin, active", got)
		}
		items, _ := e.db.CurrentItems(e.as("admin"))
		if last := items[len(items)-1]; len(items) != 20 {
			t.Errorf("CurrentItems: %d items (last %s), want 20", len(items), last.Code)
		}
		if _, err := e.db.AddItem(e.as("admin"), it); !errs.Is(err, errs.Conflict) {
			t.Errorf("AddItem again: %v, want conflict", err)
		}
		it.Code, it.Unit = "care.other", "day"
		_, err = e.db.AddItem(e.as("admin"), it)
		wantFieldKeys(t, err, map[string]string{"unit": "err.catalog.unit"})
	})
}

// wantFieldKeys fails unless err is invalid with at least these field keys.
func wantFieldKeys(t *testing.T, err error, want map[string]string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.Invalid {
		t.Fatalf("err=%v, want invalid fields %v", err, want)
	}
	got := map[string]string{}
	for _, f := range e.Fields {
		got[f.Name] = f.Key
	}
	for f, k := range want {
		if got[f] != k {
			t.Errorf("field %s: key %q, want %q (all: %v)", f, got[f], k, got)
		}
	}
}
