package photo

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

func hashOf(t testing.TB, b []byte) uint64 {
	t.Helper()
	m, err := Inspect(b)
	if err != nil {
		t.Fatal(err)
	}
	return m.PHash
}

// edited applies f to every pixel, as an "enhance" filter would.
func edited(img image.Image, f func(v int) int) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := func(v uint32) uint8 { return uint8(min(255, max(0, f(int(v>>8))))) }
			out.SetRGBA(x, y, color.RGBA{c(r), c(g), c(bl), 255})
		}
	}
	return out
}

// cropped trims frac of the width and height from every edge.
func cropped(img image.Image, frac float64) image.Image {
	b := img.Bounds()
	dx, dy := int(float64(b.Dx())*frac), int(float64(b.Dy())*frac)
	return img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(b.Min.X+dx, b.Min.Y+dy, b.Max.X-dx, b.Max.Y-dy))
}

// TestNearDuplicate justifies NearDuplicate: every re-processing of one
// picture stays well under it, every pair of different pictures well over.
func TestNearDuplicate(t *testing.T) {
	const sameMax, differentMin = 6, 18 // the bounds NearDuplicate's comment cites
	if !(sameMax < NearDuplicate && NearDuplicate < differentMin) {
		t.Fatalf("NearDuplicate = %d does not separate ≤ %d from ≥ %d", NearDuplicate, sameMax, differentMin)
	}
	noise := rand.New(rand.NewPCG(1, 2))
	for seed := uint64(10); seed < 14; seed++ {
		orig := encodeJPEG(t, scene(seed, 800, 600), 92)
		h0 := hashOf(t, orig)
		img := decoded(t, orig)
		for _, tc := range []struct {
			name string
			b    []byte
		}{
			{"re-encoded at quality 15", encodeJPEG(t, img, 15)},
			{"resized 90%, quality 70", encodeJPEG(t, resized(img, 0.9), 70)},
			{"resized 25%, quality 30", encodeJPEG(t, resized(img, 0.25), 30)},
			{"as PNG", encodePNG(t, img)},
			{"brightened", encodeJPEG(t, edited(img, func(v int) int { return v + 40 }), 85)},
			{"darkened", encodeJPEG(t, edited(img, func(v int) int { return v - 40 }), 85)},
			{"noisy", encodeJPEG(t, edited(img, func(v int) int { return v + int(noise.NormFloat64()*10) }), 85)},
			{"cropped 2% each side", encodeJPEG(t, cropped(img, 0.02), 85)},
		} {
			d := Distance(h0, hashOf(t, tc.b))
			if d > sameMax {
				t.Errorf("scene %d %s: distance %d, want ≤ %d", seed, tc.name, d, sameMax)
			}
		}
	}

	var hashes []uint64
	for seed := uint64(100); seed < 130; seed++ {
		hashes = append(hashes, hashOf(t, encodeJPEG(t, scene(seed, 200, 150), 85)))
	}
	closest := 64
	for i := range hashes {
		for j := i + 1; j < len(hashes); j++ {
			closest = min(closest, Distance(hashes[i], hashes[j]))
		}
	}
	t.Logf("%d pairs of different scenes: closest at distance %d", len(hashes)*(len(hashes)-1)/2, closest)
	if closest < differentMin {
		t.Errorf("two different scenes at distance %d, want ≥ %d", closest, differentMin)
	}
}
