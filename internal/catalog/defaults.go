package catalog

import (
	"jiuzhu/internal/person"
	"jiuzhu/internal/provider"
)

// Groups of people the pilot's items are for.
var (
	skillGroups = []person.Category{person.ExtremePoverty, person.MinimumLiving, person.Marginal, person.LowIncome}
	careGroups  = []person.Category{person.ExtremePoverty, person.SevereDisability, person.ElderlyAlone, person.MinimumLiving}
	childGroups = []person.Category{person.ChildInDifficulty}
)

// Who delivers what.
var (
	trainers    = []provider.WorkerKind{provider.SocialWorker, provider.Volunteer}
	carers      = []provider.WorkerKind{provider.Housekeeper, provider.SocialWorker}
	therapists  = []provider.WorkerKind{provider.Therapist}
	helpers     = []provider.WorkerKind{provider.Housekeeper, provider.Volunteer}
	socialWork  = []provider.WorkerKind{provider.SocialWorker}
	houseKeeper = []provider.WorkerKind{provider.Housekeeper}
)

func names(ug, kk, en string) map[string]string {
	return map[string]string{"ug": ug, "kk-Arab": kk, "en": en}
}

// Defaults returns the pilot's catalogue (SPEC §5), version 1 of each item,
// in display order. Prices are in fen; store.Open seeds them into an empty
// catalogue.
func Defaults() []Item {
	items := []Item{
		// 生活技能培训
		{Code: "skills.phone", Project: Skills, Kind: Basic, Name: "智能手机使用培训",
			Names:    names("ئەقلىي تېلېفون ئىشلىتىش تەربىيەسى", "اقىلدى تەلەفون قولدانۋ ۇيرەنۋ", "Smartphone skills"),
			Content:  "教会使用智能手机：通话与视频、微信、在手机上申请和查询救助、防范电信诈骗。",
			Standard: "每次 60 分钟，一对一或不超过 6 人小组；结束时学员能独立完成一项操作并记录在册。",
			Unit:     Session, PriceFen: 3000, Minutes: 60, Times: 1, EveryWeeks: 2, PersonGroups: skillGroups,
			WorkerKinds: trainers, Funding: "lottery"},
		{Code: "skills.ecommerce", Project: Skills, Kind: Basic, Name: "电商入门培训",
			Names:    names("تور سودىسى ئاساسىي تەربىيەسى", "ەلەكتروندى ساۋدا نەگىزدەرى", "E-commerce basics"),
			Content:  "网店与直播带货入门：商品拍照、上架、收款与发货，适合有庭院经济或手工产品的家庭。",
			Standard: "每次 90 分钟，不超过 10 人；配套实操练习，第三次课后可独立发布一件商品。",
			Unit:     Session, PriceFen: 4000, Minutes: 90, Times: 1, EveryWeeks: 4, PersonGroups: skillGroups,
			WorkerKinds: trainers, Funding: "lottery"},
		{Code: "skills.banking", Project: Skills, Kind: Basic, Name: "购物与自助银行实操",
			Names:    names("مال سېتىۋېلىش ۋە ئاپتوماتىك بانكا مەشىقى", "ساۋدا جانە وزدىك بانك جاتتىعۋى", "Shopping and self-service banking"),
			Content:  "陪同到超市、银行网点实地练习：看价签、扫码支付、使用自助取款机与存折补登机。",
			Standard: "每次 60 分钟，一对一陪同；不代为操作密码，不经手现金。",
			Unit:     Session, PriceFen: 3000, Minutes: 60, Times: 1, EveryWeeks: 4, PersonGroups: skillGroups,
			WorkerKinds: trainers, Funding: "lottery"},
		{Code: "skills.cooking", Project: Skills, Kind: Special, Name: "新疆特色烹饪与烘焙",
			Names:    names("شىنجاڭچە تاماق ئېتىش ۋە نان يېقىش", "شينجياڭ اسحاناسى جانە نان پىسىرۋ", "Xinjiang cooking and baking"),
			Content:  "拉条子、抓饭、馕与油馃子等家常与特色面点制作，兼顾清真饮食习惯，可作为就业技能。",
			Standard: "每次 120 分钟，不超过 8 人；授课人持有效健康证；食材与器具符合清真要求。",
			Unit:     Session, PriceFen: 5000, Minutes: 120, Times: 1, EveryWeeks: 4, PersonGroups: skillGroups,
			WorkerKinds: trainers, Funding: "county", Food: true},
		// 照护服务
		{Code: "care.personal", Project: Care, Kind: Basic, Name: "居家生活照料",
			Names:    names("ئۆيدە تۇرمۇش كۈتۈنۈشى", "ۇيدە تۇرمىستىق كۇتىم", "Personal care at home"),
			Content:  "协助起居、穿衣、洗漱、如厕、进食、翻身与移位，观察身体与精神状况。",
			Standard: "按小时计，每次不少于 1 小时；服务前后洗手，记录异常并当日报告；不得代为服药以外的医疗操作。",
			Unit:     Hour, PriceFen: 3500, Minutes: 60, Times: 3, EveryWeeks: 1, PersonGroups: careGroups,
			WorkerKinds: carers, Funding: "civil_affairs"},
		{Code: "care.rehab", Project: Care, Kind: Basic, Name: "康复护理",
			Names:    names("ئەسلىگە كەلتۈرۈش ۋە پەرۋىش", "وڭالتۋ كۇتىمى", "Rehabilitation nursing"),
			Content:  "上门肢体功能训练、关节活动度训练、压疮预防与辅具使用指导。",
			Standard: "由持有效康复治疗师证书者提供，每次 60 分钟；首次上门制订训练计划，每月评估一次。",
			Unit:     Hour, PriceFen: 8000, Minutes: 60, Times: 2, EveryWeeks: 1,
			PersonGroups: []person.Category{person.SevereDisability, person.ExtremePoverty, person.ElderlyAlone}, Tiers: []int{1, 2, 3},
			WorkerKinds: therapists, Funding: "disability", Cert: provider.RehabTherapist},
		{Code: "care.bathing", Project: Care, Kind: Basic, Name: "助浴服务",
			Names:    names("يۇيۇنۇشقا ياردەم", "جۋىنۋعا كومەك", "Help with bathing"),
			Content:  "上门协助洗澡、洗头、剪指甲，冬季注意保暖与防滑。",
			Standard: "两人或一人加家属协助，每次约 60 分钟；水温 38–40 °C，浴前测血压，异常不强行服务。",
			Unit:     Visit, PriceFen: 6000, Minutes: 60, Times: 1, EveryWeeks: 1, PersonGroups: careGroups, Tiers: []int{1, 2},
			WorkerKinds: carers, Funding: "civil_affairs"},
		{Code: "care.escort", Project: Care, Kind: Basic, Name: "陪同就医",
			Names:    names("دوختۇرخانىغا ھەمراھ بولۇش", "ەمحاناعا ىلەسىپ بارۋ", "Escort to the doctor"),
			Content:  "陪同到乡镇卫生院或县医院就诊、取药、办理医保结算，必要时代为沟通。",
			Standard: "按次计，含往返途中时间约 3 小时；就诊结果当日告知家属或村协理员。",
			Unit:     Visit, PriceFen: 5000, Minutes: 180, Times: 1, EveryWeeks: 4, PersonGroups: careGroups,
			WorkerKinds: []provider.WorkerKind{provider.SocialWorker, provider.Volunteer, provider.Housekeeper}, Funding: "civil_affairs"},
		{Code: "care.comfort", Project: Care, Kind: Basic, Name: "精神慰藉",
			Names:    names("روھىي تەسەللى", "رۋحاني جۇبانىش", "Emotional comfort"),
			Content:  "上门聊天、读报、节日探访，关注孤独与情绪变化，发现风险及时转介。",
			Standard: "每次不少于 60 分钟，使用服务对象熟悉的语言；发现自伤风险立即报告。",
			Unit:     Visit, PriceFen: 2000, Minutes: 60, Times: 1, EveryWeeks: 2, PersonGroups: careGroups,
			WorkerKinds: trainers, Funding: "civil_affairs"},
		{Code: "care.meal", Project: Care, Kind: Basic, Name: "助餐送餐",
			Names:    names("تاماق يەتكۈزۈش", "تاماق جەتكىزۋ", "Meal delivery"),
			Content:  "从助餐点或合作餐馆送热餐上门，兼顾清真、软食与低盐等饮食需要。",
			Standard: "送达时饭菜温度不低于 60 °C；清真户由清真服务机构配送；送餐人持有效健康证。",
			Unit:     Visit, PriceFen: 1500, Minutes: 30, Times: 3, EveryWeeks: 1, PersonGroups: careGroups,
			WorkerKinds: helpers, Funding: "civil_affairs", Food: true},
		// 家政助洁
		{Code: "house.cleaning", Project: Housekeeping, Kind: Basic, Name: "居家保洁",
			Names:    names("ئۆي تازىلاش", "ۇي تازالاۋ", "Home cleaning"),
			Content:  "清扫居室、厨房与卫生间，整理物品，冬季清理门前积雪与煤灰。",
			Standard: "每次约 2 小时，按清单逐项完成并请服务对象确认；不移动贵重物品。",
			Unit:     Visit, PriceFen: 6000, Minutes: 120, Times: 1, EveryWeeks: 1, PersonGroups: careGroups,
			WorkerKinds: houseKeeper, Funding: "civil_affairs"},
		{Code: "house.laundry", Project: Housekeeping, Kind: Basic, Name: "衣物清洗",
			Names:    names("كىيىم يۇيۇش", "كيىم جۋۋ", "Laundry"),
			Content:  "清洗、晾晒与整理衣物和床上用品，冬季被褥定期晾晒。",
			Standard: "每次约 1 小时；贴身衣物与外衣分开清洗。",
			Unit:     Visit, PriceFen: 3000, Minutes: 60, Times: 1, EveryWeeks: 2, PersonGroups: careGroups,
			WorkerKinds: houseKeeper, Funding: "civil_affairs"},
		{Code: "house.dishes", Project: Housekeeping, Kind: Basic, Name: "餐具消毒",
			Names:    names("قاچا-قۇچا دېزىنفېكسىيەسى", "ىدىس-اياق زالالسىزداندىرۋ", "Tableware disinfection"),
			Content:  "清洗并煮沸或蒸汽消毒碗筷与炊具，检查厨房卫生。",
			Standard: "每次约 30 分钟；煮沸消毒不少于 15 分钟。",
			Unit:     Visit, PriceFen: 2000, Minutes: 30, Times: 1, EveryWeeks: 2, PersonGroups: careGroups,
			WorkerKinds: houseKeeper, Funding: "civil_affairs"},
		{Code: "house.grain", Project: Housekeeping, Kind: Basic, Name: "粮油代购配送",
			Names:    names("ئاشلىق-ياغ سېتىۋېلىپ يەتكۈزۈش", "استىق-ماي ساتىپ الىپ جەتكىزۋ", "Grain and oil delivery"),
			Content:  "代购米、面、油、煤等生活必需品并送货上门，凭小票结算。",
			Standard: "按次计，每次约 45 分钟；保留购物小票，清真户采购清真食品。",
			Unit:     Visit, PriceFen: 2000, Minutes: 45, Times: 1, EveryWeeks: 4, PersonGroups: careGroups,
			WorkerKinds: helpers, Funding: "civil_affairs", Food: true},
		// 困难儿童能力提升
		{Code: "child.counselling", Project: Children, Kind: Basic, Name: "心理疏导",
			Names:    names("پسىخىكىلىق يېتەكلەش", "پسيحولوگيالىق كەڭەس", "Counselling"),
			Content:  "个案心理辅导与情绪支持，关注丧亲、留守与校园适应问题。",
			Standard: "由持证社会工作者提供，每次 60 分钟，建立个案档案；发现危机立即转介。",
			Unit:     Session, PriceFen: 8000, Minutes: 60, Times: 1, EveryWeeks: 4, PersonGroups: childGroups,
			WorkerKinds: socialWork, Funding: "civil_affairs", Cert: provider.SocialWorkerCert},
		{Code: "child.trip", Project: Children, Kind: Basic, Name: "研学活动",
			Names:    names("ئۆگىنىش ساياھىتى", "وقۋ ساياحاتى", "Study trip"),
			Content:  "参观博物馆、科技馆、农业园区等，拓宽视野，活动后完成一篇成长记录。",
			Standard: "每次约 4 小时，师生比不低于 1:5，购买意外保险，监护人书面同意。",
			Unit:     Session, PriceFen: 10000, Minutes: 240, Times: 1, EveryWeeks: 8, PersonGroups: childGroups,
			WorkerKinds: trainers, Funding: "lottery"},
		{Code: "child.class", Project: Children, Kind: Basic, Name: "兴趣课堂",
			Names:    names("قىزىقىش سىنىپى", "قىزىعۋشىلىق ساباعى", "Interest class"),
			Content:  "书法、绘画、舞蹈、冬不拉与手工等兴趣课，以及课业辅导。",
			Standard: "每次 90 分钟，不超过 15 人，记录出勤与作品。",
			Unit:     Session, PriceFen: 4000, Minutes: 90, Times: 1, EveryWeeks: 1, PersonGroups: childGroups,
			WorkerKinds: trainers, Funding: "lottery"},
		{Code: "child.mentor", Project: Children, Kind: Basic, Name: "一对一帮扶（成长档案）",
			Names:    names("بىرگە-بىر ياردەم (ئۆسۈش خاتىرىسى)", "جەكە قامقورلىق (ءوسۋ جازباسى)", "One-to-one mentoring with growth record"),
			Content:  "固定帮扶人定期上门陪伴学习与生活，建立并更新成长档案。",
			Standard: "每次约 90 分钟，同一帮扶人持续不少于一学年；每次更新成长档案。",
			Unit:     Visit, PriceFen: 5000, Minutes: 90, Times: 1, EveryWeeks: 2, PersonGroups: childGroups,
			WorkerKinds: trainers, Funding: "civil_affairs"},
		{Code: "child.special", Project: Children, Kind: Special, Name: "特殊教育康复",
			Names:    names("ئالاھىدە مائارىپ ئەسلىگە كەلتۈرۈش", "ارنايى ءبىلىم بەرۋ وڭالتۋى", "Special-education rehabilitation"),
			Content:  "为残疾儿童提供语言、认知、感统与生活自理训练，指导家长居家训练。",
			Standard: "由持特殊教育资格者提供，每次 60 分钟；每学期评估并调整个别化训练计划。",
			Unit:     Session, PriceFen: 12000, Minutes: 60, Times: 1, EveryWeeks: 1, PersonGroups: childGroups,
			WorkerKinds: []provider.WorkerKind{provider.Therapist, provider.SocialWorker}, Funding: "disability", Cert: provider.SpecialEducation},
	}
	for i := range items {
		items[i].Version, items[i].Active, items[i].CreatedBy = 1, true, "system"
		if items[i].Tiers == nil {
			items[i].Tiers = []int{}
		}
	}
	return items
}

