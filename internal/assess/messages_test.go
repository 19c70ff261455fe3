package assess

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// templateKeys lists every label key a template uses, in order, once each.
func templateKeys(t *Template) []string {
	var ks []string
	add := func(k string) {
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	add(t.NameKey)
	for _, d := range t.Dimensions {
		add(d.LabelKey)
		for _, it := range d.Items {
			add(it.LabelKey)
			for _, o := range it.Options {
				add(o.LabelKey)
			}
			for _, b := range it.Bands {
				add(b.LabelKey)
			}
		}
	}
	for _, g := range t.Grades {
		add(g.LabelKey)
	}
	for _, tr := range t.Tiers {
		add(tr.LabelKey)
	}
	for _, ls := range [][]Label{t.Classes, t.Packages} {
		for _, l := range ls {
			add(l.LabelKey)
		}
	}
	for _, r := range t.Rules {
		add(r.LabelKey)
	}
	return ks
}

// readMessages reads messages_zh_en.txt: "key = zh | en" lines.
func readMessages(tb testing.TB) map[string][2]string {
	tb.Helper()
	f, err := os.Open("messages_zh_en.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	m := map[string][2]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, texts, ok1 := strings.Cut(line, " = ")
		zh, en, ok2 := strings.Cut(texts, " | ")
		if !ok1 || !ok2 || strings.TrimSpace(zh) == "" || strings.TrimSpace(en) == "" {
			tb.Errorf("line %d: want `key = zh | en`: %q", n, line)
			continue
		}
		if _, dup := m[key]; dup {
			tb.Errorf("line %d: duplicate key %s", n, key)
		}
		m[key] = [2]string{strings.TrimSpace(zh), strings.TrimSpace(en)}
	}
	return m
}

// TestMessages checks that every message key the package uses — template
// labels, Barthel bands, error keys in the source — has both texts.
func TestMessages(t *testing.T) {
	m := readMessages(t)
	var want []string
	for _, tp := range []*Template{DefaultTemplate(), ElderlyTemplate()} {
		want = append(want, templateKeys(tp)...)
	}
	for _, b := range []string{BarthelSevere, BarthelModerate, BarthelMild, BarthelIndependent} {
		want = append(want, "assess.barthel."+b)
	}
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"(err\.assess\.[a-z_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, sub := range re.FindAllStringSubmatch(string(src), -1) {
			want = append(want, sub[1])
		}
	}
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("messages_zh_en.txt lacks %s", k)
		}
	}
}
