package assess

import (
	"fmt"
	"slices"

	"jiuzhu/internal/person"
)

// Cond is a condition in a small declarative language, written as JSON:
//
//	{"always": true}
//	{"all": [c, …]}   {"any": [c, …]}   {"not": c}
//	{"item": "adl.feeding", "is": "independent"}    an item's answer code
//	{"item": "econ.housing", "in": ["poor", "unsafe"]}
//	{"item": "mental.mood", "gte": 1}              an item's score
//	{"dim": "adl", "lte": 40}                      a dimension's score
//	{"attr": "age", "gte": 80}                     age, disability, total, tier, grade
//	{"attr": "band", "is": "infant"}               band, sex
//	{"category": "extreme_poverty"}                the subject has the category
//	{"class": "rehab"}                             an earlier rule added the class
//
// A leaf names exactly one subject; its comparisons (is, in, eq, lt, lte, gt,
// gte) must all hold. An answer code is an option's code, a band's code, or
// "true"/"false" for a boolean. A test on an item or dimension that was not
// asked or not answered is false. There is no arithmetic and no string
// evaluation: anything else is a new field here, reviewed like code.
type Cond struct {
	Always bool   `json:"always,omitempty"`
	All    []Cond `json:"all,omitempty"`
	Any    []Cond `json:"any,omitempty"`
	Not    *Cond  `json:"not,omitempty"`

	Item     string          `json:"item,omitempty"`
	Dim      string          `json:"dim,omitempty"`
	Attr     string          `json:"attr,omitempty"`
	Category person.Category `json:"category,omitempty"`
	Class    string          `json:"class,omitempty"`

	Is  string   `json:"is,omitempty"`
	In  []string `json:"in,omitempty"`
	Eq  *int     `json:"eq,omitempty"`
	Lt  *int     `json:"lt,omitempty"`
	Lte *int     `json:"lte,omitempty"`
	Gt  *int     `json:"gt,omitempty"`
	Gte *int     `json:"gte,omitempty"`
}

// Attributes a leaf may test with {"attr": …}.
var (
	numberAttrs  = []string{"age", "disability", "total", "tier", "grade"}
	stringAttrs  = []string{"band", "sex"}
	subjectAttrs = []string{"age", "disability", "band", "sex"} // known before any answer
)

// answer is a scored item answer: its code and its score.
type answer struct {
	code  string
	score int
}

// env is what conditions see while a template is scored.
type env struct {
	s       Subject
	items   map[string]answer // answered items
	dims    map[string]int    // dimensions asked
	total   int
	tier    int
	grade   int
	classes map[string]bool
}

func (c *Cond) eval(e *env) bool {
	switch {
	case c.Always:
		return true
	case len(c.All) > 0:
		for i := range c.All {
			if !c.All[i].eval(e) {
				return false
			}
		}
		return true
	case len(c.Any) > 0:
		for i := range c.Any {
			if c.Any[i].eval(e) {
				return true
			}
		}
		return false
	case c.Not != nil:
		return !c.Not.eval(e)
	case c.Category != "":
		return slices.Contains(e.s.Categories, c.Category)
	case c.Class != "":
		return e.classes[c.Class]
	case c.Item != "":
		a, ok := e.items[c.Item]
		return ok && c.compare(a.code, a.score)
	case c.Dim != "":
		v, ok := e.dims[c.Dim]
		return ok && c.compare("", v)
	case c.Attr != "":
		code, n := e.attr(c.Attr)
		return c.compare(code, n)
	}
	return false
}

// attr returns the value of an attribute: a code for band and sex, a number
// for the others.
func (e *env) attr(name string) (string, int) {
	switch name {
	case "band":
		return e.s.Band(), 0
	case "sex":
		return string(e.s.Sex), 0
	case "age":
		return "", e.s.Age
	case "disability":
		return "", e.s.DisabilityGrade
	case "total":
		return "", e.total
	case "tier":
		return "", e.tier
	case "grade":
		return "", e.grade
	}
	return "", 0
}

// compare applies the leaf's comparisons to a code and a number.
func (c *Cond) compare(code string, n int) bool {
	return (c.Is == "" || code == c.Is) &&
		(len(c.In) == 0 || slices.Contains(c.In, code)) &&
		(c.Eq == nil || n == *c.Eq) &&
		(c.Lt == nil || n < *c.Lt) &&
		(c.Lte == nil || n <= *c.Lte) &&
		(c.Gt == nil || n > *c.Gt) &&
		(c.Gte == nil || n >= *c.Gte)
}

