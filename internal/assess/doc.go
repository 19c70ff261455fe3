// Package assess is the tiered and classified needs assessment (分层分类需求
// 评估, SPEC §3). It has no storage or HTTP dependencies.
//
// An assessment template is data: dimensions of scored items, and an ordered
// list of rules whose conditions (a small declarative language, see Cond) test
// answers, dimension scores and the subject — age, age band, sex, categories,
// disability grade — and yield
//
//   - a need tier: 1 is the highest need (intensive), 4 the lowest (basic);
//   - need classes such as care, medical, rehab, emotional, housekeeping;
//   - a recommended service package, with visits per month from the tier
//     unless the rule says otherwise;
//   - whether the assessment is delegated to a professional assessor
//     organisation (high-age disabled and severely disabled people);
//   - for templates with grades, an ability grade 0 (intact) … 4 (complete loss);
//   - the months until reassessment falls due, per tier.
//
// Templates are versioned: Revise returns the next version and leaves the old
// one untouched; a Result records the template code and version that scored
// it. The store keeps templates as JSON (Parse reads them back strictly).
//
// Two templates ship: DefaultTemplate, the needs assessment with the group
// profiles of the Changji pilot, and ElderlyTemplate, structured after
// GB/T 42195-2022 and awaiting a check against the official text. README.md
// describes both and the packages.
package assess
