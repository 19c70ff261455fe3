package demo

import (
	"math/rand/v2"

	"jiuzhu/internal/person"
)

// spelling is one name in Chinese characters, Latin letters and Arabic script.
type spelling struct{ zh, latin, arabic string }

// Han surnames, most frequent first; pickFront favours the head of the list.
var hanSurnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
	"马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "沈", "曾",
	"彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "闫", "余", "潘", "杜", "戴", "夏", "钟",
	"汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康",
	"毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "段", "雷", "钱", "汤", "尹", "易", "常", "武", "乔", "贺",
}

// Hui surnames: 马 dominates, as it does in Changji.
var huiSurnames = []string{"马", "马", "马", "杨", "李", "王", "白", "韩", "冶", "苏", "丁", "穆", "哈", "海", "纳", "沙", "金", "保", "马", "张"}

var xibeSurnames = []string{"关", "佟", "吴", "何", "安", "韩", "郭", "肖", "伊", "付"}

// Han and Hui given names by generation, so a 90-year-old is not called 梓涵.
var givenNames = map[person.Sex][3][]string{
	person.Male: {
		{"建国", "国庆", "德福", "志强", "永福", "明德", "玉山", "长林", "占山", "振华", "福海", "学文", "成林", "宝山", "天明", "忠", "贵", "福"},
		{"伟", "强", "军", "勇", "磊", "斌", "涛", "刚", "明", "建华", "建军", "海涛", "志刚", "红军", "晓东", "永强", "春生", "卫东", "立新", "鹏"},
		{"浩然", "子轩", "宇航", "俊杰", "梓豪", "一鸣", "博文", "浩宇", "嘉豪", "子墨", "天佑", "宇轩", "明轩", "睿", "晨", "家乐"},
	},
	person.Female: {
		{"秀英", "桂兰", "玉兰", "淑珍", "秀兰", "凤英", "玉珍", "桂英", "兰英", "翠花", "素芳", "金花", "秀珍", "玉梅", "桂芳", "凤兰"},
		{"丽", "娟", "敏", "静", "燕", "艳", "红梅", "丽娟", "晓燕", "海燕", "春梅", "建英", "小红", "秀云", "丽萍", "雪梅", "美玲", "芳"},
		{"欣怡", "梓涵", "子涵", "雨桐", "诗涵", "梦瑶", "一诺", "佳怡", "思彤", "若曦", "可馨", "雨欣", "婷", "佳琪"},
	},
}

// Kazakh names (also used for Kyrgyz): Chinese transliteration, Latin, Kazakh Arabic script.
var kazakhNames = map[person.Sex][]spelling{
	person.Male: {
		{"努尔兰", "Nurlan", "نۇرلان"}, {"叶尔兰", "Erlan", "ەرلان"}, {"达吾列提", "Dawlet", "داۋلەت"},
		{"哈力别克", "Halibek", "حالىبەك"}, {"吐尔逊", "Tursyn", "تۇرسىن"}, {"阿斯哈尔", "Asqar", "اسقار"},
		{"叶尔江", "Erjan", "ەرجان"}, {"波拉提", "Bolat", "بولات"}, {"赛力克", "Serik", "سەرىك"},
		{"哈那提", "Qanat", "قانات"}, {"木拉提", "Murat", "مۇرات"}, {"巴合提", "Baqyt", "باقىت"},
		{"托合塔尔", "Toqtar", "توقتار"}, {"阿合买提", "Ahmet", "احمەت"}, {"居马别克", "Jumabek", "جۇمابەك"},
		{"别克波拉提", "Bekbolat", "بەكبولات"}, {"叶尔波力", "Erbol", "ەربول"}, {"马合沙提", "Mahsat", "ماحسات"},
		{"卡斯木", "Qasym", "قاسىم"}, {"努尔江", "Nurjan", "نۇرجان"}, {"沙尔山", "Sarsen", "سارسەن"}, {"叶森", "Esen", "ەسەن"},
	},
	person.Female: {
		{"古丽娜尔", "Gulnar", "گۇلنار"}, {"阿依古丽", "Aygul", "ايگۇل"}, {"加娜尔", "Janar", "جانار"},
		{"沙吾列", "Sawle", "ساۋلە"}, {"玛依拉", "Mayra", "مايرا"}, {"阿娜尔", "Anar", "انار"},
		{"哈米达", "Hamida", "حاميدا"}, {"努尔古丽", "Nurgul", "نۇرگۇل"}, {"阿依达娜", "Aydana", "ايدانا"},
		{"阿克玛热勒", "Aqmaral", "اقمارال"}, {"再乃普", "Zeynep", "زەينەپ"}, {"哈丽玛", "Halima", "حاليما"},
		{"加米拉", "Jamila", "جاميلا"}, {"阿丽亚", "Aliya", "اليا"}, {"达娜", "Dana", "دانا"}, {"阿赛丽", "Asel", "اسەل"},
	},
}

