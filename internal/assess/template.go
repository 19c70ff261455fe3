package assess

import (
	"bytes"
	"encoding/json"

	"jiuzhu/internal/errs"
)

// Kind is how an item is answered.
type Kind string

// Item kinds.
const (
	Choice  Kind = "choice"  // one of the item's options; scores the option
	Number  Kind = "number"  // a number; scores the band it falls in
	Boolean Kind = "boolean" // true or false; scores TrueScore when true
)

// FromAge is the only Item.From source: the subject's age in whole years.
const FromAge = "age"

// Template is one version of an assessment template. It is plain data, stored
// as JSON; Score interprets it. A template is never edited in place: Revise
// makes the next version, and a result names the version that produced it.
type Template struct {
	Code       string      `json:"code"`
	Version    int         `json:"version"`
	NameKey    string      `json:"name_key"`
	Source     string      `json:"source,omitempty"` // provenance note for officials; not translated
	Dimensions []Dimension `json:"dimensions"`
	Grades     []Grade     `json:"grades,omitempty"` // cut-offs of the total into ability grades
	Tiers      []Tier      `json:"tiers"`            // exactly tiers 1–4
	Classes    []Label     `json:"classes"`          // need classes rules may add
	Packages   []Label     `json:"packages"`         // service packages rules may recommend
	Rules      []Rule      `json:"rules"`
}

// Dimension is a group of items whose scores add up to the dimension's score.
type Dimension struct {
	Code     string `json:"code"`
	LabelKey string `json:"label_key"`
	// When, if set, restricts the dimension to subjects it holds for (it may
	// test only age, disability, sex, band and categories). Items of a
	// dimension not asked need no answer, and conditions on them are false.
	When  *Cond  `json:"when,omitempty"`
	Items []Item `json:"items"`
}

// Item is one question. Codes are unique across the whole template.
type Item struct {
	Code      string   `json:"code"`
	LabelKey  string   `json:"label_key"`
	Kind      Kind     `json:"kind"`
	From      string   `json:"from,omitempty"`     // FromAge: taken from the subject; an answer is ignored
	Optional  bool     `json:"optional,omitempty"` // may be left unanswered; then it scores 0
	Options   []Option `json:"options,omitempty"`  // Choice
	Bands     []Band   `json:"bands,omitempty"`    // Number, ascending
	TrueScore int      `json:"true_score,omitempty"`
}

// Option is one answer to a Choice item.
type Option struct {
	Code     string `json:"code"`
	LabelKey string `json:"label_key"`
	Score    int    `json:"score"`
}

// Band is a range of a Number item's value: Min inclusive, Max exclusive,
// nil Max for no upper bound. The band's code is what conditions test.
type Band struct {
	Code     string   `json:"code"`
	LabelKey string   `json:"label_key"`
	Min      float64  `json:"min"`
	Max      *float64 `json:"max,omitempty"`
	Score    int      `json:"score"`
}

// Grade is an ability grade and the range of totals (inclusive) that yields it.
type Grade struct {
	Grade    int    `json:"grade"`
	LabelKey string `json:"label_key"`
	Min      int    `json:"min"`
	Max      int    `json:"max"`
}

// Tier describes a need tier: 1 is the highest need, 4 the lowest.
type Tier struct {
	Tier           int    `json:"tier"`
	LabelKey       string `json:"label_key"`
	VisitsPerMonth int    `json:"visits_per_month"` // default for packages recommended at this tier
	ReassessMonths int    `json:"reassess_months"`  // reassessment cycle
}

// Label is a code with its message key.
type Label struct {
	Code     string `json:"code"`
	LabelKey string `json:"label_key"`
}

// Rule is one line of the rule list. Rules are tried in order and every rule
// whose condition holds fires; conditions on tier, grade and class see what
// earlier rules set. Outcomes combine as follows:
//   - Tier: the result is the lowest tier (highest need) any fired rule names,
//     4 when none does.
//   - Classes: added once each, in order of first appearance.
//   - Package: the first fired rule naming a package chooses it; once chosen,
//     later rules naming a package are skipped. VisitsPerMonth, if set,
//     overrides the tier's default for that package.
//   - Delegate: set if any fired rule sets it.
//   - Grade raises the grade to at least Grade; RaiseGrade adds to it, capped
//     at the highest grade.
//
// Validate refuses a rule setting a tier or grade after a package rule, so the
// package always sees the final tier.
type Rule struct {
	Code           string   `json:"code"`
	LabelKey       string   `json:"label_key"`
	When           Cond     `json:"when"`
	Tier           int      `json:"tier,omitempty"`
	Classes        []string `json:"classes,omitempty"`
	Package        string   `json:"package,omitempty"`
	VisitsPerMonth int      `json:"visits_per_month,omitempty"`
	Delegate       bool     `json:"delegate,omitempty"` // assessment by a professional assessor organisation
	Grade          *int     `json:"grade,omitempty"`
	RaiseGrade     int      `json:"raise_grade,omitempty"`
}

// Parse reads a template from JSON, refusing unknown fields (a misspelt key
// would otherwise silently drop a condition), and validates it.
func Parse(data []byte) (*Template, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var t Template
	if err := dec.Decode(&t); err != nil {
		return nil, &errs.Error{Code: errs.Invalid, Key: "err.json", Detail: err.Error()}
	}
	if dec.More() {
		return nil, &errs.Error{Code: errs.Invalid, Key: "err.json", Detail: "data after the template"}
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return &t, nil
}

// Revise returns the next version of t: a deep copy changed by edit, with the
// same code and Version+1. t itself is untouched, so results scored with it
// keep their meaning. The new version must be valid.
func Revise(t *Template, edit func(*Template)) (*Template, error) {
	c, err := t.clone()
	if err != nil {
		return nil, err
	}
	edit(c)
	c.Code, c.Version = t.Code, t.Version+1
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func (t *Template) clone() (*Template, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return nil, errs.Wrap(err, "err.internal")
	}
	var c Template
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, errs.Wrap(err, "err.internal")
	}
	return &c, nil
}

// item returns the item with the code, or nil.
func (t *Template) item(code string) *Item {
	for i := range t.Dimensions {
		for j := range t.Dimensions[i].Items {
			if it := &t.Dimensions[i].Items[j]; it.Code == code {
				return it
			}
		}
	}
	return nil
}

// span returns the lowest and highest score the item can give.
func (it *Item) span() (lo, hi int) {
	var scores []int
	switch it.Kind {
	case Choice:
		for _, o := range it.Options {
			scores = append(scores, o.Score)
		}
	case Number:
		for _, b := range it.Bands {
			scores = append(scores, b.Score)
		}
	case Boolean:
		scores = []int{0, it.TrueScore}
	}
	if it.Optional {
		scores = append(scores, 0)
	}
	for i, s := range scores {
		if i == 0 || s < lo {
			lo = s
		}
		if i == 0 || s > hi {
			hi = s
		}
	}
	return lo, hi
}

// codes returns the answer codes conditions may test on the item.
func (it *Item) codes() []string {
	var cs []string
	switch it.Kind {
	case Choice:
		for _, o := range it.Options {
			cs = append(cs, o.Code)
		}
	case Number:
		for _, b := range it.Bands {
			cs = append(cs, b.Code)
		}
	case Boolean:
		cs = []string{"true", "false"}
	}
	return cs
}
