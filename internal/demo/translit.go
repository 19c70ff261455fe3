package demo

import (
	"strings"
	"unicode"
)

// script selects the Arabic-script orthography a rough transliteration targets.
type script int

const (
	uyghur script = iota
	kazakh
)

// digraphs are matched before single letters.
var arabicDigraphs = map[string][2]string{
	"zh": {"ج", "ج"}, "ch": {"چ", "چ"}, "sh": {"ش", "ش"}, "ng": {"ڭ", "ڭ"},
}

// arabicLetters maps pinyin letters to [Uyghur, Kazakh] Arabic letters.
var arabicLetters = map[rune][2]string{
	'a': {"ا", "ا"}, 'b': {"ب", "ب"}, 'c': {"س", "س"}, 'd': {"د", "د"}, 'e': {"ە", "ە"},
	'f': {"ف", "ف"}, 'g': {"گ", "گ"}, 'h': {"خ", "ح"}, 'i': {"ى", "ى"}, 'j': {"ج", "ج"},
	'k': {"ك", "ك"}, 'l': {"ل", "ل"}, 'm': {"م", "م"}, 'n': {"ن", "ن"}, 'o': {"و", "و"},
	'p': {"پ", "پ"}, 'q': {"چ", "چ"}, 'r': {"ر", "ر"}, 's': {"س", "س"}, 't': {"ت", "ت"},
	'u': {"ۇ", "ۇ"}, 'ü': {"ۈ", "ٷ"}, 'v': {"ۈ", "ٷ"}, 'w': {"ۋ", "ۋ"}, 'x': {"ش", "ش"},
	'y': {"ي", "ي"}, 'z': {"ز", "ز"},
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouüv", r) }

// toArabic transliterates a pinyin-like Latin name letter by letter. It is
// deliberately rough: demo data needs plausible Arabic-script text, not the
// official spelling. Uyghur writes a hamza before a word-initial vowel.
func toArabic(latin string, s script) string {
	var b strings.Builder
	src := []rune(strings.ToLower(latin))
	wordStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		if !unicode.IsLetter(c) {
			if c == ' ' || c == '-' {
				b.WriteRune(' ')
				wordStart = true
			}
			continue
		}
		if wordStart && s == uyghur && isVowel(c) {
			b.WriteString("ئ")
		}
		wordStart = false
		if i+1 < len(src) {
			if d, ok := arabicDigraphs[string(src[i:i+2])]; ok {
				b.WriteString(d[s])
				i++
				continue
			}
		}
		if l, ok := arabicLetters[c]; ok {
			b.WriteString(l[s])
		}
	}
	return b.String()
}

// Arabic-script words for the kind of a place, [Uyghur, Kazakh].
var (
	arStreet    = [2]string{"كوچا باشقارمىسى", "كوشە باسقارماسى"}
	arTown      = [2]string{"بازىرى", "قالاشىعى"}
	arTownship  = [2]string{"يېزىسى", "بولىسى"}
	arFarm      = [2]string{"دېھقانچىلىق مەيدانى", "ەگىنشىلىك فەرماسى"}
	arRanch     = [2]string{"چارۋىچىلىق مەيدانى", "مال فەرماسى"}
	arVillage   = [2]string{"كەنتى", "اۋىلى"}
	arCommunity = [2]string{"مەھەللىسى", "قاۋىمداستىعى"}
	arPastoral  = [2]string{"چارۋىچىلىق كەنتى", "مالشىلار اۋىلى"}
)

// Arabic-script names of the ethnic groups that have ethnic townships here.
var arEthnic = map[string][2]string{
	"Kazakh": {"قازاق", "قازاق"},
	"Uzbek":  {"ئۆزبېك", "ٶزبەك"},
	"Tatar":  {"تاتار", "تاتار"},
}