func (c *Cond) hasCodeTest() bool { return c.Is != "" || len(c.In) > 0 }

func (c *Cond) hasNumberTest() bool {
	return c.Eq != nil || c.Lt != nil || c.Lte != nil || c.Gt != nil || c.Gte != nil
}

// kinds counts how many subjects or combinators the condition names.
func (c *Cond) kinds() int {
	n := 0
	for _, set := range []bool{c.Always, len(c.All) > 0, len(c.Any) > 0, c.Not != nil,
		c.Item != "", c.Dim != "", c.Attr != "", c.Category != "", c.Class != ""} {
		if set {
			n++
		}
	}
	return n
}

// cond checks one condition; subjectOnly limits it to what is known before
// any answer (dimension conditions).
func (v *validator) cond(p string, c *Cond, subjectOnly bool) {
	bad := func() { v.fs.Add(p, "err.assess.cond", nil) }
	scope := func() {
		if subjectOnly {
			v.fs.Add(p, "err.assess.scope", nil)
		}
	}
	if c.kinds() != 1 {
		bad()
		return
	}
	composite := c.Always || len(c.All) > 0 || len(c.Any) > 0 || c.Not != nil || c.Category != "" || c.Class != ""
	if composite && (c.hasCodeTest() || c.hasNumberTest()) {
		bad()
		return
	}
	switch {
	case len(c.All) > 0:
		for i := range c.All {
			v.cond(fmt.Sprintf("%s.all[%d]", p, i), &c.All[i], subjectOnly)
		}
	case len(c.Any) > 0:
		for i := range c.Any {
			v.cond(fmt.Sprintf("%s.any[%d]", p, i), &c.Any[i], subjectOnly)
		}
	case c.Not != nil:
		v.cond(p+".not", c.Not, subjectOnly)
	case c.Category != "":
		v.ref(p+".category", string(c.Category), c.Category.Valid())
	case c.Class != "":
		scope()
		v.ref(p+".class", c.Class, v.classes[c.Class])
		if v.classes[c.Class] && !v.added[c.Class] {
			v.fs.Add(p+".class", "err.assess.class_order", map[string]any{"Value": c.Class})
		}
	case c.Item != "":
		scope()
		it := v.items[c.Item]
		v.ref(p+".item", c.Item, it != nil)
		if !c.hasCodeTest() && !c.hasNumberTest() {
			bad()
		}
		if it != nil {
			v.codes(p, c, it.codes())
		}
	case c.Dim != "":
		scope()
		v.ref(p+".dim", c.Dim, v.dims[c.Dim])
		if c.hasCodeTest() || !c.hasNumberTest() {
			bad()
		}
	case c.Attr != "":
		v.attr(p, c, subjectOnly)
	}
}

func (v *validator) attr(p string, c *Cond, subjectOnly bool) {
	switch {
	case slices.Contains(numberAttrs, c.Attr):
		if c.hasCodeTest() || !c.hasNumberTest() {
			v.fs.Add(p, "err.assess.cond", nil)
		}
		if c.Attr == "grade" && len(v.grades) == 0 {
			v.ref(p+".attr", c.Attr, false)
		}
	case slices.Contains(stringAttrs, c.Attr):
		if c.hasNumberTest() || !c.hasCodeTest() {
			v.fs.Add(p, "err.assess.cond", nil)
		}
		known := Bands
		if c.Attr == "sex" {
			known = []string{string(person.Male), string(person.Female)}
		}
		v.codes(p, c, known)
	default:
		v.ref(p+".attr", c.Attr, false)
		return
	}
	if subjectOnly && !slices.Contains(subjectAttrs, c.Attr) {
		v.fs.Add(p, "err.assess.scope", nil)
	}
}

// codes checks that the codes a leaf tests exist.
func (v *validator) codes(p string, c *Cond, known []string) {
	for _, code := range append([]string{c.Is}, c.In...) {
		if code != "" && !slices.Contains(known, code) {
			v.fs.Add(p, "err.assess.ref", map[string]any{"Value": code})
		}
	}
}
