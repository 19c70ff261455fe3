package pii

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadOrCreateKeyFile reads key material from path, creating the file with
// fresh random material (mode 0600) when it does not exist. Losing this file
// makes every encrypted field unreadable: back it up apart from the database.
func LoadOrCreateKeyFile(path string) (*Keys, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		material := make([]byte, KeySize)
		if _, err := rand.Read(material); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		text := base64.StdEncoding.EncodeToString(material) + "\n"
		// O_EXCL: two processes starting at once must not write different keys.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return LoadOrCreateKeyFile(path)
		}
		if err != nil {
			return nil, err
		}
		if _, err := f.WriteString(text); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
		return NewKeys(material)
	}
	if err != nil {
		return nil, err
	}
	material, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("pii: key file %s is not base64: %w", path, err)
	}
	return NewKeys(material)
}
