package i18n

import (
	"regexp"
	"slices"
	"testing"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// TestTranslationsComplete checks that every language file has exactly the
// keys of zh-Hans.toml.
func TestTranslationsComplete(t *testing.T) {
	want := Keys(Default.Tag)
	for _, l := range Langs[1:] {
		t.Run(l.Tag, func(t *testing.T) {
			got := Keys(l.Tag)
			for _, k := range want {
				if !slices.Contains(got, k) {
					t.Errorf("locales/%s.toml: missing translation of %q", l.Tag, k)
				}
			}
			for _, k := range got {
				if !slices.Contains(want, k) {
					t.Errorf("locales/%s.toml: key %q is not in zh-Hans.toml", l.Tag, k)
				}
			}
		})
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders returns the sorted, distinct placeholder names in a message.
func placeholders(msg string) []string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(msg, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// TestPlaceholdersMatch checks that each translation uses the same
// placeholders as the Chinese message: no argument lost, none invented.
func TestPlaceholdersMatch(t *testing.T) {
	for _, l := range Langs[1:] {
		t.Run(l.Tag, func(t *testing.T) {
			for key, zh := range messages[Default.Tag] {
				msg, ok := messages[l.Tag][key]
				if !ok {
					continue // reported by TestTranslationsComplete
				}
				if got, want := placeholders(msg), placeholders(zh); !slices.Equal(got, want) {
					t.Errorf("locales/%s.toml: %q has placeholders %v, want %v", l.Tag, key, got, want)
				}
			}
		})
	}
}

// TestEveryMessageRenders renders every message in its own language: the text
// is the file's own (no silent fallback), and every placeholder is filled.
func TestEveryMessageRenders(t *testing.T) {
	for _, l := range Langs {
		t.Run(l.Tag, func(t *testing.T) {
			loc := For(l.Tag)
			for _, key := range Keys(l.Tag) {
				src := messages[l.Tag][key]
				args := map[string]any{}
				for _, p := range placeholders(src) {
					args[p] = "<" + p + ">"
				}
				want := placeholder.ReplaceAllString(src, "<$1>")
				if got := loc.T(key, args); got != want {
					t.Errorf("T(%q) = %q, want %q", key, got, want)
				}
			}
		})
	}
}

// TestRequiredKeys checks that the keys other packages rely on exist.
func TestRequiredKeys(t *testing.T) {
	keys := []string{
		"app.name", "err.invalid", "err.internal", "err.not_found", "err.conflict",
		"err.version_conflict", "err.forbidden", "err.unauthenticated", "err.too_many_requests",
		"err.login.failed", "err.login.locked", "err.password.weak", "err.password.too_long",
		"err.required", "err.id.length", "err.id.character", "err.id.x_position",
		"err.id.birth_date", "err.id.birth_range", "err.id.checksum", "err.id.duplicate",
		"err.place.unknown", "err.place.not_village", "err.place.out_of_scope",
		"err.category.unknown", "err.ethnicity.unknown", "err.language.unknown",
		"err.relation.unknown", "err.disability.range", "err.phone.format", "err.coord.range",
		"err.date.format", "err.date.order", "err.person.duplicate_suspect",
		"err.guardian.unknown", "err.name.too_long", "err.location.label",
		"sex.M", "sex.F", "location.home", "location.winter", "location.summer", "location.other",
	}
	for _, c := range []errs.Code{errs.Invalid, errs.NotFound, errs.Conflict, errs.Forbidden, errs.Unauthenticated, errs.TooMany, errs.Internal} {
		keys = append(keys, "err."+string(c))
	}
	for _, r := range auth.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, c := range person.Categories {
		keys = append(keys, "category."+string(c))
	}
	for prefix, values := range map[string][]string{"ethnicity.": person.Ethnicities, "language.": person.Languages, "relation.": person.Relations} {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	for _, k := range []place.Kind{place.Urban, place.Rural, place.Pastoral} {
		keys = append(keys, "kind."+string(k))
	}
	for lvl := place.Region; lvl <= place.Village; lvl++ {
		keys = append(keys, "level."+lvl.String())
	}
	have := Keys(Default.Tag)
	for _, k := range keys {
		if !slices.Contains(have, k) {
			t.Errorf("locales/zh-Hans.toml: missing %q", k)
		}
	}
}
