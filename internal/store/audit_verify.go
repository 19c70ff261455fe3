package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"jiuzhu/internal/audit"
)

// VerifyAudit seals what is pending, then walks the whole sealed audit chain
// in order, page by page, and checks every checkpoint (the table's and the
// anchor file's) against it. It returns the number of good entries, the last
// hash, and a *audit.Break at the first broken link.
func (db *DB) VerifyAudit(ctx context.Context) (n int64, last string, err error) {
	// A sealer that refuses to extend a cut chain reports a Break; the
	// checks below name it as well or find an earlier one.
	_, sealErr := db.seal(ctx, true)
	var sealBreak *audit.Break
	if sealErr != nil && !errors.As(sealErr, &sealBreak) {
		return 0, audit.Genesis, sealErr
	}
	// Bounds first, head second: a checkpoint or anchor line written by a
	// concurrent sealer after this point is beyond the bounds, so it is never
	// mistaken for one the chain fails to reach.
	var cpMax int64
	if err := db.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoints`).Scan(&cpMax); err != nil {
		return 0, audit.Genesis, translate(err)
	}
	anchorSize, err := db.sealer.anchorSize()
	if err != nil {
		return 0, audit.Genesis, err
	}
	head, _, err := sealedHead(ctx, db.r)
	if err != nil {
		return 0, audit.Genesis, err
	}

	v := audit.NewVerifier()
	if err := db.walkAudit(ctx, v, head); err != nil {
		return v.Count(), v.Last(), err
	}
	cpErr, err := db.checkCheckpoints(ctx, v, cpMax)
	if err != nil {
		return v.Count(), v.Last(), err
	}
	anchorErr, err := db.checkAnchor(ctx, v, anchorSize)
	if err != nil {
		return v.Count(), v.Last(), err
	}
	// The earliest break of all checks is the one to report.
	var broken error
	if sealBreak != nil {
		broken = sealBreak
	}
	return v.Count(), v.Last(), first(first(broken, cpErr), anchorErr)
}

// walkAudit feeds every entry up to head to v; an unsealed entry below the
// sealed head is a break.
func (db *DB) walkAudit(ctx context.Context, v *audit.Verifier, head int64) error {
	after := int64(0)
	for {
		rows, err := db.r.QueryContext(ctx, `SELECT seq, at, actor, action, entity, entity_id, place_code, detail, prev_hash, hash
			FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 1000`, after, head)
		if err != nil {
			return translate(err)
		}
		got := 0
		for rows.Next() {
			var e audit.Entry
			if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.PlaceCode, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
				rows.Close()
				return translate(err)
			}
			if err := v.Next(&e); err != nil {
				rows.Close()
				return err
			}
			after = e.Seq
			got++
		}
		if err := rows.Close(); err != nil {
			return translate(err)
		}
		if got == 0 {
			return nil
		}
	}
}

// checkCheckpoints compares the table's checkpoints up to upTo with the
// verified chain in v and returns the first break (nil for none); the
// second result is a failure to read.
func (db *DB) checkCheckpoints(ctx context.Context, v *audit.Verifier, upTo int64) (broken, err error) {
	after := int64(0)
	for {
		rows, err := db.r.QueryContext(ctx, `SELECT c.seq, c.hash, c.at, COALESCE(l.hash, '')
			FROM audit_checkpoints c LEFT JOIN audit_log l ON l.seq = c.seq
			WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq LIMIT 1000`, after, upTo)
		if err != nil {
			return nil, translate(err)
		}
		got := 0
		for rows.Next() {
			var c audit.Checkpoint
			var hash string
			if err := rows.Scan(&c.Seq, &c.Hash, &c.At, &hash); err != nil {
				rows.Close()
				return nil, translate(err)
			}
			if b := checkpointBreak(v, c, hash); b != nil {
				rows.Close()
				return b, nil
			}
			after = c.Seq
			got++
		}
		if err := rows.Close(); err != nil {
			return nil, translate(err)
		}
		if got == 0 {
			return nil, nil
		}
	}
}

// checkpointBreak checks one checkpoint against the chain verified in v;
// hash is the entry's at c.Seq.
func checkpointBreak(v *audit.Verifier, c audit.Checkpoint, hash string) error {
	if err := v.Reaches(c); err != nil {
		return err
	}
	return c.Check(hash)
}

// checkAnchor compares the first size bytes of the anchor file with the
// verified chain in v, a page of lines at a time, and returns the break at
// the lowest sequence number (nil for none); the second result is a failure
// to read.
func (db *DB) checkAnchor(ctx context.Context, v *audit.Verifier, size int64) (broken, err error) {
	if db.sealer.anchor == "" || size == 0 {
		return nil, nil
	}
	f, err := os.Open(db.sealer.anchor)
	if err != nil {
		return nil, fmt.Errorf("audit anchor: %w", err)
	}
	defer f.Close()
	var page []audit.Checkpoint
	flush := func() error {
		hashes, err := db.hashesAt(ctx, page)
		if err != nil {
			return err
		}
		for _, c := range page {
			if b := checkpointBreak(v, c, hashes[c.Seq]); b != nil {
				broken = first(broken, b)
			}
		}
		page = page[:0]
		return nil
	}
	err = readAnchor(io.NewSectionReader(f, 0, size), false, func(c audit.Checkpoint) error {
		page = append(page, c)
		if len(page) == 500 {
			return flush()
		}
		return nil
	})
	if err == nil && len(page) > 0 {
		err = flush()
	}
	return broken, err
}

// first returns whichever of two breaks names the lower sequence number.
func first(a, b error) error {
	var ba, bb *audit.Break
	if !errors.As(a, &ba) || errors.As(b, &bb) && bb.Seq < ba.Seq {
		return b
	}
	return a
}

// hashesAt returns the hashes of the entries at the checkpoints' sequence
// numbers.
func (db *DB) hashesAt(ctx context.Context, cs []audit.Checkpoint) (map[int64]string, error) {
	out := map[int64]string{}
	if len(cs) == 0 {
		return out, nil
	}
	ph := make([]string, len(cs))
	args := make([]any, len(cs))
	for i, c := range cs {
		ph[i] = fmt.Sprintf("$%d", i+1)
		args[i] = c.Seq
	}
	rows, err := db.r.QueryContext(ctx, `SELECT seq, hash FROM audit_log WHERE seq IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var hash string
		if err := rows.Scan(&seq, &hash); err != nil {
			return nil, translate(err)
		}
		out[seq] = hash
	}
	return out, translate(rows.Err())
}

// anchorSize returns the anchor file's current size (0 for none).
func (s *sealer) anchorSize() (int64, error) {
	if s.anchor == "" {
		return 0, nil
	}
	fi, err := os.Stat(s.anchor)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("audit anchor: %w", err)
	}
	return fi.Size(), nil
}
