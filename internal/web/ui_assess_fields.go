package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/errs"
)

// assessDim is one dimension of the form: its label and its questions.
type assessDim struct {
	Code  string
	Label string
	Items []assessItem
}

// assessItem is one question, built from the template's data: choice and
// boolean items are radio groups, number items a number field; an item
// taken from the subject's age shows the age instead of asking.
type assessItem struct {
	Code     string
	Label    string
	Kind     assess.Kind
	Optional bool
	FromAge  string // the age shown, for items taken from it
	Choices  []assessChoice
	Value    string // a number as typed
	Bands    string // a number item's bands, for the hint
	Error    string
}

// assessChoice is one radio button.
type assessChoice struct {
	Value, Label string
	Checked      bool
}

// assessForm builds the form's dimensions for the subject: only those the
// template asks of them, every label in the page's language. values are the
// answers as typed, errors the messages by item code.
func assessForm(v *view, t *assess.Template, s assess.Subject, values url.Values, errors map[string]string) []assessDim {
	var dims []assessDim
	for i := range t.Dimensions {
		d := &t.Dimensions[i]
		if !d.Asks(s) {
			continue
		}
		dim := assessDim{Code: d.Code, Label: v.T(d.LabelKey)}
		for _, it := range d.Items {
			item := assessItem{Code: it.Code, Label: v.T(it.LabelKey), Kind: it.Kind, Optional: it.Optional,
				Value: values.Get(it.Code), Error: errors[it.Code]}
			switch {
			case it.From == assess.FromAge:
				item.FromAge = v.T("assess.ui.from_age", "Age", s.Age)
			case it.Kind == assess.Choice:
				for _, o := range it.Options {
					item.Choices = append(item.Choices, assessChoice{Value: o.Code, Label: v.T(o.LabelKey), Checked: item.Value == o.Code})
				}
			case it.Kind == assess.Boolean:
				for _, b := range []string{"true", "false"} {
					item.Choices = append(item.Choices, assessChoice{Value: b, Label: yesNo(v, b == "true"), Checked: item.Value == b})
				}
			case it.Kind == assess.Number:
				var bands []string
				for _, b := range it.Bands {
					bands = append(bands, v.T(b.LabelKey))
				}
				item.Bands = strings.Join(bands, " · ")
			}
			if it.Optional && it.Kind != assess.Number && it.From == "" {
				item.Choices = append(item.Choices, assessChoice{Value: "", Label: v.T("assess.ui.unanswered"), Checked: item.Value == ""})
			}
			dim.Items = append(dim.Items, item)
		}
		dims = append(dims, dim)
	}
	return dims
}

func yesNo(v *view, b bool) string {
	if b {
		return v.T("common.yes")
	}
	return v.T("common.no")
}

// formAnswers reads the answers to the items asked of the subject from a
// posted form: an option code, true or false, or a number. Empty fields are
// left out (Score reports the ones required); a number that does not parse
// is reported here.
func formAnswers(t *assess.Template, s assess.Subject, form url.Values) (assess.Answers, errs.Fields) {
	a := assess.Answers{}
	var fs errs.Fields
	for i := range t.Dimensions {
		d := &t.Dimensions[i]
		if !d.Asks(s) {
			continue
		}
		for _, it := range d.Items {
			raw := strings.TrimSpace(form.Get(it.Code))
			if raw == "" || it.From != "" {
				continue
			}
			switch it.Kind {
			case assess.Boolean:
				b, err := strconv.ParseBool(raw)
				if err != nil {
					fs.Add(it.Code, "err.assess.type", nil)
					continue
				}
				a[it.Code] = b
			case assess.Number:
				f, err := strconv.ParseFloat(strings.ReplaceAll(raw, "，", "."), 64)
				if err != nil {
					fs.Add(it.Code, "err.assess.number", nil)
					continue
				}
				a[it.Code] = f
			default:
				a[it.Code] = raw
			}
		}
	}
	return a, fs
}

// answerLabel shows a stored answer in the page's language: the option's or
// band's label, yes or no.
func answerLabel(v *view, it *assess.Item, val any) string {
	switch it.Kind {
	case assess.Choice:
		code, _ := val.(string)
		for _, o := range it.Options {
			if o.Code == code {
				return v.T(o.LabelKey)
			}
		}
		return code
	case assess.Boolean:
		b, _ := val.(bool)
		return yesNo(v, b)
	}
	f, _ := val.(float64)
	s := strconv.FormatFloat(f, 'f', -1, 64)
	for _, b := range it.Bands {
		if f >= b.Min && (b.Max == nil || f < *b.Max) {
			return fmt.Sprintf("%s (%s)", s, v.T(b.LabelKey))
		}
	}
	return s
}
