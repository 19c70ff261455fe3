package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Local stores blobs in a folder:
//
//	<dir>/ab/ab12…ef        the content
//	<dir>/ab/ab12…ef.type   its content type (a sidecar; optional)
//	<dir>/tmp/              writes in progress
//
// Fanning out by the first two hex digits keeps any one folder to about
// 1/256 of the blobs. A blob is written to a temp file in <dir>/tmp, synced
// and then renamed to its final name (same file system, so the rename is
// atomic), and the folder is synced: after a crash a name either holds the
// whole content or does not exist. The sidecar is written the same way and
// before the content, so a visible blob normally has its type; one without
// (copied in by hand, say) has its type sniffed from its first bytes.
type Local struct {
	dir string
}

// staleTemp is the age after which a temp file can only be a crash's leftover:
// no single write of an upload-sized blob takes that long.
const staleTemp = time.Hour

// NewLocal opens (creating if needed) a blob folder and removes temp files
// left behind by a crash.
func NewLocal(dir string) (*Local, error) {
	if dir == "" {
		return nil, errors.New("blob: empty folder name")
	}
	l := &Local{dir: dir}
	if err := os.MkdirAll(l.tmpDir(), 0o750); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	entries, err := os.ReadDir(l.tmpDir())
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleTemp {
			_ = os.Remove(filepath.Join(l.tmpDir(), e.Name()))
		}
	}
	return l, nil
}

func (l *Local) tmpDir() string { return filepath.Join(l.dir, "tmp") }

// path is only ever called with a valid sha, so it stays inside l.dir.
func (l *Local) path(sha string) string { return filepath.Join(l.dir, sha[:2], sha) }

// Put implements Store.
func (l *Local) Put(ctx context.Context, sha string, content []byte, contentType string) error {
	ct, err := check(sha, content, contentType)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	final := l.path(sha)
	if _, err := os.Stat(final); err == nil {
		return nil
	}
	fan := filepath.Dir(final)
	if err := os.MkdirAll(fan, 0o750); err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	if err := l.writeAtomic(final+".type", []byte(ct)); err != nil {
		return err
	}
	// Concurrent writers of the same sha each rename their own complete temp
	// file; whichever lands last wins, and both carry the same bytes.
	if err := l.writeAtomic(final, content); err != nil {
		return err
	}
	return syncDir(fan)
}

// writeAtomic writes b to a temp file, syncs it and renames it to name.
func (l *Local) writeAtomic(name string, b []byte) (err error) {
	f, err := os.CreateTemp(l.tmpDir(), "put-*")
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
			err = fmt.Errorf("blob: %w", err)
		}
	}()
	if _, err = f.Write(b); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// syncDir makes a rename into dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	return nil
}

// Get implements Store; the reader is the open file.
func (l *Local) Get(ctx context.Context, sha string) (io.ReadCloser, Info, error) {
	if !ValidSHA(sha) {
		return nil, Info{}, ErrBadSHA
	}
	if err := ctx.Err(); err != nil {
		return nil, Info{}, err
	}
	f, err := os.Open(l.path(sha))
	if err != nil {
		return nil, Info{}, notFound(err)
	}
	info, err := l.info(f, sha)
	if err != nil {
		f.Close()
		return nil, Info{}, err
	}
	return f, info, nil
}

// Stat implements Store.
func (l *Local) Stat(ctx context.Context, sha string) (Info, error) {
	f, info, err := l.Get(ctx, sha)
	if err != nil {
		return Info{}, err
	}
	f.Close()
	return info, nil
}

// info reads the size from the open file and the type from the sidecar,
// sniffing the content when the sidecar is missing.
func (l *Local) info(f *os.File, sha string) (Info, error) {
	fi, err := f.Stat()
	if err != nil {
		return Info{}, fmt.Errorf("blob: %w", err)
	}
	info := Info{SHA: sha, Size: fi.Size()}
	if b, err := os.ReadFile(l.path(sha) + ".type"); err == nil && len(b) > 0 {
		info.ContentType = strings.TrimSpace(string(b))
		return info, nil
	}
	head := make([]byte, 512)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return Info{}, fmt.Errorf("blob: %w", err)
	}
	info.ContentType = http.DetectContentType(head[:n])
	return info, nil
}

func notFound(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return ErrNotFound
	}
	return fmt.Errorf("blob: %w", err)
}
