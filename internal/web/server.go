// Package web turns HTTP into calls on the store: the JSON API under /api/v1,
// the server-rendered console, and the operations endpoints. Every route of
// every surface is listed in one table per surface (routes.go).
package web

import (
	"log/slog"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"jiuzhu/internal/blob"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/store"
)

// Options configures a Server.
type Options struct {
	// SecureCookies marks cookies Secure; set it when served over HTTPS.
	SecureCookies bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Registry receives the metrics; nil makes a fresh one.
	Registry *prometheus.Registry
	// SMS sends the resident page's one-time codes; nil logs them instead
	// (notify.LogSMS, for development only).
	SMS notify.SMS
	// Blobs keeps visit photos and signatures; nil keeps them in a fresh
	// temporary folder (tests only: they are gone with it).
	Blobs blob.Store
}

// Server serves jiuzhu over HTTP.
type Server struct {
	db       *store.DB
	log      *slog.Logger
	opts     Options
	now      func() time.Time
	handler  http.Handler
	ready    atomic.Bool
	metrics  *metrics
	registry *prometheus.Registry
	limiter  *loginLimiter
	blobs    blob.Store
}

// New builds a server over db. It is ready at once; call SetReady(false)
// when shutting down so load balancers stop sending traffic.
func New(db *store.DB, log *slog.Logger, opts Options) *Server {
	s := &Server{db: db, log: log, opts: opts, now: opts.Now, registry: opts.Registry}
	if s.now == nil {
		s.now = time.Now
	}
	if s.registry == nil {
		s.registry = prometheus.NewRegistry()
	}
	if s.opts.SMS == nil {
		s.opts.SMS = notify.NewLogSMS(log)
	}
	s.blobs = opts.Blobs
	if s.blobs == nil {
		dir, err := os.MkdirTemp("", "jiuzhu-blobs-")
		if err == nil {
			s.blobs, err = blob.NewLocal(dir)
		}
		if err != nil {
			panic(err)
		}
	}
	s.metrics = newMetrics(s.registry)
	s.limiter = newLoginLimiter(20, 10*time.Minute)
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, rt.Handler)
	}
	s.handler = s.withRequestID(s.withLogging(s.withRecovery(s.withCSRF(s.withUser(s.withRoute(mux))))))
	s.ready.Store(true)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// SetReady switches /readyz between 200 and 503.
func (s *Server) SetReady(ok bool) { s.ready.Store(ok) }
