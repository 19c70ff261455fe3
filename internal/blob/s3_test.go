package blob

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// newFakeS3 serves an in-memory S3 over HTTP for the life of the test and
// opens an S3 store on it; NewS3 creates the bucket.
func newFakeS3(t *testing.T, prefix string) *S3 {
	t.Helper()
	ts := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	t.Cleanup(ts.Close)
	s, err := NewS3(context.Background(), S3Config{
		Endpoint:  strings.TrimPrefix(ts.URL, "http://"),
		Bucket:    "jiuzhu-test",
		AccessKey: "test",
		SecretKey: "test-secret",
		Region:    "us-east-1",
		Prefix:    prefix,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestS3PrefixAndReopen(t *testing.T) {
	ctx := context.Background()
	s := newFakeS3(t, "evidence")
	if got, want := s.key(jpegishSHA), "evidence/"+jpegishSHA; got != want {
		t.Fatalf("key = %q, want %q", got, want)
	}
	if err := s.Put(ctx, jpegishSHA, jpegish, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	// The same bucket without the prefix does not see the blob.
	other := &S3{client: s.client, bucket: s.bucket}
	if _, err := other.Stat(ctx, jpegishSHA); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Stat without prefix = %v, want %v", err, ErrNotFound)
	}
}

func TestNewS3NeedsEndpointAndBucket(t *testing.T) {
	for _, c := range []S3Config{{Bucket: "b"}, {Endpoint: "localhost:9000"}} {
		if _, err := NewS3(context.Background(), c); err == nil {
			t.Fatalf("NewS3(%+v) succeeded, want an error", c)
		}
	}
}
