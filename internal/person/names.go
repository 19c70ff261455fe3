package person

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SearchKey folds a name for matching: compatibility-normalised, lower case,
// without spaces, the middle dot of transliterated names (努尔兰·阿合买提),
// hyphens, apostrophes and Arabic vowel marks or tatweel, so "Nurlan Ahmet",
// "nurlan-ahmet" and "NURLANAHMET" meet.
func SearchKey(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.IsPunct(r), r == '·', r == '•', r == '・', r == '‧':
		case r >= 0x064B && r <= 0x065F, r == 0x0640, r == 0x0670:
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// SearchText joins the keys of all spellings of a person's name, so one
// substring match finds the person by any of them.
func (p *Person) SearchText() string {
	return "|" + SearchKey(p.Name) + "|" + SearchKey(p.NameArabic) + "|" + SearchKey(p.NameLatin) + "|"
}

// SimilarNames reports whether two people's names look like the same name in
// any pair of spellings: equal keys, or one edit apart when the longer has
// three or more letters (a typo, or 阿合买提 against 阿合买堤).
func SimilarNames(a, b *Person) bool {
	as := []string{SearchKey(a.Name), SearchKey(a.NameArabic), SearchKey(a.NameLatin)}
	bs := []string{SearchKey(b.Name), SearchKey(b.NameArabic), SearchKey(b.NameLatin)}
	for _, x := range as {
		for _, y := range bs {
			if x == "" || y == "" {
				continue
			}
			if x == y {
				return true
			}
			if max(len([]rune(x)), len([]rune(y))) >= 3 && editDistance(x, y) <= 1 {
				return true
			}
		}
	}
	return false
}

// editDistance is the Levenshtein distance in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
