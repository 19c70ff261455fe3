package photo

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"testing"
	"time"
)

// Changji city: 44°0'41.04"N 87°18'14.4"E.
var (
	changjiLat = [3][2]uint32{{44, 1}, {0, 1}, {4104, 100}}
	changjiLon = [3][2]uint32{{87, 1}, {18, 1}, {1440, 100}}
)

func TestInspectExif(t *testing.T) {
	jpg := encodeJPEG(t, scene(3, 80, 60), 85)
	at := func(s string) *time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &tm
	}
	for _, tc := range []struct {
		name     string
		spec     exifSpec
		taken    *time.Time
		lat, lon float64 // NaN: absent
	}{
		{"no offset is Beijing time, little-endian",
			exifSpec{order: binary.LittleEndian, taken: "2025:03:14 09:30:00", latRef: "N", lat: changjiLat, lonRef: "E", lon: changjiLon},
			at("2025-03-14T01:30:00Z"), 44.0114, 87.304},
		{"no offset is Beijing time, big-endian",
			exifSpec{order: binary.BigEndian, taken: "2025:03:14 09:30:00", latRef: "N", lat: changjiLat, lonRef: "E", lon: changjiLon},
			at("2025-03-14T01:30:00Z"), 44.0114, 87.304},
		{"offset tag wins",
			exifSpec{order: binary.LittleEndian, taken: "2025:03:14 09:30:00", offset: "+06:00"},
			at("2025-03-14T03:30:00Z"), math.NaN(), math.NaN()},
		{"south and west are negative",
			exifSpec{order: binary.BigEndian, latRef: "S", lat: changjiLat, lonRef: "W", lon: changjiLon},
			nil, -44.0114, -87.304},
		{"unset camera clock is no time",
			exifSpec{order: binary.LittleEndian, taken: "0000:00:00 00:00:00"},
			nil, math.NaN(), math.NaN()},
		{"0,0 is no fix",
			exifSpec{order: binary.LittleEndian, latRef: "N", lonRef: "E"},
			nil, math.NaN(), math.NaN()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Inspect(withExif(jpg, tc.spec))
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.taken == nil && m.TakenAt != nil:
				t.Fatalf("TakenAt = %v, want none", m.TakenAt)
			case tc.taken != nil && m.TakenAt == nil:
				t.Fatalf("TakenAt = none, want %v", tc.taken)
			case tc.taken != nil:
				if got, want := *m.TakenAt, *tc.taken; !got.Equal(want) || got.Location() != time.UTC {
					t.Fatalf("TakenAt = %v, want %v in UTC", got, want)
				}
			}
			checkCoord(t, "Lat", m.Lat, tc.lat)
			checkCoord(t, "Lon", m.Lon, tc.lon)
		})
	}
}

func checkCoord(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	switch {
	case math.IsNaN(want) && got != nil:
		t.Fatalf("%s = %v, want none", name, *got)
	case !math.IsNaN(want) && got == nil:
		t.Fatalf("%s = none, want %v", name, want)
	case got != nil && math.Abs(*got-want) > 1e-6:
		t.Fatalf("%s = %v, want %v", name, *got, want)
	}
}

// Broken EXIF never refuses a photo: the picture is the evidence.
func TestInspectBrokenExif(t *testing.T) {
	jpg := encodeJPEG(t, scene(4, 40, 30), 85)
	good := exifSpec{order: binary.LittleEndian, taken: "2025:03:14 09:30:00"}.tiff()
	for _, payload := range [][]byte{
		[]byte("Exif\x00\x00"),
		[]byte("Exif\x00\x00II*\x00\xff\xff\xff\x7f"),
		append([]byte("Exif\x00\x00"), good[:len(good)-9]...),
	} {
		seg := append([]byte{0xff, 0xe1, 0, byte(len(payload) + 2)}, payload...)
		b := append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
		if _, err := Inspect(b); err != nil {
			t.Fatalf("Inspect with EXIF %q: %v", payload, err)
		}
	}
}

// A portrait shot stored sideways (orientation 6) is reported and
// thumbnailed upright: the stored left edge becomes the top.
func TestOrientation(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 80, 40))
	for y := range 40 {
		for x := range 80 {
			c := color.RGBA{220, 20, 20, 255} // red left half
			if x >= 40 {
				c = color.RGBA{20, 20, 220, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	b := withExif(encodeJPEG(t, img, 95), exifSpec{order: binary.BigEndian, orientation: 6})
	m, err := Inspect(b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := image.Pt(m.Width, m.Height), image.Pt(40, 80); got != want {
		t.Fatalf("size = %v, want %v", got, want)
	}
	th, err := Thumbnail(b, 40)
	if err != nil {
		t.Fatal(err)
	}
	out := decoded(t, th)
	if got, want := out.Bounds().Size(), image.Pt(20, 40); got != want {
		t.Fatalf("thumbnail size = %v, want %v", got, want)
	}
	if r, _, bl, _ := out.At(10, 5).RGBA(); r <= bl {
		t.Fatalf("top of thumbnail is not red: r=%d b=%d", r>>8, bl>>8)
	}
}
