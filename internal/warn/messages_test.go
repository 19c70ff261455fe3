package warn

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"jiuzhu/internal/i18n"
)

// TestMessages checks that every message key this package uses, literally in
// its code or built from its enumerations, is defined in every language's
// message files (internal/i18n/locales, warn/ and the shared files). The
// i18n tests check that the languages agree on keys and placeholders.
func TestMessages(t *testing.T) {
	var used []string
	literal := regexp.MustCompile(`"((?:err|warn)\.[a-z_.]+)"`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if key := m[1]; !strings.HasSuffix(key, ".") {
				used = append(used, key)
			}
		}
	}
	for _, k := range FeedKinds {
		used = append(used, "warn.feed."+string(k), "warn.dept."+string(k.Department()))
		if !k.Facts() { // no rule, no reason
			used = append(used, "warn.reason."+string(k))
		}
		for _, c := range Layout(k) {
			used = append(used, "warn.column."+c.Name)
		}
	}
	for _, k := range EmergencyKinds {
		used = append(used, "warn.reason.emergency."+string(k), "warn.emergency."+string(k))
	}
	for _, u := range []Urgency{Normal, Urgent} {
		used = append(used, "warn.urgency."+string(u))
	}
	slices.Sort(used)
	used = slices.Compact(used)
	for _, l := range i18n.Langs {
		have := i18n.Keys(l.Tag)
		for _, key := range used {
			if _, found := slices.BinarySearch(have, key); !found {
				t.Errorf("%s: key %s has no message", l.Tag, key)
			}
		}
	}
}
