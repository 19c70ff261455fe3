package assess

import (
	"encoding/json"
	"slices"
	"sort"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// Age bands a condition may test with {"attr": "band"}: the three child bands
// of the group profiles (婴幼儿, 学龄儿童, 青少年) and adults.
const (
	BandInfant     = "infant"     // 0–5: infants and young children below school age
	BandSchoolAge  = "school_age" // 6–12
	BandAdolescent = "adolescent" // 13–17
	BandAdult      = "adult"      // 18 and over
)

// Bands lists the age bands, youngest first.
var Bands = []string{BandInfant, BandSchoolAge, BandAdolescent, BandAdult}

// Subject is what the assessment knows about the person besides the answers.
type Subject struct {
	Age             int               `json:"age"`
	Sex             person.Sex        `json:"sex,omitempty"`
	Categories      []person.Category `json:"categories,omitempty"`
	DisabilityGrade int               `json:"disability_grade"` // 0 none, 1 (most severe) … 4
}

// SubjectOf returns the subject for a person file on day on.
func SubjectOf(p *person.Person, on time.Time) Subject {
	return Subject{Age: p.Age(on), Sex: p.Sex, Categories: slices.Clone(p.Categories), DisabilityGrade: p.DisabilityGrade}
}

// Band returns the subject's age band.
func (s Subject) Band() string {
	switch {
	case s.Age < 6:
		return BandInfant
	case s.Age < 13:
		return BandSchoolAge
	case s.Age < 18:
		return BandAdolescent
	}
	return BandAdult
}

func (s Subject) validate(fs *errs.Fields) {
	if s.Age < 0 || s.Age > 150 {
		fs.Add("age", "err.range", map[string]any{"Min": 0, "Max": 150})
	}
	if s.DisabilityGrade < 0 || s.DisabilityGrade > 4 {
		fs.Add("disability_grade", "err.disability.range", nil)
	}
	if s.Sex != "" && s.Sex != person.Male && s.Sex != person.Female {
		fs.Add("sex", "err.assess.option", map[string]any{"Value": string(s.Sex)})
	}
	for _, c := range s.Categories {
		if !c.Valid() {
			fs.Add("categories", "err.category.unknown", map[string]any{"Value": string(c)})
		}
	}
}

// Answers maps item codes to answers: a string (option code) for a choice
// item, a bool for a boolean item, a number (int, float64 or json.Number) for
// a number item — what encoding/json produces from a form posted as JSON.
type Answers map[string]any

// DimensionScore is a dimension's score out of its maximum.
type DimensionScore struct {
	Code  string `json:"code"`
	Score int    `json:"score"`
	Max   int    `json:"max"`
}

// Result is a scored assessment. Tier 1 is the highest need and 4 the lowest.
type Result struct {
	TemplateCode           string           `json:"template_code"`
	TemplateVersion        int              `json:"template_version"`
	DimensionScores        []DimensionScore `json:"dimension_scores"` // dimensions asked, in template order
	Total                  int              `json:"total"`            // sum of the dimension scores; meaningful where grades cut it
	Grade                  *int             `json:"grade,omitempty"`  // ability grade, for templates with grades
	Tier                   int              `json:"tier"`
	Classes                []string         `json:"classes"`
	Package                string           `json:"package,omitempty"`
	VisitsPerMonth         int              `json:"visits_per_month"`
	DelegateToProfessional bool             `json:"delegate_to_professional"`
	NextReassessmentMonths int              `json:"next_reassessment_months"`
	Explanation            []string         `json:"explanation"` // codes of the rules that fired, in order
}

// Score scores the answers for a subject with template t. Missing, unknown and
// invalid answers are reported together as an Invalid error with one field
// per item code. An answer to an item of a dimension not asked is ignored.
func Score(t *Template, s Subject, a Answers) (Result, error) {
	if err := t.Validate(); err != nil {
		return Result{}, errs.Wrap(err, "err.assess.template")
	}
	var fs errs.Fields
	s.validate(&fs)
	e := &env{s: s, items: map[string]answer{}, dims: map[string]int{}, tier: 4, classes: map[string]bool{}}
	res := Result{TemplateCode: t.Code, TemplateVersion: t.Version, Classes: []string{}, Explanation: []string{}}
	for i := range t.Dimensions {
		d := &t.Dimensions[i]
		if d.When != nil && !d.When.eval(e) {
			continue
		}
		ds := DimensionScore{Code: d.Code}
		for j := range d.Items {
			it := &d.Items[j]
			_, hi := it.span()
			ds.Max += hi
			v, ok := a[it.Code]
			if it.From == FromAge {
				v, ok = s.Age, true
			}
			if !ok || v == nil {
				if !it.Optional {
					fs.Add(it.Code, "err.assess.missing", nil)
				}
				continue
			}
			ans, key, args := it.resolve(v)
			if key != "" {
				fs.Add(it.Code, key, args)
				continue
			}
			e.items[it.Code] = ans
			ds.Score += ans.score
		}
		e.dims[d.Code] = ds.Score
		e.total += ds.Score
		res.DimensionScores = append(res.DimensionScores, ds)
	}
	codes := make([]string, 0, len(a))
	for code := range a {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		if t.item(code) == nil {
			fs.Add(code, "err.assess.unknown_item", nil)
		}
	}
	if err := fs.Err(); err != nil {
		return Result{}, err
	}
	res.Total = e.total
	t.apply(e, &res)
	return res, nil
}

// apply grades the total and runs the rules.
func (t *Template) apply(e *env, res *Result) {
	maxGrade := 0
	for _, g := range t.Grades {
		if e.total >= g.Min && e.total <= g.Max {
			e.grade = g.Grade
		}
		maxGrade = max(maxGrade, g.Grade)
	}
	visits := 0
	for i := range t.Rules {
		r := &t.Rules[i]
		if (r.Package != "" && res.Package != "") || !r.When.eval(e) {
			continue
		}
		res.Explanation = append(res.Explanation, r.Code)
		if r.Tier != 0 {
			e.tier = min(e.tier, r.Tier)
		}
		for _, c := range r.Classes {
			if !e.classes[c] {
				e.classes[c] = true
				res.Classes = append(res.Classes, c)
			}
		}
		if r.Package != "" {
			res.Package, visits = r.Package, r.VisitsPerMonth
		}
		res.DelegateToProfessional = res.DelegateToProfessional || r.Delegate
		if r.Grade != nil {
			e.grade = max(e.grade, *r.Grade)
		}
		e.grade = min(e.grade+r.RaiseGrade, maxGrade)
	}
	if len(t.Grades) > 0 {
		g := e.grade
		res.Grade = &g
	}
	res.Tier = e.tier
	for _, tr := range t.Tiers {
		if tr.Tier == e.tier {
			res.NextReassessmentMonths = tr.ReassessMonths
			if visits == 0 {
				visits = tr.VisitsPerMonth
			}
		}
	}
	if res.Package != "" {
		res.VisitsPerMonth = visits
	}
}

// resolve turns a raw answer into its code and score, or returns the message
// key and arguments of what is wrong with it.
func (it *Item) resolve(v any) (answer, string, map[string]any) {
	switch it.Kind {
	case Choice:
		s, ok := v.(string)
		if !ok {
			return answer{}, "err.assess.type", nil
		}
		for _, o := range it.Options {
			if o.Code == s {
				return answer{o.Code, o.Score}, "", nil
			}
		}
		return answer{}, "err.assess.option", map[string]any{"Value": s}
	case Boolean:
		b, ok := v.(bool)
		if !ok {
			return answer{}, "err.assess.type", nil
		}
		if b {
			return answer{"true", it.TrueScore}, "", nil
		}
		return answer{"false", 0}, "", nil
	}
	f, ok := toFloat(v)
	if !ok {
		return answer{}, "err.assess.type", nil
	}
	for _, b := range it.Bands {
		if f >= b.Min && (b.Max == nil || f < *b.Max) {
			return answer{b.Code, b.Score}, "", nil
		}
	}
	return answer{}, "err.assess.range", map[string]any{"Value": f}
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// Reasons a reassessment falls due.
const (
	DueCycle  = "cycle"  // the tier's reassessment cycle has passed
	DueChange = "change" // a warning or a visit reported a change since the assessment
)

// NextDue returns the day the tier's cycle brings the next reassessment.
func (r Result) NextDue(assessedOn time.Time) time.Time {
	return assessedOn.AddDate(0, r.NextReassessmentMonths, 0)
}

// Due reports whether a reassessment is due at now and why. lastChange is when
// a warning or a visit last reported a change in the person's situation, zero
// if never; a change after the assessment makes it due at once.
func (r Result) Due(assessedOn, now, lastChange time.Time) (bool, string) {
	if lastChange.After(assessedOn) {
		return true, DueChange
	}
	if !now.Before(r.NextDue(assessedOn)) {
		return true, DueCycle
	}
	return false, ""
}
