// Command checkin measures the visit check-in endpoint against the plain
// insert rate of the same database.
//
// For each database it seeds a fresh store (SQLite in a temporary folder,
// opened through store.Open with the product's DSN and durability settings;
// PostgreSQL in a fresh schema of -pg), starts the real server in process on
// 127.0.0.1:0 with the background jobs running as `jiuzhu serve` runs them,
// and at each client count posts check-ins over loopback HTTP for -duration
// (each client a service worker with its own bearer token, on its own
// orders, a new UUIDv7 per event). It then measures, at the same client
// count, single-row inserts of one transaction each into a scratch table of
// similar width through the store's own write pool (on SQLite the single
// writer connection), with the same durability settings. It prints one
// table: requests/s and p50/p99 of the endpoint, rows/s of the raw insert
// and their ratio, the median over -runs runs.
//
//	go run ./bench/checkin -db sqlite,postgres -pg "$JIUZHU_TEST_POSTGRES_URL" -clients 1,8,32 -duration 10s -runs 3
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

	"jiuzhu/internal/blob"
	"jiuzhu/internal/pii"
	"jiuzhu/internal/store"
	"jiuzhu/internal/web"
)

func main() {
	dbs := flag.String("db", "sqlite", "databases to measure, comma-separated: sqlite, postgres")
	pg := flag.String("pg", cmpEnv("JIUZHU_BENCH_POSTGRES_URL", "JIUZHU_TEST_POSTGRES_URL"), "PostgreSQL URL; a fresh schema is made in it and dropped after")
	clientList := flag.String("clients", "1,8,32", "concurrent clients, comma-separated")
	duration := flag.Duration("duration", 10*time.Second, "measured time per point and phase")
	warmup := flag.Duration("warmup", time.Second, "unmeasured load before each endpoint measurement")
	runs := flag.Int("runs", 1, "runs per point; the table shows medians")
	orders := flag.Int("orders", 0, "orders seeded per worker; 0 sizes them for the run")
	raw := flag.Bool("raw", true, "also measure the raw insert rate")
	maxIdle := flag.Int("max-idle", 0, "experiment: keep this many idle connections in the store's write pool (database/sql keeps 2 unless told); 0 leaves the pool as the store sets it")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured phases to this file (per database: name.<db>.ext)")
	flag.Parse()

	counts, err := parseCounts(*clientList)
	if err != nil {
		fail(err)
	}
	if *orders == 0 {
		// Enough for 2,500 check-ins/s over the whole run: a client moves
		// on to another of its workers when one has no orders left.
		secs := (duration.Seconds() + warmup.Seconds()) * float64(*runs) * float64(len(counts))
		*orders = max(200, int(2500*secs/float64(slices.Max(counts))))
	}
	fmt.Printf("check-in load: clients %v, %s per point (after %s warm-up), %d run(s), %d orders per worker; GOMAXPROCS %d\n\n",
		counts, *duration, *warmup, *runs, *orders, runtime.GOMAXPROCS(0))
	var rows []row
	for _, d := range strings.Split(*dbs, ",") {
		prof := ""
		if *cpuprofile != "" {
			ext := filepath.Ext(*cpuprofile)
			prof = strings.TrimSuffix(*cpuprofile, ext) + "." + d + ext
		}
		got, err := measure(context.Background(), strings.TrimSpace(d), *pg, counts, *orders, *duration, *warmup, *runs, *raw, *maxIdle, prof)
		if err != nil {
			fail(fmt.Errorf("%s: %w", d, err))
		}
		rows = append(rows, got...)
	}
	printTable(os.Stdout, rows)
}

func cmpEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "checkin:", err)
	os.Exit(1)
}

