package visit

import (
	"testing"
	"time"
)

func TestRulesRecord(t *testing.T) {
	match := func(order string, exact bool, dist int) PhotoMatch {
		return PhotoMatch{SHA: sha('c'), OrderID: order, Exact: exact, Distance: dist}
	}
	runRuleCases(t, []ruleCase{
		{rule: RuleShort, name: "as planned"},
		{rule: RuleShort, name: "exactly half",
			mod: func(_ testing.TB, v *Visit, _ *Input) { v.CheckOut.DeviceTime = at(30) }},
		{rule: RuleShort, name: "twenty minutes of sixty", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.CheckOut.DeviceTime = at(20.9) },
			facts: map[string]string{"minutes": "20", "planned": "60", "min_minutes": "30"}},
		{rule: RuleShort, name: "missed",
			mod: func(t testing.TB, v *Visit, _ *Input) { *v = *missedVisit(t, "not_home") }},
		{rule: RuleShort, name: "no planned minutes",
			mod: func(_ testing.TB, v *Visit, in *Input) { v.CheckOut.DeviceTime, in.PlannedMinutes = at(5), 0 }},

		{rule: RulePhotoReuse, name: "none"},
		{rule: RulePhotoReuse, name: "exact", fires: true,
			mod: func(_ testing.TB, _ *Visit, in *Input) {
				in.PhotoMatches = []PhotoMatch{match("o3", false, 9), match("o2", true, 0)}
			},
			facts: map[string]string{"order_id": "o2", "sha": "cccccccc", "exact": "true"}},
		{rule: RulePhotoReuse, name: "near", fires: true,
			mod:   func(_ testing.TB, _ *Visit, in *Input) { in.PhotoMatches = []PhotoMatch{match("o2", false, 10)} },
			facts: map[string]string{"order_id": "o2", "distance": "10"}},
		{rule: RulePhotoReuse, name: "not near enough",
			mod: func(_ testing.TB, _ *Visit, in *Input) { in.PhotoMatches = []PhotoMatch{match("o2", false, 11)} }},
		{rule: RulePhotoReuse, name: "its own photo",
			mod: func(_ testing.TB, _ *Visit, in *Input) { in.PhotoMatches = []PhotoMatch{match("o1", true, 0)} }},

		{rule: RuleNoConfirm, name: "signed"},
		{rule: RuleNoConfirm, name: "good code",
			mod: func(_ testing.TB, v *Visit, _ *Input) { v.Confirmation.Method, v.Confirmation.CodeOK = ByCode, true }},
		{rule: RuleNoConfirm, name: "wrong code", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.Confirmation.Method = ByCode },
			facts: map[string]string{"reason": "code_wrong"}},
		{rule: RuleNoConfirm, name: "could not confirm", fires: true,
			mod: func(_ testing.TB, v *Visit, _ *Input) {
				v.Confirmation.Method, v.Confirmation.Reason = NoConfirm, "asleep"
			},
			facts: map[string]string{"reason": "asleep"}},
		{rule: RuleNoConfirm, name: "no confirmation", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.Confirmation = nil },
			facts: map[string]string{"reason": "missing"}},
		{rule: RuleNoConfirm, name: "missed",
			mod: func(t testing.TB, v *Visit, _ *Input) { *v = *missedVisit(t, "refused") }},

		{rule: RuleClockSkew, name: "received at once"},
		{rule: RuleClockSkew, name: "synced six hours later",
			mod: func(_ testing.TB, v *Visit, _ *Input) { v.CheckIn.ReceivedAt = at(6 * 60) }},
		{rule: RuleClockSkew, name: "synced two days later, order day known",
			mod: func(_ testing.TB, v *Visit, in *Input) { v.CheckIn.ReceivedAt, in.Day = at(48*60), date0(3, 10) }},
		{rule: RuleClockSkew, name: "ahead twenty minutes",
			mod: func(_ testing.TB, v *Visit, _ *Input) { v.CheckIn.ReceivedAt = at(-20) }},
		{rule: RuleClockSkew, name: "ahead forty-five minutes", fires: true,
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.CheckIn.ReceivedAt = at(-45) },
			facts: map[string]string{"variant": "ahead", "minutes": "45"}},
		{rule: RuleClockSkew, name: "not yet stored: now is the server time", fires: true, now: at(0),
			mod:   func(_ testing.TB, v *Visit, _ *Input) { v.CheckOut.ReceivedAt = time.Time{} },
			facts: map[string]string{"minutes": "60"}},
		{rule: RuleClockSkew, name: "two days behind the order's day, read as a UTC date", fires: true,
			mod:   func(_ testing.TB, _ *Visit, in *Input) { in.Day = date0(3, 12) },
			facts: map[string]string{"variant": "behind", "minutes": "2340"}},
		{rule: RuleClockSkew, name: "missed report behind", fires: true,
			mod: func(t testing.TB, v *Visit, in *Input) {
				*v, in.Day = *missedVisit(t, "not_home"), time.Date(2026, 3, 12, 0, 0, 0, 0, china)
			}},
		{rule: RuleClockSkew, name: "a day early",
			mod: func(_ testing.TB, _ *Visit, in *Input) { in.Day = time.Date(2026, 3, 11, 0, 0, 0, 0, china) }},

		{rule: RuleInHospital, name: "no stays"},
		{rule: RuleInHospital, name: "in hospital", fires: true,
			mod:   func(_ testing.TB, _ *Visit, in *Input) { in.Hospital = []Span{{From: date0(3, 8), To: date0(3, 15)}} },
			facts: map[string]string{"from": "2026-03-08", "to": "2026-03-15"}},
		{rule: RuleInHospital, name: "still in hospital", fires: true,
			mod:   func(_ testing.TB, _ *Visit, in *Input) { in.Hospital = []Span{{From: date0(3, 10)}} },
			facts: map[string]string{"from": "2026-03-10", "to": ""}},
		{rule: RuleInHospital, name: "discharged that day",
			mod: func(_ testing.TB, _ *Visit, in *Input) { in.Hospital = []Span{{From: date0(3, 1), To: date0(3, 10)}} }},
		{rule: RuleInHospital, name: "admitted the next day",
			mod: func(_ testing.TB, _ *Visit, in *Input) { in.Hospital = []Span{{From: date0(3, 11)}} }},
		{rule: RuleInHospital, name: "missed because in hospital",
			mod: func(t testing.TB, v *Visit, in *Input) {
				*v, in.Hospital = *missedVisit(t, "hospital"), []Span{{From: date0(3, 8)}}
			}},

		{rule: RuleAfterDeath, name: "alive"},
		{rule: RuleAfterDeath, name: "died the day before", fires: true,
			mod:   func(_ testing.TB, _ *Visit, in *Input) { in.DiedOn = date0(3, 9) },
			facts: map[string]string{"died_on": "2026-03-09"}},
		{rule: RuleAfterDeath, name: "died that day", fires: true,
			mod: func(_ testing.TB, _ *Visit, in *Input) { in.DiedOn = date0(3, 10) }},
		{rule: RuleAfterDeath, name: "died the day after",
			mod: func(_ testing.TB, _ *Visit, in *Input) { in.DiedOn = date0(3, 11) }},
		{rule: RuleAfterDeath, name: "missed: deceased",
			mod: func(t testing.TB, v *Visit, in *Input) { *v, in.DiedOn = *missedVisit(t, "deceased"), date0(3, 9) }},
		{rule: RuleAfterDeath, name: "missed: not home", fires: true,
			mod: func(t testing.TB, v *Visit, in *Input) { *v, in.DiedOn = *missedVisit(t, "not_home"), date0(3, 9) }},
	})
}
