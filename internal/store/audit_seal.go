package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"jiuzhu/internal/audit"
)

const (
	// sealBatch bounds one sealing transaction, which on SQLite holds the
	// only writer connection that requests and River share.
	sealBatch = 1000
	// sealEvery is how often the background sealer looks for new entries.
	sealEvery = time.Second
	// sealLockKey, with the audit table's oid as the second key, serialises
	// sealers (never writers) across app instances.
	sealLockKey = 7010002
)

// sealer holds the sealing state kept outside the database: the anchor file
// and the background loop.
type sealer struct {
	anchor string // checkpoint file; empty = none

	mu       sync.Mutex
	anchored int64 // highest seq in the anchor file; -1 until read
	stop     func()
}

func newSealer(anchor string) *sealer { return &sealer{anchor: anchor, anchored: -1} }

// SealAudit hashes the unsealed audit entries into the chain, in sequence
// order, and returns how many it sealed (gap entries included). A sequence
// number that is missing while a later one exists becomes a gap entry once
// no transaction that could still commit it is open; until then sealing
// stops before it. When another sealer holds the lock it returns 0 at once:
// that one is doing the work.
func (db *DB) SealAudit(ctx context.Context) (int, error) { return db.seal(ctx, false) }

// seal runs sealing transactions until nothing is left, then anchors the
// last checkpoint outside the database. wait blocks on another sealer
// instead of leaving the work to it.
func (db *DB) seal(ctx context.Context, wait bool) (int, error) {
	// When the newest entry is sealed there is nothing to do: one indexed
	// read instead of a write transaction every second.
	var newest string
	err := db.r.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&newest)
	if errors.Is(err, sql.ErrNoRows) || err == nil && newest != "" {
		return 0, nil
	}
	if err != nil {
		return 0, translate(err)
	}
	total := 0
	var last *audit.Checkpoint
	for {
		var n int
		var cp *audit.Checkpoint
		var more bool
		n, cp, more, err = db.sealBatch(ctx, wait)
		total += n
		if cp != nil {
			last = cp
		}
		if err != nil || !more {
			break
		}
	}
	if last != nil {
		// After commit: the file must never hold a checkpoint the database
		// lost. A crash before this line loses only an anchor line.
		err = errors.Join(err, db.sealer.appendAnchor(*last))
	}
	return total, err
}

// sealBatch seals up to sealBatch entries in one transaction and writes the
// checkpoint. more reports that entries may be left.
func (db *DB) sealBatch(ctx context.Context, wait bool) (sealed int, cp *audit.Checkpoint, more bool, err error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, nil, false, translate(err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			sealed, cp, more = 0, nil, false
		}
	}()
	if db.dialect == Postgres {
		// SQLite needs no lock: its transactions are immediate, so the
		// sealer runs alone.
		if wait {
			_, err = tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, 'audit_log'::regclass::oid::int)`, sealLockKey)
		} else {
			var got bool
			if err = tx.QueryRowContext(ctx, `SELECT pg_try_advisory_xact_lock($1, 'audit_log'::regclass::oid::int)`, sealLockKey).Scan(&got); err == nil && !got {
				tx.Rollback()
				return 0, nil, false, nil
			}
		}
		if err != nil {
			return 0, nil, false, translate(err)
		}
	}
	// Settled gaps are read before the entries: an entry committed by a
	// transaction that has ended is then visible to the read below.
	settled, err := db.settledGaps(ctx, tx)
	if err != nil {
		return 0, nil, false, err
	}
	head, prev, err := sealedHead(ctx, tx)
	if err != nil {
		return 0, nil, false, err
	}
	if err := db.checkHead(ctx, tx, head); err != nil {
		return 0, nil, false, err
	}
	batch, err := unsealed(ctx, tx, head)
	if err != nil {
		return 0, nil, false, err
	}
	now := db.clock()
	next, blocked := head+1, false
	for i := range batch {
		e := &batch[i]
		for next < e.Seq && !blocked {
			if !settled[next] {
				if err := db.notePending(ctx, tx, next, e.Seq-1); err != nil {
					return 0, nil, false, err
				}
				blocked = true
				break
			}
			g := audit.Gap(next, now, prev)
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, place_code, detail, prev_hash, hash)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				g.Seq, g.At, g.Actor, g.Action, g.Entity, g.EntityID, g.PlaceCode, g.Detail, g.PrevHash, g.Hash); err != nil {
				return 0, nil, false, translate(err)
			}
			prev, next = g.Hash, next+1
			sealed++
		}
		if blocked {
			break
		}
		e.PrevHash = prev
		e.Hash = audit.ComputeHash(e)
		res, err := tx.ExecContext(ctx, `UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3 AND hash = ''`, e.PrevHash, e.Hash, e.Seq)
		if err != nil {
			return 0, nil, false, translate(err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return 0, nil, false, fmt.Errorf("audit: seal %d: entry changed while sealing (%d rows, %v)", e.Seq, n, err)
		}
		prev, next = e.Hash, next+1
		sealed++
	}
	if sealed > 0 {
		cp = &audit.Checkpoint{Seq: next - 1, Hash: prev, At: now}
		if _, err := tx.ExecContext(ctx, `DELETE FROM audit_pending_gaps WHERE seq <= $1`, cp.Seq); err != nil {
			return 0, nil, false, translate(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_checkpoints (seq, hash, at) VALUES ($1, $2, $3)`, cp.Seq, cp.Hash, cp.At); err != nil {
			return 0, nil, false, translate(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, nil, false, translate(err)
	}
	return sealed, cp, !blocked && len(batch) == sealBatch, nil
}

