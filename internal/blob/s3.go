package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config locates a bucket in an S3-compatible store (MinIO, Ceph RGW,
// a cloud provider's object storage).
type S3Config struct {
	Endpoint  string // host[:port], no scheme
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string // optional; saves a location lookup when set
	Prefix    string // optional key prefix, e.g. "evidence/"; a "/" is added if missing
	Secure    bool   // HTTPS
}

// S3 stores each blob as one object named Prefix + sha, with the content
// type as the object's Content-Type. Objects need no fan-out: object stores
// have no folders to fill up.
type S3 struct {
	client *minio.Client
	bucket string
	prefix string
}

// NewS3 connects to the store and creates the bucket if it is missing.
func NewS3(ctx context.Context, c S3Config) (*S3, error) {
	if c.Endpoint == "" || c.Bucket == "" {
		return nil, errors.New("blob: S3 endpoint and bucket are required")
	}
	client, err := minio.New(c.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure: c.Secure,
		Region: c.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	prefix := c.Prefix
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	s := &S3{client: client, bucket: c.Bucket, prefix: prefix}
	ok, err := client.BucketExists(ctx, c.Bucket)
	if err != nil {
		return nil, fmt.Errorf("blob: bucket %s: %w", c.Bucket, err)
	}
	if !ok {
		err := client.MakeBucket(ctx, c.Bucket, minio.MakeBucketOptions{Region: c.Region})
		// Another instance starting at the same time may have won the race.
		if err != nil && s3Code(err) != minio.BucketAlreadyOwnedByYou {
			return nil, fmt.Errorf("blob: create bucket %s: %w", c.Bucket, err)
		}
	}
	return s, nil
}

func (s *S3) key(sha string) string { return s.prefix + sha }

// Put implements Store. An object store makes a single PUT atomic: readers
// see the old state or the whole object. Two concurrent first puts of one
// sha both upload, and the second overwrites the first with the same bytes.
// Content-MD5 is sent so the store refuses a body damaged in transit.
func (s *S3) Put(ctx context.Context, sha string, content []byte, contentType string) error {
	ct, err := check(sha, content, contentType)
	if err != nil {
		return err
	}
	if _, err := s.Stat(ctx, sha); err == nil {
		return nil
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	_, err = s.client.PutObject(ctx, s.bucket, s.key(sha), bytes.NewReader(content), int64(len(content)),
		minio.PutObjectOptions{ContentType: ct, DisableMultipart: true, SendContentMd5: true})
	if err != nil {
		return fmt.Errorf("blob: put %s: %w", sha, err)
	}
	return nil
}

// Get implements Store. The object is stat'ed before it is returned, so a
// missing blob is reported here and not on the first Read.
func (s *S3) Get(ctx context.Context, sha string) (io.ReadCloser, Info, error) {
	if !ValidSHA(sha) {
		return nil, Info{}, ErrBadSHA
	}
	obj, err := s.client.GetObject(ctx, s.bucket, s.key(sha), minio.GetObjectOptions{})
	if err != nil {
		return nil, Info{}, s.fail(sha, err)
	}
	oi, err := obj.Stat()
	if err != nil {
		obj.Close()
		return nil, Info{}, s.fail(sha, err)
	}
	return obj, Info{SHA: sha, Size: oi.Size, ContentType: oi.ContentType}, nil
}

// Stat implements Store.
func (s *S3) Stat(ctx context.Context, sha string) (Info, error) {
	if !ValidSHA(sha) {
		return Info{}, ErrBadSHA
	}
	oi, err := s.client.StatObject(ctx, s.bucket, s.key(sha), minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s.fail(sha, err)
	}
	return Info{SHA: sha, Size: oi.Size, ContentType: oi.ContentType}, nil
}

// fail maps a missing object to ErrNotFound and wraps anything else. A
// missing bucket is not "not found": it is a broken deployment, and saying
// so beats reporting every photo as absent.
func (s *S3) fail(sha string, err error) error {
	if s3Code(err) == minio.NoSuchKey {
		return ErrNotFound
	}
	return fmt.Errorf("blob: %s: %w", sha, err)
}

// s3Code is the S3 error code carried by err, or "".
func s3Code(err error) string {
	var er minio.ErrorResponse
	if errors.As(err, &er) {
		return er.Code
	}
	return ""
}
