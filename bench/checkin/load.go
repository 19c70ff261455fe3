package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// checkIn is the body a phone posts for a check-in.
type checkIn struct {
	ID         string    `json:"id"`
	OrderID    string    `json:"order_id"`
	Kind       string    `json:"kind"`
	DeviceID   string    `json:"device_id"`
	DeviceTime time.Time `json:"device_time"`
	Pos        struct {
		Lat       float64 `json:"lat"`
		Lon       float64 `json:"lon"`
		AccuracyM float64 `json:"accuracy_m"`
	} `json:"pos"`
}

// newCheckIn is a check-in on order made now on device, a few metres from
// the village centre, with a fresh UUIDv7.
func newCheckIn(orderID, device string) *checkIn {
	c := &checkIn{ID: uuid.Must(uuid.NewV7()).String(), OrderID: orderID, Kind: "check_in", DeviceID: device,
		DeviceTime: time.Now().UTC().Truncate(time.Millisecond)}
	c.Pos.Lat, c.Pos.Lon, c.Pos.AccuracyM = village.Lat+0.0001, village.Lon+0.0001, 12
	return c
}

// newClient is an HTTP client that keeps one connection per concurrent
// caller alive, as phones on their own connections would.
func newClient() *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute, DisableCompression: true}}
}

// reply is what a post of an event answered.
type reply struct {
	Status    int
	Duplicate bool
	Body      string // on an unexpected status
}

// post sends one event with its id as the Idempotency-Key. With decode it
// reads the duplicate flag from the answer.
func post(ctx context.Context, c *http.Client, base, token string, ev *checkIn, decode bool) (reply, error) {
	b, err := json.Marshal(ev)
	if err != nil {
		return reply{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/visit-events", bytes.NewReader(b))
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", ev.ID)
	resp, err := c.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	r := reply{Status: resp.StatusCode}
	if r.Status/100 != 2 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 2000))
		r.Body = string(body)
		return r, nil
	}
	if !decode {
		_, err = io.Copy(io.Discard, resp.Body)
		return r, err
	}
	var v struct {
		Duplicate bool `json:"duplicate"`
	}
	err = json.NewDecoder(resp.Body).Decode(&v)
	r.Duplicate = v.Duplicate
	return r, err
}

// result is one measured phase.
type result struct {
	n       int             // operations that succeeded
	errors  int             // operations that failed
	first   string          // the first failure
	elapsed time.Duration   // wall time of the phase
	lat     []time.Duration // per successful operation, sorted
}

func (r *result) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

// pct is the p-th percentile latency (nearest rank).
func (r *result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(float64(len(r.lat))*p/100+0.999999) - 1
	return r.lat[max(0, min(i, len(r.lat)-1))]
}

// runClients runs op in `clients` goroutines until d has passed and
// gathers the latencies of the operations that succeeded. op returns stop
// to end its goroutine (out of work).
func runClients(clients int, d time.Duration, op func(i int) (ok bool, stop bool, fail string)) result {
	type part struct {
		n, errors int
		first     string
		lat       []time.Duration
	}
	parts := make([]part, clients)
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			p := &parts[i]
			p.lat = make([]time.Duration, 0, 4096)
			for time.Now().Before(deadline) {
				t0 := time.Now()
				ok, stop, fail := op(i)
				if stop { // counted as an error: the point ran short of work
					p.errors++
					if p.first == "" {
						p.first = fail
					}
					return
				}
				if ok {
					p.n++
					p.lat = append(p.lat, time.Since(t0))
				} else {
					p.errors++
					if p.first == "" {
						p.first = fail
					}
				}
			}
		})
	}
	wg.Wait()
	r := result{elapsed: time.Since(start)}
	for _, p := range parts {
		r.n += p.n
		r.errors += p.errors
		r.lat = append(r.lat, p.lat...)
		if r.first == "" {
			r.first = p.first
		}
	}
	slices.Sort(r.lat)
	return r
}

// runEndpoint posts check-ins for d, client i acting as the first worker
// of ws[i] with orders left, each on a new order of that worker with a new
// event id; 201 is a success.
func runEndpoint(ctx context.Context, c *http.Client, base string, ws [][]*worker, d time.Duration) result {
	return runClients(len(ws), d, func(i int) (bool, bool, string) {
		var w *worker
		var o string
		for _, w = range ws[i] {
			if o = w.take(); o != "" {
				break
			}
		}
		if o == "" {
			return false, true, "the workers have no orders left: raise -orders"
		}
		r, err := post(ctx, c, base, w.Token, newCheckIn(o, "phone-"+w.ID[len(w.ID)-6:]), false)
		switch {
		case err != nil:
			return false, false, err.Error()
		case r.Status != http.StatusCreated:
			return false, false, fmt.Sprintf("%d %s", r.Status, r.Body)
		}
		return true, false, ""
	})
}

// rawBody is the ~300-byte text column of the raw insert, about the size
// of a check-in's stored JSON.
var rawBody = strings.Repeat("visit-event-body-", 18)

// createRaw makes the scratch table of the raw insert rate: a UUID key, a
// text body and a timestamp, like visit_events without its index.
func createRaw(ctx context.Context, w *sql.DB, postgres bool) error {
	ts := "DATETIME"
	if postgres {
		ts = "TIMESTAMPTZ"
	}
	_, err := w.ExecContext(ctx, `CREATE TABLE bench_raw (id TEXT PRIMARY KEY, body TEXT NOT NULL, at `+ts+` NOT NULL)`)
	return err
}

// runRaw inserts one row per transaction from `clients` goroutines through
// pool w for d.
func runRaw(ctx context.Context, w *sql.DB, clients int, d time.Duration) result {
	return runClients(clients, d, func(int) (bool, bool, string) {
		tx, err := w.BeginTx(ctx, nil)
		if err != nil {
			return false, false, err.Error()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO bench_raw (id, body, at) VALUES ($1, $2, $3)`,
			uuid.Must(uuid.NewV7()).String(), rawBody, time.Now().UTC().Truncate(time.Microsecond)); err != nil {
			tx.Rollback()
			return false, false, err.Error()
		}
		if err := tx.Commit(); err != nil {
			return false, false, err.Error()
		}
		return true, false, ""
	})
}