// sealedHead returns the newest sealed entry (0 and the genesis hash for
// none).
func sealedHead(ctx context.Context, q querier) (int64, string, error) {
	var seq int64
	hash := audit.Genesis
	err := q.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log WHERE hash <> '' ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, audit.Genesis, nil
	}
	return seq, hash, translate(err)
}

// checkHead refuses to seal onto a chain that ends before a checkpoint: its
// newest entries were removed, and sealing new ones (or gaps) in their place
// would hide that.
func (db *DB) checkHead(ctx context.Context, q querier, head int64) error {
	var cp int64
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoints`).Scan(&cp); err != nil {
		return translate(err)
	}
	anchored, err := db.sealer.anchoredSeq()
	if err != nil {
		return err
	}
	cp = max(cp, anchored)
	if cp > head {
		return &audit.Break{Seq: head + 1, Reason: fmt.Sprintf("entries %d to %d are missing: the chain ends before checkpoint %d; sealing stopped", head+1, cp, cp)}
	}
	return nil
}

// unsealed returns up to sealBatch entries after head, in sequence order.
func unsealed(ctx context.Context, q querier, head int64) ([]audit.Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, at, actor, action, entity, entity_id, place_code, detail
		FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, head, sealBatch)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.PlaceCode, &e.Detail); err != nil {
			return nil, translate(err)
		}
		out = append(out, e)
	}
	return out, translate(rows.Err())
}

// settledGaps returns the pending gaps no open transaction can still fill.
//
// On PostgreSQL a writer draws its number inside its transaction, and the
// sequence hands numbers out in order; a number noted missing at time T,
// while a later one had committed, was therefore drawn by a transaction that
// started before T. Once every transaction open now started after T (or
// none is open), that one has ended: had it committed, its entry would be
// visible. A backend clears its xact_start only after its commit is visible.
// The role must see its own sessions in pg_stat_activity, which it always
// does; entries written under other roles are not expected.
//
// On SQLite the sealer's transaction excludes every writer and numbers are
// max(seq)+1, so a missing number never comes back.
func (db *DB) settledGaps(ctx context.Context, q querier) (map[int64]bool, error) {
	query := `SELECT seq FROM audit_pending_gaps ORDER BY seq LIMIT $1`
	if db.dialect == Postgres {
		query = `SELECT seq FROM audit_pending_gaps
			WHERE seen_at < COALESCE((SELECT min(t) FROM (
				SELECT xact_start AS t FROM pg_stat_activity
				 WHERE backend_type = 'client backend' AND xact_start IS NOT NULL
				   AND pid <> pg_backend_pid() AND datname = current_database()
				UNION ALL
				SELECT prepared FROM pg_prepared_xacts WHERE database = current_database()) open), 'infinity')
			ORDER BY seq LIMIT $1`
	}
	rows, err := q.QueryContext(ctx, query, sealBatch)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, translate(err)
		}
		out[seq] = true
	}
	return out, translate(rows.Err())
}

// notePending records the sequence numbers from..to as first seen missing
// now, keeping an earlier note. At most sealBatch are noted at a time.
func (db *DB) notePending(ctx context.Context, q querier, from, to int64) error {
	to = min(to, from+sealBatch-1)
	// The database clock on PostgreSQL, to compare with xact_start; SQLite
	// never compares the time.
	at, args := `clock_timestamp()`, []any{nil}
	if db.dialect == SQLite {
		at, args = `$2`, []any{nil, db.clock()}
	}
	for s := from; s <= to; s++ {
		args[0] = s
		if _, err := q.ExecContext(ctx, `INSERT INTO audit_pending_gaps (seq, seen_at) VALUES ($1, `+at+`) ON CONFLICT (seq) DO NOTHING`, args...); err != nil {
			return translate(err)
		}
	}
	return nil
}

// startSealer seals new audit entries about once a second until ctx ends or
// the store closes.
func (db *DB) startSealer(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(sealEvery)
		defer t.Stop()
		failing := ""
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			_, err := db.SealAudit(ctx)
			switch {
			case ctx.Err() != nil:
				return
			case err == nil && failing != "":
				db.log.Info("audit sealing resumed")
				failing = ""
			case err != nil && err.Error() != failing:
				// Once per distinct error: a broken chain stays broken.
				db.log.Error("audit sealing", "err", err)
				failing = err.Error()
			}
		}
	}()
	db.sealer.mu.Lock()
	db.sealer.stop = func() { cancel(); <-done }
	db.sealer.mu.Unlock()
}

// stopLoop stops the background sealer, if started.
func (s *sealer) stopLoop() {
	s.mu.Lock()
	stop := s.stop
	s.stop = nil
	s.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// appendAnchor appends c to the anchor file and syncs it to disk.
func (s *sealer) appendAnchor(c audit.Checkpoint) error {
	if s.anchor == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.OpenFile(s.anchor, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("audit anchor: %w", err)
	}
	_, err = f.WriteString(c.String() + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("audit anchor: %w", err)
	}
	s.anchored = max(s.anchored, c.Seq)
	return nil
}

// anchoredSeq returns the highest sequence number in the anchor file (0 for
// none), reading the file's tail once.
func (s *sealer) anchoredSeq() (int64, error) {
	if s.anchor == "" {
		return 0, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.anchored >= 0 {
		return s.anchored, nil
	}
	f, err := os.Open(s.anchor)
	if errors.Is(err, os.ErrNotExist) {
		s.anchored = 0
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("audit anchor: %w", err)
	}
	defer f.Close()
	// The newest lines are at the end; the file grows without bound.
	const tail = 64 << 10
	fi, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("audit anchor: %w", err)
	}
	off := max(0, fi.Size()-tail)
	var seq int64
	err = readAnchor(io.NewSectionReader(f, off, fi.Size()-off), off > 0, func(c audit.Checkpoint) error {
		seq = max(seq, c.Seq)
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.anchored = seq
	return seq, nil
}

// readAnchor calls fn for each checkpoint line of r. A final line without
// its newline is a write cut short and is skipped; so is a first line cut
// by starting mid-file (partial).
func readAnchor(r io.Reader, partial bool, fn func(audit.Checkpoint) error) error {
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("audit anchor: %w", err)
		}
		if partial && n == 1 {
			continue
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		c, err := audit.ParseCheckpoint(line)
		if err != nil {
			return fmt.Errorf("audit anchor line %d: %w", n, err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
}
