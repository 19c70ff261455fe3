package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"time"

	"github.com/corona10/goimagehash"
	"golang.org/x/image/draw"
)

// Meta is what Inspect learns about an image.
type Meta struct {
	ContentType string // "image/jpeg" or "image/png", by content
	// Width and Height are as the picture is shown: swapped from the stored
	// pixel grid when the EXIF orientation says the camera was turned.
	Width, Height int
	TakenAt       *time.Time // EXIF DateTimeOriginal, in UTC; nil when absent
	Lat, Lon      *float64   // EXIF GPS, degrees (south and west negative); nil when absent
	PHash         uint64     // perceptual hash; compare with Distance
}

// Inspect checks an upload and reads its facts: Sniff, a full decode
// (ErrCorrupt if it fails, ErrTooLarge over maxPixels), EXIF time and
// position, and a perceptual hash. Missing or unreadable EXIF is not an
// error — screenshots and signatures have none — it only leaves the
// fields nil.
func Inspect(b []byte) (Meta, error) {
	ct, img, err := decode(b)
	if err != nil {
		return Meta{}, err
	}
	var x exifInfo
	if ct == JPEG {
		x = readExif(b)
	}
	bounds := orientBounds(img.Bounds(), x.orientation)
	m := Meta{
		ContentType: ct,
		Width:       bounds.Dx(),
		Height:      bounds.Dy(),
		TakenAt:     x.takenAt,
		Lat:         x.lat,
		Lon:         x.lon,
	}
	if m.PHash, err = phash(img, x.orientation); err != nil {
		return Meta{}, err
	}
	return m, nil
}

// decode sniffs and decodes b with the decoder its content calls for, after
// checking the declared canvas against maxPixels.
func decode(b []byte) (string, image.Image, error) {
	ct, err := Sniff(b)
	if err != nil {
		return "", nil, err
	}
	decodeConfig, decodeImage := jpeg.DecodeConfig, jpeg.Decode
	if ct == PNG {
		decodeConfig, decodeImage = png.DecodeConfig, png.Decode
	}
	cfg, err := decodeConfig(bytes.NewReader(b))
	if err != nil {
		return "", nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", nil, ErrCorrupt
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return "", nil, fmt.Errorf("%w: %d×%d pixels", ErrTooLarge, cfg.Width, cfg.Height)
	}
	img, err := decodeImage(bytes.NewReader(b))
	if err != nil {
		return "", nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return ct, img, nil
}

// hashSide is the square the picture is reduced to before hashing; it is
// the size PerceptionHash works at, so its own resize is then a no-op.
const hashSide = 64

// phash is a PerceptionHash of the picture as shown (orientation applied).
//
// PerceptionHash rather than DifferenceHash: the question is "was this
// photo uploaded before?", after the phone or an app has re-compressed,
// scaled or brightened it. pHash keeps the signs of the lowest DCT
// frequencies, which such edits barely move, whereas dHash compares
// neighbouring pixels and flips bits on noise and JPEG artefacts in flat
// areas — walls and floors, common in home-visit photos. The extra cost
// (a 64×64 DCT) is small next to decoding.
//
// The picture is first reduced to 64×64 with a proper area filter, so the
// hash depends on the content and not on how large the upload was, and the
// orientation is applied to the small copy, which is cheap. The hash only
// sees brightness, so a JPEG's luma plane is scaled on its own: it is the
// same weighted sum of R, G and B the hash would compute, at a third of
// the work and without converting every pixel to RGB.
func phash(img image.Image, orientation int) (uint64, error) {
	src := img
	if y, ok := img.(*image.YCbCr); ok {
		src = &image.Gray{Pix: y.Y, Stride: y.YStride, Rect: y.Rect}
	}
	small := image.NewRGBA(image.Rect(0, 0, hashSide, hashSide))
	draw.BiLinear.Scale(small, small.Bounds(), src, src.Bounds(), draw.Src, nil)
	h, err := goimagehash.PerceptionHash(orient(small, orientation))
	if err != nil {
		return 0, fmt.Errorf("photo: hash: %w", err)
	}
	return h.GetHash(), nil
}
