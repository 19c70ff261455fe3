package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/demo"
	"jiuzhu/internal/store"
)

// migrate applies migrations (store.Open does) and reports the version.
func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c config
	fs := newFlags("migrate", &c, stderr)
	db, err := c.parseAndOpen(ctx, fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema is at version %d (%s)\n", v, db.Dialect())
	return nil
}

// loadDemo loads the demo dataset into an empty database.
func loadDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c config
	fs := newFlags("demo", &c, stderr)
	db, err := c.parseAndOpen(ctx, fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	accounts, loaded, err := demo.LoadFull(ctx, db, time.Now())
	if err != nil {
		return err
	}
	printAccounts(stdout, accounts, loaded)
	return nil
}

// userCmd creates a user or resets an existing user's password and role.
func userCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c config
	fs := newFlags("user", &c, stderr)
	name := fs.String("u", "", "username (required)")
	role := fs.String("role", string(auth.PrefectureAdmin), "role: one of village_worker, township_officer, county_reviewer, prefecture_admin, …")
	placeCode := fs.String("place", "652300", "division code of the user's data scope")
	display := fs.String("name", "", "display name")
	password := fs.String("password", env("PASSWORD", ""), "password, at least 10 characters of two kinds (JIUZHU_PASSWORD; prefer it to the flag, which shows in ps)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *name == "" || *password == "" {
		return usageError{"user: -u and a password (JIUZHU_PASSWORD or -password) are required"}
	}
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &auth.User{Username: *name, DisplayName: *display, Role: auth.Role(*role), PlaceCode: *placeCode}
	got, err := db.PutUser(store.System(ctx), u, *password, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s (%s, %s) saved\n", got.Username, got.Role, got.PlaceCode)
	return nil
}

// auditCmd runs "audit verify": walks the hash chain and reports the first
// broken link. It exits non-zero when the chain is broken.
func auditCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return usageError{"audit: the only subcommand is \"verify\""}
	}
	var c config
	fs := newFlags("audit verify", &c, stderr)
	db, err := c.parseAndOpen(ctx, fs, args[1:])
	if err != nil {
		return err
	}
	defer db.Close()
	n, last, err := db.VerifyAudit(store.System(ctx))
	var b *audit.Break
	if errors.As(err, &b) {
		fmt.Fprintf(stdout, "BROKEN at entry %d: %s (%d entries before it verified)\n", b.Seq, b.Reason, n)
		return errors.New("audit chain broken")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "audit chain OK: %d entries, last hash %s\n", n, last)
	return nil
}
