package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"jiuzhu/internal/pii"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// Durability test shape: workers × orders each; events are posted on the
// first `posted` orders of each worker, the rest must stay untouched.
const (
	durWorkers = 8
	durOrders  = 150
	durPosted  = 120
)

// TestCheckInsSurviveKill runs `jiuzhu serve` as a separate process, posts
// check-ins from several clients, kills the server with SIGKILL in the
// middle of the load, restarts it on the same data and lets the clients
// retry what was not acknowledged. Every acknowledged event must be stored,
// every event exactly once with one audit entry, each order's visit and
// state must match its events, and a re-sent acknowledged event must answer
// 200 duplicate.
func TestCheckInsSurviveKill(t *testing.T) {
	bin := buildServer(t)
	for _, d := range testdb.Dialects {
		t.Run(string(d), func(t *testing.T) { durability(t, d, bin) })
	}
}

// buildServer builds the jiuzhu binary once for the test.
func buildServer(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build jiuzhu: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "jiuzhu")
	out, err := exec.Command(goTool, "build", "-o", bin, "jiuzhu/cmd/jiuzhu").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// server is a running `jiuzhu serve` process.
type server struct {
	cmd    *exec.Cmd
	base   string
	log    string        // its standard error
	exited chan struct{} // closed once the process has ended and been waited for
	err    error         // what Wait returned, once exited is closed
}

// startServer starts `jiuzhu serve` on a free port against the data folder
// (and database URL) and waits until it reports ready.
func startServer(t *testing.T, bin, dir, url, name string) *server {
	t.Helper()
	s := &server{log: filepath.Join(dir, name+".log"), exited: make(chan struct{})}
	logf, err := os.Create(s.log)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	s.cmd = exec.Command(bin, "serve", "--data", dir, "--database-url", url, "--key-file", filepath.Join(dir, "jiuzhu.key"),
		"--addr", "127.0.0.1:0", "--log-level", "warn")
	s.cmd.Stderr = logf
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "jiuzhu is ready at "); ok {
				ready <- strings.TrimSuffix(u, "/")
			}
		}
		s.err = s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		s.cmd.Process.Kill() // an error only says it has ended
		<-s.exited
	})
	select {
	case s.base = <-ready:
		return s
	case <-s.exited:
		t.Fatalf("%s exited before it was ready: %v\n%s", name, s.err, tail(s.log))
	case <-time.After(90 * time.Second):
		t.Fatalf("%s not ready after 90 s\n%s", name, tail(s.log))
	}
	return nil
}

// stop ends the server with sig and waits for it.
func (s *server) stop(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not exit after %v\n%s", sig, tail(s.log))
	}
	if s.err != nil {
		t.Errorf("server ended with %v after %v\n%s", s.err, sig, tail(s.log))
	}
}

// tail is the end of a log file, for failure messages.
func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

// durClient is one phone: a worker's token and the events it sends.
type durClient struct {
	w      *worker
	events []*checkIn
	acked  []bool // 2xx seen for events[i] before the kill
}

