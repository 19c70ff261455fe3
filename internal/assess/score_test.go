package assess

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"jiuzhu/internal/errs"
)

func TestScoreAnswerErrors(t *testing.T) {
	a := merge(adult(), adlScores(t, 10, 5, 5, 10, 10, 10, 10, 15, 15, 10))
	delete(a, "adl.stairs")
	a["adl.feeding"] = "sometimes"
	a["econ.income_ratio"] = -1.0
	a["econ.medical_burden"] = "yes"
	a["child.difficulty"] = "orphan" // not asked of an adult: ignored
	a["adl.speed"] = "fast"
	_, err := Score(DefaultTemplate(), Subject{Age: 40, DisabilityGrade: 7}, a)
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.Invalid {
		t.Fatalf("Score = %v, want Invalid", err)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Name+" "+f.Key)
	}
	want := []string{
		"disability_grade err.disability.range",
		"econ.income_ratio err.assess.range",
		"econ.medical_burden err.assess.type",
		"adl.feeding err.assess.option",
		"adl.stairs err.assess.missing",
		"adl.speed err.assess.unknown_item",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("fields = %v\nwant %v", got, want)
	}
}

func TestScoreOptionalAndNumbers(t *testing.T) {
	a := merge(adult(), adlScores(t, 10, 5, 5, 10, 10, 10, 10, 15, 15, 10))
	a["econ.income_ratio"] = json.Number("1") // the near_line band starts at 1
	r := MustScore(t, DefaultTemplate(), Subject{Age: 30}, a)
	if got := r.DimensionScores[0]; got.Code != "economic" || got.Score != 2 || got.Max != 7 {
		t.Fatalf("economic = %+v, want 2 of 7", got)
	}
	for _, d := range r.DimensionScores {
		if d.Code == "child" {
			t.Errorf("child dimension scored for an adult")
		}
	}
	// An infant needs no ADL, self-care, mental or development answers.
	MustScore(t, DefaultTemplate(), Subject{Age: 1}, child())
}

func TestBrokenTemplateIsInternal(t *testing.T) {
	tp := DefaultTemplate()
	tp.Tiers = nil
	if _, err := Score(tp, Subject{Age: 30}, Answers{}); !errs.Is(err, errs.Internal) {
		t.Fatalf("Score with a broken template = %v, want Internal", err)
	}
}
