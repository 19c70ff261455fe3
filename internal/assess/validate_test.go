package assess

import (
	"errors"
	"strconv"
	"testing"

	"jiuzhu/internal/errs"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name     string
		template func() *Template
		mutate   func(*Template)
		field    string // a field the error must name
		key      string
	}{
		{"missing code", DefaultTemplate, func(t *Template) { t.Code = "" }, "code", "err.required"},
		{"version 0", DefaultTemplate, func(t *Template) { t.Version = 0 }, "version", "err.assess.version"},
		{"duplicate dimension", DefaultTemplate, func(t *Template) { t.Dimensions[2].Code = "economic" },
			"dimensions[2].code", "err.assess.duplicate"},
		{"duplicate item across dimensions", DefaultTemplate, func(t *Template) { t.Dimensions[1].Items[0].Code = "econ.housing" },
			"dimensions[1].items[0].code", "err.assess.duplicate"},
		{"choice without options", DefaultTemplate, func(t *Template) { t.Dimensions[0].Items[2].Options = nil },
			"dimensions[0].items[2].options", "err.assess.options"},
		{"duplicate option", DefaultTemplate, func(t *Template) { t.Dimensions[0].Items[2].Options[1].Code = "safe" },
			"dimensions[0].items[2].options[1].code", "err.assess.duplicate"},
		{"unknown kind", DefaultTemplate, func(t *Template) { t.Dimensions[0].Items[1].Kind = "scale" },
			"dimensions[0].items[1].kind", "err.assess.kind"},
		{"options on a boolean", DefaultTemplate, func(t *Template) {
			t.Dimensions[0].Items[1].Options = []Option{{Code: "x", LabelKey: "k"}}
		}, "dimensions[0].items[1].options", "err.assess.extra"},
		{"overlapping bands", DefaultTemplate, func(t *Template) { t.Dimensions[0].Items[0].Bands[1].Min = 0.5 },
			"dimensions[0].items[0].bands[1]", "err.assess.bands"},
		{"from on a choice", DefaultTemplate, func(t *Template) { t.Dimensions[0].Items[2].From = FromAge },
			"dimensions[0].items[2].from", "err.assess.from"},
		{"dimension condition on an answer", DefaultTemplate, func(t *Template) {
			t.Dimensions[3].When = &Cond{Item: "econ.housing", Is: "safe"}
		}, "dimensions[3].when", "err.assess.scope"},
		{"rule on unknown dimension", DefaultTemplate, func(t *Template) { t.Rules[0].When = dimAtMost("adls", 40) },
			"rules[0].when.dim", "err.assess.ref"},
		{"rule on unknown item", DefaultTemplate, func(t *Template) { t.Rules[0].When = yes("mental.riskk") },
			"rules[0].when.item", "err.assess.ref"},
		{"rule on unknown option", DefaultTemplate, func(t *Template) { t.Rules[0].When = is("econ.housing", "palace") },
			"rules[0].when", "err.assess.ref"},
		{"two tests in one leaf", DefaultTemplate, func(t *Template) { t.Rules[0].When = Cond{Dim: "adl", Attr: "age", Lte: num(40)} },
			"rules[0].when", "err.assess.cond"},
		{"leaf without comparison", DefaultTemplate, func(t *Template) { t.Rules[0].When = Cond{Dim: "adl"} },
			"rules[0].when", "err.assess.cond"},
		{"code test on a number", DefaultTemplate, func(t *Template) { t.Rules[0].When = Cond{Attr: "age", Is: "old"} },
			"rules[0].when", "err.assess.cond"},
		{"empty condition", DefaultTemplate, func(t *Template) { t.Rules[0].When = Cond{} },
			"rules[0].when", "err.assess.cond"},
		{"unknown category", DefaultTemplate, func(t *Template) { t.Rules[0].When = Cond{Category: "rich"} },
			"rules[0].when.category", "err.assess.ref"},
		{"unknown band", DefaultTemplate, func(t *Template) { t.Rules[0].When = ageBand("toddler") },
			"rules[0].when", "err.assess.ref"},
		{"tier 5", DefaultTemplate, func(t *Template) { t.Rules[0].Tier = 5 }, "rules[0].tier", "err.assess.tier"},
		{"undeclared class", DefaultTemplate, func(t *Template) { t.Rules[0].Classes = []string{"luxury"} },
			"rules[0].classes", "err.assess.ref"},
		{"undeclared package", DefaultTemplate, func(t *Template) { t.Rules[len(t.Rules)-1].Package = "spa.weekly" },
			"rules[" + strconv.Itoa(len(DefaultTemplate().Rules)-1) + "].package", "err.assess.ref"},
		{"class tested before it is added", DefaultTemplate, func(t *Template) { t.Rules[0].When = hasClass("rehab") },
			"rules[0].when.class", "err.assess.class_order"},
		{"tier after the package", DefaultTemplate, func(t *Template) { t.Rules[len(t.Rules)-1].Tier = 1 },
			"rules[" + strconv.Itoa(len(DefaultTemplate().Rules)-1) + "]", "err.assess.order"},
		{"visits without package", DefaultTemplate, func(t *Template) { t.Rules[0].VisitsPerMonth = 3 },
			"rules[0].visits_per_month", "err.assess.visits"},
		{"duplicate rule code", DefaultTemplate, func(t *Template) { t.Rules[1].Code = t.Rules[0].Code },
			"rules[1].code", "err.assess.duplicate"},
		{"tier table without tier 3", DefaultTemplate, func(t *Template) { t.Tiers = append(t.Tiers[:2], t.Tiers[3]) },
			"tiers", "err.assess.tiers"},
		{"reassess 0 months", DefaultTemplate, func(t *Template) { t.Tiers[0].ReassessMonths = 0 }, "tiers[0]", "err.assess.tiers"},
		{"grade without grades", DefaultTemplate, func(t *Template) { t.Rules[0].When = attrAtLeast("grade", 3) },
			"rules[0].when.attr", "err.assess.ref"},
		{"grade gap", ElderlyTemplate, func(t *Template) { t.Grades[1].Min = 67 }, "grades", "err.assess.grades"},
		{"grade overlap", ElderlyTemplate, func(t *Template) { t.Grades[2].Max = 70 }, "grades", "err.assess.grades"},
		{"grades short of the maximum", ElderlyTemplate, func(t *Template) { t.Grades = t.Grades[1:] },
			"grades", "err.assess.grades"},
		{"undeclared grade", ElderlyTemplate, func(t *Template) { t.Rules[0].Grade = num(7) }, "rules[0].grade", "err.assess.grade"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tp := tc.template()
			tc.mutate(tp)
			err := tp.Validate()
			var e *errs.Error
			if !errors.As(err, &e) || e.Code != errs.Invalid {
				t.Fatalf("Validate() = %v, want Invalid", err)
			}
			for _, f := range e.Fields {
				if f.Name == tc.field && f.Key == tc.key {
					return
				}
			}
			t.Fatalf("Validate() = %v, want field %s: %s", err, tc.field, tc.key)
		})
	}
}

func TestShippedTemplatesValid(t *testing.T) {
	for _, tp := range []*Template{DefaultTemplate(), ElderlyTemplate()} {
		if err := tp.Validate(); err != nil {
			t.Errorf("%s: %v", tp.Code, err)
		}
	}
}