func durability(t *testing.T, d store.Dialect, bin string) {
	ctx := context.Background()
	start := time.Now()
	dir := t.TempDir()
	url := testdb.URL(t, d)
	keys, err := pii.LoadOrCreateKeyFile(filepath.Join(dir, "jiuzhu.key"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, store.Options{URL: url, DataDir: dir, Keys: keys, AuditAnchor: filepath.Join(dir, "audit-anchor.log")})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := seed(ctx, db, durWorkers, durOrders, time.Now())
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	var clients []*durClient
	total := 0
	for _, w := range ws {
		c := &durClient{w: w, acked: make([]bool, durPosted)}
		for _, o := range w.Orders[:durPosted] {
			c.events = append(c.events, newCheckIn(o, "phone-"+w.ID[len(w.ID)-6:]))
		}
		total += len(c.events)
		clients = append(clients, c)
	}

	// Load until about 40 % of the events are acknowledged, then SIGKILL.
	srv := startServer(t, bin, dir, url, "first")
	hc := newClient()
	var acked, inFlightErrs atomic.Int64
	killAt := int64(total * 2 / 5)
	killed := make(chan struct{})
	var killOnce sync.Once
	kill := func() {
		killOnce.Do(func() {
			srv.cmd.Process.Signal(syscall.SIGKILL)
			close(killed)
		})
	}
	var wg sync.WaitGroup
	var unexpected sync.Map // event id → status and body
	for _, c := range clients {
		wg.Go(func() {
			for i, ev := range c.events {
				r, err := post(ctx, hc, srv.base, c.w.Token, ev, false)
				if err != nil {
					select {
					case <-killed:
					default:
						unexpected.Store(ev.ID, "before the kill: "+err.Error())
					}
					inFlightErrs.Add(1)
					return // the server is gone: the rest waits for the restart
				}
				if r.Status != http.StatusCreated {
					unexpected.Store(ev.ID, fmt.Sprintf("%d %s", r.Status, r.Body))
					continue
				}
				c.acked[i] = true
				if acked.Add(1) >= killAt {
					kill()
				}
			}
		})
	}
	wg.Wait()
	kill() // if every event went through first (should not happen)
	<-srv.exited
	if st, ok := srv.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() || st.Signal() != syscall.SIGKILL {
		t.Fatalf("first server ended with %v, want killed by SIGKILL", srv.cmd.ProcessState)
	}
	unexpected.Range(func(k, v any) bool { t.Errorf("event %s: %s", k, v); return true })
	nAcked := int(acked.Load())
	if nAcked == 0 || nAcked >= total || inFlightErrs.Load() == 0 {
		t.Fatalf("the kill did not land in the middle of the load: %d of %d acknowledged, %d clients cut off", nAcked, total, inFlightErrs.Load())
	}
	loadTime := time.Since(start)

	// Restart on the same data; every client sends again what was not
	// acknowledged, and every fifth acknowledged event.
	srv = startServer(t, bin, dir, url, "second")
	var created, dupUnacked, dupAcked atomic.Int64
	for _, c := range clients {
		wg.Go(func() {
			for i, ev := range c.events {
				if c.acked[i] && i%5 != 0 {
					continue
				}
				r, err := post(ctx, hc, srv.base, c.w.Token, ev, true)
				switch {
				case err != nil:
					t.Errorf("retry of %s: %v", ev.ID, err)
				case r.Status == http.StatusCreated && !c.acked[i] && !r.Duplicate:
					created.Add(1)
				case r.Status == http.StatusOK && r.Duplicate:
					if c.acked[i] {
						dupAcked.Add(1)
					} else {
						dupUnacked.Add(1) // stored before the kill, answer lost
					}
				default:
					t.Errorf("retry of %s (acknowledged before: %v): %d duplicate=%v %s", ev.ID, c.acked[i], r.Status, r.Duplicate, r.Body)
				}
			}
		})
	}
	wg.Wait()
	srv.stop(t, syscall.SIGTERM)
	wantDupAcked := 0
	for _, c := range clients {
		for i := range c.events {
			if c.acked[i] && i%5 == 0 {
				wantDupAcked++
			}
		}
	}
	if int(dupAcked.Load()) != wantDupAcked {
		t.Errorf("%d acknowledged events re-sent answered 200 duplicate, want %d", dupAcked.Load(), wantDupAcked)
	}
	if got := nAcked + int(created.Load()+dupUnacked.Load()); got != total {
		t.Errorf("%d acknowledged + %d created on retry + %d stored unacknowledged = %d, want %d", nAcked, created.Load(), dupUnacked.Load(), got, total)
	}

	// What the database holds.
	db, err = store.Open(ctx, store.Options{URL: url, DataDir: dir, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkStored(t, db.WritePoolForBench(), clients, total)
	t.Logf("%s: %d events from %d clients; killed after %d acknowledged (%d clients cut off mid-request or after); "+
		"on retry %d created, %d already stored without an answer, %d acknowledged re-sent answered duplicate; %s until the kill, %s in all",
		d, total, len(clients), nAcked, inFlightErrs.Load(), created.Load(), dupUnacked.Load(), dupAcked.Load(),
		loadTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// checkStored checks the rows: every event once, with one audit entry;
// each order with a check-in has one visit row in progress and is in
// progress itself; the orders without one are untouched.
func checkStored(t *testing.T, w *sql.DB, clients []*durClient, total int) {
	t.Helper()
	stored := map[string]int{}
	scan(t, w, `SELECT id FROM visit_events`, func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		stored[id]++
		return err
	})
	if len(stored) != total {
		t.Errorf("visit_events holds %d events, want %d", len(stored), total)
	}
	audited := 0
	scan(t, w, `SELECT COUNT(*) FROM audit_log WHERE action = 'visit.event'`, func(r *sql.Rows) error { return r.Scan(&audited) })
	if audited != total {
		t.Errorf("%d visit.event audit entries, want %d", audited, total)
	}
	type orderRow struct {
		state, visit string
		events       int
	}
	orders := map[string]orderRow{}
	scan(t, w, `SELECT o.id, o.state, COALESCE(v.state, ''), (SELECT COUNT(*) FROM visit_events e WHERE e.order_id = o.id),
			(SELECT COUNT(*) FROM visits x WHERE x.order_id = o.id)
		FROM orders o LEFT JOIN visits v ON v.order_id = o.id`, func(r *sql.Rows) error {
		var id string
		var o orderRow
		var visits int
		if err := r.Scan(&id, &o.state, &o.visit, &o.events, &visits); err != nil {
			return err
		}
		if visits > 1 {
			return fmt.Errorf("order %s has %d visit rows", id, visits)
		}
		orders[id] = o
		return nil
	})
	for _, c := range clients {
		for i, ev := range c.events {
			if c.acked[i] && stored[ev.ID] == 0 {
				t.Errorf("acknowledged event %s is not stored", ev.ID)
			}
			if stored[ev.ID] != 1 {
				t.Errorf("event %s stored %d times", ev.ID, stored[ev.ID])
			}
		}
		for i, id := range c.w.Orders {
			o := orders[id]
			want := orderRow{state: "in_progress", visit: "in_progress", events: 1}
			if i >= durPosted {
				want = orderRow{state: "assigned"}
			}
			if o != want {
				t.Errorf("order %s: state %q, visit %q, %d events; want %+v", id, o.state, o.visit, o.events, want)
			}
		}
	}
}

// scan runs q and calls fn for each row.
func scan(t *testing.T, w *sql.DB, q string, fn func(*sql.Rows) error) {
	t.Helper()
	rows, err := w.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
