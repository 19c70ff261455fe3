package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"jiuzhu/internal/blob"
)

// blobConfig says where visit photos and signatures are kept: a folder by
// default, any S3-compatible object store when an endpoint is given.
type blobConfig struct {
	dir string
	s3  blob.S3Config
}

func (b *blobConfig) flags(fs *flag.FlagSet) {
	fs.StringVar(&b.dir, "blob-dir", env("BLOB_DIR", ""), "folder for visit photos and signatures; default <data>/blobs (JIUZHU_BLOB_DIR)")
	fs.StringVar(&b.s3.Endpoint, "s3-endpoint", env("S3_ENDPOINT", ""), "host:port of an S3-compatible store for photos; empty keeps them in --blob-dir (JIUZHU_S3_ENDPOINT)")
	fs.StringVar(&b.s3.Bucket, "s3-bucket", env("S3_BUCKET", "jiuzhu"), "bucket for photos (JIUZHU_S3_BUCKET)")
	fs.StringVar(&b.s3.Region, "s3-region", env("S3_REGION", ""), "region of the bucket (JIUZHU_S3_REGION)")
	fs.StringVar(&b.s3.Prefix, "s3-prefix", env("S3_PREFIX", ""), "key prefix inside the bucket (JIUZHU_S3_PREFIX)")
	fs.StringVar(&b.s3.AccessKey, "s3-access-key", env("S3_ACCESS_KEY", ""), "access key (JIUZHU_S3_ACCESS_KEY)")
	fs.StringVar(&b.s3.SecretKey, "s3-secret-key", env("S3_SECRET_KEY", ""), "secret key; prefer the environment variable (JIUZHU_S3_SECRET_KEY)")
	fs.BoolVar(&b.s3.Secure, "s3-secure", envBool("S3_SECURE", true), "use HTTPS to reach the store (JIUZHU_S3_SECURE)")
}

func (b *blobConfig) open(ctx context.Context, dataDir string) (blob.Store, error) {
	if b.s3.Endpoint != "" {
		s, err := blob.NewS3(ctx, b.s3)
		if err != nil {
			return nil, fmt.Errorf("object store %s: %w", b.s3.Endpoint, err)
		}
		return s, nil
	}
	dir := b.dir
	if dir == "" {
		dir = filepath.Join(dataDir, "blobs")
	}
	return blob.NewLocal(dir)
}
