package assess

import "slices"

// LabelKeys lists every message key the template's labels use, in template
// order, once each: its name, dimensions, items, options, bands, grades,
// tiers, classes, packages and rules. A revised template must name keys that
// exist in the message files, or screens would show raw keys.
func (t *Template) LabelKeys() []string {
	var ks []string
	add := func(k string) {
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	add(t.NameKey)
	for _, d := range t.Dimensions {
		add(d.LabelKey)
		for _, it := range d.Items {
			add(it.LabelKey)
			for _, o := range it.Options {
				add(o.LabelKey)
			}
			for _, b := range it.Bands {
				add(b.LabelKey)
			}
		}
	}
	for _, g := range t.Grades {
		add(g.LabelKey)
	}
	for _, tr := range t.Tiers {
		add(tr.LabelKey)
	}
	for _, ls := range [][]Label{t.Classes, t.Packages} {
		for _, l := range ls {
			add(l.LabelKey)
		}
	}
	for _, r := range t.Rules {
		add(r.LabelKey)
	}
	return ks
}

// Asks reports whether the dimension is asked of the subject: its When, if
// any, holds. Forms show only the dimensions asked.
func (d *Dimension) Asks(s Subject) bool {
	if d.When == nil {
		return true
	}
	return d.When.eval(&env{s: s, items: map[string]answer{}, dims: map[string]int{}, tier: 4, classes: map[string]bool{}})
}

// ClassLabel returns the message key of a need class, or "".
func (t *Template) ClassLabel(code string) string { return labelOf(t.Classes, code) }

// PackageLabel returns the message key of a service package, or "".
func (t *Template) PackageLabel(code string) string { return labelOf(t.Packages, code) }

func labelOf(ls []Label, code string) string {
	for _, l := range ls {
		if l.Code == code {
			return l.LabelKey
		}
	}
	return ""
}

// TierLabel returns the message key of a tier, or "".
func (t *Template) TierLabel(tier int) string {
	for _, tr := range t.Tiers {
		if tr.Tier == tier {
			return tr.LabelKey
		}
	}
	return ""
}

// GradeLabel returns the message key of an ability grade, or "".
func (t *Template) GradeLabel(grade int) string {
	for _, g := range t.Grades {
		if g.Grade == grade {
			return g.LabelKey
		}
	}
	return ""
}

// RuleLabel returns the message key of a rule, or "".
func (t *Template) RuleLabel(code string) string {
	for _, r := range t.Rules {
		if r.Code == code {
			return r.LabelKey
		}
	}
	return ""
}

// DimensionLabel returns the message key of a dimension, or "".
func (t *Template) DimensionLabel(code string) string {
	for _, d := range t.Dimensions {
		if d.Code == code {
			return d.LabelKey
		}
	}
	return ""
}

// Item returns the item with the code, or nil.
func (t *Template) Item(code string) *Item { return t.item(code) }
