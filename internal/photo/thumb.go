package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"

	"golang.org/x/image/draw"
)

// thumbQuality is the JPEG quality of thumbnails: small files, no visible
// blocking at list and review sizes.
const thumbQuality = 80

// Thumbnail returns a JPEG of the picture as shown (EXIF orientation
// applied), its longest side at most maxSide and its aspect ratio kept. It
// never enlarges: a picture already small enough is only re-encoded. The
// thumbnail carries no EXIF, so it leaks no position. Transparent PNG
// areas become white, as JPEG has no alpha and signatures are drawn on a
// transparent canvas.
//
// Errors are those of Inspect, or a plain error for maxSide < 1.
func Thumbnail(b []byte, maxSide int) ([]byte, error) {
	if maxSide < 1 {
		return nil, errors.New("photo: thumbnail side must be positive")
	}
	ct, img, err := decode(b)
	if err != nil {
		return nil, err
	}
	o := 1
	if ct == JPEG {
		o = readExif(b).orientation
	}
	// Scale in the stored orientation, then turn the small result: the
	// longest side is the same either way.
	sb := img.Bounds()
	w, h := fit(sb.Dx(), sb.Dy(), maxSide)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, sb, draw.Over, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, orient(dst, o), &jpeg.Options{Quality: thumbQuality}); err != nil {
		return nil, fmt.Errorf("photo: thumbnail: %w", err)
	}
	return out.Bytes(), nil
}

// fit scales w×h so that its longer side is at most side, keeping the
// aspect ratio (rounded, never below 1 pixel) and never enlarging.
func fit(w, h, side int) (int, int) {
	long := max(w, h)
	if long <= side {
		return w, h
	}
	scale := func(n int) int {
		return (2*n*side + long) / (2 * long) // n*side/long, rounded
	}
	return clampOne(scale(w)), clampOne(scale(h))
}

func clampOne(n int) int {
	if n < 1 {
		return 1
	}
	return n
}
