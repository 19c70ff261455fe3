package blob

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLocalLayout(t *testing.T) {
	dir := t.TempDir()
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(context.Background(), jpegishSHA, jpegish, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, jpegishSHA[:2], jpegishSHA))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), string(jpegish); got != want {
		t.Fatalf("file = %q, want %q", got, want)
	}
	left, err := os.ReadDir(filepath.Join(dir, "tmp"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(left), 0; got != want {
		t.Fatalf("%d temp files left, want %d", got, want)
	}
}

// A crash mid-write leaves only a temp file: the blob is not visible, and
// the next start removes the temp file once it is stale.
func TestLocalCrashLeftovers(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewLocal(dir); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "tmp", "put-crashed")
	fresh := filepath.Join(dir, "tmp", "put-in-progress")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, jpegish[:4], 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleTemp)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Stat(context.Background(), jpegishSHA); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Stat = %v, want %v", err, ErrNotFound)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale temp file: %v, want it removed", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Fatalf("fresh temp file: %v, want it kept (a write may be running)", err)
	}
}

// A blob without its sidecar (copied in by hand) has its type sniffed.
func TestLocalMissingSidecar(t *testing.T) {
	dir := t.TempDir()
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	png := []byte("\x89PNG\r\n\x1a\n not really")
	sha := Sum(png)
	if err := os.MkdirAll(filepath.Join(dir, sha[:2]), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, sha[:2], sha), png, 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := s.Stat(context.Background(), sha)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := info.ContentType, "image/png"; got != want {
		t.Fatalf("ContentType = %q, want %q", got, want)
	}
}
