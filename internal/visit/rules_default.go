package visit

// RuleCodes lists every rule, in the order verification reports them.
var RuleCodes = []string{RuleGeofence, RuleShort, RuleOverlap, RuleSpeed, RulePhotoReuse, RuleNoConfirm,
	RuleSameCoordinates, RuleClockSkew, RuleOver24h, RuleInHospital, RuleAfterDeath}

// defaultParams are each rule's parameters and their defaults; a rule saved
// without one of them uses the default. Rules not listed take none.
var defaultParams = map[string]map[string]float64{
	RuleShort:           {"min_share": 0.5},         // of the planned minutes
	RuleOverlap:         {"min_overlap_minutes": 5}, // short overlaps are travel and clock noise
	RuleSpeed:           {"max_kmh": 120},           // faster than a car on mountain roads
	RulePhotoReuse:      {"max_distance": 10},       // perceptual-hash bits
	RuleSameCoordinates: {"min_visits": 5},          // other people's visits at the same fix
	RuleClockSkew:       {"max_minutes": 30},        // device clock ahead of the server
	RuleOver24h:         {"max_hours": 24},          // one worker, one local day
}

// param returns r's parameter name, or its default when r does not set it.
func param(r Rule, name string) float64 {
	if v, ok := r.Params[name]; ok {
		return v
	}
	return defaultParams[r.Code][name]
}

