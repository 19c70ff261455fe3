package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
)

// backends lists every Store under test; each open returns an empty store.
var backends = []struct {
	name string
	open func(t *testing.T) Store
}{
	{"local", func(t *testing.T) Store {
		s, err := NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}},
	{"s3", func(t *testing.T) Store { return newFakeS3(t, "evidence") }},
}

var (
	jpegish    = []byte("\xff\xd8\xff\xe0 a photo of a kitchen")
	jpegishSHA = Sum(jpegish)
	absentSHA  = Sum([]byte("never stored"))
)

// conformance is the behaviour every Store shares.
var conformance = []struct {
	name string
	run  func(t *testing.T, s Store)
}{
	{"put get stat", func(t *testing.T, s Store) {
		ctx := context.Background()
		if err := s.Put(ctx, jpegishSHA, jpegish, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		want := Info{SHA: jpegishSHA, Size: int64(len(jpegish)), ContentType: "image/jpeg"}
		info, err := s.Stat(ctx, jpegishSHA)
		if err != nil {
			t.Fatal(err)
		}
		if got := info; got != want {
			t.Fatalf("Stat = %+v, want %+v", got, want)
		}
		rc, info, err := s.Get(ctx, jpegishSHA)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		body, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		if got := info; got != want {
			t.Fatalf("Get info = %+v, want %+v", got, want)
		}
		if got, want := string(body), string(jpegish); got != want {
			t.Fatalf("Get body = %q, want %q", got, want)
		}
	}},
	{"idempotent re-put keeps the first type", func(t *testing.T, s Store) {
		ctx := context.Background()
		for _, ct := range []string{"image/jpeg", "image/jpeg", "application/octet-stream"} {
			if err := s.Put(ctx, jpegishSHA, jpegish, ct); err != nil {
				t.Fatalf("Put(%s): %v", ct, err)
			}
		}
		info, err := s.Stat(ctx, jpegishSHA)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := info.ContentType, "image/jpeg"; got != want {
			t.Fatalf("ContentType = %q, want %q", got, want)
		}
	}},
	{"empty type is sniffed", func(t *testing.T, s Store) {
		ctx := context.Background()
		text := []byte("signature placeholder")
		if err := s.Put(ctx, Sum(text), text, ""); err != nil {
			t.Fatal(err)
		}
		info, err := s.Stat(ctx, Sum(text))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := info.ContentType, "text/plain; charset=utf-8"; got != want {
			t.Fatalf("ContentType = %q, want %q", got, want)
		}
	}},
	{"mismatch refused", func(t *testing.T, s Store) {
		ctx := context.Background()
		if got, want := s.Put(ctx, absentSHA, jpegish, "image/jpeg"), ErrMismatch; !errors.Is(got, want) {
			t.Fatalf("Put = %v, want %v", got, want)
		}
		if _, err := s.Stat(ctx, absentSHA); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Stat after refused Put = %v, want %v", err, ErrNotFound)
		}
	}},
	{"bad sha refused", func(t *testing.T, s Store) {
		ctx := context.Background()
		for _, sha := range []string{"", "abc", strings.ToUpper(jpegishSHA), "../" + jpegishSHA[3:], jpegishSHA + "0"} {
			if got, want := s.Put(ctx, sha, jpegish, "image/jpeg"), ErrBadSHA; !errors.Is(got, want) {
				t.Fatalf("Put(%q) = %v, want %v", sha, got, want)
			}
			if _, _, got := s.Get(ctx, sha); !errors.Is(got, ErrBadSHA) {
				t.Fatalf("Get(%q) = %v, want %v", sha, got, ErrBadSHA)
			}
			if _, got := s.Stat(ctx, sha); !errors.Is(got, ErrBadSHA) {
				t.Fatalf("Stat(%q) = %v, want %v", sha, got, ErrBadSHA)
			}
		}
	}},
	{"not found", func(t *testing.T, s Store) {
		ctx := context.Background()
		if _, _, got := s.Get(ctx, absentSHA); !errors.Is(got, ErrNotFound) {
			t.Fatalf("Get = %v, want %v", got, ErrNotFound)
		}
		if _, got := s.Stat(ctx, absentSHA); !errors.Is(got, ErrNotFound) {
			t.Fatalf("Stat = %v, want %v", got, ErrNotFound)
		}
	}},
	{"concurrent puts of the same blob", func(t *testing.T, s Store) {
		ctx := context.Background()
		big := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
		sha := Sum(big)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() { errs <- s.Put(ctx, sha, big, "image/png") })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		rc, info, err := s.Get(ctx, sha)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		body, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := Sum(body), sha; got != want {
			t.Fatalf("stored content hashes to %s, want %s", got, want)
		}
		if got, want := info.Size, int64(len(big)); got != want {
			t.Fatalf("Size = %d, want %d", got, want)
		}
	}},
}

func TestConformance(t *testing.T) {
	for _, b := range backends {
		for _, c := range conformance {
			t.Run(b.name+"/"+c.name, func(t *testing.T) { c.run(t, b.open(t)) })
		}
	}
}

func TestValidSHA(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{jpegishSHA, true},
		{strings.Repeat("0", 64), true},
		{strings.Repeat("0", 63), false},
		{strings.Repeat("0", 65), false},
		{strings.Repeat("A", 64), false},
		{strings.Repeat("g", 64), false},
		{"", false},
	} {
		if got := ValidSHA(tc.s); got != tc.want {
			t.Fatalf("ValidSHA(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
