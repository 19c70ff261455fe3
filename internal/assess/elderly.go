package assess

// ElderlyTemplate returns version 1 of the elderly ability assessment (code
// "elderly"), structured after GB/T 42195-2022 老年人能力评估规范: four
// first-level indicators — self-care ability 自理能力, basic mobility 基础运动
// 能力, mental state 精神状态, perception and social participation 感知觉与社会
// 参与 — with 26 second-level items whose scores add up to a total of 0–90, cut
// into five ability grades: 0 intact 能力完好, 1 mild 轻度失能, 2 moderate 中度
// 失能, 3 severe 重度失能, 4 complete loss 完全失能. Two upgrade rules follow:
// coma yields complete loss directly; a diagnosed cognitive disorder or
// dementia, a diagnosed mental illness, or two or more care-risk events
// (falls, choking, self-harm, wandering off …) in the last 30 days raise the
// grade by one.
//
// CHECK AGAINST THE OFFICIAL TEXT. The standard could not be consulted when
// this template was written. The structure above is our reading of it; the
// item list, each item's highest score, the option wording (generic levels
// here, item-specific descriptors in the standard), the grade cut-offs and the
// upgrade conditions are entered from memory and secondary sources, and must
// be checked item by item against the published standard by the officials
// responsible, then corrected with Revise. Nothing here claims to reproduce
// the standard exactly.
//
// The mapping of grades to tiers and packages at the end of the rule list is
// local policy, not part of the standard.
func ElderlyTemplate() *Template {
	five := func(code string) Item { // 4 intact … 0 lost
		return choice(code, shared("gb5", "intact", 4), shared("gb5", "mild", 3), shared("gb5", "moderate", 2),
			shared("gb5", "severe", 1), shared("gb5", "lost", 0))
	}
	four := func(code string) Item { // 3 … 0
		return choice(code, shared("gb4", "intact", 3), shared("gb4", "mild", 2), shared("gb4", "severe", 1), shared("gb4", "lost", 0))
	}
	three := func(code string) Item { // 2 … 0
		return choice(code, shared("gb3", "normal", 2), shared("gb3", "impaired", 1), shared("gb3", "severe", 0))
	}
	two := func(code string) Item { // 1 not shown, 0 shown in the last month
		return choice(code, shared("gb2", "absent", 1), shared("gb2", "present", 0))
	}
	return &Template{
		Code: "elderly", Version: 1, NameKey: "assess.tpl.elderly",
		Source: "structure after GB/T 42195-2022; items, scores, cut-offs and upgrade rules NOT yet checked against the official text",
		Dimensions: []Dimension{
			{Code: "selfcare", LabelKey: "assess.dim.gb.selfcare", Items: []Item{ // 8 items, 0–32
				five("gb.eating"), five("gb.grooming"), five("gb.bathing"), five("gb.dress_upper"),
				five("gb.dress_lower"), five("gb.urine"), five("gb.bowel"), five("gb.toilet"),
			}},
			{Code: "mobility", LabelKey: "assess.dim.gb.mobility", Items: []Item{ // 4 items, 0–15
				five("gb.bed_turn"), five("gb.bed_chair"), five("gb.walking"), four("gb.stairs"),
			}},
			{Code: "mental", LabelKey: "assess.dim.gb.mental", Items: []Item{ // 9 items, 0–28
				five("gb.time_orientation"), five("gb.place_orientation"), five("gb.person_orientation"),
				five("gb.memory"), five("gb.comprehension"), five("gb.expression"),
				two("gb.aggression"), two("gb.depression"),
				choice("gb.consciousness", opt("clear", 2), opt("drowsy", 1), opt("stupor", 0), opt("coma", 0)),
			}},
			{Code: "perception", LabelKey: "assess.dim.gb.perception", Items: []Item{ // 5 items, 0–15
				three("gb.vision"), three("gb.hearing"), five("gb.daily_affairs"), four("gb.transport"), five("gb.social"),
			}},
			{Code: "factors", LabelKey: "assess.dim.gb.factors", Items: []Item{ // not scored: upgrade conditions
				boolean("gb.dementia", 0), boolean("gb.mental_illness", 0), boolean("gb.risk_events", 0),
			}},
		},
		Grades: []Grade{
			{Grade: 0, LabelKey: "assess.grade.0", Min: 90, Max: 90},
			{Grade: 1, LabelKey: "assess.grade.1", Min: 66, Max: 89},
			{Grade: 2, LabelKey: "assess.grade.2", Min: 46, Max: 65},
			{Grade: 3, LabelKey: "assess.grade.3", Min: 30, Max: 45},
			{Grade: 4, LabelKey: "assess.grade.4", Min: 0, Max: 29},
		},
		Tiers:    defaultTiers(),
		Classes:  labels("class", "care", "medical", "housekeeping"),
		Packages: labels("pkg", "care.intensive", "care.regular", "housekeeping.basic", "visit.basic"),
		Rules: withRuleKeys([]Rule{
			// Upgrade rules of the standard.
			{Code: "gb.upgrade.coma", When: is("gb.consciousness", "coma"), Grade: num(4)},
			{Code: "gb.upgrade.factor", When: anyOf(yes("gb.dementia"), yes("gb.mental_illness"), yes("gb.risk_events")), RaiseGrade: 1},
			// Local policy: grade → tier → package.
			{Code: "gb.tier.severe", When: attrAtLeast("grade", 3), Tier: 1, Classes: []string{"care", "medical"}},
			{Code: "gb.tier.moderate", When: attrIs("grade", 2), Tier: 2, Classes: []string{"care"}},
			{Code: "gb.tier.mild", When: attrIs("grade", 1), Tier: 3, Classes: []string{"housekeeping"}},
			{Code: "gb.pkg.intensive", When: attrIs("tier", 1), Package: "care.intensive"},
			{Code: "gb.pkg.care", When: attrIs("tier", 2), Package: "care.regular"},
			{Code: "gb.pkg.housekeeping", When: attrIs("tier", 3), Package: "housekeeping.basic"},
			{Code: "gb.pkg.visit", When: always(), Package: "visit.basic"},
		}),
	}
}
