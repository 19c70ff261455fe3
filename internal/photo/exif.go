package photo

import (
	"bytes"
	"math"
	"strings"
	"time"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// exifInfo is the part of a JPEG's EXIF this package uses. Zero values mean
// "absent"; orientation 0 is treated as 1 (as stored).
type exifInfo struct {
	takenAt     *time.Time
	lat, lon    *float64
	orientation int
}

// shanghai is China Standard Time. A fixed zone is exact for photos (China
// has kept UTC+8 without daylight saving since 1991) and needs no tz
// database on the server.
var shanghai = time.FixedZone("CST", 8*60*60)

const (
	exifTimeLayout        = "2006:01:02 15:04:05"
	tagOffsetTimeOriginal = 0x9011 // EXIF 2.31; goexif does not name it
)

// readExif reads what it can and ignores the rest: metadata is a hint
// about the photo, never a reason to refuse it. goexif indexes tag values
// without bounds checks, so malformed EXIF from an untrusted upload can
// panic; recover turns that into "no EXIF".
func readExif(b []byte) (info exifInfo) {
	defer func() {
		if recover() != nil {
			info = exifInfo{}
		}
	}()
	// Decode returns x with an error when only a sub-IFD failed to load;
	// the fields of that sub-IFD are then simply absent.
	x, _ := exif.Decode(bytes.NewReader(b))
	if x == nil {
		return exifInfo{}
	}
	if tag, err := x.Get(exif.Orientation); err == nil {
		if o, err := tag.Int(0); err == nil && o >= 1 && o <= 8 {
			info.orientation = o
		}
	}
	if tag, err := x.Get(exif.DateTimeOriginal); err == nil {
		if s, err := tag.StringVal(); err == nil {
			loc := offsetOriginal(x)
			if t, err := time.ParseInLocation(exifTimeLayout, strings.TrimSpace(s), loc); err == nil {
				t = t.UTC()
				info.takenAt = &t
			}
		}
	}
	if lat, lon, err := x.LatLong(); err == nil && validPosition(lat, lon) {
		info.lat, info.lon = &lat, &lon
	}
	return info
}

// offsetOriginal is the zone of DateTimeOriginal: the OffsetTimeOriginal
// tag ("+08:00") when the camera wrote one, else Asia/Shanghai, since the
// phones of this deployment are set to Beijing time.
func offsetOriginal(x *exif.Exif) *time.Location {
	ptr, err := x.Get(exif.ExifIFDPointer)
	if err != nil {
		return shanghai
	}
	off, err := ptr.Int64(0)
	if err != nil || off < 0 || off >= int64(len(x.Raw)) {
		return shanghai
	}
	r := bytes.NewReader(x.Raw)
	if _, err := r.Seek(off, 0); err != nil {
		return shanghai
	}
	dir, _, err := tiff.DecodeDir(r, x.Tiff.Order)
	if err != nil {
		return shanghai
	}
	for _, tag := range dir.Tags {
		if tag.Id != tagOffsetTimeOriginal {
			continue
		}
		s, err := tag.StringVal()
		if err != nil {
			return shanghai
		}
		if t, err := time.Parse("-07:00", strings.TrimSpace(s)); err == nil {
			_, secs := t.Zone()
			return time.FixedZone(s, secs)
		}
	}
	return shanghai
}

// validPosition refuses impossible coordinates and the exact 0,0 that
// phones write when they have no fix.
func validPosition(lat, lon float64) bool {
	switch {
	case math.IsNaN(lat) || math.IsNaN(lon):
		return false
	case lat < -90 || lat > 90 || lon < -180 || lon > 180:
		return false
	case lat == 0 && lon == 0:
		return false
	}
	return true
}
