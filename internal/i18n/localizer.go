package i18n

import (
	"errors"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"jiuzhu/internal/errs"
)

// Localizer renders messages in one language. It is safe for concurrent use.
type Localizer struct {
	lang Lang
	loc  *goi18n.Localizer
}

// localizers holds one Localizer per language, built at init.
var localizers = map[string]*Localizer{}

// For returns the Localizer for a language tag; an unknown tag gets Default.
func For(tag string) *Localizer {
	if l, ok := Lookup(tag); ok {
		return localizers[l.Tag]
	}
	return localizers[Default.Tag]
}

// Lang returns the localizer's language.
func (l *Localizer) Lang() Lang { return l.lang }

// T returns the message key in l's language with args filling its
// placeholders. A key missing in l's language falls back to Chinese, and one
// missing everywhere is returned as is, so a page never shows a blank.
func (l *Localizer) T(key string, args map[string]any) string {
	if s := render(l.loc, key, args); s != "" {
		return s
	}
	if s := render(localizers[Default.Tag].loc, key, args); s != "" {
		return s
	}
	return key
}

// render returns "" when loc cannot produce the message. go-i18n may return a
// fallback text together with an error, so the text decides, not the error.
func render(loc *goi18n.Localizer, key string, args map[string]any) (s string) {
	if key == "" {
		return ""
	}
	defer func() {
		if recover() != nil { // a bad argument must not take a page down
			s = ""
		}
	}()
	s, _ = loc.Localize(&goi18n.LocalizeConfig{MessageID: key, TemplateData: args})
	return s
}

// Err renders err for a user: a title and, for invalid input, one message per
// bad field keyed by field name (the first problem when a field has several).
// An *errs.Error without a key gets its code's message ("err.not_found" …);
// any other error gets "err.internal" and never shows its own text. Err(nil)
// returns "" and nil.
func (l *Localizer) Err(err error) (title string, fields map[string]string) {
	if err == nil {
		return "", nil
	}
	var e *errs.Error
	if !errors.As(err, &e) {
		return l.T("err.internal", nil), nil
	}
	key := e.Key
	switch {
	case key != "":
	case e.Code != "":
		key = "err." + string(e.Code)
	default:
		key = "err.internal"
	}
	title = l.T(key, e.Args)
	for _, f := range e.Fields {
		if fields == nil {
			fields = make(map[string]string, len(e.Fields))
		}
		if _, seen := fields[f.Name]; !seen {
			fields[f.Name] = l.T(f.Key, f.Args)
		}
	}
	return title, fields
}