func parseCounts(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad client count %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// row is one line of the table: medians over the runs of a point.
type row struct {
	db                 string
	clients            int
	reqs               float64
	p50, p99           time.Duration
	rawRows            float64
	rawP50, rawP99     time.Duration
	errors, rawErrors  int
	firstErr, firstRaw string
}

// instance is a seeded store served in process.
type instance struct {
	db      *store.DB
	base    string
	workers []*worker
	close   func()
}

// start opens a fresh store of dialect d, seeds it and serves it.
func start(ctx context.Context, d, pgURL string, workers, orders int) (*instance, error) {
	dir, err := os.MkdirTemp("", "jiuzhu-checkin-")
	if err != nil {
		return nil, err
	}
	cleanup := []func(){func() { os.RemoveAll(dir) }}
	undo := func() {
		for _, f := range slices.Backward(cleanup) {
			f()
		}
	}
	u := ""
	switch d {
	case "sqlite":
	case "postgres":
		if pgURL == "" {
			undo()
			return nil, errors.New("-pg (or JIUZHU_TEST_POSTGRES_URL) is required for postgres")
		}
		var drop func()
		if u, drop, err = freshSchema(ctx, pgURL); err != nil {
			undo()
			return nil, err
		}
		cleanup = append(cleanup, drop)
	default:
		undo()
		return nil, fmt.Errorf("unknown database %q", d)
	}
	keys, err := pii.LoadOrCreateKeyFile(filepath.Join(dir, "jiuzhu.key"))
	if err != nil {
		undo()
		return nil, err
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil)) // formatted like serve's log, then dropped
	db, err := store.Open(ctx, store.Options{URL: u, DataDir: dir, Keys: keys, Log: log, AuditAnchor: filepath.Join(dir, "audit-anchor.log")})
	if err != nil {
		undo()
		return nil, err
	}
	cleanup = append(cleanup, func() { db.Close() })
	t0 := time.Now()
	ws, err := seed(ctx, db, workers, orders, time.Now())
	if err != nil {
		undo()
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "%s: seeded %d workers × %d orders in %s\n", d, workers, orders, time.Since(t0).Round(time.Millisecond))
	jobsCtx, stopJobs := context.WithCancel(ctx)
	cleanup = append(cleanup, stopJobs)
	if err := db.StartJobs(jobsCtx); err != nil {
		undo()
		return nil, err
	}
	blobs, err := blob.NewLocal(filepath.Join(dir, "blobs"))
	if err != nil {
		undo()
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		undo()
		return nil, err
	}
	hs := &http.Server{Handler: web.New(db, log, web.Options{Blobs: blobs}), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	go hs.Serve(ln)
	cleanup = append(cleanup, func() { hs.Close() })
	return &instance{db: db, base: "http://" + ln.Addr().String(), workers: ws, close: undo}, nil
}

// freshSchema makes a new schema in the database of base and returns a URL
// that uses it and a function that drops it.
func freshSchema(ctx context.Context, base string) (string, func(), error) {
	b := make([]byte, 6)
	rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		return "", nil, err
	}
	drop := func() {
		admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		admin.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// measure runs every point on one database.
func measure(ctx context.Context, d, pgURL string, counts []int, orders int, dur, warmup time.Duration, runs int, raw bool, maxIdle int, prof string) ([]row, error) {
	in, err := start(ctx, d, pgURL, slices.Max(counts), orders)
	if err != nil {
		return nil, err
	}
	defer in.close()
	pool := in.db.WritePoolForBench()
	if maxIdle > 0 {
		pool.SetMaxIdleConns(maxIdle)
		fmt.Fprintf(os.Stderr, "%s: write pool keeps %d idle connections (experiment)\n", d, maxIdle)
	}
	if err := createRaw(ctx, pool, d == "postgres"); err != nil {
		return nil, err
	}
	if prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	c := newClient()
	var out []row
	for _, k := range counts {
		var ep, rw []result
		for range runs {
			// Client i acts as workers i, i+k, i+2k, …: as one until its
			// orders are used up, then as the next.
			ws := make([][]*worker, k)
			for j, w := range in.workers {
				ws[j%k] = append(ws[j%k], w)
			}
			if warmup > 0 {
				if r := runEndpoint(ctx, c, in.base, ws, warmup); r.first != "" && r.n == 0 {
					return nil, fmt.Errorf("warm-up: %s", r.first)
				}
			}
			ep = append(ep, runEndpoint(ctx, c, in.base, ws, dur))
			if raw {
				rw = append(rw, runRaw(ctx, pool, k, dur))
			}
			last := ep[len(ep)-1]
			fmt.Fprintf(os.Stderr, "%s %2d clients: endpoint %.0f req/s p50 %s p99 %s (%d errors)", d, k, last.rate(), ms(last.pct(50)), ms(last.pct(99)), last.errors)
			if raw {
				lr := rw[len(rw)-1]
				fmt.Fprintf(os.Stderr, "; raw %.0f rows/s p50 %s p99 %s (%d errors)", lr.rate(), ms(lr.pct(50)), ms(lr.pct(99)), lr.errors)
			}
			fmt.Fprintln(os.Stderr)
		}
		r := row{db: d, clients: k}
		r.reqs = median(ep, func(x result) float64 { return x.rate() })
		r.p50 = time.Duration(median(ep, func(x result) float64 { return float64(x.pct(50)) }))
		r.p99 = time.Duration(median(ep, func(x result) float64 { return float64(x.pct(99)) }))
		for _, x := range ep {
			r.errors += x.errors
			r.firstErr = cmpStr(r.firstErr, x.first)
		}
		if raw {
			r.rawRows = median(rw, func(x result) float64 { return x.rate() })
			r.rawP50 = time.Duration(median(rw, func(x result) float64 { return float64(x.pct(50)) }))
			r.rawP99 = time.Duration(median(rw, func(x result) float64 { return float64(x.pct(99)) }))
			for _, x := range rw {
				r.rawErrors += x.errors
				r.firstRaw = cmpStr(r.firstRaw, x.first)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func cmpStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func median(rs []result, f func(result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func ms(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) + " ms" }

func printTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| database | clients | endpoint req/s | p50 | p99 | raw rows/s (1 row per tx) | raw p50 | raw p99 | endpoint/raw |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		ratio := "–"
		if r.rawRows > 0 {
			ratio = fmt.Sprintf("%.0f %%", 100*r.reqs/r.rawRows)
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %.0f | %s | %s | %s |\n", r.db, r.clients, r.reqs, ms(r.p50), ms(r.p99), r.rawRows, ms(r.rawP50), ms(r.rawP99), ratio)
	}
	for _, r := range rows {
		if r.errors > 0 || r.rawErrors > 0 {
			fmt.Fprintf(w, "\n%s, %d clients: %d endpoint errors (first: %s), %d raw errors (first: %s)\n", r.db, r.clients, r.errors, r.firstErr, r.rawErrors, r.firstRaw)
		}
	}
}
