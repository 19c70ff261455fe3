package visit

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestMessage(t *testing.T) {
	r := Rule{Code: RuleGeofence, Params: map[string]float64{"limit": 2.5}, Messages: map[string]string{
		"zh-Hans":        "距离 {distance_m} 米，范围 {radius_m} 米",
		"en":             "{distance_m} m away, fence {radius_m} m, limit {limit}, {unknown}",
		"en/no_fix":      "no fix ({radius_m} m)",
		"zh-Hans/no_fix": "没有定位",
		"ug":             "{distance_m} مېتىر",
	}}
	facts := map[string]string{"distance_m": "500", "radius_m": "200"}
	for _, c := range []struct {
		name, lang, variant, want string
	}{
		{"facts, params, an unknown placeholder kept", "en", "", "500 m away, fence 200 m, limit 2.5, {unknown}"},
		{"own language", "ug", "", "500 مېتىر"},
		{"falls back to Chinese", "kk-Arab", "", "距离 500 米，范围 200 米"},
		{"unknown language falls back to Chinese", "fr", "", "距离 500 米，范围 200 米"},
		{"variant", "en", "no_fix", "no fix (200 m)"},
		{"own language without the variant beats another's variant", "ug", "no_fix", "500 مېتىر"},
		{"variant falls back to Chinese", "kk-Arab", "no_fix", "没有定位"},
		{"unknown variant uses the plain message", "en", "check_out", "500 m away, fence 200 m, limit 2.5, {unknown}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := Flag{Rule: r.Code, Facts: map[string]string{"variant": c.variant}}
			for k, v := range facts {
				f.Facts[k] = v
			}
			if got := Message(r, f, c.lang); got != c.want {
				t.Fatalf("Message=%q, want %q", got, c.want)
			}
		})
	}
	t.Run("English when there is no Chinese", func(t *testing.T) {
		r := Rule{Code: "x", Messages: map[string]string{"en": "only {n}"}}
		if got, want := Message(r, Flag{Facts: map[string]string{"n": "1"}}, "ug"), "only 1"; got != want {
			t.Fatalf("Message=%q, want %q", got, want)
		}
	})
	t.Run("the code when there is no message", func(t *testing.T) {
		if got, want := Message(Rule{Code: "x"}, Flag{}, "en"), "x"; got != want {
			t.Fatalf("Message=%q, want %q", got, want)
		}
	})
	t.Run("an unclosed brace", func(t *testing.T) {
		r := Rule{Messages: map[string]string{"en": "{n} and {n"}}
		if got, want := Message(r, Flag{Facts: map[string]string{"n": "1"}}, "en"), "1 and {n"; got != want {
			t.Fatalf("Message=%q, want %q", got, want)
		}
	})
}

// TestDefaultRules checks that every rule is there once, in all four
// languages, each variant too, and names only facts its check produces or
// its parameters.
func TestDefaultRules(t *testing.T) {
	names := map[string][]string{
		RuleGeofence:        {"distance_m", "radius_m"},
		RuleShort:           {"minutes", "planned", "min_minutes"},
		RuleOverlap:         {"order_id", "minutes"},
		RuleSpeed:           {"order_id", "km", "minutes", "kmh"},
		RulePhotoReuse:      {"order_id", "sha"},
		RuleSameCoordinates: {"count"},
		RuleClockSkew:       {"minutes"},
		RuleOver24h:         {"hours"},
		RuleInHospital:      {"from"},
		RuleAfterDeath:      {"died_on"},
	}
	placeholder := regexp.MustCompile(`\{([a-z_]+)\}`)
	var codes []string
	for _, r := range DefaultRules() {
		codes = append(codes, r.Code)
		t.Run(r.Code, func(t *testing.T) {
			if err := ValidateRule(r); err != nil {
				t.Fatalf("ValidateRule=%v", err)
			}
			if got, want := r.Severity == SevReject, r.Code == RuleAfterDeath; got != want || !r.Enabled {
				t.Fatalf("Severity=%v Enabled=%v", r.Severity, r.Enabled)
			}
			variants := map[string]bool{"": true}
			for key := range r.Messages {
				if _, v, ok := strings.Cut(key, "/"); ok {
					variants["/"+v] = true
				}
			}
			for v := range variants {
				for _, l := range Languages {
					msg := r.Messages[l+v]
					if msg == "" {
						t.Fatalf("no message %s%s", l, v)
					}
					for _, m := range placeholder.FindAllStringSubmatch(msg, -1) {
						if _, isParam := r.Params[m[1]]; !isParam && !slices.Contains(names[r.Code], m[1]) {
							t.Errorf("%s%s names {%s}", l, v, m[1])
						}
					}
				}
			}
		})
	}
	if !slices.Equal(codes, RuleCodes) {
		t.Fatalf("codes=%v, want %v", codes, RuleCodes)
	}
}

func TestValidateRule(t *testing.T) {
	for _, c := range []struct {
		name       string
		mod        func(r *Rule)
		field, key string
	}{
		{"default", func(*Rule) {}, "", ""},
		{"parameter left out", func(r *Rule) { delete(r.Params, "max_kmh") }, "", ""},
		{"unknown code", func(r *Rule) { r.Code = "moon_phase" }, "code", "err.visit.rule_code"},
		{"severity", func(r *Rule) { r.Severity = "warn" }, "severity", "err.visit.rule_severity"},
		{"negative parameter", func(r *Rule) { r.Params["max_kmh"] = -1 }, "params.max_kmh", "err.visit.rule_param"},
		{"unknown parameter", func(r *Rule) { r.Params["max_kmph"] = 100 }, "params.max_kmph", "err.visit.rule_param_unknown"},
		{"no Chinese", func(r *Rule) { delete(r.Messages, "zh-Hans") }, "messages.zh-Hans", "err.visit.rule_message"},
		{"blank English", func(r *Rule) { r.Messages["en"] = " " }, "messages.en", "err.visit.rule_message"},
		{"no Kazakh is fine", func(r *Rule) { delete(r.Messages, "kk-Arab") }, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := ruleByCode(t, RuleSpeed)
			c.mod(&r)
			checkField(t, ValidateRule(r), c.field, c.key)
		})
	}
}
