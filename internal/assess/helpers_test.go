package assess

import (
	"maps"
	"testing"
)

// MustScore scores the answers or fails the test.
func MustScore(tb testing.TB, t *Template, s Subject, a Answers) Result {
	tb.Helper()
	r, err := Score(t, s, a)
	if err != nil {
		tb.Fatalf("Score: %v", err)
	}
	return r
}

// adlScores returns Barthel answers that score the ten items in order:
// feeding, bathing, grooming, dressing, bowels, bladder, toilet, transfers,
// mobility, stairs.
func adlScores(tb testing.TB, scores ...int) Answers {
	tb.Helper()
	d := Barthel()
	if len(scores) != len(d.Items) {
		tb.Fatalf("adlScores: %d scores, want %d", len(scores), len(d.Items))
	}
	a := Answers{}
	for i, it := range d.Items {
		for _, o := range it.Options {
			if o.Score == scores[i] {
				a[it.Code] = o.Code
			}
		}
		if a[it.Code] == nil {
			tb.Fatalf("%s has no option scoring %d", it.Code, scores[i])
		}
	}
	return a
}

// merge returns the union of the answers; later ones win.
func merge(as ...Answers) Answers {
	m := Answers{}
	for _, a := range as {
		maps.Copy(m, a)
	}
	return m
}

// adult returns the answers of an adult with no needs, ADL aside: income
// above twice the line, self-care independent with a reliable caregiver,
// mental state normal, no development wishes, customs left out (optional).
func adult() Answers {
	return Answers{
		"econ.income_ratio": 2.5, "econ.medical_burden": false, "econ.housing": "safe",
		"selfcare.meals": "independent", "selfcare.housework": "independent",
		"selfcare.medication": "independent", "selfcare.outings": "independent",
		"selfcare.caregiver": "reliable", "selfcare.lives_alone": false,
		"mental.cognition": "normal", "mental.mood": "stable", "mental.risk": false,
		"dev.skills": false, "dev.job": false, "dev.digital": "able",
	}
}

// child returns the answers of a child with no particular difficulty.
func child() Answers {
	return Answers{
		"econ.income_ratio": 1.2, "econ.medical_burden": false, "econ.housing": "safe",
		"child.difficulty": "other", "child.guardianship": "adequate",
		"child.schooling": "in_school", "child.psych": "stable",
	}
}

// elderlyAnswers returns answers to the elderly template whose total is
// total: every item at its highest score, then lowered item by item.
func elderlyAnswers(tb testing.TB, total int) Answers {
	tb.Helper()
	t := ElderlyTemplate()
	a, left := Answers{}, 0
	for _, d := range t.Dimensions {
		for _, it := range d.Items {
			if it.Kind == Boolean {
				a[it.Code] = false
				continue
			}
			_, hi := it.span()
			left += hi
			a[it.Code] = it.Options[0].Code // options are listed best first
		}
	}
	for _, d := range t.Dimensions {
		for _, it := range d.Items {
			if it.Kind != Choice || left == total || it.Code == "gb.consciousness" {
				continue
			}
			for _, o := range it.Options { // best first: take the lowest that does not undershoot
				if left-(it.Options[0].Score-o.Score) >= total {
					a[it.Code] = o.Code
				}
			}
			left -= it.Options[0].Score - scoreOf(it, a[it.Code].(string))
		}
	}
	if left != total {
		tb.Fatalf("elderlyAnswers(%d): reached %d", total, left)
	}
	return a
}

func scoreOf(it Item, code string) int {
	for _, o := range it.Options {
		if o.Code == code {
			return o.Score
		}
	}
	return -1
}
