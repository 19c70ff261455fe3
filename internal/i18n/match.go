package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// byBase maps a requested language's base to the interface language serving
// it. Every Kazakh request gets Arabic-script Kazakh, as written in China: a
// browser's "kk" means Cyrillic (Kazakhstan), which we do not have. Any
// Chinese gets Simplified Chinese.
var byBase = map[string]string{
	"zh": "zh-Hans",
	"ug": "ug",
	"kk": "kk-Arab",
	"en": "en",
}

// Match picks the interface language for an Accept-Language header value,
// honouring q-values; it returns Default when nothing fits.
func Match(acceptLanguage string) Lang {
	for _, t := range parseAccept(acceptLanguage) {
		base, conf := t.Base()
		if conf == language.No {
			continue
		}
		if tag, ok := byBase[base.String()]; ok {
			l, _ := Lookup(tag)
			return l
		}
	}
	return Default
}

// parseAccept parses the header by q-value; if the header is malformed it
// falls back to reading each well-formed entry in order, ignoring weights.
func parseAccept(s string) []language.Tag {
	if tags, _, err := language.ParseAcceptLanguage(s); err == nil {
		return tags
	}
	var tags []language.Tag
	for item := range strings.SplitSeq(s, ",") {
		name, _, _ := strings.Cut(item, ";")
		if t, err := language.Parse(strings.TrimSpace(name)); err == nil {
			tags = append(tags, t)
		}
	}
	return tags
}
