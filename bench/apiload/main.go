// Command apiload measures API throughput on a running jiuzhu: it logs in,
// then sends a bounded number of GET requests from several workers and
// prints requests per second and latency percentiles. It only talks to the
// address it is given; use loopback.
//
//	go run ./bench/apiload -url http://127.0.0.1:8080 -n 5000 -c 8
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server base URL")
	user := flag.String("user", "county", "username")
	password := flag.String("password", "jiuzhu-demo", "password")
	path := flag.String("path", "/api/v1/persons?limit=50", "path to request")
	n := flag.Int("n", 5000, "number of requests")
	c := flag.Int("c", 8, "concurrent workers")
	flag.Parse()
	if err := run(*base, *user, *password, *path, *n, *c); err != nil {
		fmt.Fprintln(os.Stderr, "apiload:", err)
		os.Exit(1)
	}
}

func run(base, user, password, path string, n, c int) error {
	body, _ := json.Marshal(map[string]string{"username": user, "password": password})
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	var tok struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if tok.Token == "" {
		return fmt.Errorf("login as %s failed: %s", user, resp.Status)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}, Timeout: 30 * time.Second}
	var next, failed atomic.Int64
	lat := make([][]time.Duration, c)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				req, _ := http.NewRequest("GET", base+path, nil)
				req.Header.Set("Authorization", "Bearer "+tok.Token)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed.Add(1)
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[int(p*float64(len(all)-1))] }
	fmt.Printf("requests=%d failed=%d concurrency=%d seconds=%.2f rps=%.0f p50=%s p90=%s p99=%s\n",
		len(all), failed.Load(), c, elapsed.Seconds(), float64(len(all))/elapsed.Seconds(),
		pct(0.5).Round(10*time.Microsecond), pct(0.9).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond))
	return nil
}
