// Package testdb opens fresh stores for tests: SQLite in a temporary folder
// and PostgreSQL in a schema of its own per test, so parallel tests never see
// each other's rows. PostgreSQL runs when JIUZHU_TEST_POSTGRES_URL is set;
// under CI=true a missing URL fails the test instead of skipping it.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"jiuzhu/internal/pii"
	"jiuzhu/internal/store"
)

// Dialects lists the databases every store test runs on.
var Dialects = []store.Dialect{store.SQLite, store.Postgres}

// Keys returns fresh random key material.
func Keys(tb testing.TB) *pii.Keys {
	tb.Helper()
	m := make([]byte, pii.KeySize)
	rand.Read(m)
	k, err := pii.NewKeys(m)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// URL returns the connection URL for a fresh database of dialect d: a file
// path for SQLite, a postgres URL with a new schema on its search_path
// (dropped when the test ends) for PostgreSQL.
func URL(tb testing.TB, d store.Dialect) string {
	tb.Helper()
	if d == store.SQLite {
		return ""
	}
	base := os.Getenv("JIUZHU_TEST_POSTGRES_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("JIUZHU_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL tests")
		}
		tb.Skip("PostgreSQL: set JIUZHU_TEST_POSTGRES_URL to run")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`)
		admin.Close()
	})
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a migrated, empty store of dialect d, closed when the test ends.
func Open(tb testing.TB, d store.Dialect, now func() time.Time) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), store.Options{URL: URL(tb, d), DataDir: tb.TempDir(), Keys: Keys(tb), Now: now})
	if err != nil {
		tb.Fatalf("open %s: %v", d, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Run runs fn as a parallel subtest on every dialect.
func Run(t *testing.T, fn func(t *testing.T, d store.Dialect)) {
	for _, d := range Dialects {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			fn(t, d)
		})
	}
}
