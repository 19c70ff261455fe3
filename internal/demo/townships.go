package demo

// townKind is the type of a township-level unit; it fixes the code range,
// the name suffix and what kind of villages it holds.
type townKind int

const (
	street   townKind = iota // 街道, codes 001–099, urban communities only
	town                     // 镇, codes 1xx
	township                 // 乡 or 民族乡, codes 2xx
	farm                     // 农场/牧场, codes 4xx
)

// zone places a township relative to its county seat: the Tianshan foothills
// lie south of the oasis belt, the Gurbantünggüt desert fringe north of it.
type zone int

const (
	seat  zone = iota // the county seat itself
	plain             // the irrigated oasis belt around the seat
	south             // mountains: summer pastures, pastoral villages
	north             // desert fringe: winter pastures, farms
)

// townSpec describes one township. Names are modelled on the real ones;
// codes follow the national convention but are not the official codes.
type townSpec struct {
	code     string // three digits within the county
	zh       string // full Chinese name
	root     string // Latin root of the name, e.g. "Sangong"
	ethnic   string // for 民族乡: "Kazakh", "Uzbek", "Tatar"
	kind     townKind
	zone     zone
	ranch    bool // 牧场: all villages pastoral
	villages int  // minimum village count; the generator may add one
}

// countyTowns lists the townships of each county. Changji City and Qitai are
// the largest; Mori, Qitai and Jimsar have the most pastoral land.
var countyTowns = map[string][]townSpec{
	"652301": {
		{"001", "宁边路街道", "Ningbianlu", "", street, seat, false, 8},
		{"002", "延安北路街道", "Yan'anbeilu", "", street, seat, false, 9},
		{"003", "北京南路街道", "Beijingnanlu", "", street, seat, false, 8},
		{"004", "建国路街道", "Jianguolu", "", street, seat, false, 7},
		{"005", "中山路街道", "Zhongshanlu", "", street, seat, false, 7},
		{"006", "绿洲路街道", "Lüzhoulu", "", street, seat, false, 8},
		{"101", "硫磺沟镇", "Liuhuanggou", "", town, south, false, 7},
		{"102", "三工镇", "Sangong", "", town, plain, false, 12},
		{"103", "榆树沟镇", "Yushugou", "", town, plain, false, 11},
		{"104", "二六工镇", "Erliugong", "", town, plain, false, 12},
		{"105", "大西渠镇", "Daxiqu", "", town, north, false, 12},
		{"106", "六工镇", "Liugong", "", town, plain, false, 11},
		{"107", "滨湖镇", "Binhu", "", town, north, false, 10},
		{"108", "佃坝镇", "Dianba", "", town, north, false, 10},
		{"201", "阿什里哈萨克民族乡", "Axili", "Kazakh", township, south, false, 8},
		{"202", "庙尔沟乡", "Miaoergou", "", township, south, false, 5},
	},
	"652302": {
		{"001", "博峰街道", "Bofeng", "", street, seat, false, 7},
		{"002", "阜新街道", "Fuxin", "", street, seat, false, 7},
		{"003", "准东街道", "Zhundong", "", street, north, false, 4},
		{"101", "甘河子镇", "Ganhezi", "", town, plain, false, 9},
		{"102", "城关镇", "Chengguan", "", town, seat, false, 10},
		{"103", "九运街镇", "Jiuyunjie", "", town, plain, false, 9},
		{"104", "滋泥泉子镇", "Ziniquanzi", "", town, plain, false, 10},
		{"201", "上户沟哈萨克族乡", "Shanghugou", "Kazakh", township, south, false, 7},
		{"202", "水磨沟乡", "Shuimogou", "", township, south, false, 7},
		{"203", "三工河哈萨克族乡", "Sangonghe", "Kazakh", township, south, false, 7},
	},
	"652323": {
		{"101", "呼图壁镇", "Hutubi", "", town, seat, false, 14},
		{"102", "大丰镇", "Dafeng", "", town, plain, false, 11},
		{"103", "雀尔沟镇", "Que'ergou", "", town, south, false, 8},
		{"104", "二十里店镇", "Ershilidian", "", town, plain, false, 11},
		{"105", "园户村镇", "Yuanhucun", "", town, plain, false, 10},
		{"106", "五工台镇", "Wugongtai", "", town, plain, false, 12},
		{"201", "石梯子哈萨克民族乡", "Shitizi", "Kazakh", township, south, false, 7},
		{"400", "芳草湖农场", "Fangcaohu", "", farm, north, false, 10},
		{"401", "园艺场", "Yuanyichang", "", farm, plain, false, 5},
	},
	"652324": {
		{"101", "玛纳斯镇", "Manas", "", town, seat, false, 14},
		{"102", "乐土驿镇", "Letuyi", "", town, plain, false, 10},
		{"103", "包家店镇", "Baojiadian", "", town, plain, false, 11},
		{"104", "凉州户镇", "Liangzhouhu", "", town, plain, false, 9},
		{"105", "北五岔镇", "Beiwucha", "", town, north, false, 10},
		{"106", "六户地镇", "Liuhudi", "", town, north, false, 9},
		{"107", "兰州湾镇", "Lanzhouwan", "", town, plain, false, 10},
		{"201", "广东地乡", "Guangdongdi", "", township, plain, false, 8},
		{"202", "清水河哈萨克族乡", "Qingshuihe", "Kazakh", township, south, false, 8},
		{"203", "塔西河哈萨克族乡", "Taxihe", "Kazakh", township, south, false, 7},
		{"204", "旱卡子滩哈萨克族乡", "Hankazitan", "Kazakh", township, south, false, 7},
	},
	"652325": {
		{"101", "奇台镇", "Qitai", "", town, seat, false, 16},
		{"102", "老奇台镇", "Laoqitai", "", town, plain, false, 12},
		{"103", "半截沟镇", "Banjiegou", "", town, south, false, 10},
		{"104", "吉布库镇", "Jibuku", "", town, south, false, 10},
		{"105", "东湾镇", "Dongwan", "", town, plain, false, 11},
		{"106", "西地镇", "Xidi", "", town, plain, false, 10},
		{"107", "碧流河镇", "Biliuhe", "", town, plain, false, 10},
		{"108", "三个庄子镇", "Sangezhuangzi", "", town, plain, false, 11},
		{"109", "西北湾镇", "Xibeiwan", "", town, north, false, 10},
		{"201", "坎尔孜乡", "Kan'erzi", "", township, plain, false, 8},
		{"202", "五马场哈萨克族乡", "Wumachang", "Kazakh", township, south, false, 9},
		{"203", "七户乡", "Qihu", "", township, plain, false, 8},
		{"204", "乔仁哈萨克族乡", "Qiaoren", "Kazakh", township, south, false, 8},
		{"205", "大泉塔塔尔族乡", "Daquan", "Tatar", township, north, false, 6},
		{"400", "北塔山牧场", "Beitashan", "", farm, north, true, 5},
	},
	"652327": {
		{"101", "吉木萨尔镇", "Jimsar", "", town, seat, false, 14},
		{"102", "三台镇", "Santai", "", town, plain, false, 10},
		{"103", "泉子街镇", "Quanzijie", "", town, south, false, 9},
		{"104", "北庭镇", "Beiting", "", town, plain, false, 10},
		{"105", "二工镇", "Ergong", "", town, plain, false, 9},
		{"106", "大有镇", "Dayou", "", town, north, false, 9},
		{"201", "庆阳湖乡", "Qingyanghu", "", township, north, false, 7},
		{"202", "老台乡", "Laotai", "", township, plain, false, 7},
		{"203", "新地乡", "Xindi", "", township, south, false, 7},
	},
	"652328": {
		{"101", "木垒镇", "Mori", "", town, seat, false, 13},
		{"102", "西吉尔镇", "Xijier", "", town, plain, false, 9},
		{"103", "东城镇", "Dongcheng", "", town, plain, false, 9},
		{"104", "新户镇", "Xinhu", "", town, plain, false, 8},
		{"201", "照壁山乡", "Zhaobishan", "", township, south, false, 7},
		{"202", "雀仁乡", "Queren", "", township, south, false, 8},
		{"203", "英格堡乡", "Yinggebao", "", township, south, false, 8},
		{"204", "白杨河乡", "Baiyanghe", "", township, north, false, 7},
		{"205", "大南沟乌孜别克族乡", "Danangou", "Uzbek", township, south, false, 7},
		{"206", "大石头乡", "Dashitou", "", township, north, false, 7},
		{"207", "博斯坦乡", "Bositan", "", township, south, false, 8},
	},
}

// nameEN is the township's English name, e.g. "Axili Kazakh Ethnic Township".
func (t townSpec) nameEN() string {
	switch {
	case t.kind == street:
		return t.root + " Subdistrict"
	case t.kind == town:
		return t.root + " Town"
	case t.ethnic != "":
		return t.root + " " + t.ethnic + " Ethnic Township"
	case t.kind == township:
		return t.root + " Township"
	case t.ranch:
		return t.root + " Ranch"
	}
	return t.root + " Farm"
}

// nameArabic is a rough Arabic-script name in Uyghur or Kazakh orthography.
func (t townSpec) nameArabic(s script) string {
	root := toArabic(t.root, s)
	switch {
	case t.kind == street:
		return root + " " + arStreet[s]
	case t.kind == town:
		return root + " " + arTown[s]
	case t.ethnic != "":
		return root + " " + arEthnic[t.ethnic][s] + " " + arTownship[s]
	case t.kind == township:
		return root + " " + arTownship[s]
	case t.ranch:
		return root + " " + arRanch[s]
	}
	return root + " " + arFarm[s]
}
