package assess

import (
	"fmt"
	"slices"
	"sort"

	"jiuzhu/internal/errs"
)

// validator collects every problem of a template at once; field names are
// JSON paths such as "rules[3].when.all[1].item".
type validator struct {
	t        *Template
	fs       errs.Fields
	items    map[string]*Item
	dims     map[string]bool
	classes  map[string]bool // declared
	added    map[string]bool // added by the rules checked so far
	packages map[string]bool
	grades   map[int]bool
}

// Validate checks that the template can be scored: codes present and unique,
// choice items with options, number items with ascending bands, conditions
// well formed and naming items, dimensions, classes and packages that exist,
// tiers 1–4 each described once, grade cut-offs covering every possible total
// exactly once, and no tier or grade set after the package is chosen.
func (t *Template) Validate() error {
	v := &validator{t: t, items: map[string]*Item{}, dims: map[string]bool{},
		classes: map[string]bool{}, added: map[string]bool{}, packages: map[string]bool{}, grades: map[int]bool{}}
	v.required("code", t.Code)
	v.required("name_key", t.NameKey)
	if t.Version < 1 {
		v.fs.Add("version", "err.assess.version", nil)
	}
	v.dimensions()
	v.gradeBands()
	v.tiers()
	v.labels("classes", t.Classes, v.classes)
	v.labels("packages", t.Packages, v.packages)
	v.rules()
	return v.fs.Err()
}

func (v *validator) required(path, s string) {
	if s == "" {
		v.fs.Add(path, "err.required", nil)
	}
}

// unique records code in seen and reports a duplicate.
func (v *validator) unique(path, code string, seen map[string]bool) {
	if code == "" {
		v.fs.Add(path, "err.required", nil)
	} else if seen[code] {
		v.fs.Add(path, "err.assess.duplicate", map[string]any{"Value": code})
	}
	seen[code] = true
}

func (v *validator) dimensions() {
	if len(v.t.Dimensions) == 0 {
		v.fs.Add("dimensions", "err.required", nil)
	}
	for i := range v.t.Dimensions {
		d, p := &v.t.Dimensions[i], fmt.Sprintf("dimensions[%d]", i)
		v.unique(p+".code", d.Code, v.dims)
		v.required(p+".label_key", d.LabelKey)
		if d.When != nil {
			v.cond(p+".when", d.When, true)
		}
		if len(d.Items) == 0 {
			v.fs.Add(p+".items", "err.required", nil)
		}
		for j := range d.Items {
			v.item(fmt.Sprintf("%s.items[%d]", p, j), &d.Items[j])
		}
	}
}

func (v *validator) item(p string, it *Item) {
	switch {
	case it.Code == "":
		v.fs.Add(p+".code", "err.required", nil)
	case v.items[it.Code] != nil:
		v.fs.Add(p+".code", "err.assess.duplicate", map[string]any{"Value": it.Code})
	default:
		v.items[it.Code] = it
	}
	v.required(p+".label_key", it.LabelKey)
	extra := func(field string, present bool) {
		if present {
			v.fs.Add(p+"."+field, "err.assess.extra", map[string]any{"Kind": string(it.Kind)})
		}
	}
	switch it.Kind {
	case Choice:
		if len(it.Options) == 0 {
			v.fs.Add(p+".options", "err.assess.options", nil)
		}
		codes := map[string]bool{}
		for k, o := range it.Options {
			v.unique(fmt.Sprintf("%s.options[%d].code", p, k), o.Code, codes)
			v.required(fmt.Sprintf("%s.options[%d].label_key", p, k), o.LabelKey)
		}
		extra("bands", len(it.Bands) > 0)
		extra("true_score", it.TrueScore != 0)
	case Number:
		v.bands(p, it.Bands)
		extra("options", len(it.Options) > 0)
		extra("true_score", it.TrueScore != 0)
	case Boolean:
		extra("options", len(it.Options) > 0)
		extra("bands", len(it.Bands) > 0)
	default:
		v.fs.Add(p+".kind", "err.assess.kind", map[string]any{"Value": string(it.Kind)})
	}
	if it.From != "" && (it.From != FromAge || it.Kind != Number || it.Optional) {
		v.fs.Add(p+".from", "err.assess.from", map[string]any{"Value": it.From})
	}
}

