package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/draw"
)

// scene draws a deterministic synthetic "photo" of w×h: a lit gradient
// background with a few dozen shapes, all placed in coordinates relative
// to the canvas, so one seed gives the same picture at any size and
// different seeds give unrelated pictures.
func scene(seed uint64, w, h int) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	base := [3]float64{r.Float64() * 255, r.Float64() * 255, r.Float64() * 255}
	angle := r.Float64() * 2 * math.Pi
	dx, dy := math.Cos(angle), math.Sin(angle)
	for y := range h {
		for x := range w {
			t := (float64(x)/float64(w)-0.5)*dx + (float64(y)/float64(h)-0.5)*dy // -0.7..0.7
			var c [3]uint8
			for i := range c {
				c[i] = uint8(math.Max(0, math.Min(255, base[i]+t*180)))
			}
			img.SetRGBA(x, y, color.RGBA{c[0], c[1], c[2], 255})
		}
	}
	for range 24 {
		col := color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255}
		cx, cy := r.Float64(), r.Float64()
		rx, ry := 0.03+r.Float64()*0.2, 0.03+r.Float64()*0.2
		round := r.IntN(2) == 0
		for y := int((cy - ry) * float64(h)); y < int((cy+ry)*float64(h)); y++ {
			for x := int((cx - rx) * float64(w)); x < int((cx+rx)*float64(w)); x++ {
				if !image.Pt(x, y).In(img.Rect) {
					continue
				}
				u, v := (float64(x)/float64(w)-cx)/rx, (float64(y)/float64(h)-cy)/ry
				if round && u*u+v*v > 1 {
					continue
				}
				img.SetRGBA(x, y, col)
			}
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// resized scales img by factor with the bilinear approximation phones and
// messaging apps use when they shrink a photo.
func resized(img image.Image, factor float64) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*factor), int(float64(b.Dy())*factor)))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// decoded is the picture a JPEG or PNG holds, as a re-encoding app sees it.
func decoded(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}
