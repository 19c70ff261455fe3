package assess

import (
	"slices"
	"testing"

	"jiuzhu/internal/person"
)

// TestDefaultTemplateHandChecked scores cases worked out by hand from the
// rule list (README.md). Tier defaults: visits 12/8/4/1 a month and
// reassessment after 3/6/12/12 months for tiers 1/2/3/4.
func TestDefaultTemplateHandChecked(t *testing.T) {
	full := adlScores(t, 10, 5, 5, 10, 10, 10, 10, 15, 15, 10) // 100
	for _, tc := range []struct {
		name     string
		subject  Subject
		answers  Answers
		adl      int // expected Barthel total; -1 when not asked
		tier     int
		classes  []string
		pkg      string
		visits   int
		delegate bool
		months   int
	}{
		// 45, no category, no needs: no rule but the last package rule fires
		// → tier 4, visit.basic, 1 visit, reassess in 12.
		{"able adult", Subject{Age: 45}, merge(adult(), full),
			100, 4, nil, "visit.basic", 1, false, 12},
		// Extreme poverty, 50, ADL 100: poverty.extreme → tier 3 {care, medical,
		// emotional}; not frail (ADL 100, under 60); economic 2 (near line) < 4.
		// Package: no tier 1/2, no rehab; care → care.regular at tier 3 → 4.
		{"extreme poverty able", Subject{Age: 50, Categories: []person.Category{person.ExtremePoverty}},
			merge(adult(), full, Answers{"econ.income_ratio": 1.2}),
			100, 3, []string{"care", "medical", "emotional"}, "care.regular", 4, false, 12},
		// Extreme poverty, 72, ADL 5+0+5+5+10+5+5+10+10+0 = 55: adl.moderate →
		// tier 2 {care}; poverty.extreme adds medical, emotional; frail (ADL ≤ 99)
		// → tier 2. Self-care 1+1+1 = 3 < 5. Under 80: not delegated.
		// Package: tier 2 → care.regular, 8 visits, reassess in 6.
		{"extreme poverty 72 moderate", Subject{Age: 72, Categories: []person.Category{person.ExtremePoverty}},
			merge(adult(), adlScores(t, 5, 0, 5, 5, 10, 5, 5, 10, 10, 0), Answers{
				"selfcare.meals": "needs_help", "selfcare.housework": "needs_help", "selfcare.caregiver": "limited"}),
			55, 2, []string{"care", "medical", "emotional"}, "care.regular", 8, false, 6},
		// Extreme poverty, 84, living alone, no caregiver, ADL
		// 5+0+0+5+5+5+5+5+5+0 = 35: adl.severe → tier 1 {care, medical};
		// alone.dependent (no caregiver, ADL ≤ 60) tier 1; self-care
		// 2+2+1+2+2+1 = 10 ≥ 5 → housekeeping; poverty.extreme → emotional;
		// elderly.alone (80+, lives alone). 80+ with ADL ≤ 60 → delegated.
		// Package: tier 1 → care.intensive, 12, reassess in 3.
		{"extreme poverty 84 alone severe", Subject{Age: 84, Categories: []person.Category{person.ExtremePoverty}},
			merge(adult(), adlScores(t, 5, 0, 0, 5, 5, 5, 5, 5, 5, 0), Answers{
				"selfcare.meals": "unable", "selfcare.housework": "unable", "selfcare.medication": "needs_help",
				"selfcare.outings": "unable", "selfcare.caregiver": "none", "selfcare.lives_alone": true}),
			35, 1, []string{"care", "medical", "housekeeping", "emotional"}, "care.intensive", 12, true, 3},
		// Elderly alone, 82, ADL 10+5+5+10+10+10+10+10+10+5 = 85: adl.mild → tier
		// 3 {housekeeping}; elderly.alone adds emotional; self-care 1+1+1 = 3.
		// ADL > 60: not delegated. Package: no care/medical class, so
		// housekeeping → housekeeping.basic, 4, 12.
		{"elderly alone 82 mild", Subject{Age: 82, Categories: []person.Category{person.ElderlyAlone}},
			merge(adult(), adlScores(t, 10, 5, 5, 10, 10, 10, 10, 10, 10, 5), Answers{
				"selfcare.meals": "needs_help", "selfcare.caregiver": "limited", "selfcare.lives_alone": true}),
			85, 3, []string{"housekeeping", "emotional"}, "housekeeping.basic", 4, false, 12},
		// Elderly alone, 88, ADL 10+0+5+5+10+5+5+10+10+0 = 60 (moderate, the
		// boundary): adl.moderate → tier 2 {care}; elderly.alone; 80+ with ADL
		// ≤ 60 → delegated. Caregiver limited, so not alone.dependent.
		// Package: tier 2 → care.regular, 8, 6.
		{"elderly alone 88 moderate", Subject{Age: 88, Categories: []person.Category{person.ElderlyAlone}},
			merge(adult(), adlScores(t, 10, 0, 5, 5, 10, 5, 5, 10, 10, 0), Answers{
				"selfcare.caregiver": "limited", "selfcare.lives_alone": true}),
			60, 2, []string{"care", "housekeeping", "emotional"}, "care.regular", 8, true, 6},
		// Severe disability grade 1, 35, ADL 5+0+0+5+10+5+5+5+10+0 = 45:
		// adl.moderate tier 2 {care}; disability.severe tier 2 adds rehab;
		// grade 1–2 → delegated. Package: rehab class → rehab.home at tier 2 → 8.
		{"severe disability grade 1", Subject{Age: 35, DisabilityGrade: 1, Categories: []person.Category{person.SevereDisability}},
			merge(adult(), adlScores(t, 5, 0, 0, 5, 10, 5, 5, 5, 10, 0)),
			45, 2, []string{"care", "rehab"}, "rehab.home", 8, true, 6},
		// Severe disability grade 2, 50, ADL 5+0+0+5+5+5+0+5+5+0 = 30:
		// adl.severe tier 1 {care, medical}; disability.severe adds rehab;
		// delegated. Package: tier 1 → care.intensive before rehab.home; 12, 3.
		{"severe disability grade 2 dependent", Subject{Age: 50, DisabilityGrade: 2, Categories: []person.Category{person.SevereDisability}},
			merge(adult(), adlScores(t, 5, 0, 0, 5, 5, 5, 0, 5, 5, 0)),
			30, 1, []string{"care", "medical", "rehab"}, "care.intensive", 12, true, 3},
		// Disability grade 3 (not severe), 40, minimum living, ADL 100, looking
		// for work: economic 3 (below line) < 4; dev.skills → {skills}; no tier
		// rule → tier 4. Package: skills.training at tier 4 → 1, 12.
		{"disabled grade 3 seeking work", Subject{Age: 40, DisabilityGrade: 3, Categories: []person.Category{person.MinimumLiving}},
			merge(adult(), full, Answers{"econ.income_ratio": 0.8, "dev.job": true}),
			100, 4, []string{"skills"}, "skills.training", 1, false, 12},
		// Orphan, 2 (infant band): child.orphan tier 2 {guardianship,
		// counselling}; child.orphan.infant tier 1 adds care; guardianship
		// absent tier 2; band.infant. ADL not asked. Package: under 18 →
		// child.support at tier 1 → 12, 3. Not delegated (no disability, young).
		{"orphan infant", Subject{Age: 2, Categories: []person.Category{person.ChildInDifficulty}},
			merge(child(), Answers{"econ.income_ratio": 0.5, "child.difficulty": "orphan",
				"child.guardianship": "absent", "child.schooling": "preschool"}),
			-1, 1, []string{"guardianship", "counselling", "care"}, "child.support", 12, false, 3},
		// Left-behind, 9 (school age), weak guardianship, struggling at school,
		// needs some support: child.left_behind tier 3 {counselling,
		// capability}; guardian.weak adds guardianship; school.struggling,
		// psych.support tier 3; band.school_age adds interest.
		// Package: child.support at tier 3 → 4, 12.
		{"left-behind school age", Subject{Age: 9, Categories: []person.Category{person.ChildInDifficulty}},
			merge(child(), Answers{"child.difficulty": "left_behind", "child.guardianship": "weak",
				"child.schooling": "struggling", "child.psych": "needs_support"}),
			-1, 3, []string{"counselling", "capability", "guardianship", "interest"}, "child.support", 4, false, 12},
		// De-facto unsupported, 15 (adolescent), no guardian, out of school,
		// serious psychological problems: child.orphan tier 2 {guardianship,
		// counselling}; guardian.absent, school.out (adds capability),
		// psych.serious all tier 2; band.adolescent. child.support at 8, 6.
		{"unsupported adolescent out of school", Subject{Age: 15, Categories: []person.Category{person.ChildInDifficulty}},
			merge(child(), Answers{"child.difficulty": "unsupported", "child.guardianship": "absent",
				"child.schooling": "out_of_school", "child.psych": "serious"}),
			-1, 2, []string{"guardianship", "counselling", "capability"}, "child.support", 8, false, 6},
		// Disabled child, 10, disability grade 2: disability.severe tier 2
		// {rehab, care}; child.disabled tier 3 adds special_education;
		// band.school_age adds capability, interest; grade 1–2 → delegated.
		// Package: under 18 → child.support (before rehab.home) at 8, 6.
		{"disabled child grade 2", Subject{Age: 10, DisabilityGrade: 2,
			Categories: []person.Category{person.ChildInDifficulty, person.SevereDisability}},
			merge(child(), Answers{"child.difficulty": "disabled"}),
			-1, 2, []string{"rehab", "care", "special_education", "capability", "interest"}, "child.support", 8, true, 6},
		// Minimum living, 40, ADL 100, depressed with risk behaviour: mental
		// 0+2+2 = 4 → mental.severe tier 2 {emotional, medical}; mental.risk
		// tier 2. Package: tier 2 → care.regular, 8, 6.
		{"depressed adult at risk", Subject{Age: 40, Categories: []person.Category{person.MinimumLiving}},
			merge(adult(), full, Answers{"mental.mood": "depressed", "mental.risk": true}),
			100, 2, []string{"emotional", "medical"}, "care.regular", 8, false, 6},
		// 66, ADL 100, mild cognitive impairment and low mood: mental 1+1 = 2 →
		// mental.some tier 3 {emotional}. Package: no care/medical/housekeeping
		// class; emotional → care.regular at tier 3 → 4, 12.
		{"older adult low mood", Subject{Age: 66},
			merge(adult(), full, Answers{"mental.cognition": "mild", "mental.mood": "low"}),
			100, 3, []string{"emotional"}, "care.regular", 4, false, 12},
		// Low income, 55, ADL 100, income 0.8 × line (3) + heavy medical bills
		// (2) = economic 5 ≥ 4 → economic.hardship tier 3 {housekeeping}.
		// Package: housekeeping.basic, 4, 12.
		{"low income hardship", Subject{Age: 55, Categories: []person.Category{person.LowIncome}},
			merge(adult(), full, Answers{"econ.income_ratio": 0.8, "econ.medical_burden": true}),
			100, 3, []string{"housekeeping"}, "housekeeping.basic", 4, false, 12},
		// Kazakh elder, 70, ADL 10+5+5+10+10+10+10+15+10+5 = 90, halal, Kazakh
		// language, wants culture-fitted services: adl.mild tier 3
		// {housekeeping}; customs.culture adds culture without changing need.
		// Package: housekeeping.basic, 4, 12.
		{"customs do not change need", Subject{Age: 70, Sex: person.Female},
			merge(adult(), adlScores(t, 10, 5, 5, 10, 10, 10, 10, 15, 10, 5), Answers{
				"customs.halal": true, "customs.language": "kk", "customs.caregiver_gender": "female", "customs.culture": true}),
			90, 3, []string{"housekeeping", "culture"}, "housekeeping.basic", 4, false, 12},
		// 81, ADL 10+0+5+10+10+5+5+10+10+0 = 65, reliable caregiver, not alone:
		// adl.mild tier 3 {housekeeping}; 80+ but ADL > 60 → not delegated.
		// Package: housekeeping.basic, 4, 12.
		{"81 mild not delegated", Subject{Age: 81},
			merge(adult(), adlScores(t, 10, 0, 5, 10, 10, 5, 5, 10, 10, 0)),
			65, 3, []string{"housekeeping"}, "housekeeping.basic", 4, false, 12},
		// 80 (the boundary), ADL 10+0+0+5+5+5+5+5+5+0 = 40 (severe, the
		// boundary), reliable caregiver: adl.severe tier 1 {care, medical};
		// 80+ with ADL ≤ 60 → delegated. Package: care.intensive, 12, 3.
		{"80 severe delegated", Subject{Age: 80},
			merge(adult(), adlScores(t, 10, 0, 0, 5, 5, 5, 5, 5, 5, 0)),
			40, 1, []string{"care", "medical"}, "care.intensive", 12, true, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := MustScore(t, DefaultTemplate(), tc.subject, tc.answers)
			adl := -1
			for _, d := range r.DimensionScores {
				if d.Code == "adl" {
					adl = d.Score
				}
			}
			if adl != tc.adl {
				t.Errorf("ADL = %d, want %d", adl, tc.adl)
			}
			if r.Tier != tc.tier {
				t.Errorf("Tier = %d, want %d (rules %v)", r.Tier, tc.tier, r.Explanation)
			}
			if !slices.Equal(r.Classes, tc.classes) {
				t.Errorf("Classes = %v, want %v", r.Classes, tc.classes)
			}
			if r.Package != tc.pkg || r.VisitsPerMonth != tc.visits {
				t.Errorf("Package = %s × %d/month, want %s × %d (rules %v)", r.Package, r.VisitsPerMonth, tc.pkg, tc.visits, r.Explanation)
			}
			if r.DelegateToProfessional != tc.delegate {
				t.Errorf("DelegateToProfessional = %v, want %v", r.DelegateToProfessional, tc.delegate)
			}
			if r.NextReassessmentMonths != tc.months {
				t.Errorf("NextReassessmentMonths = %d, want %d", r.NextReassessmentMonths, tc.months)
			}
			if r.TemplateCode != "default" || r.TemplateVersion != 1 {
				t.Errorf("template = %s v%d, want default v1", r.TemplateCode, r.TemplateVersion)
			}
		})
	}
}

// TestExplanation checks the rules listed for one hand-checked case.
func TestExplanation(t *testing.T) {
	r := MustScore(t, DefaultTemplate(), Subject{Age: 72, Categories: []person.Category{person.ExtremePoverty}},
		merge(adult(), adlScores(t, 5, 0, 5, 5, 10, 5, 5, 10, 10, 0)))
	want := []string{"adl.moderate", "poverty.extreme", "poverty.extreme.frail", "pkg.care"}
	if !slices.Equal(r.Explanation, want) {
		t.Fatalf("Explanation = %v, want %v", r.Explanation, want)
	}
}
