package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/store"
	"jiuzhu/internal/web"
)

// serve runs the server until ctx ends, then drains requests for up to 15 s.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c config
	fs := newFlags("serve", &c, stderr)
	addr := fs.String("addr", env("ADDR", "127.0.0.1:8080"), "listen address (JIUZHU_ADDR)")
	withDemo := fs.Bool("demo", envBool("DEMO", false), "load the demo dataset into an empty database and print the demo logins (JIUZHU_DEMO)")
	secure := fs.Bool("secure-cookies", envBool("SECURE_COOKIES", false), "mark cookies Secure; set when served over HTTPS (JIUZHU_SECURE_COOKIES)")
	var bc blobConfig
	bc.flags(fs)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	log := c.logger(stderr)
	start := time.Now()
	// No SMS platform is wired yet: the development gateway writes one-time
	// codes and decisions to this log, which is fine for a demo and wrong for
	// production.
	sms := notify.NewLogSMS(log)
	c.sms = sms
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *withDemo {
		accounts, loaded, err := demo.LoadFull(ctx, db, time.Now())
		if err != nil {
			return err
		}
		printAccounts(stdout, accounts, loaded)
	}
	if err := db.StartJobs(ctx); err != nil {
		return err
	}
	log.Warn("SMS: using the development gateway; one-time codes and decisions are written to this log")
	blobs, err := bc.open(ctx, c.DataDir)
	if err != nil {
		return err
	}
	srv := web.New(db, log, web.Options{SecureCookies: *secure, SMS: sms, Blobs: blobs})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	log.Info("serving", "addr", ln.Addr().String(), "database", string(db.Dialect()), "url", store.Redact(c.DatabaseURL),
		"startup", time.Since(start).String(), "version", version)
	fmt.Fprintf(stdout, "jiuzhu is ready at http://%s/\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	anchorCtx, stopAnchor := context.WithCancel(ctx)
	defer stopAnchor()
	go anchorAudit(anchorCtx, db, log)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	srv.SetReady(false)
	log.Info("shutting down")
	logAuditHead(context.Background(), db, log)
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// anchorAudit logs the audit log's head hourly until ctx ends: the log lines,
// kept outside the database, reveal a chain whose tail was cut off.
func anchorAudit(ctx context.Context, db *store.DB, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		logAuditHead(ctx, db, log)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func logAuditHead(ctx context.Context, db *store.DB, log *slog.Logger) {
	seq, hash, err := db.AuditHead(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("audit anchor", "err", err)
		}
		return
	}
	log.Info("audit anchor", "seq", seq, "hash", hash)
}

func printAccounts(w io.Writer, accounts []demo.Account, loaded bool) {
	if loaded {
		fmt.Fprintln(w, "Loaded the demo dataset (Changji Prefecture).")
	} else {
		fmt.Fprintln(w, "The database already holds data; the demo dataset was not loaded again.")
	}
	fmt.Fprintf(w, "Demo logins (password %q; they exist only where the demo was loaded):\n", demo.Password)
	for _, a := range accounts {
		fmt.Fprintf(w, "  %-12s %-18s %s\n", a.Username, a.Role, a.Place)
	}
}