// Packages returns which items each assessment package becomes in a plan,
// and how often (assess: the package of an approved application).
func Packages() []PackageItem {
	p := func(pkg, item string, times, every int) PackageItem {
		return PackageItem{Package: pkg, ItemCode: item, Times: times, EveryWeeks: every}
	}
	return []PackageItem{
		p("care.intensive", "care.personal", 3, 1), p("care.intensive", "care.bathing", 1, 1),
		p("care.intensive", "house.cleaning", 1, 1), p("care.intensive", "care.meal", 3, 1),
		p("care.regular", "care.personal", 1, 1), p("care.regular", "house.cleaning", 1, 2), p("care.regular", "care.comfort", 1, 2),
		p("rehab.home", "care.rehab", 2, 1), p("rehab.home", "care.personal", 1, 1),
		p("housekeeping.basic", "house.cleaning", 1, 1), p("housekeeping.basic", "house.laundry", 1, 2), p("housekeeping.basic", "house.grain", 1, 4),
		p("child.support", "child.mentor", 1, 2), p("child.support", "child.class", 1, 1), p("child.support", "child.counselling", 1, 4),
		p("skills.training", "skills.phone", 1, 2), p("skills.training", "skills.banking", 1, 4),
		p("visit.basic", "care.comfort", 1, 4),
	}
}
