package demo

import (
	"fmt"
	"time"

	"jiuzhu/internal/person"
)

// newUUID formats 16 seeded random bytes as a version-4 UUID, so record IDs
// look real yet repeat exactly for the same seed.
func (g *gen) newUUID() string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		x := g.r.Uint64()
		for j := range 8 {
			b[i+j] = byte(x >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// birthDate returns a date on which someone is exactly age years old today:
// a day less than a year before today's date age years ago. A 29 February
// today falls back to 28 February in a common year, not forward to 1 March.
func (g *gen) birthDate(age int) time.Time {
	t := g.today
	d := time.Date(t.Year()-age, t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if d.Month() != t.Month() {
		d = d.AddDate(0, 0, -d.Day())
	}
	return d.AddDate(0, 0, -g.r.IntN(365))
}

// residentID returns a valid, unused 18-character resident ID number: county
// code, birth date, a sequence number whose last digit is odd for men and even
// for women, and the ISO 7064 MOD 11-2 check character.
func (g *gen) residentID(county string, birth time.Time, sex person.Sex) string {
	for {
		seq := g.r.IntN(500) * 2
		if sex == person.Male {
			seq++
		}
		first17 := county + birth.Format("20060102") + fmt.Sprintf("%03d", seq)
		id := first17 + string(person.CheckDigit(first17))
		if !g.usedIDs[id] {
			g.usedIDs[id] = true
			return id
		}
	}
}

// mobilePrefixes are real Chinese mobile number blocks.
var mobilePrefixes = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159",
	"180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "199"}

// phone returns an 11-digit mobile number.
func (g *gen) phone() string {
	return pick(g.r, mobilePrefixes) + fmt.Sprintf("%08d", g.r.IntN(100_000_000))
}