// Uyghur names: Chinese transliteration, Uyghur Latin (ULY), Uyghur Arabic script.
var uyghurNames = map[person.Sex][]spelling{
	person.Male: {
		{"艾力", "Eli", "ئەلى"}, {"买买提", "Memet", "مەمەت"}, {"艾合买提", "Exmet", "ئەخمەت"},
		{"吐尔逊", "Tursun", "تۇرسۇن"}, {"阿不都拉", "Abdulla", "ئابدۇللا"}, {"热合曼", "Rehman", "رەھمان"},
		{"玉素甫", "Yusup", "يۇسۇپ"}, {"依明", "Imin", "ئىمىن"}, {"买合木提", "Mehmut", "مەھمۇت"},
		{"努尔买买提", "Nurmemet", "نۇرمەمەت"}, {"亚森", "Yasin", "ياسىن"}, {"卡德尔", "Qadir", "قادىر"},
		{"吾斯曼", "Osman", "ئوسمان"}, {"肉孜", "Rozi", "روزى"}, {"阿力木", "Alim", "ئالىم"},
		{"艾尔肯", "Erkin", "ئەركىن"}, {"吐尔洪", "Turghun", "تۇرغۇن"}, {"阿迪力", "Adil", "ئادىل"},
	},
	person.Female: {
		{"古丽", "Gul", "گۈل"}, {"阿依古丽", "Aygul", "ئايگۈل"}, {"帕提古丽", "Patigul", "پاتىگۈل"},
		{"热依汗", "Reyhan", "رەيھان"}, {"阿依努尔", "Aynur", "ئاينۇر"}, {"米日古丽", "Mihrigul", "مېھرىگۈل"},
		{"阿米娜", "Amine", "ئامىنە"}, {"祖丽胡玛尔", "Zulhumar", "زۇلھۇمار"}, {"努尔古丽", "Nurgul", "نۇرگۈل"},
		{"帕提曼", "Patime", "پاتىمە"}, {"再娜甫", "Zeynep", "زەينەپ"}, {"吐尔逊古丽", "Tursungul", "تۇرسۇنگۈل"},
		{"迪丽努尔", "Dilnur", "دىلنۇر"}, {"古再丽", "Guzel", "گۈزەل"}, {"阿依夏木", "Ayshem", "ئايشەم"},
	},
}

// Mongol names are written without a surname; no Arabic spelling.
var mongolNames = map[person.Sex][]spelling{
	person.Male:   {{"巴特尔", "Bater", ""}, {"苏和", "Suhe", ""}, {"额尔敦", "Erdun", ""}, {"朝鲁", "Chaolu", ""}, {"巴音", "Bayin", ""}, {"孟克", "Mengke", ""}, {"道尔吉", "Dorji", ""}},
	person.Female: {{"其其格", "Qiqige", ""}, {"乌兰", "Ulaan", ""}, {"娜仁", "Naren", ""}, {"萨仁", "Saren", ""}, {"托娅", "Tuoya", ""}, {"高娃", "Gaowa", ""}},
}

// pick returns a uniformly chosen element.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickFront favours early elements (density falls linearly), for lists
// ordered by frequency.
func pickFront[T any](r *rand.Rand, xs []T) T {
	u := r.Float64()
	return xs[int(float64(len(xs))*u*u)]
}

// generation maps a birth year to an index into givenNames.
func generation(birthYear int) int {
	switch {
	case birthYear < 1960:
		return 0
	case birthYear < 1990:
		return 1
	}
	return 2
}

// hanName returns a Han-style name: surname plus a generation-typical given name.
func hanName(r *rand.Rand, surname string, sex person.Sex, birthYear int) string {
	return surname + pick(r, givenNames[sex][generation(birthYear)])
}

// patronymName joins a given name and the father's name the way Kazakh and
// Uyghur names are written in Chinese (努尔兰·阿合买提), Latin and Arabic script.
func patronymName(given, father spelling) spelling {
	return spelling{
		zh:     given.zh + "·" + father.zh,
		latin:  given.latin + " " + father.latin,
		arabic: given.arabic + " " + father.arabic,
	}
}
