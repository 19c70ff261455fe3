package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"jiuzhu/internal/errs"
)

type requestIDKey struct{}

// requestID returns the request's id, for logs and problem documents.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// withRequestID gives every request an id (kept from X-Request-Id when a
// proxy set a sane one) and echoes it in the response.
func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if len(id) == 0 || len(id) > 64 {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// statusWriter remembers the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestInfo is filled in by inner handlers, which see copies of the
// request: the signed-in user and the matched route pattern.
type requestInfo struct {
	user    string
	pattern string
}

type requestInfoKey struct{}

func infoOf(r *http.Request) *requestInfo {
	i, _ := r.Context().Value(requestInfoKey{}).(*requestInfo)
	return i
}

// withLogging logs one JSON line per request and records metrics.
func (s *Server) withLogging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{}
		r = r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info))
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		s.metrics.observe(r.Method, info.pattern, sw.status, d)
		if r.URL.Path == "/livez" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" {
			return
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("request_id", requestID(r.Context())), slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.String("route", info.pattern), slog.Int("status", sw.status),
			slog.Duration("duration", d), slog.String("user", info.user))
	})
}

// withRoute records the matched route pattern for logs and metrics, and
// answers unknown API paths and methods with problem documents (the mux's
// own 404 and 405 are plain text, and the console's catch-all must not
// claim API paths).
func (s *Server) withRoute(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		if strings.HasPrefix(r.URL.Path, "/api/") && !isAPIPattern(pattern) {
			s.apiMiss(w, r, mux)
			return
		}
		if info := infoOf(r); info != nil {
			info.pattern = pattern
		}
		mux.ServeHTTP(w, r)
	})
}

func isAPIPattern(p string) bool {
	_, path, _ := strings.Cut(p, " ")
	return strings.HasPrefix(path, "/api/")
}

// apiMiss answers 405 with Allow when the path exists for other methods,
// else 404.
func (s *Server) apiMiss(w http.ResponseWriter, r *http.Request, mux *http.ServeMux) {
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := mux.Handler(probe); isAPIPattern(p) {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		s.fail(w, r, errs.New(errs.NotFound, "err.not_found"))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	s.fail(w, r, errs.New(errs.MethodNotAllowed, "err.method_not_allowed"))
}

// withRecovery turns a panic into a logged 500 instead of a dropped connection.
func (s *Server) withRecovery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "request_id", requestID(r.Context()), "panic", v, "stack", string(debug.Stack()))
				s.fail(w, r, errs.New(errs.Internal, "err.internal"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// withCSRF rejects cross-origin unsafe requests from browsers (Sec-Fetch-Site
// and Origin checks). Non-browser API clients send neither header and pass;
// they authenticate with bearer tokens, which browsers never send by themselves.
func (s *Server) withCSRF(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errs.New(errs.Forbidden, "err.csrf"))
	}))
	return cop.Handler(next)
}
