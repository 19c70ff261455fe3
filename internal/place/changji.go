package place

// Xinjiang, Changji and Changji's seven county-level divisions, with their real
// statistical codes. Centroids are approximate seats of government.
var (
	Xinjiang = Place{Code: "650000", Level: Region, Name: "新疆维吾尔自治区", NameUG: "شىنجاڭ ئۇيغۇر ئاپتونوم رايونى", NameKK: "شينجياڭ ۇيعۇر اۆتونوميالى رايونى", NameEN: "Xinjiang", Lat: 43.79, Lon: 87.63}
	Changji  = Place{Code: "652300", Parent: "650000", Level: Prefecture, Name: "昌吉回族自治州", NameUG: "سانجى خۇيزۇ ئاپتونوم ئوبلاستى", NameKK: "سانجى حۋيزۋ اۆتونوميالى وبلىسى", NameEN: "Changji", Lat: 44.01, Lon: 87.31}
)

// ChangjiCounties lists the county-level divisions of Changji (SPEC §1).
var ChangjiCounties = []Place{
	{Code: "652301", Parent: "652300", Level: County, Name: "昌吉市", NameUG: "سانجى شەھىرى", NameKK: "سانجى قالاسى", NameEN: "Changji City", Lat: 44.01, Lon: 87.27},
	{Code: "652302", Parent: "652300", Level: County, Name: "阜康市", NameUG: "فۇكاڭ شەھىرى", NameKK: "فۋكاڭ قالاسى", NameEN: "Fukang", Lat: 44.16, Lon: 87.98},
	{Code: "652323", Parent: "652300", Level: County, Name: "呼图壁县", NameUG: "قۇتۇبى ناھىيەسى", NameKK: "قۇتىبي اۋدانى", NameEN: "Hutubi", Lat: 44.19, Lon: 86.90},
	{Code: "652324", Parent: "652300", Level: County, Name: "玛纳斯县", NameUG: "ماناس ناھىيەسى", NameKK: "ماناس اۋدانى", NameEN: "Manas", Lat: 44.30, Lon: 86.22},
	{Code: "652325", Parent: "652300", Level: County, Name: "奇台县", NameUG: "گۇچۇڭ ناھىيەسى", NameKK: "گۋچەن اۋدانى", NameEN: "Qitai", Lat: 44.02, Lon: 89.59},
	{Code: "652327", Parent: "652300", Level: County, Name: "吉木萨尔县", NameUG: "جىمسار ناھىيەسى", NameKK: "جىمسار اۋدانى", NameEN: "Jimsar", Lat: 44.00, Lon: 89.18},
	{Code: "652328", Parent: "652300", Level: County, Name: "木垒哈萨克自治县", NameUG: "مورى قازاق ئاپتونوم ناھىيەسى", NameKK: "مورى قازاق اۆتونوميالى اۋدانى", NameEN: "Mori", Lat: 43.83, Lon: 90.28},
}
