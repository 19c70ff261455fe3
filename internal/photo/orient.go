package photo

import (
	"image"
	"image/draw"
)

// EXIF orientation (tag 0x0112) says how to turn the stored pixels to show
// the picture upright: 1 as stored, 2 mirrored, 3 rotated 180°, 4 flipped,
// 5 transposed, 6 rotated 90° clockwise, 7 transversed, 8 rotated 90°
// counter-clockwise. Phones store sideways shots with 6 or 8 instead of
// rotating the pixels.

// orientBounds is the size of the picture as shown.
func orientBounds(r image.Rectangle, o int) image.Rectangle {
	if o >= 5 && o <= 8 {
		return image.Rect(0, 0, r.Dy(), r.Dx())
	}
	return image.Rect(0, 0, r.Dx(), r.Dy())
}

// orient returns img turned upright. It copies pixel by pixel, so callers
// give it small images (a thumbnail, the hash input).
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	src := image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(src, src.Bounds(), img, img.Bounds().Min, draw.Src)
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dst := image.NewRGBA(orientBounds(src.Rect, o))
	for y := range dst.Rect.Dy() {
		for x := range dst.Rect.Dx() {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8:
				sx, sy = w-1-y, x
			}
			i, j := src.PixOffset(sx, sy), dst.PixOffset(x, y)
			copy(dst.Pix[j:j+4], src.Pix[i:i+4])
		}
	}
	return dst
}
