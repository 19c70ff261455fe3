package warn

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readMessages parses messages_zh_en.txt: "key = zh | en" per line.
func readMessages(tb testing.TB) map[string][2]string {
	tb.Helper()
	f, err := os.Open("messages_zh_en.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	msgs := map[string][2]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, text, ok := strings.Cut(line, " = ")
		zh, en, ok2 := strings.Cut(text, " | ")
		if !ok || !ok2 || strings.Contains(en, " | ") {
			tb.Fatalf("bad line %q", line)
		}
		if _, dup := msgs[key]; dup {
			tb.Fatalf("key %s twice", key)
		}
		msgs[key] = [2]string{zh, en}
	}
	return msgs
}

var placeholder = regexp.MustCompile(`{{\.(\w+)}}`)

// Every key the code uses has a message, and both languages use the same
// placeholders.
func TestMessages(t *testing.T) {
	msgs := readMessages(t)
	for key, m := range msgs {
		zh, en := placeholder.FindAllString(m[0], -1), placeholder.FindAllString(m[1], -1)
		slices.Sort(zh)
		slices.Sort(en)
		if !slices.Equal(slices.Compact(zh), slices.Compact(en)) {
			t.Errorf("%s: placeholders differ: %v vs %v", key, zh, en)
		}
	}
	reused := map[string]bool{"err.required": true, "err.category.unknown": true}
	used := regexp.MustCompile(`"((?:err|warn)\.[a-z_.]+)"`)
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			if key := m[1]; !strings.HasSuffix(key, ".") && !reused[key] && msgs[key] == [2]string{} {
				t.Errorf("%s: key %s has no message", name, key)
			}
		}
	}
	var dynamic []string
	for _, k := range FeedKinds {
		dynamic = append(dynamic, "warn.reason."+string(k), "warn.feed."+string(k), "warn.dept."+string(k.Department()))
	}
	for _, k := range EmergencyKinds {
		dynamic = append(dynamic, "warn.reason.emergency."+string(k), "warn.emergency."+string(k))
	}
	for _, k := range FeedKinds {
		for _, c := range Layout(k) {
			dynamic = append(dynamic, "warn.column."+c.Name)
		}
	}
	for _, key := range dynamic {
		if _, ok := msgs[key]; !ok {
			t.Errorf("key %s has no message", key)
		}
	}
}
