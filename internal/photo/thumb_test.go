package photo

import (
	"errors"
	"image"
	"testing"
)

func TestThumbnail(t *testing.T) {
	for _, tc := range []struct {
		name    string
		w, h    int
		png     bool
		maxSide int
		want    image.Point
	}{
		{"landscape", 1600, 1200, false, 320, image.Pt(320, 240)},
		{"portrait", 900, 1600, false, 320, image.Pt(180, 320)},
		{"odd ratio rounds", 1000, 333, true, 100, image.Pt(100, 33)},
		{"thin strip keeps a pixel", 2000, 3, true, 100, image.Pt(100, 1)},
		{"square", 500, 500, true, 64, image.Pt(64, 64)},
		{"never enlarged", 200, 150, false, 320, image.Pt(200, 150)},
		{"exact fit", 320, 100, false, 320, image.Pt(320, 100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := scene(5, tc.w, tc.h)
			b := encodeJPEG(t, img, 85)
			if tc.png {
				b = encodePNG(t, img)
			}
			th, err := Thumbnail(b, tc.maxSide)
			if err != nil {
				t.Fatal(err)
			}
			if ct, err := Sniff(th); ct != JPEG || err != nil {
				t.Fatalf("thumbnail is %q, %v; want a JPEG", ct, err)
			}
			if got, want := decoded(t, th).Bounds().Size(), tc.want; got != want {
				t.Fatalf("size = %v, want %v", got, want)
			}
		})
	}
}

func TestThumbnailRefuses(t *testing.T) {
	jpg := encodeJPEG(t, scene(6, 40, 30), 85)
	if _, err := Thumbnail(jpg, 0); err == nil {
		t.Fatal("Thumbnail(maxSide 0) succeeded, want an error")
	}
	if _, err := Thumbnail([]byte("GIF89a"), 100); !errors.Is(err, ErrType) {
		t.Fatalf("Thumbnail(gif) = %v, want %v", err, ErrType)
	}
}
