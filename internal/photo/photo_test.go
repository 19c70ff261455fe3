package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"testing"
)

func TestSniffAndInspectJudgeByContent(t *testing.T) {
	img := scene(1, 64, 48)
	jpg, pngb := encodeJPEG(t, img, 85), encodePNG(t, img)
	var gifb bytes.Buffer
	if err := gif.Encode(&gifb, img, nil); err != nil {
		t.Fatal(err)
	}
	webp := append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 32)...)
	tooBig := append(append([]byte{}, jpg...), make([]byte, MaxBytes)...)
	for _, tc := range []struct {
		name     string
		declared string // what a client would claim; never consulted
		b        []byte
		wantType string
		wantErr  error // of Sniff
		inspect  error // of Inspect
	}{
		{"jpeg", "image/jpeg", jpg, JPEG, nil, nil},
		{"png", "image/png", pngb, PNG, nil, nil},
		{"png named .jpg", "image/jpeg", pngb, PNG, nil, nil},
		{"jpeg named .png", "image/png", jpg, JPEG, nil, nil},
		{"gif", "image/jpeg", gifb.Bytes(), "", ErrType, ErrType},
		{"webp", "image/jpeg", webp, "", ErrType, ErrType},
		{"text", "image/png", []byte("<html>not a photo</html>"), "", ErrType, ErrType},
		{"empty", "image/jpeg", nil, "", ErrType, ErrType},
		{"too large", "image/jpeg", tooBig, "", ErrTooLarge, ErrTooLarge},
		{"truncated jpeg", "image/jpeg", jpg[:len(jpg)/2], JPEG, nil, ErrCorrupt},
		{"jpeg magic only", "image/jpeg", []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0}, JPEG, nil, ErrCorrupt},
		{"png signature, garbage", "image/png", append([]byte("\x89PNG\r\n\x1a\n"), "garbage"...), PNG, nil, ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct, err := Sniff(tc.b)
			if got, want := ct, tc.wantType; got != want {
				t.Fatalf("Sniff type = %q, want %q (declared %q)", got, want, tc.declared)
			}
			if got, want := err, tc.wantErr; !errors.Is(got, want) {
				t.Fatalf("Sniff err = %v, want %v", got, want)
			}
			m, err := Inspect(tc.b)
			if got, want := err, tc.inspect; !errors.Is(got, want) {
				t.Fatalf("Inspect err = %v, want %v", got, want)
			}
			if err == nil {
				if got, want := m.ContentType, tc.wantType; got != want {
					t.Fatalf("Meta.ContentType = %q, want %q", got, want)
				}
				if got, want := image.Pt(m.Width, m.Height), image.Pt(64, 48); got != want {
					t.Fatalf("size = %v, want %v", got, want)
				}
			}
		})
	}
}

// A small file that declares a huge canvas is refused before decoding.
func TestInspectRefusesDecompressionBomb(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 10000, 6000)) // 60 MP of zeros compresses to ~60 kB
	b := encodePNG(t, img)
	if len(b) > MaxBytes {
		t.Fatalf("test PNG is %d bytes, meant to be under MaxBytes", len(b))
	}
	if _, err := Inspect(b); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Inspect = %v, want %v", err, ErrTooLarge)
	}
	if _, err := Thumbnail(b, 100); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Thumbnail = %v, want %v", err, ErrTooLarge)
	}
}

func TestInspectWithoutExif(t *testing.T) {
	m, err := Inspect(encodeJPEG(t, scene(2, 40, 30), 90))
	if err != nil {
		t.Fatal(err)
	}
	if m.TakenAt != nil || m.Lat != nil || m.Lon != nil {
		t.Fatalf("Meta = %+v, want no time or position", m)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b uint64
		want int
	}{
		{0, 0, 0},
		{0, 1, 1},
		{0xff00, 0x00ff, 16},
		{0, ^uint64(0), 64},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Fatalf("Distance(%#x, %#x) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// A transparent signature becomes black ink on white, not on black.
func TestThumbnailFlattensTransparency(t *testing.T) {
	sig := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for x := 5; x < 35; x++ {
		sig.SetNRGBA(x, 10, color.NRGBA{0, 0, 0, 255})
	}
	th, err := Thumbnail(encodePNG(t, sig), 40)
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, _ := decoded(t, th).At(2, 2).RGBA()
	if r>>8 < 240 || g>>8 < 240 || b>>8 < 240 {
		t.Fatalf("background = %d,%d,%d, want white", r>>8, g>>8, b>>8)
	}
}
