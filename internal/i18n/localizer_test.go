package i18n

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"jiuzhu/internal/errs"
)

func TestMatch(t *testing.T) {
	tests := []struct{ header, want string }{
		{"kk-KZ,kk;q=0.9", "kk-Arab"},
		{"kk", "kk-Arab"},
		{"kk-Cyrl-KZ", "kk-Arab"},
		{"kk-Arab-CN", "kk-Arab"},
		{"ug-CN", "ug"},
		{"ug", "ug"},
		{"en-US,en;q=0.8", "en"},
		{"en-GB", "en"},
		{"zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"},
		{"zh-TW", "zh-Hans"},
		{"fr-FR,ug;q=0.5", "ug"},
		{"en;q=0.3,kk;q=0.9", "kk-Arab"},
		{"", "zh-Hans"},
		{"fr", "zh-Hans"},
		{"*", "zh-Hans"},
		{"not a header;;;", "zh-Hans"},
		{"en-US;q=bad,ug", "en"}, // malformed: entries read in order
		{"@@,ug-CN", "ug"},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := Match(tt.header).Tag; got != tt.want {
				t.Fatalf("Match(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestLangs(t *testing.T) {
	want := map[string]string{"zh-Hans": "ltr", "ug": "rtl", "kk-Arab": "rtl", "en": "ltr"}
	if len(Langs) != len(want) {
		t.Fatalf("len(Langs) = %d, want %d", len(Langs), len(want))
	}
	for tag, dir := range want {
		l, ok := Lookup(tag)
		if !ok {
			t.Fatalf("Lookup(%q) failed", tag)
		}
		if l.Dir != dir {
			t.Errorf("%s: Dir = %q, want %q", tag, l.Dir, dir)
		}
		if got := For(tag).Lang(); got != l {
			t.Errorf("For(%q).Lang() = %v, want %v", tag, got, l)
		}
	}
	if l, ok := Lookup("KK-arab"); !ok || l.Tag != "kk-Arab" {
		t.Errorf("Lookup(KK-arab) = %v, %v; want kk-Arab", l, ok)
	}
	if _, ok := Lookup("kk"); ok {
		t.Errorf("Lookup(kk) succeeded; only kk-Arab is a tag")
	}
	if got := For("fr").Lang().Tag; got != "zh-Hans" {
		t.Errorf("For(fr) = %q, want zh-Hans", got)
	}
}

func TestKeys(t *testing.T) {
	keys := Keys("en")
	if len(keys) == 0 || !slices.IsSorted(keys) {
		t.Fatalf("Keys(en) = %d keys, sorted %v", len(keys), slices.IsSorted(keys))
	}
	if got := Keys("fr"); got != nil {
		t.Errorf("Keys(fr) = %v, want nil", got)
	}
}

func TestT(t *testing.T) {
	if got := For("en").T("no.such.key", nil); got != "no.such.key" {
		t.Errorf("unknown key: got %q", got)
	}
	if got, want := For("en").T("err.id.character", map[string]any{"Pos": 7}), "Character 7 must be a digit."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A message only in Chinese falls back to Chinese.
	bundle.MustAddMessages(language.MustParse(Default.Tag), &goi18n.Message{ID: "test.zh_only", Other: "仅中文 {{.N}}"})
	if got, want := For("kk-Arab").T("test.zh_only", map[string]any{"N": 3}), "仅中文 3"; got != want {
		t.Errorf("fallback: got %q, want %q", got, want)
	}
}

func TestErr(t *testing.T) {
	var fs errs.Fields
	fs.Add("id_number", "err.id.checksum", map[string]any{"Want": "X", "Got": "7"})
	fs.Add("id_number", "err.id.duplicate", nil) // a second problem: the first one wins
	fs.Add("phone", "err.phone.format", nil)
	invalid := fmt.Errorf("save person: %w", fs.Err())

	tests := []struct {
		name       string
		lang       string
		err        error
		wantTitle  string
		wantFields map[string]string
	}{
		{"checksum zh", "zh-Hans", invalid, "请检查标出的字段", map[string]string{
			"id_number": "校验位应为 X，而不是 7，可能有数字录错了",
			"phone":     "请输入以 1 开头的 11 位手机号码",
		}},
		{"checksum en", "en", invalid, "Please check the marked fields.", map[string]string{
			"id_number": "The check character should be X, not 7; a digit was probably mistyped.",
			"phone":     "Enter an 11-digit mobile number starting with 1.",
		}},
		{"locked", "en", &errs.Error{Code: errs.Unauthenticated, Key: "err.login.locked", Args: map[string]any{"Until": "10:15"}},
			"This account is locked until 10:15.", nil},
		{"code only", "en", &errs.Error{Code: errs.NotFound}, "Not found.", nil},
		{"foreign", "en", errors.New("pq: relation does not exist"), "Internal error. Please try again later.", nil},
		{"nil", "en", nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, fields := For(tt.lang).Err(tt.err)
			if title != tt.wantTitle {
				t.Errorf("title = %q, want %q", title, tt.wantTitle)
			}
			if len(fields) != len(tt.wantFields) {
				t.Errorf("fields = %v, want %v", fields, tt.wantFields)
			}
			for name, want := range tt.wantFields {
				if got := fields[name]; got != want {
					t.Errorf("fields[%q] = %q, want %q", name, got, want)
				}
			}
		})
	}
}
