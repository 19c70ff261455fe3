package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"jiuzhu/internal/place"
)

// part is a piece of a Chinese place name with its pinyin.
type part struct{ zh, en string }

// Pieces of Chinese village names, in the style of the oasis belt
// (头工, 二工 are the old military-colony settlements; 渠, 坝 are irrigation works).
var (
	dirParts = []part{{"东", "dong"}, {"西", "xi"}, {"南", "nan"}, {"北", "bei"}, {"上", "shang"}, {"下", "xia"},
		{"新", "xin"}, {"老", "lao"}, {"前", "qian"}, {"后", "hou"}, {"中", "zhong"}, {"大", "da"}, {"小", "xiao"}}
	natureParts = []part{{"榆树", "yushu"}, {"柳树", "liushu"}, {"杨树", "yangshu"}, {"沙", "sha"}, {"碱", "jian"},
		{"芦草", "lucao"}, {"红", "hong"}, {"黄", "huang"}, {"白", "bai"}, {"黑", "hei"}, {"青", "qing"},
		{"马场", "machang"}, {"羊圈", "yangjuan"}, {"牛圈", "niujuan"}, {"磨", "mo"}, {"石", "shi"}, {"松树", "songshu"}, {"红柳", "hongliu"}}
	featureParts = []part{{"湾", "wan"}, {"沟", "gou"}, {"渠", "qu"}, {"庄子", "zhuangzi"}, {"梁", "liang"}, {"滩", "tan"},
		{"泉", "quan"}, {"坝", "ba"}, {"地", "di"}, {"湖", "hu"}, {"河", "he"}, {"园", "yuan"}, {"闸", "zha"},
		{"营", "ying"}, {"堡", "bao"}, {"槽子", "caozi"}, {"窑", "yao"}, {"梁子", "liangzi"}, {"泉子", "quanzi"}}
	numberParts = []part{{"头", "tou"}, {"二", "er"}, {"三", "san"}, {"四", "si"}, {"五", "wu"}, {"六", "liu"},
		{"七", "qi"}, {"八", "ba"}, {"十", "shi"}, {"十二", "shi'er"}}
	unitParts     = []part{{"工", "gong"}, {"户", "hu"}, {"屯", "tun"}, {"道", "dao"}, {"畦", "qi"}}
	abstractParts = []part{{"幸福", "xingfu"}, {"团结", "tuanjie"}, {"和平", "heping"}, {"红旗", "hongqi"},
		{"光明", "guangming"}, {"胜利", "shengli"}, {"友谊", "youyi"}, {"永丰", "yongfeng"}, {"丰收", "fengshou"},
		{"太平", "taiping"}, {"联合", "lianhe"}, {"育新", "yuxin"}, {"振兴", "zhenxing"}, {"东风", "dongfeng"},
		{"先锋", "xianfeng"}, {"民主", "minzhu"}, {"曙光", "shuguang"}, {"绿洲", "lüzhou"}, {"富民", "fumin"}}
	clanParts = []part{{"张", "zhang"}, {"王", "wang"}, {"李", "li"}, {"杨", "yang"}, {"何", "he"}, {"刘", "liu"},
		{"陈", "chen"}, {"赵", "zhao"}, {"马", "ma"}, {"徐", "xu"}, {"高", "gao"}, {"罗", "luo"}}
	communityParts = []part{{"团结", "tuanjie"}, {"幸福", "xingfu"}, {"和谐", "hexie"}, {"文化", "wenhua"},
		{"建设", "jianshe"}, {"光明", "guangming"}, {"南门", "nanmen"}, {"北门", "beimen"}, {"东门", "dongmen"},
		{"西门", "ximen"}, {"新华", "xinhua"}, {"人民", "renmin"}, {"友好", "youhao"}, {"安居", "anju"},
		{"锦华", "jinhua"}, {"明珠", "mingzhu"}, {"康宁", "kangning"}, {"紫荆", "zijing"}, {"丽园", "liyuan"},
		{"金桥", "jinqiao"}, {"龙泉", "longquan"}, {"天山", "tianshan"}, {"解放", "jiefang"}, {"金泉", "jinquan"},
		{"福寿", "fushou"}, {"文苑", "wenyuan"}, {"世纪", "shiji"}, {"阳光", "yangguang"}, {"春光", "chunguang"},
		{"滨河", "binhe"}, {"百花", "baihua"}, {"东苑", "dongyuan"}, {"西苑", "xiyuan"}, {"南苑", "nanyuan"}, {"北苑", "beiyuan"}}
	estateParts = []part{{"锦绣", "jinxiu"}, {"金", "jin"}, {"翠", "cui"}, {"华", "hua"}, {"明", "ming"},
		{"康", "kang"}, {"福", "fu"}, {"和", "he"}, {"安", "an"}, {"泰", "tai"}, {"兴", "xing"}, {"瑞", "rui"}, {"嘉", "jia"}}
	estateSuffixes = []part{{"苑", "yuan"}, {"园", "yuan"}, {"庭", "ting"}, {"城", "cheng"}, {"府", "fu"}}
	roadParts      = []part{{"长宁", "changning"}, {"屯坪", "tunping"}, {"北京", "beijing"}, {"延安", "yan'an"},
		{"健康", "jiankang"}, {"宁边", "ningbian"}, {"乌伊", "wuyi"}, {"亚中", "yazhong"}, {"世纪", "shiji"},
		{"人民", "renmin"}, {"团结", "tuanjie"}, {"迎宾", "yingbin"}, {"天池", "tianchi"}, {"博峰", "bofeng"}}
)

