package catalog

import "strings"

// Tasks splits an item's content into the tasks a worker ticks on a visit:
// the text after a leading "…：" heading, split at Chinese and Latin list
// punctuation. Content that lists nothing is one task.
func Tasks(content string) []string {
	if _, rest, ok := strings.Cut(content, "："); ok && strings.TrimSpace(rest) != "" {
		content = rest
	}
	parts := strings.FieldsFunc(content, func(r rune) bool {
		switch r {
		case '、', '，', '；', '。', ';', ',', '\n':
			return true
		}
		return false
	})
	out := []string{}
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 && strings.TrimSpace(content) != "" {
		out = append(out, strings.TrimSpace(content))
	}
	return out
}
