// Package i18n holds the user-facing messages in the four languages jiuzhu
// speaks: Simplified Chinese (the default), Uyghur and Kazakh (both in Arabic
// script, right to left) and English. Messages live in embedded TOML files,
// one set per language, keyed by message ID; placeholders are Go templates such
// as {{.Pos}}. A missing translation falls back to Chinese, then to the key.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Lang is a language the interface is offered in.
type Lang struct {
	Tag  string // as used in URLs and cookies: "zh-Hans", "ug", "kk-Arab", "en"
	Name string // the language's name in itself, for language pickers
	Dir  string // text direction for <html dir>: "ltr" or "rtl"
}

// Langs lists the interface languages in display order; the first is the default.
// Names are hard-coded: a browser would call kk "Қазақ тілі" (Cyrillic).
var Langs = []Lang{
	{Tag: "zh-Hans", Name: "简体中文", Dir: "ltr"},
	{Tag: "ug", Name: "ئۇيغۇرچە", Dir: "rtl"},
	{Tag: "kk-Arab", Name: "قازاقشا", Dir: "rtl"},
	{Tag: "en", Name: "English", Dir: "ltr"},
}

// Default is the language used when nothing else matches.
var Default = Langs[0]

// Lookup returns the language with the given tag, compared case-insensitively.
func Lookup(tag string) (Lang, bool) {
	for _, l := range Langs {
		if strings.EqualFold(l.Tag, tag) {
			return l, true
		}
	}
	return Lang{}, false
}

// Messages live in locales/<tag>.toml and, per area of the product, in
// locales/<area>/<tag>.toml, so areas grow their messages side by side.
//
//go:embed locales
var files embed.FS

var (
	bundle   *goi18n.Bundle
	messages = map[string]map[string]string{} // tag → ID → source text
)

func init() {
	bundle = goi18n.NewBundle(language.MustParse(Default.Tag))
	for _, l := range Langs {
		if err := load(l.Tag); err != nil {
			panic(err) // the files are embedded: a bad one is a build defect the tests catch
		}
	}
	for _, l := range Langs {
		localizers[l.Tag] = &Localizer{lang: l, loc: goi18n.NewLocalizer(bundle, l.Tag)}
	}
}

// load parses one language's files into the bundle and records their
// message IDs. A key defined in two files is an error.
func load(tag string) error {
	paths, err := fs.Glob(files, "locales/*/"+tag+".toml")
	if err != nil {
		return err
	}
	paths = append([]string{"locales/" + tag + ".toml"}, paths...)
	m := map[string]string{}
	for _, path := range paths {
		buf, err := files.ReadFile(path)
		if err != nil {
			return fmt.Errorf("i18n: %w", err)
		}
		ms, err := bundle.ParseMessageBytes(language.MustParse(tag), buf, toml.Unmarshal)
		if err != nil {
			return fmt.Errorf("i18n: %s: %w", path, err)
		}
		for _, msg := range ms {
			if _, dup := m[msg.ID]; dup {
				return fmt.Errorf("i18n: %s: key %q is defined twice", path, msg.ID)
			}
			m[msg.ID] = msg.Other
		}
	}
	messages[tag] = m
	return nil
}

// Keys returns the sorted message IDs defined in the language's own file
// (without fallbacks), or nil for an unknown tag.
func Keys(tag string) []string {
	l, ok := Lookup(tag)
	if !ok {
		return nil
	}
	keys := make([]string, 0, len(messages[l.Tag]))
	for k := range messages[l.Tag] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