// Kazakh place names of the pastoral belt: Chinese, Latin, Kazakh Arabic script.
var kazakhPlaces = []spelling{
	{"阿克托别", "Aqtobe", "اقتوبە"}, {"喀拉布拉克", "Qarabulaq", "قارابۇلاق"}, {"阔克托别", "Koktobe", "كوكتوبە"},
	{"克孜勒塔斯", "Qyzyltas", "قىزىلتاس"}, {"阿克塔斯", "Aqtas", "اقتاس"}, {"喀拉托别", "Qaratobe", "قاراتوبە"},
	{"萨尔布拉克", "Sarbulaq", "ساربۇلاق"}, {"塔斯布拉克", "Tasbulaq", "تاسبۇلاق"}, {"阿克布拉克", "Aqbulaq", "اقبۇلاق"},
	{"克孜勒布拉克", "Qyzylbulaq", "قىزىلبۇلاق"}, {"喀拉萨依", "Qarasay", "قاراساي"}, {"阿克萨依", "Aqsay", "اقساي"},
	{"别斯库都克", "Besqudyq", "بەسقۇدىق"}, {"阿克喀巴克", "Aqqabaq", "اققاباق"}, {"塔斯巴斯套", "Tasbastau", "تاسباستاۋ"},
	{"阔克铁热克", "Kokterek", "كوكتەرەك"}, {"阿克苏", "Aqsu", "اقسۋ"}, {"喀拉苏", "Qarasu", "قاراسۋ"},
	{"萨尔达坂", "Sardaban", "ساردابان"}, {"加尔布拉克", "Jarbulaq", "جاربۇلاق"}, {"江布拉克", "Janbulaq", "جانبۇلاق"},
	{"阿克托海", "Aqtogay", "اقتوعاي"}, {"喀拉托海", "Qaratogay", "قاراتوعاي"}, {"别斯托别", "Bestobe", "بەستوبە"},
	{"塔斯托别", "Tastobe", "تاستوبە"}, {"克孜勒加尔", "Qyzyljar", "قىزىلجار"}, {"阿克加尔", "Aqjar", "اقجار"},
	{"喀拉加尔", "Qarajar", "قاراجار"}, {"阔克苏", "Koksu", "كوكسۋ"}, {"萨尔乔克", "Sarshoqy", "سارشوقى"},
}

// vname is a generated village name in every spelling it has.
type vname struct{ zh, en, ug, kk string }

// ruralRoot returns a Chinese village-name root such as 榆树沟 or 三工.
func ruralRoot(r *rand.Rand) part {
	join := func(a, b part) part { return part{a.zh + b.zh, a.en + b.en} }
	switch x := r.IntN(100); {
	case x < 30:
		return join(pick(r, dirParts), pick(r, featureParts))
	case x < 60:
		return join(pick(r, natureParts), pick(r, featureParts))
	case x < 75:
		return join(pick(r, numberParts), pick(r, unitParts))
	case x < 90:
		return pick(r, abstractParts)
	}
	return join(join(pick(r, clanParts), part{"家", "jia"}), pick(r, featureParts))
}

// communityRoot returns a root for a 社区, e.g. 团结, 长宁路 or 锦绣苑.
func communityRoot(r *rand.Rand) part {
	switch x := r.IntN(100); {
	case x < 50:
		return pick(r, communityParts)
	case x < 75:
		p := pick(r, roadParts)
		return part{p.zh + "路", p.en + "lu"}
	}
	a, b := pick(r, estateParts), pick(r, estateSuffixes)
	return part{a.zh + b.zh, a.en + b.en}
}

// newVillageName draws a name of the given kind that is not yet in used
// (names are unique within a county) and records it. community marks a 社区.
func newVillageName(r *rand.Rand, kind place.Kind, community bool, used map[string]bool) vname {
	for try := 0; ; try++ {
		var n vname
		switch {
		case community:
			p := communityRoot(r)
			n = vname{zh: p.zh + "社区", en: title(p.en) + " Community",
				ug: toArabic(p.en, uyghur) + " " + arCommunity[uyghur], kk: toArabic(p.en, kazakh) + " " + arCommunity[kazakh]}
		case kind == place.Pastoral && r.IntN(100) < 55:
			k := pick(r, kazakhPlaces)
			n = vname{zh: k.zh + "村", en: k.latin + " Village",
				ug: toArabic(k.latin, uyghur) + " " + arVillage[uyghur], kk: k.arabic + " " + arVillage[kazakh]}
		case kind == place.Pastoral:
			p := ruralRoot(r)
			n = vname{zh: p.zh + "牧业村", en: title(p.en) + " Pastoral Village",
				ug: toArabic(p.en, uyghur) + " " + arPastoral[uyghur], kk: toArabic(p.en, kazakh) + " " + arPastoral[kazakh]}
		default:
			p := ruralRoot(r)
			n = vname{zh: p.zh + "村", en: title(p.en) + " Village",
				ug: toArabic(p.en, uyghur) + " " + arVillage[uyghur], kk: toArabic(p.en, kazakh) + " " + arVillage[kazakh]}
		}
		if try >= 100 { // the roots are running out: number the name, as in 东湾二村
			k := 1 + try%6 // 二 … 七
			num := numberParts[k]
			for _, suffix := range []string{"牧业村", "社区", "村"} {
				if root, ok := strings.CutSuffix(n.zh, suffix); ok {
					n.zh = root + num.zh + suffix
					break
				}
			}
			n.en += " " + strconv.Itoa(k+1)
		}
		if !used[n.zh] {
			used[n.zh] = true
			return n
		}
	}
}

// title upper-cases the first letter: "yushugou" → "Yushugou".
func title(s string) string {
	c, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[size:]
}