// bands checks that a number item's bands are present, well formed and
// ascending without overlap; gaps are allowed and make values in them invalid.
func (v *validator) bands(p string, bs []Band) {
	if len(bs) == 0 {
		v.fs.Add(p+".bands", "err.assess.bands", nil)
	}
	codes := map[string]bool{}
	for k, b := range bs {
		bp := fmt.Sprintf("%s.bands[%d]", p, k)
		v.unique(bp+".code", b.Code, codes)
		v.required(bp+".label_key", b.LabelKey)
		switch {
		case b.Max != nil && *b.Max <= b.Min,
			k < len(bs)-1 && b.Max == nil,
			k > 0 && bs[k-1].Max != nil && b.Min < *bs[k-1].Max:
			v.fs.Add(bp, "err.assess.bands", nil)
		}
	}
}

// gradeBands checks that the grade cut-offs cover every total the items can
// give, from the lowest to the highest, each by exactly one grade.
func (v *validator) gradeBands() {
	gs := slices.Clone(v.t.Grades)
	for i, g := range gs {
		p := fmt.Sprintf("grades[%d]", i)
		v.required(p+".label_key", g.LabelKey)
		if g.Grade < 0 || v.grades[g.Grade] {
			v.fs.Add(p+".grade", "err.assess.grade", map[string]any{"Value": g.Grade})
		}
		v.grades[g.Grade] = true
	}
	if len(gs) == 0 {
		return
	}
	lo, hi := 0, 0
	for i := range v.t.Dimensions {
		for j := range v.t.Dimensions[i].Items {
			l, h := v.t.Dimensions[i].Items[j].span()
			lo, hi = lo+min(l, 0), hi+h
		}
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].Min < gs[j].Min })
	next := lo // the lowest total not yet covered
	for _, g := range gs {
		if g.Min != next || g.Max < g.Min {
			v.fs.Add("grades", "err.assess.grades", map[string]any{"Total": next})
			return
		}
		next = g.Max + 1
	}
	if next <= hi {
		v.fs.Add("grades", "err.assess.grades", map[string]any{"Total": next})
	}
}

func (v *validator) tiers() {
	seen := map[int]bool{}
	for i, t := range v.t.Tiers {
		p := fmt.Sprintf("tiers[%d]", i)
		v.required(p+".label_key", t.LabelKey)
		if t.Tier < 1 || t.Tier > 4 || seen[t.Tier] || t.VisitsPerMonth < 0 || t.ReassessMonths < 1 {
			v.fs.Add(p, "err.assess.tiers", nil)
		}
		seen[t.Tier] = true
	}
	if len(seen) != 4 {
		v.fs.Add("tiers", "err.assess.tiers", nil)
	}
}

func (v *validator) labels(p string, ls []Label, seen map[string]bool) {
	for i, l := range ls {
		v.unique(fmt.Sprintf("%s[%d].code", p, i), l.Code, seen)
		v.required(fmt.Sprintf("%s[%d].label_key", p, i), l.LabelKey)
	}
}

func (v *validator) rules() {
	codes, chosen := map[string]bool{}, false
	for i := range v.t.Rules {
		r, p := &v.t.Rules[i], fmt.Sprintf("rules[%d]", i)
		v.unique(p+".code", r.Code, codes)
		v.required(p+".label_key", r.LabelKey)
		v.cond(p+".when", &r.When, false)
		if r.Tier != 0 && (r.Tier < 1 || r.Tier > 4) {
			v.fs.Add(p+".tier", "err.assess.tier", map[string]any{"Value": r.Tier})
		}
		for _, c := range r.Classes {
			v.ref(p+".classes", c, v.classes[c])
		}
		if r.Package != "" {
			v.ref(p+".package", r.Package, v.packages[r.Package])
		}
		if r.VisitsPerMonth < 0 || (r.VisitsPerMonth > 0 && r.Package == "") {
			v.fs.Add(p+".visits_per_month", "err.assess.visits", nil)
		}
		if (r.Grade != nil && !v.grades[*r.Grade]) || r.RaiseGrade < 0 || (r.RaiseGrade > 0 && len(v.grades) == 0) {
			v.fs.Add(p+".grade", "err.assess.grade", nil)
		}
		if chosen && (r.Tier != 0 || r.Grade != nil || r.RaiseGrade != 0) {
			v.fs.Add(p, "err.assess.order", nil)
		}
		chosen = chosen || r.Package != ""
		for _, c := range r.Classes {
			v.added[c] = true
		}
	}
}

func (v *validator) ref(p, code string, ok bool) {
	if !ok {
		v.fs.Add(p, "err.assess.ref", map[string]any{"Value": code})
	}
}
