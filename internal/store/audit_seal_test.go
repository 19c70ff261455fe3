package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/pii"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// auditDB is an empty store whose checkpoints also go to an anchor file.
type auditDB struct {
	db     *store.DB
	anchor string
	open   func() *store.DB // another instance on the same database
}

func newAuditDB(t testing.TB, d store.Dialect, withAnchor bool) *auditDB {
	t.Helper()
	url, dir, keys := testdb.URL(t, d), t.TempDir(), testdb.Keys(t)
	a := &auditDB{}
	if withAnchor {
		a.anchor = filepath.Join(dir, "audit-anchor.log")
	}
	a.open = func() *store.DB { return openStore(t, url, dir, keys, a.anchor) }
	a.db = a.open()
	return a
}

func openStore(t testing.TB, url, dir string, keys *pii.Keys, anchor string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), store.Options{URL: url, DataDir: dir, Keys: keys, AuditAnchor: anchor})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func (a *auditDB) write(t testing.TB, n int) {
	t.Helper()
	ctx := store.System(context.Background())
	for i := range n {
		if err := a.db.RecordEvent(ctx, "test.write", "test", strconv.Itoa(i), "", map[string]int{"i": i}); err != nil {
			t.Fatal(err)
		}
	}
}

func (a *auditDB) count(t testing.TB, q string) int {
	t.Helper()
	got, err := a.db.QueryStringsForTest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(got[0])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (a *auditDB) exec(t testing.TB, format string, args ...any) {
	t.Helper()
	if err := a.db.ExecForTest(context.Background(), fmt.Sprintf(format, args...)); err != nil {
		t.Fatal(err)
	}
}

// sealAll seals until no entry is left unsealed. On PostgreSQL a gap waits
// for transactions open elsewhere on the server (other tests), hence the
// polling.
func (a *auditDB) sealAll(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for a.count(t, `SELECT COUNT(*) FROM audit_log WHERE hash = ''`) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("entries still unsealed after 30 s")
		}
		if _, err := a.db.SealAudit(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// entries returns the whole log, oldest first.
func (a *auditDB) entries(t testing.TB) []audit.Entry {
	t.Helper()
	es, err := a.db.AuditEntries(context.Background(), 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}

func wantBreak(t testing.TB, err error, seq int64) {
	t.Helper()
	var b *audit.Break
	if !errors.As(err, &b) || b.Seq != seq {
		t.Fatalf("err = %v, want a break at %d", err, seq)
	}
}

// TestAuditSealConcurrentWriters: writers append at once, unsealed and
// without a shared lock, while two sealers run; the result is one chain.
func TestAuditSealConcurrentWriters(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		a := newAuditDB(t, d, true)
		other := a.open()
		base := a.count(t, `SELECT COUNT(*) FROM audit_log`)
		writers, each := 32, 10
		ctx := store.System(t.Context())
		stop := make(chan struct{})
		var sealers sync.WaitGroup
		for _, db := range []*store.DB{a.db, other} {
			sealers.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					if _, err := db.SealAudit(ctx); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					if err := a.db.RecordEvent(ctx, "test.write", "test", fmt.Sprintf("%d-%d", w, i), "", nil); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		close(stop)
		sealers.Wait()
		a.sealAll(t)
		n, last, err := a.db.VerifyAudit(ctx)
		if err != nil || n != int64(base+writers*each) {
			t.Fatalf("VerifyAudit = %d, %v; want %d entries", n, err, base+writers*each)
		}
		if seq, hash, err := a.db.AuditHead(ctx); err != nil || seq != n || hash != last {
			t.Fatalf("AuditHead = %d %s %v; want %d %s", seq, hash, err, n, last)
		}
		if gaps := a.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'audit.gap'`); gaps != 0 {
			t.Fatalf("%d gap entries without any rollback", gaps)
		}
	})
}

// TestAuditSealIdempotent: sealing again seals nothing and writes no
// checkpoint; every pass that sealed left one, in the table and the file.
func TestAuditSealIdempotent(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		a := newAuditDB(t, d, true)
		ctx := t.Context()
		for range 3 {
			a.write(t, 4)
			if n, err := a.db.SealAudit(ctx); err != nil || n != 4 {
				t.Fatalf("SealAudit = %d, %v; want 4", n, err)
			}
		}
		for range 2 {
			if n, err := a.db.SealAudit(ctx); err != nil || n != 0 {
				t.Fatalf("SealAudit again = %d, %v; want 0", n, err)
			}
		}
		if n := a.count(t, `SELECT COUNT(*) FROM audit_checkpoints`); n != 3 {
			t.Fatalf("%d checkpoints, want 3", n)
		}
		b, err := os.ReadFile(a.anchor)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		head, hash, _ := a.db.AuditHead(ctx)
		c, err := audit.ParseCheckpoint(lines[len(lines)-1])
		if len(lines) != 3 || err != nil || c.Seq != head || c.Hash != hash {
			t.Fatalf("anchor file %q; want 3 lines ending at %d %s", b, head, hash)
		}
		if n, _, err := a.db.VerifyAudit(ctx); err != nil || n != head {
			t.Fatalf("VerifyAudit = %d, %v", n, err)
		}
	})
}

// TestAuditSealGap: a sequence number that never commits becomes a gap
// entry, but only once its transaction has ended; one that commits late is
// sealed in its place.
func TestAuditSealGap(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		for _, tc := range []struct {
			name    string
			commit  bool
			wantGap bool
		}{
			{"rolled back", false, true},
			{"committed late", true, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := newAuditDB(t, d, false)
				ctx := store.System(t.Context())
				a.write(t, 2)
				end, err := a.db.AuditOpenForTest(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if d == store.SQLite {
					// One writer: the open transaction holds the number
					// alone, and a rolled-back one is drawn again.
					if err := end(tc.commit); err != nil {
						t.Fatal(err)
					}
					a.write(t, 1)
					a.sealAll(t)
					if n, _, err := a.db.VerifyAudit(ctx); err != nil || n != 3+boolInt(tc.commit) {
						t.Fatalf("VerifyAudit = %d, %v", n, err)
					}
					return
				}
				a.write(t, 1) // commits the number after the open one
				for range 3 {
					if _, err := a.db.SealAudit(ctx); err != nil {
						t.Fatal(err)
					}
					if seq, _, _ := a.db.AuditHead(ctx); seq != 2 {
						t.Fatalf("head = %d while entry 3 is open; want 2", seq)
					}
				}
				if err := end(tc.commit); err != nil {
					t.Fatal(err)
				}
				a.sealAll(t)
				es := a.entries(t)
				if len(es) != 4 || (es[2].Action == audit.GapAction) != tc.wantGap {
					t.Fatalf("entries %+v; want 4 with gap=%v at 3", es, tc.wantGap)
				}
				if n, _, err := a.db.VerifyAudit(ctx); err != nil || n != 4 {
					t.Fatalf("VerifyAudit = %d, %v", n, err)
				}
			})
		}
	})
}

// TestAuditSealLostEntry: an unsealed entry that disappears (as a rolled-back
// PostgreSQL number does) is sealed as a gap on both databases.
func TestAuditSealLostEntry(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		a := newAuditDB(t, d, false)
		a.write(t, 3)
		a.exec(t, `DELETE FROM audit_log WHERE seq = 2`)
		a.sealAll(t)
		es := a.entries(t)
		if len(es) != 3 || es[1].Action != audit.GapAction || es[1].Seq != 2 {
			t.Fatalf("entries %+v; want a gap at 2", es)
		}
		if n, _, err := a.db.VerifyAudit(t.Context()); err != nil || n != 3 {
			t.Fatalf("VerifyAudit = %d, %v", n, err)
		}
		if n := a.count(t, `SELECT COUNT(*) FROM audit_pending_gaps`); n != 0 {
			t.Fatalf("%d pending gaps left", n)
		}
	})
}

// TestAuditTamper: each change behind the application's back is reported
// at the entry it affects. Ten entries are sealed in one pass, so the one
// checkpoint is at 10.
func TestAuditTamper(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		for _, tc := range []struct {
			name    string
			anchor  bool
			tamper  func(t *testing.T, a *auditDB)
			wantSeq int64
		}{
			{"edited", false, func(t *testing.T, a *auditDB) {
				a.exec(t, `UPDATE audit_log SET actor = 'mallory' WHERE seq = 5`)
			}, 5},
			{"middle removed", false, func(t *testing.T, a *auditDB) {
				a.exec(t, `DELETE FROM audit_log WHERE seq = 5`)
			}, 6},
			{"unsealed in the middle", false, func(t *testing.T, a *auditDB) {
				a.exec(t, `UPDATE audit_log SET hash = '', prev_hash = '' WHERE seq = 4`)
			}, 4},
			{"forged row appended", false, func(t *testing.T, a *auditDB) {
				es := a.entries(t)
				a.exec(t, `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, place_code, detail, prev_hash, hash)
					SELECT 11, at, 'mallory', 'person.delete', 'person', 'p1', '', '', '%s', '%s' FROM audit_log WHERE seq = 10`,
					es[9].Hash, strings.Repeat("ab", 32))
			}, 11},
			{"forged row slipped in", false, func(t *testing.T, a *auditDB) {
				// A forged entry that chains correctly to 5 shows at the
				// entry after it, whose link it cannot satisfy.
				es := a.entries(t)
				a.exec(t, `UPDATE audit_log SET seq = -seq WHERE seq > 5`)
				a.exec(t, `UPDATE audit_log SET seq = 1 - seq WHERE seq < 0`)
				f := es[5]
				f.Seq, f.Actor, f.PrevHash = 6, "mallory", es[4].Hash
				f.Hash = audit.ComputeHash(&f)
				a.exec(t, `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, place_code, detail, prev_hash, hash)
					SELECT 6, at, 'mallory', action, entity, entity_id, place_code, detail, '%s', '%s' FROM audit_log WHERE seq = 7`, f.PrevHash, f.Hash)
			}, 7},
			{"newest removed", false, func(t *testing.T, a *auditDB) {
				a.exec(t, `DELETE FROM audit_log WHERE seq >= 9`)
			}, 9},
			{"newest removed with their checkpoint", true, func(t *testing.T, a *auditDB) {
				a.exec(t, `DELETE FROM audit_log WHERE seq >= 9`)
				a.exec(t, `DELETE FROM audit_checkpoints`)
			}, 9},
			{"newest removed, then new writes", true, func(t *testing.T, a *auditDB) {
				a.exec(t, `DELETE FROM audit_log WHERE seq >= 9`)
				a.exec(t, `DELETE FROM audit_checkpoints`)
				a.write(t, 3)
			}, 9},
			{"chain rewritten", false, func(t *testing.T, a *auditDB) {
				rewrite(t, a, 3)
			}, 10},
			{"chain and checkpoints rewritten", true, func(t *testing.T, a *auditDB) {
				hash := rewrite(t, a, 3)
				a.exec(t, `UPDATE audit_checkpoints SET hash = '%s'`, hash)
			}, 10},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := newAuditDB(t, d, tc.anchor)
				ctx := t.Context()
				a.write(t, 10)
				if n, _, err := a.db.VerifyAudit(ctx); err != nil || n != 10 {
					t.Fatalf("before: VerifyAudit = %d, %v", n, err)
				}
				tc.tamper(t, a)
				_, _, err := a.db.VerifyAudit(ctx)
				wantBreak(t, err, tc.wantSeq)
				t.Log(err)
			})
		}
	})
}

// rewrite edits entry seq and recomputes every hash after it, as someone
// who knows the hash function would; it returns the new head hash.
func rewrite(t *testing.T, a *auditDB, seq int64) string {
	t.Helper()
	es := a.entries(t)
	prev := audit.Genesis
	for i := range es {
		e := &es[i]
		if e.Seq == seq {
			e.Actor = "mallory"
		}
		if e.Seq >= seq {
			e.PrevHash = prev
			e.Hash = audit.ComputeHash(e)
			a.exec(t, `UPDATE audit_log SET actor = '%s', prev_hash = '%s', hash = '%s' WHERE seq = %d`, e.Actor, e.PrevHash, e.Hash, e.Seq)
		}
		prev = e.Hash
	}
	return prev
}

// TestAuditSealerJob: with the background jobs started, entries are sealed
// without anyone asking.
func TestAuditSealerJob(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		a := newAuditDB(t, d, false)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		if err := a.db.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		a.write(t, 5)
		deadline := time.Now().Add(15 * time.Second)
		for a.count(t, `SELECT COUNT(*) FROM audit_log WHERE hash = ''`) > 0 {
			if time.Now().After(deadline) {
				t.Fatal("entries still unsealed after 15 s")
			}
			time.Sleep(50 * time.Millisecond)
		}
		seq, _, err := a.db.AuditHead(ctx)
		if want := a.count(t, `SELECT COUNT(*) FROM audit_log`); err != nil || seq != int64(want) || want < 5 {
			t.Fatalf("head = %d, %v; want %d", seq, err, want)
		}
	})
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// BenchmarkAuditedWriteParallel measures audited writes from many clients at
// once (16 goroutines per CPU), with the background sealer running:
//
//	go test ./internal/store -run '^$' -bench AuditedWriteParallel
func BenchmarkAuditedWriteParallel(b *testing.B) {
	for _, d := range testdb.Dialects {
		b.Run(string(d), func(b *testing.B) {
			a := newAuditDB(b, d, true)
			ctx, cancel := context.WithCancel(store.System(context.Background()))
			defer cancel()
			if err := a.db.StartJobs(ctx); err != nil {
				b.Fatal(err)
			}
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := a.db.RecordEvent(ctx, "bench.write", "bench", "x", "", nil); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			if _, _, err := a.db.VerifyAudit(ctx); err != nil {
				b.Fatal(err)
			}
		})
	}
}
