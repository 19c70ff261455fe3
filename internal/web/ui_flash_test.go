package web

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestFlashKeysListed: every notice a handler leaves is in flashKeys, or
// takeFlash would drop it without a word.
func TestFlashKeysListed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`setFlash\(w, "([^"]+)"\)`)
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			n++
			if !slices.Contains(flashKeys, m[1]) {
				t.Errorf("%s sets flash %q, which flashKeys does not list", f, m[1])
			}
		}
	}
	if n == 0 {
		t.Fatal("found no setFlash calls: the pattern no longer matches the code")
	}
}
