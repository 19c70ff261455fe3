// Package pii protects personal data at rest: field encryption behind a
// pluggable Cipher (AES-256-GCM here; SM4 can be slotted in for deployments
// that require the national algorithms), a keyed blind index for exact
// lookups of encrypted values, and masking for screens and exports.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// Cipher encrypts and decrypts field values. The output of Seal carries
// everything Open needs (nonce, algorithm version).
type Cipher interface {
	Seal(plain []byte) ([]byte, error)
	Open(sealed []byte) ([]byte, error)
}

// KeySize is the length of the key material: 32 bytes for encryption and 32
// for the blind index, so one index key leak does not expose the cipher key.
const KeySize = 64

// Keys holds the key material of a deployment.
type Keys struct {
	Cipher Cipher
	index  []byte
}

// NewKeys builds AES-256-GCM encryption and an HMAC-SHA256 blind index from
// 64 bytes of key material.
func NewKeys(material []byte) (*Keys, error) {
	if len(material) != KeySize {
		return nil, fmt.Errorf("pii: key material must be %d bytes, got %d", KeySize, len(material))
	}
	c, err := NewAESGCM(material[:32])
	if err != nil {
		return nil, err
	}
	return &Keys{Cipher: c, index: append([]byte(nil), material[32:]...)}, nil
}

// Index returns the blind index of a value: equal values give equal indexes,
// and without the key the index reveals nothing.
func (k *Keys) Index(value string) string {
	m := hmac.New(sha256.New, k.index)
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

// SealString encrypts s; the empty string stays empty (nothing to protect).
func (k *Keys) SealString(s string) ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	return k.Cipher.Seal([]byte(s))
}

// OpenString decrypts what SealString produced.
func (k *Keys) OpenString(b []byte) (string, error) {
	if len(b) == 0 {
		return "", nil
	}
	p, err := k.Cipher.Open(b)
	return string(p), err
}

// aesGCM is AES-256-GCM with a random 96-bit nonce per value.
type aesGCM struct{ aead cipher.AEAD }

// versionAESGCM prefixes sealed values so a future cipher can coexist.
const versionAESGCM = 1

// NewAESGCM returns an AES-256-GCM cipher for a 32-byte key.
func NewAESGCM(key []byte) (Cipher, error) {
	if len(key) != 32 {
		return nil, errors.New("pii: AES-256 needs a 32-byte key")
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		return nil, err
	}
	return &aesGCM{aead: a}, nil
}

func (c *aesGCM) Seal(plain []byte) ([]byte, error) {
	out := make([]byte, 1+c.aead.NonceSize(), 1+c.aead.NonceSize()+len(plain)+c.aead.Overhead())
	out[0] = versionAESGCM
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, err
	}
	return c.aead.Seal(out, out[1:], plain, nil), nil
}

// ErrCorrupt is returned for a sealed value that does not decrypt.
var ErrCorrupt = errors.New("pii: sealed value is corrupt or was sealed with another key")

func (c *aesGCM) Open(sealed []byte) ([]byte, error) {
	n := c.aead.NonceSize()
	if len(sealed) < 1+n+c.aead.Overhead() || sealed[0] != versionAESGCM {
		return nil, ErrCorrupt
	}
	p, err := c.aead.Open(nil, sealed[1:1+n], sealed[1+n:], nil)
	if err != nil {
		return nil, ErrCorrupt
	}
	return p, nil
}
