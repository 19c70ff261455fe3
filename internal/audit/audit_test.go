package audit

import (
	"errors"
	"testing"
	"time"
)

func chain(n int) []*Entry {
	var out []*Entry
	prev := Genesis
	for i := 1; i <= n; i++ {
		e := &Entry{Seq: int64(i), At: time.Date(2026, 11, 28, 10, 0, i, 0, time.UTC), Actor: "admin", Action: "person.update", Entity: "person", EntityID: "p1", PrevHash: prev}
		e.Hash = ComputeHash(e)
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func verify(es []*Entry) error {
	v := NewVerifier()
	for _, e := range es {
		if err := v.Next(e); err != nil {
			return err
		}
	}
	return nil
}

func TestVerify(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mutate  func([]*Entry) []*Entry
		wantSeq int64
	}{
		{"intact", func(es []*Entry) []*Entry { return es }, 0},
		{"edited", func(es []*Entry) []*Entry { es[2].Actor = "mallory"; return es }, 3},
		{"removed", func(es []*Entry) []*Entry { return append(es[:1], es[2:]...) }, 3},
		{"rehashed edit", func(es []*Entry) []*Entry { es[1].Detail = "x"; es[1].Hash = ComputeHash(es[1]); return es }, 3},
		{"first removed", func(es []*Entry) []*Entry { return es[1:] }, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := verify(tc.mutate(chain(5)))
			var b *Break
			if tc.wantSeq == 0 {
				if err != nil {
					t.Fatalf("err=%v, want nil", err)
				}
				return
			}
			if !errors.As(err, &b) || b.Seq != tc.wantSeq {
				t.Fatalf("err=%v, want break at %d", err, tc.wantSeq)
			}
		})
	}
}

func TestVerifyGapsAndUnsealed(t *testing.T) {
	for _, tc := range []struct {
		name     string
		mutate   func([]*Entry) []*Entry
		wantSeq  int64
		wantGaps int64
	}{
		{"gap in place of an entry", func(es []*Entry) []*Entry {
			g := Gap(3, es[2].At, es[1].Hash)
			es[2] = &g
			return rechain(es, 3)
		}, 0, 1},
		{"unsealed entry", func(es []*Entry) []*Entry { es[1].PrevHash, es[1].Hash = "", ""; return es }, 2, 0},
		{"gap forged without rechaining", func(es []*Entry) []*Entry {
			g := Gap(3, es[2].At, es[1].Hash)
			es[2] = &g
			return es
		}, 4, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := NewVerifier()
			var err error
			for _, e := range tc.mutate(chain(5)) {
				if err = v.Next(e); err != nil {
					break
				}
			}
			var b *Break
			switch {
			case tc.wantSeq == 0 && err != nil:
				t.Fatalf("err=%v, want nil", err)
			case tc.wantSeq != 0 && (!errors.As(err, &b) || b.Seq != tc.wantSeq):
				t.Fatalf("err=%v, want break at %d", err, tc.wantSeq)
			case tc.wantSeq == 0 && (v.Count() != 5 || v.Gaps() != tc.wantGaps || v.LastSeq() != 5):
				t.Fatalf("count %d gaps %d last %d", v.Count(), v.Gaps(), v.LastSeq())
			}
		})
	}
}

// rechain recomputes the hashes from seq on, as the sealer would have.
func rechain(es []*Entry, seq int64) []*Entry {
	for i, e := range es {
		if e.Seq > seq {
			e.PrevHash = es[i-1].Hash
			e.Hash = ComputeHash(e)
		}
	}
	return es
}

func TestCheckpoint(t *testing.T) {
	es := chain(5)
	c := Checkpoint{Seq: 4, Hash: es[3].Hash, At: time.Date(2026, 11, 28, 10, 0, 0, 123456000, time.UTC)}
	got, err := ParseCheckpoint(c.String())
	if err != nil || got.Seq != c.Seq || got.Hash != c.Hash || !got.At.Equal(c.At) {
		t.Fatalf("ParseCheckpoint(%q) = %+v, %v", c.String(), got, err)
	}
	for _, bad := range []string{"", "4 " + es[3].Hash, "x " + es[3].Hash + " 2026-11-28T10:00:00Z", "4 abc 2026-11-28T10:00:00Z", "4 " + es[3].Hash + " yesterday"} {
		if _, err := ParseCheckpoint(bad); err == nil {
			t.Errorf("ParseCheckpoint(%q) accepted", bad)
		}
	}

	v := NewVerifier()
	for _, e := range es[:3] {
		if err := v.Next(e); err != nil {
			t.Fatal(err)
		}
	}
	var b *Break
	if err := v.Reaches(c); !errors.As(err, &b) || b.Seq != 4 {
		t.Fatalf("Reaches a checkpoint past the end: %v, want break at 4", err)
	}
	if err := v.Next(es[3]); err != nil {
		t.Fatal(err)
	}
	if err := v.Reaches(c); err != nil {
		t.Fatalf("Reaches: %v", err)
	}
	if err := c.Check(es[3].Hash); err != nil {
		t.Fatalf("Check: %v", err)
	}
	if err := c.Check(es[2].Hash); !errors.As(err, &b) || b.Seq != 4 {
		t.Fatalf("Check with another hash: %v, want break at 4", err)
	}
}
