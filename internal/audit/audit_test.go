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
