package assess

import (
	"math"

	"jiuzhu/internal/person"
)

var inf = math.Inf(1)

// DefaultTemplate returns version 1 of the default needs assessment (分层分类
// 需求评估, code "default"). Dimension scores:
//
//   - economic (0–7, higher = more need): household income per head as a
//     multiple of the local minimum living standard, a heavy medical burden,
//     housing condition.
//   - adl (0–100, higher = more able): the Barthel index, asked from age 16.
//   - age (0–2, need points, from the subject's age): under 6 and 80+ score 2,
//     6–17 and 60–79 score 1.
//   - selfcare (0–11, need points, from 16): meals, housework, medication,
//     going out, who can help, living alone.
//   - mental (0–6, need points, from 16): cognition, mood, risk behaviour.
//   - customs (always 0): halal diet, caregiver gender, language, wish for
//     services fitted to the person's culture. Optional; matching reads them.
//   - development (0–4, need points, from 16): skills training, work, using a
//     phone to apply for help.
//   - child (0–9, need points, under 18): difficulty type, guardianship,
//     schooling, psychological state.
//
// The rules and the packages they lead to are listed in README.md; they are
// a documented starting point for officials to calibrate by revising the
// template, not figures from a regulation.
func DefaultTemplate() *Template {
	adl := Barthel()
	adl.When = fromAge(16)
	years := number("age.years", band("infant", 0, 6, 2), band("minor", 6, 18, 1),
		band("adult", 18, 60, 0), band("older", 60, 80, 1), band("oldest", 80, inf, 2))
	years.From = FromAge
	level := func(code string) Item {
		return choice(code, shared("level", "independent", 0), shared("level", "needs_help", 1), shared("level", "unable", 2))
	}
	minor := attrBelow("age", 18)
	return &Template{
		Code: "default", Version: 1, NameKey: "assess.tpl.default",
		Source: "jiuzhu default after SPEC §3 and the Changji pilot; weights and cut-offs are local policy to calibrate",
		Dimensions: []Dimension{
			{Code: "economic", LabelKey: "assess.dim.economic", Items: []Item{
				number("econ.income_ratio", band("below_line", 0, 1, 3), band("near_line", 1, 1.5, 2),
					band("low", 1.5, 2, 1), band("above", 2, inf, 0)),
				boolean("econ.medical_burden", 2),
				choice("econ.housing", opt("safe", 0), opt("poor", 1), opt("unsafe", 2)),
			}},
			adl,
			{Code: "age", LabelKey: "assess.dim.age", Items: []Item{years}},
			{Code: "selfcare", LabelKey: "assess.dim.selfcare", When: fromAge(16), Items: []Item{
				level("selfcare.meals"), level("selfcare.housework"), level("selfcare.medication"), level("selfcare.outings"),
				choice("selfcare.caregiver", opt("reliable", 0), opt("limited", 1), opt("none", 2)),
				boolean("selfcare.lives_alone", 1),
			}},
			{Code: "mental", LabelKey: "assess.dim.mental", When: fromAge(16), Items: []Item{
				choice("mental.cognition", opt("normal", 0), opt("mild", 1), opt("severe", 2)),
				choice("mental.mood", opt("stable", 0), opt("low", 1), opt("depressed", 2)),
				boolean("mental.risk", 2),
			}},
			{Code: "customs", LabelKey: "assess.dim.customs", Items: []Item{
				optional(boolean("customs.halal", 0)),
				optional(choice("customs.caregiver_gender", opt("any", 0), opt("female", 0), opt("male", 0))),
				optional(choice("customs.language", opt("zh", 0), opt("ug", 0), opt("kk", 0), opt("mn", 0))),
				optional(boolean("customs.culture", 0)),
			}},
			{Code: "development", LabelKey: "assess.dim.development", When: fromAge(16), Items: []Item{
				boolean("dev.skills", 1),
				boolean("dev.job", 1),
				choice("dev.digital", opt("able", 0), opt("with_help", 1), opt("unable", 2)),
			}},
			{Code: "child", LabelKey: "assess.dim.child", When: &minor, Items: []Item{
				choice("child.difficulty", opt("orphan", 3), opt("unsupported", 3), opt("disabled", 2),
					opt("left_behind", 1), opt("other", 1)),
				choice("child.guardianship", opt("adequate", 0), opt("weak", 1), opt("absent", 2)),
				choice("child.schooling", opt("preschool", 0), opt("in_school", 0), opt("struggling", 1), opt("out_of_school", 2)),
				choice("child.psych", opt("stable", 0), opt("needs_support", 1), opt("serious", 2)),
			}},
		},
		Tiers: defaultTiers(),
		Classes: labels("class", "care", "medical", "rehab", "emotional", "housekeeping", "skills", "culture",
			"guardianship", "counselling", "capability", "interest", "special_education"),
		Packages: labels("pkg", "care.intensive", "care.regular", "rehab.home", "housekeeping.basic",
			"child.support", "skills.training", "visit.basic"),
		Rules: defaultRules(),
	}
}

func fromAge(age int) *Cond {
	c := attrAtLeast("age", age)
	return &c
}

// defaultTiers: visits per month and reassessment cycle in months per tier.
func defaultTiers() []Tier {
	return []Tier{
		{Tier: 1, LabelKey: "assess.tier.1", VisitsPerMonth: 12, ReassessMonths: 3},
		{Tier: 2, LabelKey: "assess.tier.2", VisitsPerMonth: 8, ReassessMonths: 6},
		{Tier: 3, LabelKey: "assess.tier.3", VisitsPerMonth: 4, ReassessMonths: 12},
		{Tier: 4, LabelKey: "assess.tier.4", VisitsPerMonth: 1, ReassessMonths: 12},
	}
}

