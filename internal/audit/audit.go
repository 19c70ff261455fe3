// Package audit defines the tamper-evident audit log: every entry carries the
// hash of its own content and of the entry before it, so editing or removing
// a row breaks the chain at that row. Entries are written unsealed and hashed
// later in sequence order; a sequence number that never committed is sealed
// as a gap entry, so the chain stays contiguous. A truncated tail is not
// detectable from the chain alone: checkpoints (sequence number and hash),
// also kept outside the database, make it so.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Entry is one audit record.
type Entry struct {
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`  // username, or "system"
	Action    string    `json:"action"` // e.g. person.create
	Entity    string    `json:"entity"` // e.g. person
	EntityID  string    `json:"entity_id"`
	PlaceCode string    `json:"place_code,omitempty"`
	Detail    string    `json:"detail,omitempty"` // JSON; never holds plaintext secrets
	PrevHash  string    `json:"prev_hash"`
	Hash      string    `json:"hash"`
}

// Genesis is the previous hash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// GapAction marks an entry that stands for a sequence number no transaction
// committed (one that rolled back after drawing it).
const GapAction = "audit.gap"

// Gap returns the sealed gap entry for seq, chained to prev.
func Gap(seq int64, at time.Time, prev string) Entry {
	e := Entry{Seq: seq, At: at, Actor: "system", Action: GapAction, Entity: "audit_log", EntityID: strconv.FormatInt(seq, 10), PrevHash: prev}
	e.Hash = ComputeHash(&e)
	return e
}

// Sealed reports whether e has been hashed into the chain; an entry is
// written without hashes and sealed shortly after its transaction commits.
func (e *Entry) Sealed() bool { return e.Hash != "" }

// ComputeHash returns the hash of e's content chained to e.PrevHash. Times
// count in microseconds, the precision both databases keep.
func ComputeHash(e *Entry) string {
	h := sha256.New()
	fields := []string{
		strconv.FormatInt(e.Seq, 10),
		strconv.FormatInt(e.At.UnixMicro(), 10),
		e.Actor, e.Action, e.Entity, e.EntityID, e.PlaceCode, e.Detail, e.PrevHash,
	}
	for _, f := range fields {
		// Length prefixes keep "ab"+"c" apart from "a"+"bc".
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Break describes the first link that does not hold.
type Break struct {
	Seq    int64
	Reason string
}

func (b *Break) Error() string {
	return fmt.Sprintf("audit chain broken at seq %d: %s", b.Seq, b.Reason)
}

// Verifier checks entries fed in sequence order.
type Verifier struct {
	prev    string
	prevSeq int64
	n, gaps int64
}

// NewVerifier starts a verification at the genesis.
func NewVerifier() *Verifier { return &Verifier{prev: Genesis} }

// Next checks one entry and returns a *Break at the first bad link.
func (v *Verifier) Next(e *Entry) error {
	switch {
	case v.n > 0 && e.Seq != v.prevSeq+1:
		return &Break{Seq: e.Seq, Reason: fmt.Sprintf("entry %d is missing", v.prevSeq+1)}
	case v.n == 0 && e.Seq != 1:
		return &Break{Seq: e.Seq, Reason: "entries before this one are missing"}
	case !e.Sealed():
		return &Break{Seq: e.Seq, Reason: "entry is not sealed although later entries are"}
	case e.PrevHash != v.prev:
		return &Break{Seq: e.Seq, Reason: "previous-hash link does not match the entry before"}
	case ComputeHash(e) != e.Hash:
		return &Break{Seq: e.Seq, Reason: "content does not match its hash (row was altered)"}
	}
	v.prev, v.prevSeq = e.Hash, e.Seq
	v.n++
	if e.Action == GapAction {
		v.gaps++
	}
	return nil
}

// Count returns how many entries verified.
func (v *Verifier) Count() int64 { return v.n }

// Gaps returns how many of the verified entries were gap entries.
func (v *Verifier) Gaps() int64 { return v.gaps }

// Last returns the hash of the last verified entry.
func (v *Verifier) Last() string { return v.prev }

// LastSeq returns the sequence number of the last verified entry, 0 before
// the first.
func (v *Verifier) LastSeq() int64 { return v.prevSeq }

// Checkpoint records the chain's head at a moment: the hash at Seq commits
// to every entry up to it, so a checkpoint kept where the database cannot
// reach reveals a rewritten or truncated chain.
type Checkpoint struct {
	Seq  int64
	Hash string
	At   time.Time
}

// String formats c as one anchor-file line (without the newline):
// "seq hash at", the time in RFC 3339 UTC.
func (c Checkpoint) String() string {
	return fmt.Sprintf("%d %s %s", c.Seq, c.Hash, c.At.UTC().Format(time.RFC3339Nano))
}

// ParseCheckpoint reads one anchor-file line written by Checkpoint.String.
func ParseCheckpoint(line string) (Checkpoint, error) {
	f := strings.Fields(line)
	if len(f) != 3 {
		return Checkpoint{}, fmt.Errorf("checkpoint %q: want \"seq hash time\"", line)
	}
	seq, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || seq < 1 {
		return Checkpoint{}, fmt.Errorf("checkpoint %q: bad sequence number", line)
	}
	if _, err := hex.DecodeString(f[1]); err != nil || len(f[1]) != len(Genesis) {
		return Checkpoint{}, fmt.Errorf("checkpoint %q: bad hash", line)
	}
	at, err := time.Parse(time.RFC3339Nano, f[2])
	if err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint %q: bad time", line)
	}
	return Checkpoint{Seq: seq, Hash: f[1], At: at}, nil
}

// Check compares c with the hash of the entry at c.Seq and returns a *Break
// when they disagree.
func (c Checkpoint) Check(hash string) error {
	if hash != c.Hash {
		return &Break{Seq: c.Seq, Reason: fmt.Sprintf("hash differs from the checkpoint of %s (chain rewritten)", c.At.UTC().Format(time.RFC3339))}
	}
	return nil
}

// Reaches returns a *Break, at the first missing entry, when the chain
// verified so far ends before checkpoint c: its newest entries were removed.
func (v *Verifier) Reaches(c Checkpoint) error {
	if c.Seq <= v.prevSeq {
		return nil
	}
	return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("entries %d to %d are missing: the chain ends before the checkpoint of %s",
		v.prevSeq+1, c.Seq, c.At.UTC().Format(time.RFC3339))}
}

// Access is one read of a person file (PIPL: who looked at whose data, when, why).
type Access struct {
	At        time.Time `json:"at"`
	UserID    string    `json:"user_id"`
	Username  string    `json:"username"`
	PersonID  string    `json:"person_id"`
	PlaceCode string    `json:"place_code"`
	Purpose   string    `json:"purpose"` // view, edit, api, export
	FullID    bool      `json:"full_id"` // unmasked ID number was shown
}

// Short returns a short form of a hash for display.
func Short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return strings.Clone(h)
}