// DefaultRules returns the rules a new installation starts with, all
// enabled. Every rule flags the visit for a supervisor except after_death,
// which rejects it: no visit can have happened.
//
// Messages are keyed by language; a key "lang/variant" is the text for a
// flag whose "variant" fact names it, e.g. a check-in with no fix at all.
func DefaultRules() []Rule {
	rule := func(code string, msgs map[string]string) Rule {
		p := map[string]float64{}
		for k, v := range defaultParams[code] {
			p[k] = v
		}
		sev := SevFlag
		if code == RuleAfterDeath {
			sev = SevReject
		}
		return Rule{Code: code, Severity: sev, Enabled: true, Params: p, Messages: msgs}
	}
	return []Rule{
		rule(RuleGeofence, map[string]string{
			"zh-Hans":           "签到位置距服务地点 {distance_m} 米，超出 {radius_m} 米范围",
			"ug":                "كېلىپ تىزىملاتقان ئورۇن مۇلازىمەت ئورنىدىن {distance_m} مېتىر يىراق، {radius_m} مېتىرلىق دائىرىدىن ھالقىپ كەتكەن",
			"kk-Arab":           "كەلگەنىن بەلگىلەگەن ورىن قىزمەت ورنىنان {distance_m} مەتر قاشىقتىقتا، {radius_m} مەترلىك ايماقتان تىس",
			"en":                "Checked in {distance_m} m from the home, outside the {radius_m} m fence",
			"zh-Hans/check_out": "签退位置距服务地点 {distance_m} 米，超出 {radius_m} 米范围",
			"ug/check_out":      "ئايرىلغاندا تىزىملاتقان ئورۇن مۇلازىمەت ئورنىدىن {distance_m} مېتىر يىراق، {radius_m} مېتىرلىق دائىرىدىن ھالقىپ كەتكەن",
			"kk-Arab/check_out": "كەتكەنىن بەلگىلەگەن ورىن قىزمەت ورنىنان {distance_m} مەتر قاشىقتىقتا، {radius_m} مەترلىك ايماقتان تىس",
			"en/check_out":      "Checked out {distance_m} m from the home, outside the {radius_m} m fence",
			"zh-Hans/no_fix":    "签到时没有有效定位",
			"ug/no_fix":         "كېلىپ تىزىملاتقاندا ئىناۋەتلىك ئورۇن بەلگىلەش يوق",
			"kk-Arab/no_fix":    "كەلگەنىن بەلگىلەگەندە جارامدى ورىن انىقتالماعان",
			"en/no_fix":         "No usable GPS fix at check-in",
			"zh-Hans/no_home":   "服务地点没有坐标，无法核对签到位置",
			"ug/no_home":        "مۇلازىمەت ئورنىنىڭ كوئوردىناتى يوق، كېلىپ تىزىملاتقان ئورۇننى تەكشۈرگىلى بولمايدۇ",
			"kk-Arab/no_home":   "قىزمەت ورنىنىڭ كووردىناتى جوق، كەلگەنىن بەلگىلەگەن ورىندى تەكسەرۋ مۇمكىن ەمەس",
			"en/no_home":        "The home has no position, so the check-in place cannot be verified",
		}),
		rule(RuleShort, map[string]string{
			"zh-Hans": "服务仅 {minutes} 分钟，计划 {planned} 分钟，至少应 {min_minutes} 分钟",
			"ug":      "مۇلازىمەت پەقەت {minutes} مىنۇت بولغان، پىلاندا {planned} مىنۇت، كەم دېگەندە {min_minutes} مىنۇت بولۇشى كېرەك",
			"kk-Arab": "قىزمەت تەك {minutes} مينۋت بولدى، جوسپار بويىنشا {planned} مينۋت، كەمىندە {min_minutes} مينۋت بولۋى كەرەك",
			"en":      "The visit lasted {minutes} min of {planned} planned; at least {min_minutes} expected",
		}),
		rule(RuleOverlap, map[string]string{
			"zh-Hans": "同一工作人员同时在另一服务工单 {order_id} 中，重叠 {minutes} 分钟",
			"ug":      "ئوخشاش خادىم بىر ۋاقىتتا {order_id} نومۇرلۇق مۇلازىمەت بۇيرۇقىدىمۇ بولغان، {minutes} مىنۇت ئۈستىمۇئۈستە چۈشكەن",
			"kk-Arab": "ٴبىر قىزمەتكەر ٴدال سول ۋاقىتتا {order_id} قىزمەت تاپسىرىسىندا دا بولعان، {minutes} مينۋت قابىسادى",
			"en":      "The worker was also on order {order_id} for {minutes} min of this visit",
		}),
		rule(RuleSpeed, map[string]string{
			"zh-Hans": "与工单 {order_id} 相距 {km} 公里，仅隔 {minutes} 分钟，需时速 {kmh} 公里",
			"ug":      "{order_id} نومۇرلۇق بۇيرۇق بىلەن ئارىلىقى {km} كىلومېتىر، پەقەت {minutes} مىنۇت پەرق بار، سائىتىگە {kmh} كىلومېتىر سۈرئەت كېرەك",
			"kk-Arab": "{order_id} تاپسىرىسىنان {km} شاقىرىم، تەك {minutes} مينۋت ايىرما، ساعاتىنا {kmh} شاقىرىم جىلدامدىق كەرەك",
			"en":      "{km} km from order {order_id} in {minutes} min: {kmh} km/h",
		}),
		rule(RulePhotoReuse, map[string]string{
			"zh-Hans": "照片 {sha} 与工单 {order_id} 的照片相同或几乎相同",
			"ug":      "{sha} سۈرەت {order_id} نومۇرلۇق بۇيرۇقتىكى سۈرەت بىلەن ئوخشاش ياكى ئاساسەن ئوخشاش",
			"kk-Arab": "{sha} سۋرەت {order_id} تاپسىرىسىنداعى سۋرەتپەن بىردەي نەمەسە وتە ۇقساس",
			"en":      "Photo {sha} is the same as, or nearly the same as, one on order {order_id}",
		}),
		rule(RuleNoConfirm, map[string]string{
			"zh-Hans": "服务对象未确认本次服务",
			"ug":      "مۇلازىمەت ئوبيېكتى بۇ قېتىملىق مۇلازىمەتنى جەزملەشتۈرمىگەن",
			"kk-Arab": "قىزمەت الۋشى بۇل جولعى قىزمەتتى راستاماعان",
			"en":      "The person did not confirm the visit",
		}),
		rule(RuleSameCoordinates, map[string]string{
			"zh-Hans": "签到坐标与另外 {count} 次其他服务对象的服务完全相同",
			"ug":      "كېلىپ تىزىملاتقان كوئوردىناتى باشقا كىشىلەرگە قىلىنغان {count} قېتىملىق مۇلازىمەت بىلەن پۈتۈنلەي ئوخشاش",
			"kk-Arab": "كەلگەنىن بەلگىلەگەن كووردىناتى باسقا ادامدارعا كورسەتىلگەن {count} قىزمەتپەن ٴدال بىردەي",
			"en":      "Checked in at exactly the same coordinates as {count} visits to other people",
		}),
		rule(RuleClockSkew, map[string]string{
			"zh-Hans":        "设备时间比服务器时间快 {minutes} 分钟",
			"ug":             "ئۈسكۈنە ۋاقتى مۇلازىمېتىر ۋاقتىدىن {minutes} مىنۇت ئالدىدا",
			"kk-Arab":        "قۇرىلعى ۋاقىتى سەرۆەر ۋاقىتىنان {minutes} مينۋت الدا",
			"en":             "The device clock is {minutes} min ahead of the server's",
			"zh-Hans/behind": "服务的设备时间比工单日期早 {minutes} 分钟，设备时钟可能偏慢",
			"ug/behind":      "مۇلازىمەتنىڭ ئۈسكۈنە ۋاقتى بۇيرۇق كۈنىدىن {minutes} مىنۇت بالدۇر، ئۈسكۈنە سائىتى ئارقىدا قالغان بولۇشى مۇمكىن",
			"kk-Arab/behind": "قىزمەتتىڭ قۇرىلعى ۋاقىتى تاپسىرىس كۇنىنەن {minutes} مينۋت ەرتە، قۇرىلعى ساعاتى كەشىگىپ تۇرعان بولۋى مۇمكىن",
			"en/behind":      "The device time of the visit is {minutes} min before the order's day; the device clock may be behind",
		}),
		rule(RuleOver24h, map[string]string{
			"zh-Hans": "该工作人员当天登记服务共 {hours} 小时，超过 {max_hours} 小时",
			"ug":      "بۇ خادىم شۇ كۈنى جەمئىي {hours} سائەت مۇلازىمەت تىزىملاتقان، {max_hours} سائەتتىن ئېشىپ كەتكەن",
			"kk-Arab": "بۇل قىزمەتكەر سول كۇنى بارلىعى {hours} ساعات قىزمەت تىركەگەن، {max_hours} ساعاتتان اسىپ كەتكەن",
			"en":      "The worker logged {hours} h of visits that day, more than {max_hours} h",
		}),
		rule(RuleInHospital, map[string]string{
			"zh-Hans": "服务时服务对象正在住院（{from} 入院）",
			"ug":      "مۇلازىمەت ۋاقتىدا مۇلازىمەت ئوبيېكتى دوختۇرخانىدا ياتقان ({from} دوختۇرخانىغا كىرگەن)",
			"kk-Arab": "قىزمەت كەزىندە قىزمەت الۋشى اۋرۋحانادا جاتقان ({from} تۇسكەن)",
			"en":      "The person was in hospital at the time of the visit (admitted {from})",
		}),
		rule(RuleAfterDeath, map[string]string{
			"zh-Hans": "服务对象已报告于 {died_on} 死亡，此后仍登记了服务",
			"ug":      "مۇلازىمەت ئوبيېكتىنىڭ {died_on} ۋاپات بولغانلىقى مەلۇم قىلىنغان، ئۇنىڭدىن كېيىن يەنە مۇلازىمەت تىزىملانغان",
			"kk-Arab": "قىزمەت الۋشىنىڭ {died_on} قايتىس بولعانى حابارلانعان، ودان كەيىن دە قىزمەت تىركەلگەن",
			"en":      "A visit was logged after the person's death was reported ({died_on})",
		}),
	}
}
