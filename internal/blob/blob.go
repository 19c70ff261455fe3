// Package blob stores immutable files — visit photos, signature images,
// attachments — by the hex SHA-256 of their content.
//
// Content addressing makes a write idempotent (an offline device may upload
// the same photo twice), lets a record reference its evidence by a hash that
// is also proof of integrity, and needs no coordination between app
// instances: two writers of the same name always write the same bytes.
//
// Two implementations: Local, a folder on disk (the default), and S3, any
// S3-compatible object store (production). Both are safe for concurrent use.
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrNotFound = errors.New("blob: not found")
	ErrMismatch = errors.New("blob: content does not match its sha256")
	ErrBadSHA   = errors.New("blob: sha256 must be 64 lowercase hex digits")
)

// Info describes a stored blob.
type Info struct {
	SHA         string // hex SHA-256 of the content
	Size        int64  // bytes
	ContentType string // as given to Put, or sniffed when Put was given none
}

// Store keeps blobs by the hex SHA-256 of their content.
type Store interface {
	// Put stores the content if it is not there yet; it verifies that the
	// content's SHA-256 equals sha (ErrMismatch otherwise) and is idempotent.
	// An existing blob keeps its first content type.
	Put(ctx context.Context, sha string, content []byte, contentType string) error
	// Get opens a blob; the caller closes the reader. ErrNotFound.
	Get(ctx context.Context, sha string) (io.ReadCloser, Info, error)
	// Stat describes a blob without reading it. ErrNotFound.
	Stat(ctx context.Context, sha string) (Info, error)
}

// ValidSHA reports whether s is a hex SHA-256 as this package names blobs:
// exactly 64 lowercase hex digits. Only such names reach a path or a key,
// so a caller cannot traverse directories through a name.
func ValidSHA(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Sum returns the name under which content is stored.
func Sum(content []byte) string {
	h := sha256.Sum256(content)
	return hex.EncodeToString(h[:])
}

// check validates a Put's arguments and returns the content type to record:
// the given one, or one sniffed from the content when none was given.
func check(sha string, content []byte, contentType string) (string, error) {
	if !ValidSHA(sha) {
		return "", ErrBadSHA
	}
	if Sum(content) != sha {
		return "", ErrMismatch
	}
	if contentType == "" {
		contentType = http.DetectContentType(content)
	}
	return contentType, nil
}
