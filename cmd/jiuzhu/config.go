package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/pii"
	"jiuzhu/internal/store"
	"jiuzhu/internal/visit"
)

// config is what every command needs to reach the data.
type config struct {
	DataDir     string
	DatabaseURL string
	KeyFile     string
	AuditAnchor string
	LogLevel    string
	logTo       io.Writer  // the command's standard error
	sms         notify.SMS // gateway for decisions to applicants; nil sends none

	democraticReview, publicNotice bool // optional approval steps

	radii visit.Radii // visit geofence radii in metres by village kind
}

// env returns the JIUZHU_ variable for name, or def.
func env(name, def string) string {
	if v, ok := os.LookupEnv("JIUZHU_" + name); ok {
		return v
	}
	return def
}

func envBool(name string, def bool) bool {
	if b, err := strconv.ParseBool(env(name, strconv.FormatBool(def))); err == nil {
		return b
	}
	return def
}

// newFlags returns a flag set with the shared flags bound to c; each flag's
// default comes from its environment variable.
func newFlags(name string, c *config, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.logTo = stderr
	fs.StringVar(&c.DataDir, "data", env("DATA", "./data"), "folder for the SQLite file, key file and uploads (JIUZHU_DATA)")
	fs.StringVar(&c.DatabaseURL, "database-url", env("DATABASE_URL", ""), "postgres://… URL; empty uses SQLite in the data folder (JIUZHU_DATABASE_URL)")
	fs.StringVar(&c.KeyFile, "key-file", env("KEY_FILE", ""), "field-encryption key file; default <data>/jiuzhu.key, created on first start (JIUZHU_KEY_FILE)")
	fs.StringVar(&c.AuditAnchor, "audit-anchor", env("AUDIT_ANCHOR", ""), "file that receives every audit checkpoint, kept apart from the database; default <data>/audit-anchor.log, \"off\" for none (JIUZHU_AUDIT_ANCHOR)")
	fs.StringVar(&c.LogLevel, "log-level", env("LOG_LEVEL", "info"), "debug, info, warn or error (JIUZHU_LOG_LEVEL)")
	fs.BoolVar(&c.democraticReview, "approval-democratic-review", envBool("APPROVAL_DEMOCRATIC_REVIEW", false), "add the village democratic review (民主评议) after township review (JIUZHU_APPROVAL_DEMOCRATIC_REVIEW)")
	fs.BoolVar(&c.publicNotice, "approval-public-notice", envBool("APPROVAL_PUBLIC_NOTICE", false), "add a public notice period (公示) with objections before county re-check (JIUZHU_APPROVAL_PUBLIC_NOTICE)")
	fs.Float64Var(&c.radii.Urban, "geofence-urban", envFloat("GEOFENCE_URBAN", visit.DefaultRadii.Urban), "visit check-in radius in metres around an urban home (JIUZHU_GEOFENCE_URBAN)")
	fs.Float64Var(&c.radii.Rural, "geofence-rural", envFloat("GEOFENCE_RURAL", visit.DefaultRadii.Rural), "visit check-in radius in metres around a rural home (JIUZHU_GEOFENCE_RURAL)")
	fs.Float64Var(&c.radii.Pastoral, "geofence-pastoral", envFloat("GEOFENCE_PASTORAL", visit.DefaultRadii.Pastoral), "visit check-in radius in metres around a pastoral home or seasonal location (JIUZHU_GEOFENCE_PASTORAL)")
	return fs
}

func envFloat(name string, def float64) float64 {
	if f, err := strconv.ParseFloat(env(name, ""), 64); err == nil {
		return f
	}
	return def
}

func (c *config) logger(w io.Writer) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(strings.ToUpper(c.LogLevel))); err != nil {
		lvl = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lvl}))
}

// parseAndOpen parses a command's flags into c and opens the store; a flag
// error is a usage error.
func (c *config) parseAndOpen(ctx context.Context, fs *flag.FlagSet, args []string) (*store.DB, error) {
	if err := fs.Parse(args); err != nil {
		return nil, usageError{err.Error()}
	}
	return c.open(ctx)
}

// open loads the keys and opens the migrated store; background jobs log to
// the command's logger.
func (c *config) open(ctx context.Context) (*store.DB, error) {
	keyFile := c.KeyFile
	if keyFile == "" {
		keyFile = filepath.Join(c.DataDir, "jiuzhu.key")
	}
	keys, err := pii.LoadOrCreateKeyFile(keyFile)
	if err != nil {
		return nil, err
	}
	cfg := approval.DefaultConfig()
	cfg.DemocraticReview, cfg.PublicNotice = c.democraticReview, c.publicNotice
	return store.Open(ctx, store.Options{URL: c.DatabaseURL, DataDir: c.DataDir, Keys: keys, AuditAnchor: c.auditAnchor(), Log: c.logger(c.logTo), SMS: c.sms, Approval: cfg, Radii: c.radii})
}

// auditAnchor returns the anchor file for the store: <data>/audit-anchor.log
// unless set, none for "off".
func (c *config) auditAnchor() string {
	switch c.AuditAnchor {
	case "":
		return filepath.Join(c.DataDir, "audit-anchor.log")
	case "off":
		return ""
	}
	return c.AuditAnchor
}
