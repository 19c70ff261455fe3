// Package photo checks and reads the images field workers upload as
// evidence of a visit: before/after photos and signatures.
//
// It is pure: bytes in, facts out. Storing the bytes is the blob package's
// job. The type of an upload is judged by its content alone — a declared
// Content-Type or a file name is the client's claim and is never trusted —
// and only JPEG and PNG are accepted, the formats every phone and browser
// produces and the standard library decodes without cgo.
package photo

import (
	"bytes"
	"errors"
	"math/bits"
)

// MaxBytes is the upload limit: a phone photo at full resolution is 2–8 MB.
const MaxBytes = 10 << 20

// maxPixels bounds the decoded size. A small file can declare a huge canvas
// (a "decompression bomb"); 50 megapixels is more than any phone's default
// output and costs about 200 MB decoded as RGBA.
const maxPixels = 50_000_000

// Sentinel errors, matched with errors.Is.
var (
	ErrType     = errors.New("photo: not a JPEG or PNG image")
	ErrTooLarge = errors.New("photo: image too large")
	ErrCorrupt  = errors.New("photo: image does not decode")
)

// Content types this package accepts.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
)

var (
	jpegMagic = []byte{0xff, 0xd8, 0xff}
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
)

// Sniff returns "image/jpeg" or "image/png" as the content's magic bytes say
// (the same signatures http.DetectContentType uses), ErrTooLarge over
// MaxBytes, and ErrType for anything else. It reads no further than the
// signature: whether the rest decodes is Inspect's question.
func Sniff(b []byte) (contentType string, err error) {
	switch {
	case len(b) > MaxBytes:
		return "", ErrTooLarge
	case bytes.HasPrefix(b, jpegMagic):
		return JPEG, nil
	case bytes.HasPrefix(b, pngMagic):
		return PNG, nil
	}
	return "", ErrType
}

// NearDuplicate is the Distance at or below which two photos count as the
// same picture. TestNearDuplicate measures both sides on synthetic scenes:
// re-encoding down to JPEG quality 15, shrinking to a quarter, ±40
// brightness, noise or a 2% crop move the hash by at most 6 bits, while
// 435 pairs of different scenes are all 18 or more apart (unrelated hashes
// differ in 32 bits on average). 10 sits in that gap with room on each
// side; were the bits independent, two unrelated pictures would fall
// within 10 about once in 10⁸ pairs. Crops of 5% or more (8–16 bits
// measured), pixel rotations and mirror images are not reliably caught.
const NearDuplicate = 10

// Distance is the Hamming distance between two perceptual hashes: the
// number of bits in which they differ, 0 to 64.
func Distance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
