package photo

import (
	"bytes"
	"encoding/binary"
)

// A minimal EXIF writer for tests: enough TIFF to carry an orientation, a
// DateTimeOriginal (with an optional OffsetTimeOriginal) and a GPS
// position, so no binary sample file is needed.

type ifdEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte // already in the file's byte order
}

const (
	typASCII    = 2
	typShort    = 3
	typLong     = 4
	typRational = 5
)

type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

type exifSpec struct {
	order       byteOrder
	orientation uint16 // 0: none
	taken       string // "2006:01:02 15:04:05"; "": none
	offset      string // "+05:00"; "": none
	lat, lon    [3][2]uint32
	latRef      string // "N"/"S"; "": no GPS
	lonRef      string
}

func (s exifSpec) ascii(tag uint16, v string) ifdEntry {
	return ifdEntry{tag, typASCII, uint32(len(v) + 1), append([]byte(v), 0)}
}

func (s exifSpec) long(tag uint16, v uint32) ifdEntry {
	return ifdEntry{tag, typLong, 1, s.order.AppendUint32(nil, v)}
}

func (s exifSpec) rationals(tag uint16, v [3][2]uint32) ifdEntry {
	var b []byte
	for _, r := range v {
		b = s.order.AppendUint32(s.order.AppendUint32(b, r[0]), r[1])
	}
	return ifdEntry{tag, typRational, 3, b}
}

// tiff lays out IFD0, the Exif IFD and the GPS IFD one after the other.
func (s exifSpec) tiff() []byte {
	var ifd0, exifIFD, gps []ifdEntry
	if s.orientation != 0 {
		ifd0 = append(ifd0, ifdEntry{0x0112, typShort, 1, s.order.AppendUint16(nil, s.orientation)})
	}
	if s.taken != "" {
		exifIFD = append(exifIFD, s.ascii(0x9003, s.taken))
	}
	if s.offset != "" {
		exifIFD = append(exifIFD, s.ascii(0x9011, s.offset))
	}
	if s.latRef != "" {
		gps = append(gps, s.ascii(1, s.latRef), s.rationals(2, s.lat), s.ascii(3, s.lonRef), s.rationals(4, s.lon))
	}
	// Pointers are placeholders first so IFD0's size is known.
	ifd0 = append(ifd0, s.long(0x8769, 0), s.long(0x8825, 0))
	exifAt := 8 + ifdSize(ifd0)
	gpsAt := exifAt + ifdSize(exifIFD)
	ifd0[len(ifd0)-2] = s.long(0x8769, uint32(exifAt))
	ifd0[len(ifd0)-1] = s.long(0x8825, uint32(gpsAt))

	out := []byte("II*\x00")
	if s.order == binary.BigEndian {
		out = []byte("MM\x00*")
	}
	out = s.order.AppendUint32(out, 8)
	out = s.ifd(out, ifd0)
	out = s.ifd(out, exifIFD)
	return s.ifd(out, gps)
}

func ifdSize(es []ifdEntry) int {
	n := 2 + 12*len(es) + 4
	for _, e := range es {
		if len(e.data) > 4 {
			n += len(e.data) + len(e.data)%2
		}
	}
	return n
}

// ifd appends one IFD, starting at len(out), with its out-of-line values.
func (s exifSpec) ifd(out []byte, es []ifdEntry) []byte {
	dataAt := len(out) + 2 + 12*len(es) + 4
	var data []byte
	out = s.order.AppendUint16(out, uint16(len(es)))
	for _, e := range es {
		out = s.order.AppendUint16(out, e.tag)
		out = s.order.AppendUint16(out, e.typ)
		out = s.order.AppendUint32(out, e.count)
		if len(e.data) <= 4 {
			out = append(out, append(e.data, make([]byte, 4-len(e.data))...)...)
			continue
		}
		out = s.order.AppendUint32(out, uint32(dataAt+len(data)))
		data = append(data, e.data...)
		if len(e.data)%2 == 1 {
			data = append(data, 0)
		}
	}
	out = s.order.AppendUint32(out, 0) // no next IFD
	return append(out, data...)
}

// withExif inserts an APP1 EXIF segment right after a JPEG's SOI marker.
func withExif(jpg []byte, s exifSpec) []byte {
	payload := append([]byte("Exif\x00\x00"), s.tiff()...)
	var b bytes.Buffer
	b.Write(jpg[:2])
	b.Write([]byte{0xff, 0xe1})
	b.Write(binary.BigEndian.AppendUint16(nil, uint16(len(payload)+2)))
	b.Write(payload)
	b.Write(jpg[2:])
	return b.Bytes()
}
