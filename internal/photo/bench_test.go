package photo

import (
	"math/rand/v2"
	"testing"
)

// benchJPEG is a 1600×1200 phone-sized photo with sensor-like noise, so it
// compresses like a real one (about 340 kB at quality 85) and not like a
// flat drawing.
func benchJPEG(b *testing.B) []byte {
	b.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	img := edited(scene(42, 1600, 1200), func(v int) int { return v + int(r.NormFloat64()*8) })
	return encodeJPEG(b, img, 85)
}

func BenchmarkInspect(b *testing.B) {
	jpg := benchJPEG(b)
	b.SetBytes(int64(len(jpg)))
	for b.Loop() {
		if _, err := Inspect(jpg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkThumbnail(b *testing.B) {
	jpg := benchJPEG(b)
	b.SetBytes(int64(len(jpg)))
	for b.Loop() {
		if _, err := Thumbnail(jpg, 320); err != nil {
			b.Fatal(err)
		}
	}
}
