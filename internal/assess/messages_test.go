package assess

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"jiuzhu/internal/i18n"
)

// usedKeys lists every message key the package uses: template labels, the
// Barthel bands, the yes/no of boolean items and the error keys in the source.
func usedKeys(tb testing.TB) []string {
	tb.Helper()
	var want []string
	for _, tp := range []*Template{DefaultTemplate(), ElderlyTemplate()} {
		want = append(want, tp.LabelKeys()...)
	}
	for _, b := range []string{BarthelSevere, BarthelModerate, BarthelMild, BarthelIndependent} {
		want = append(want, "assess.barthel."+b)
	}
	want = append(want, "common.yes", "common.no")
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"(err\.[a-z_.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, sub := range re.FindAllStringSubmatch(string(src), -1) {
			want = append(want, sub[1])
		}
	}
	slices.Sort(want)
	return slices.Compact(want)
}

// TestMessages checks that every key the package uses has a message in each
// of the four languages (internal/i18n/locales/assess holds them).
func TestMessages(t *testing.T) {
	want := usedKeys(t)
	for _, l := range i18n.Langs {
		t.Run(l.Tag, func(t *testing.T) {
			have := i18n.Keys(l.Tag)
			for _, k := range want {
				if _, ok := slices.BinarySearch(have, k); !ok {
					t.Errorf("locales: %s lacks %s", l.Tag, k)
				}
			}
		})
	}
}
