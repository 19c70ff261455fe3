package pii

import (
	"bytes"
	"crypto/rand"
	"path/filepath"
	"testing"
)

func mustKeys(tb testing.TB) *Keys {
	tb.Helper()
	m := make([]byte, KeySize)
	rand.Read(m)
	k, err := NewKeys(m)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k := mustKeys(t)
	a, err := k.SealString("65230119800101123X")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := k.SealString("65230119800101123X")
	if bytes.Equal(a, b) {
		t.Fatal("two seals of one value are equal: nonce reused")
	}
	if bytes.Contains(a, []byte("652301")) {
		t.Fatal("sealed value contains plaintext")
	}
	got, err := k.OpenString(a)
	if err != nil || got != "65230119800101123X" {
		t.Fatalf("OpenString=%q, %v", got, err)
	}
	a[len(a)-1] ^= 1
	if _, err := k.OpenString(a); err != ErrCorrupt {
		t.Fatalf("tampered value: err=%v, want ErrCorrupt", err)
	}
	if _, err := mustKeys(t).OpenString(b); err != ErrCorrupt {
		t.Fatalf("other key: err=%v, want ErrCorrupt", err)
	}
}

func TestIndex(t *testing.T) {
	k, k2 := mustKeys(t), mustKeys(t)
	first, again := k.Index("a"), k.Index("a")
	if first != again || first == k.Index("b") || first == k2.Index("a") {
		t.Fatal("blind index must be deterministic per key and differ across values and keys")
	}
}

func TestKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "jiuzhu.key")
	k1, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if k1.Index("x") != k2.Index("x") {
		t.Fatal("reloaded key differs from created key")
	}
}

func TestMask(t *testing.T) {
	for _, tc := range []struct {
		fn       func(string) string
		in, want string
	}{
		{MaskID, "65230119800101123X", "6523**********123X"},
		{MaskPhone, "13812345678", "138****5678"},
		{MaskName, "张三丰", "张**"},
		{MaskName, "A", "A"},
		{MaskID, "123", "1**"},
	} {
		if got := tc.fn(tc.in); got != tc.want {
			t.Errorf("mask(%q)=%q, want %q", tc.in, got, tc.want)
		}
	}
}
