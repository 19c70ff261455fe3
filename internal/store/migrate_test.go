package store_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// TestMigrationsRerun opens the same database twice: the second open finds
// nothing to apply. A schema newer than the binary is refused.
func TestMigrationsRerun(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		url, dir, keys := testdb.URL(t, d), t.TempDir(), testdb.Keys(t)
		open := func() (*store.DB, error) { return store.Open(ctx, store.Options{URL: url, DataDir: dir, Keys: keys}) }
		db, err := open()
		if err != nil {
			t.Fatal(err)
		}
		v1, _ := db.SchemaVersion(ctx)
		db.Close()
		db, err = open()
		if err != nil {
			t.Fatalf("re-open: %v", err)
		}
		if v2, _ := db.SchemaVersion(ctx); v1 != v2 || v1 < 1 {
			t.Fatalf("versions %d then %d", v1, v2)
		}
		if err := db.ExecForTest(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, true)`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := open(); err == nil || !strings.Contains(err.Error(), "newer than this binary") {
			t.Fatalf("newer schema: err=%v, want refusal", err)
		}
	})
}

// TestMigrationFilesMatch checks both dialects have the same migration
// versions, so neither database misses a change.
func TestMigrationFilesMatch(t *testing.T) {
	names := func(d string) []string {
		es, err := os.ReadDir(filepath.Join("migrations", d))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	if a, b := names("sqlite"), names("postgres"); !reflect.DeepEqual(a, b) {
		t.Fatalf("migration files differ:\nsqlite   %v\npostgres %v", a, b)
	}
}

// TestSchemaParity compares the tables and columns both databases end up
// with after all migrations.
func TestSchemaParity(t *testing.T) {
	ctx := context.Background()
	liteDB, err := store.Open(ctx, store.Options{URL: filepath.Join(t.TempDir(), "p2.db"), DataDir: t.TempDir(), Keys: testdb.Keys(t)})
	if err != nil {
		t.Fatal(err)
	}
	liteCols := columnsOf(t, liteDB, `SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version' AND m.name NOT LIKE 'river%'`)
	liteDB.Close()
	url := testdb.URL(t, store.Postgres)
	pgDB, err := store.Open(ctx, store.Options{URL: url, DataDir: t.TempDir(), Keys: testdb.Keys(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer pgDB.Close()
	pgCols := columnsOf(t, pgDB, `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name <> 'goose_db_version' AND table_name NOT LIKE 'river%'`)
	if !reflect.DeepEqual(liteCols, pgCols) {
		t.Fatalf("schemas differ:\nsqlite   %v\npostgres %v", liteCols, pgCols)
	}
}

func columnsOf(t *testing.T, db *store.DB, q string) []string {
	t.Helper()
	out, err := db.QueryStringsForTest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}
