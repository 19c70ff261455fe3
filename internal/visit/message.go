package visit

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"jiuzhu/internal/errs"
)

// Languages are the languages a rule's message is written in.
var Languages = []string{"zh-Hans", "ug", "kk-Arab", "en"}

// requiredLangs must have a message: the offices' language and the fallback
// of last resort.
var requiredLangs = []string{"zh-Hans", "en"}

// Message returns the text of flag f raised by rule r, in lang when r has
// it, else in Chinese, else in English, else the rule code. A flag whose
// facts name a "variant" uses the message "lang/variant" when there is one.
// Placeholders in braces take the flag's facts first, then r's parameters;
// an unknown placeholder is left as written, so a gap shows.
func Message(r Rule, f Flag, lang string) string {
	variant := f.Facts["variant"]
	for _, l := range []string{lang, "zh-Hans", "en"} {
		if t := r.Messages[l+"/"+variant]; variant != "" && t != "" {
			return fill(t, f.Facts, r.Params)
		}
		if t := r.Messages[l]; t != "" {
			return fill(t, f.Facts, r.Params)
		}
	}
	return r.Code
}

func fill(t string, facts map[string]string, params map[string]float64) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			break
		}
		name := t[i+1 : i+j]
		b.WriteString(t[:i])
		if v, ok := facts[name]; ok {
			b.WriteString(v)
		} else if p, ok := params[name]; ok {
			b.WriteString(num(p))
		} else {
			b.WriteString(t[i : i+j+1])
		}
		t = t[i+j+1:]
	}
	b.WriteString(t)
	return b.String()
}

// num formats a number plainly: no exponent, no trailing zeros.
func num(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// ValidateRule checks a rule an administrator edited: a known code, a
// severity, only the code's parameters, each a finite number ≥ 0, and a
// message in Chinese and in English. It reports every bad field.
func ValidateRule(r Rule) error {
	var fs errs.Fields
	known := slices.Contains(RuleCodes, r.Code)
	if !known {
		fs.Add("code", "err.visit.rule_code", nil)
	}
	if r.Severity != SevFlag && r.Severity != SevReject {
		fs.Add("severity", "err.visit.rule_severity", nil)
	}
	names := make([]string, 0, len(r.Params))
	for name := range r.Params {
		names = append(names, name)
	}
	slices.Sort(names) // a fixed order of errors
	for _, name := range names {
		v := r.Params[name]
		if _, ok := defaultParams[r.Code][name]; known && !ok { // a parameter the rule does not read, likely misspelt
			fs.Add("params."+name, "err.visit.rule_param_unknown", map[string]any{"Name": name})
		} else if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			fs.Add("params."+name, "err.visit.rule_param", map[string]any{"Name": name})
		}
	}
	for _, l := range requiredLangs {
		if strings.TrimSpace(r.Messages[l]) == "" {
			fs.Add("messages."+l, "err.visit.rule_message", map[string]any{"Lang": l})
		}
	}
	return fs.Err()
}
