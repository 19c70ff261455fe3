package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiuzhu/internal/errs"
)

func TestRunCommands(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		wantOut string
		usage   bool
	}{
		{"version", []string{"version"}, "jiuzhu dev", false},
		{"no command", nil, "", true},
		{"unknown", []string{"frobnicate"}, "", true},
		{"audit without verify", []string{"audit"}, "", true},
		{"user without password", []string{"user", "-u", "x"}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), tc.args, &out, &errOut)
			var ue usageError
			if got := errors.As(err, &ue); got != tc.usage {
				t.Fatalf("usage error=%v (err %v), want %v", got, err, tc.usage)
			}
			if !strings.Contains(out.String(), tc.wantOut) {
				t.Fatalf("stdout=%q, want %q", out.String(), tc.wantOut)
			}
		})
	}
}

// TestDemoUserAudit runs the admin commands against one SQLite data folder:
// load the demo, add a user, verify the audit chain, load again (no-op).
func TestDemoUserAudit(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	do := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(ctx, append(args, "--data", dir), &out, &errOut); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	if out := do("demo"); !strings.Contains(out, "Loaded the demo dataset") || !strings.Contains(out, "admin") {
		t.Fatalf("demo: %s", out)
	}
	if out := do("demo"); !strings.Contains(out, "already holds data") {
		t.Fatalf("second demo: %s", out)
	}
	if out := do("user", "-u", "ops", "-role", "county_reviewer", "-place", "652302", "-password", "Secret-pass-1"); !strings.Contains(out, "ops (county_reviewer, 652302)") {
		t.Fatalf("user: %s", out)
	}
	if out := do("audit", "verify"); !strings.Contains(out, "audit chain OK") {
		t.Fatalf("audit verify: %s", out)
	}
	if out := do("migrate"); !strings.Contains(out, "schema is at version") {
		t.Fatalf("migrate: %s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "jiuzhu.key")); err != nil {
		t.Fatalf("key file not created: %v", err)
	}

	// Tamper with one row behind the application's back, then remove another.
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "jiuzhu.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, tc := range []struct{ sql, want string }{
		{`UPDATE audit_log SET detail = '{"username":"ghost"}' WHERE seq = 4`, "BROKEN at entry 4: content does not match"},
		{`DELETE FROM audit_log WHERE seq = 2`, "BROKEN at entry 3: entry 2 is missing"},
	} {
		if _, err := raw.Exec(tc.sql); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		err := run(ctx, []string{"audit", "verify", "--data", dir}, &out, &errOut)
		if err == nil || !strings.Contains(out.String(), tc.want) {
			t.Fatalf("after %q: err=%v out=%q, want %q", tc.sql, err, out.String(), tc.want)
		}
	}
}

func TestExplain(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	err := errs.Fields{{Name: "password", Key: "err.password.weak", Args: map[string]any{"Min": 10}}}.Err()
	if got := explain(err); !strings.Contains(got, "password: The password needs at least 10 characters") {
		t.Fatalf("explain = %q", got)
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	if got := explain(err); !strings.Contains(got, "请检查") {
		t.Fatalf("explain in Chinese = %q", got)
	}
	if got := explain(errors.New("disk full")); got != "disk full" {
		t.Fatalf("plain error = %q", got)
	}
}
