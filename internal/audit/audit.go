// Package audit defines the tamper-evident audit log: every entry carries the
// hash of its own content and of the entry before it, so editing or removing
// a row breaks the chain at that row. A truncated tail is not detectable from
// the chain alone; the latest hash is also written to the log for anchoring.
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
	n       int64
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
	case e.PrevHash != v.prev:
		return &Break{Seq: e.Seq, Reason: "previous-hash link does not match the entry before"}
	case ComputeHash(e) != e.Hash:
		return &Break{Seq: e.Seq, Reason: "content does not match its hash (row was altered)"}
	}
	v.prev, v.prevSeq = e.Hash, e.Seq
	v.n++
	return nil
}

// Count returns how many entries verified.
func (v *Verifier) Count() int64 { return v.n }

// Last returns the hash of the last verified entry.
func (v *Verifier) Last() string { return v.prev }

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