func defaultRules() []Rule {
	orphan := func() Cond { return is("child.difficulty", "orphan", "unsupported") }
	return withRuleKeys([]Rule{
		// Physical function: the Barthel bands, and dependence with no one to help.
		{Code: "adl.severe", When: dimAtMost("adl", 40), Tier: 1, Classes: []string{"care", "medical"}},
		{Code: "adl.moderate", When: dimBetween("adl", 41, 60), Tier: 2, Classes: []string{"care"}},
		{Code: "adl.mild", When: dimBetween("adl", 61, 99), Tier: 3, Classes: []string{"housekeeping"}},
		{Code: "alone.dependent", When: allOf(is("selfcare.caregiver", "none"), dimAtMost("adl", 60)), Tier: 1, Classes: []string{"care"}},
		{Code: "selfcare.limited", When: dimAtLeast("selfcare", 5), Tier: 3, Classes: []string{"housekeeping"}},
		// Group profiles: severely disabled, extreme poverty, elderly alone.
		{Code: "disability.severe", When: attrBetween("disability", 1, 2), Tier: 2, Classes: []string{"rehab", "care"}},
		{Code: "poverty.extreme", When: cat(person.ExtremePoverty), Tier: 3, Classes: []string{"care", "medical", "emotional"}},
		{Code: "poverty.extreme.frail", When: allOf(cat(person.ExtremePoverty), anyOf(dimAtMost("adl", 99), attrAtLeast("age", 60))), Tier: 2},
		{Code: "elderly.alone", When: anyOf(cat(person.ElderlyAlone), allOf(attrAtLeast("age", 80), yes("selfcare.lives_alone"))),
			Tier: 3, Classes: []string{"housekeeping", "emotional"}},
		// Mental state and economy.
		{Code: "mental.some", When: dimBetween("mental", 2, 3), Tier: 3, Classes: []string{"emotional"}},
		{Code: "mental.severe", When: dimAtLeast("mental", 4), Tier: 2, Classes: []string{"emotional", "medical"}},
		{Code: "mental.risk", When: yes("mental.risk"), Tier: 2, Classes: []string{"emotional"}},
		{Code: "economic.hardship", When: dimAtLeast("economic", 4), Tier: 3, Classes: []string{"housekeeping"}},
		// Children: difficulty type, guardianship, school, psyche, then age band.
		{Code: "child.orphan", When: orphan(), Tier: 2, Classes: []string{"guardianship", "counselling"}},
		{Code: "child.orphan.infant", When: allOf(orphan(), ageBand(BandInfant)), Tier: 1, Classes: []string{"care"}},
		{Code: "child.disabled", When: is("child.difficulty", "disabled"), Tier: 3, Classes: []string{"special_education", "rehab"}},
		{Code: "child.left_behind", When: is("child.difficulty", "left_behind"), Tier: 3, Classes: []string{"counselling", "capability"}},
		{Code: "child.guardian.absent", When: is("child.guardianship", "absent"), Tier: 2, Classes: []string{"guardianship"}},
		{Code: "child.guardian.weak", When: is("child.guardianship", "weak"), Tier: 3, Classes: []string{"guardianship"}},
		{Code: "child.school.out", When: is("child.schooling", "out_of_school"), Tier: 2, Classes: []string{"capability", "counselling"}},
		{Code: "child.school.struggling", When: is("child.schooling", "struggling"), Tier: 3, Classes: []string{"capability"}},
		{Code: "child.psych.serious", When: is("child.psych", "serious"), Tier: 2, Classes: []string{"counselling"}},
		{Code: "child.psych.support", When: is("child.psych", "needs_support"), Tier: 3, Classes: []string{"counselling"}},
		{Code: "band.infant", When: ageBand(BandInfant), Classes: []string{"guardianship"}},
		{Code: "band.school_age", When: ageBand(BandSchoolAge), Classes: []string{"capability", "interest"}},
		{Code: "band.adolescent", When: ageBand(BandAdolescent), Classes: []string{"counselling", "capability"}},
		// Development and customs add classes, never need.
		{Code: "dev.skills", When: anyOf(yes("dev.skills"), yes("dev.job")), Classes: []string{"skills"}},
		{Code: "customs.culture", When: yes("customs.culture"), Classes: []string{"culture"}},
		// Delegation to a professional assessor organisation.
		{Code: "delegate.disability", When: attrBetween("disability", 1, 2), Delegate: true},
		{Code: "delegate.old_dependent", When: allOf(attrAtLeast("age", 80), dimAtMost("adl", 60)), Delegate: true},
		// The package: the first that fits.
		{Code: "pkg.child", When: attrBelow("age", 18), Package: "child.support"},
		{Code: "pkg.intensive", When: attrIs("tier", 1), Package: "care.intensive"},
		{Code: "pkg.rehab", When: hasClass("rehab"), Package: "rehab.home"},
		{Code: "pkg.care", When: attrIs("tier", 2), Package: "care.regular"},
		{Code: "pkg.care.light", When: anyOf(hasClass("care"), hasClass("medical")), Package: "care.regular"},
		{Code: "pkg.housekeeping", When: hasClass("housekeeping"), Package: "housekeeping.basic"},
		{Code: "pkg.emotional", When: hasClass("emotional"), Package: "care.regular"},
		{Code: "pkg.skills", When: hasClass("skills"), Package: "skills.training"},
		{Code: "pkg.visit", When: always(), Package: "visit.basic"},
	})
}
