package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"jiuzhu/internal/catalog"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/provider"
)

// Demo resource library size.
const (
	DemoProviders = 60
	DemoWorkers   = 600
)

// orgsPerCounty spreads the organisations roughly with the population.
var orgsPerCounty = map[string]int{"652301": 14, "652302": 7, "652323": 8, "652324": 9, "652325": 9, "652327": 6, "652328": 7}

// countyShort is the county's name as organisations use it.
var countyShort = map[string]string{"652301": "昌吉市", "652302": "阜康市", "652323": "呼图壁县", "652324": "玛纳斯县",
	"652325": "奇台县", "652327": "吉木萨尔县", "652328": "木垒县"}

var brands = []string{"康宁", "爱心", "阳光", "夕阳红", "福寿", "同心", "天山", "安康", "众和", "益民", "仁爱", "馨家", "博格达", "庭州",
	"新希望", "乐龄", "雪莲", "春晖", "暖心", "和顺"}

// specialty is what an organisation mainly does: its name, legal form,
// the kinds of worker it employs (the first is its core) and the items
// its workers choose from.
type specialty struct {
	suffix string
	kind   provider.OrgKind
	halal  bool
	kinds  []provider.WorkerKind
	items  []string
}

// specialties: every county has at least one of each, so every item is
// offered in every county.
var specialties = []specialty{
	{"居家养老服务中心", provider.SocialOrg, false,
		[]provider.WorkerKind{provider.Housekeeper, provider.Housekeeper, provider.Housekeeper, provider.SocialWorker, provider.Volunteer},
		[]string{"care.personal", "care.bathing", "care.escort", "care.comfort", "house.cleaning", "house.laundry", "care.meal"}},
	{"家政服务有限公司", provider.Company, false,
		[]provider.WorkerKind{provider.Housekeeper},
		[]string{"house.cleaning", "house.laundry", "house.dishes", "house.grain", "care.personal", "care.bathing"}},
	{"社会工作服务中心", provider.SocialOrg, false,
		[]provider.WorkerKind{provider.SocialWorker, provider.SocialWorker, provider.Volunteer},
		[]string{"child.counselling", "child.mentor", "child.class", "child.trip", "care.comfort", "care.escort", "skills.phone", "skills.ecommerce", "skills.banking"}},
	{"康复服务中心", provider.PublicInstitution, false,
		[]provider.WorkerKind{provider.Therapist, provider.Therapist, provider.Housekeeper},
		[]string{"care.rehab", "child.special", "care.personal", "care.bathing"}},
	{"清真助餐服务社", provider.Company, true,
		[]provider.WorkerKind{provider.Housekeeper, provider.Volunteer},
		[]string{"care.meal", "house.grain", "house.dishes", "skills.cooking"}},
	{"志愿者协会", provider.SocialOrg, false,
		[]provider.WorkerKind{provider.Volunteer, provider.Volunteer, provider.Volunteer, provider.SocialWorker},
		[]string{"care.comfort", "care.escort", "skills.phone", "skills.banking", "child.class", "child.trip", "child.mentor", "care.meal", "house.grain"}},
}

// baseTown is a township of the dataset with what the generator weighs.
type baseTown struct {
	place.Place
	people   []string // ethnicities of the people under assistance there
	pastoral bool     // most of its villages are pastoral
}

// Providers builds the demo resource library from a generated dataset:
// DemoProviders organisations in the seven counties and DemoWorkers
// workers, based where people live (so pastoral townships are thinner, but
// each is covered), speaking the languages of their townships, with
// therapists' certificates some of which expire soon or have expired.
// The first organisation is 昌吉市康宁居家养老服务中心, the demo provider's;
// the same dataset, seed and today give the same output.
func Providers(d *Dataset, seed int64, today time.Time) ([]provider.Org, []provider.Worker) {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), 0x5851f42d4c957f2d)), today: today}
	towns := baseTowns(d)
	items := map[string]catalog.Item{}
	for _, it := range catalog.Defaults() {
		items[it.Code] = it
	}
	var orgs []provider.Org
	var workers []provider.Worker
	usedNames := map[string]bool{}
	for _, c := range place.ChangjiCounties {
		ts := towns[c.Code]
		for i := range orgsPerCounty[c.Code] {
			sp := specialties[i%len(specialties)]
			o := provider.Org{ID: g.newUUID(), Kind: sp.kind, PlaceCode: c.Code, Halal: sp.halal, Stars: 2 + g.r.IntN(4), Active: true}
			if i >= len(specialties) {
				o.PlaceCode = pick(g.r, ts).Code // a township's own organisation
			}
			for {
				brand := pick(g.r, brands)
				if len(orgs) == 0 {
					brand = "康宁"
				}
				o.Name = countyShort[c.Code] + brand + sp.suffix
				if !usedNames[o.Name] {
					usedNames[o.Name] = true
					break
				}
			}
			if !o.Halal && (c.Code == "652328" || i >= len(specialties)) && g.pct(30) {
				o.Halal = true // run by a Hui or Kazakh family, or a township's Muslim community
			}
			o.CreditCode = g.creditCode(o.Kind, c.Code)
			o.Contact, o.Phone = hanName(g.r, pickFront(g.r, hanSurnames), g.sex(50), 1970+g.r.IntN(20)), g.phone()
			orgs = append(orgs, o)
		}
	}
	// Ten workers an organisation on average, in pairs that sum to twenty,
	// so the total is exact.
	for i, o := range orgs {
		delta := (i/2*7)%9 - 4
		if i%2 == 1 {
			delta = -delta
		}
		sp := specialties[slices.IndexFunc(specialties, func(s specialty) bool { return o.Name[len(o.Name)-len(s.suffix):] == s.suffix })]
		for j := range DemoWorkers/DemoProviders + delta {
			workers = append(workers, g.worker(o, sp, j, towns[o.PlaceCode[:6]], items))
		}
	}
	offerEverywhere(workers, orgs, items, today)
	return orgs, workers
}

// worker makes the j-th worker of an organisation.
func (g *gen) worker(o provider.Org, sp specialty, j int, ts []*baseTown, items map[string]catalog.Item) provider.Worker {
	kind := sp.kinds[0]
	if j > 0 {
		kind = pick(g.r, sp.kinds)
	}
	base := g.baseTownship(o, ts)
	eth := "han"
	if len(base.people) > 0 {
		eth = pick(g.r, base.people)
	}
	femalePct := map[provider.WorkerKind]int{provider.Housekeeper: 80, provider.SocialWorker: 65, provider.Therapist: 50, provider.Volunteer: 55}[kind]
	sex := g.sex(100 - femalePct)
	w := provider.Worker{ID: g.newUUID(), ProviderID: o.ID, Kind: kind, Sex: string(sex), Capacity: 8 + g.r.IntN(23),
		PlaceCode: base.Code, Rating: 300 + 10*g.r.IntN(21), Phone: g.phone(), Active: true}
	w.Name, w.Languages = g.workerName(eth, sex, base.pastoral)
	w.Lat, w.Lon = round6(base.Lat+(g.r.Float64()-0.5)*0.02), round6(base.Lon+(g.r.Float64()-0.5)*0.02)
	// Coverage: the core worker of a county organisation, and some others,
	// cover the whole county; most cover their township, some a neighbour too.
	county := o.PlaceCode[:6]
	switch u := g.r.Float64(); {
	case j == 0 && o.PlaceCode == county, u < 0.25:
		w.Coverage = []string{county}
	case u < 0.55:
		w.Coverage = []string{base.Code, nearest(base, ts).Code}
	default:
		w.Coverage = []string{base.Code}
	}
	w.Certs = g.certs(kind)
	var pool []string
	for _, code := range sp.items {
		if items[code].DoneBy(kind) && (items[code].Cert == "" || hasCert(w.Certs, items[code].Cert)) {
			pool = append(pool, code)
		}
	}
	g.r.Shuffle(len(pool), func(a, b int) { pool[a], pool[b] = pool[b], pool[a] })
	n := min(len(pool), 2+g.r.IntN(4))
	w.Items = append([]string{}, pool[:n]...)
	if kind == provider.Therapist && !slices.Contains(w.Items, "care.rehab") {
		w.Items = append(w.Items, "care.rehab")
	}
	if len(w.Items) == 0 {
		w.Items = []string{"care.comfort"} // every kind but the housekeeper may comfort
		if kind == provider.Housekeeper {
			w.Items = []string{"house.cleaning"}
		}
	}
	slices.Sort(w.Items)
	return w
}

// baseTownship picks where a worker is based: a township organisation's
// workers mostly at home, others where the people are.
func (g *gen) baseTownship(o provider.Org, ts []*baseTown) *baseTown {
	if len(o.PlaceCode) == 9 && g.pct(70) {
		for _, t := range ts {
			if t.Code == o.PlaceCode {
				return t
			}
		}
	}
	w := make([]float64, len(ts))
	for i, t := range ts {
		w[i] = float64(len(t.people)) + 2
		if t.pastoral {
			w[i] *= 0.4
		}
	}
	return ts[pickWeighted(g.r, cumulative(w))]
}

// workerName names a worker of an ethnicity and the languages they speak.
func (g *gen) workerName(eth string, sex person.Sex, pastoral bool) (string, []string) {
	year := 1965 + g.r.IntN(36)
	switch eth {
	case "uyghur":
		langs := []string{"ug"}
		if g.pct(85) {
			langs = append(langs, "zh")
		}
		return patronymName(pick(g.r, uyghurNames[sex]), pick(g.r, uyghurNames[person.Male])).zh, langs
	case "kazakh", "kyrgyz":
		langs := []string{"kk"}
		if g.pct(75) {
			langs = append(langs, "zh")
		}
		if g.pct(20) {
			langs = append(langs, "ug")
		}
		return patronymName(pick(g.r, kazakhNames[sex]), pick(g.r, kazakhNames[person.Male])).zh, langs
	case "mongol":
		langs := []string{"mn", "zh"}
		if g.pct(30) {
			langs = append(langs, "kk")
		}
		return pick(g.r, mongolNames[sex]).zh, langs
	}
	surnames := hanSurnames
	switch eth {
	case "hui":
		surnames = huiSurnames
	case "xibe":
		surnames = xibeSurnames
	}
	langs := []string{"zh"}
	if pastoral && g.pct(25) || g.pct(5) {
		langs = append(langs, "kk") // grew up among Kazakh neighbours
	}
	return hanName(g.r, pickFront(g.r, surnames), sex, year), langs
}

// certs gives therapists their licence — a few expiring within a month or
// expired — and some a special-education one; most social workers are
// certified; food handlers often hold a health certificate.
func (g *gen) certs(kind provider.WorkerKind) []provider.Cert {
	expires := func() string {
		switch u := g.r.IntN(100); {
		case u < 8:
			return g.today.AddDate(0, 0, -1-g.r.IntN(200)).Format(time.DateOnly) // expired
		case u < 18:
			return g.today.AddDate(0, 0, 1+g.r.IntN(30)).Format(time.DateOnly) // expiring soon
		}
		return g.today.AddDate(0, 0, 60+g.r.IntN(900)).Format(time.DateOnly)
	}
	number := func(prefix string) string {
		return fmt.Sprintf("%s%d%06d", prefix, 2015+g.r.IntN(10), g.r.IntN(1_000_000))
	}
	var out []provider.Cert
	switch kind {
	case provider.Therapist:
		out = append(out, provider.Cert{Cert: provider.RehabTherapist, Number: number("KF"), Expires: expires()})
		if g.pct(40) {
			out = append(out, provider.Cert{Cert: provider.SpecialEducation, Number: number("TJ"), Expires: expires()})
		}
	case provider.SocialWorker:
		if g.pct(70) {
			out = append(out, provider.Cert{Cert: provider.SocialWorkerCert, Number: number("SG"), Expires: expires()})
		}
		if g.pct(10) {
			out = append(out, provider.Cert{Cert: provider.SpecialEducation, Number: number("TJ"), Expires: expires()})
		}
	case provider.Housekeeper, provider.Volunteer:
		if g.pct(60) {
			out = append(out, provider.Cert{Cert: provider.HealthCert, Number: number("JK"), Expires: expires()})
		}
	}
	slices.SortFunc(out, func(a, b provider.Cert) int { return cmpString(string(a.Cert), string(b.Cert)) })
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func hasCert(cs []provider.Cert, k provider.CertKind) bool {
	return slices.ContainsFunc(cs, func(c provider.Cert) bool { return c.Cert == k })
}

// offerEverywhere makes sure every catalogue item is offered by some worker
// of every county: a missing item goes to the first worker of the county
// whose kind may deliver it, with a valid certificate when it needs one.
func offerEverywhere(workers []provider.Worker, orgs []provider.Org, items map[string]catalog.Item, today time.Time) {
	countyOf := map[string]string{}
	for _, o := range orgs {
		countyOf[o.ID] = o.PlaceCode[:6]
	}
	for _, c := range place.ChangjiCounties {
		for _, it := range catalog.Defaults() {
			offered := slices.ContainsFunc(workers, func(w provider.Worker) bool {
				return countyOf[w.ProviderID] == c.Code && slices.Contains(w.Items, it.Code)
			})
			if offered {
				continue
			}
			for i := range workers {
				w := &workers[i]
				if countyOf[w.ProviderID] != c.Code || !it.DoneBy(w.Kind) {
					continue
				}
				w.Items = append(w.Items, it.Code)
				slices.Sort(w.Items)
				if it.Cert != "" && !hasCert(w.Certs, it.Cert) {
					w.Certs = append(w.Certs, provider.Cert{Cert: it.Cert, Number: "BZ" + c.Code, Expires: today.AddDate(2, 0, 0).Format(time.DateOnly)})
					slices.SortFunc(w.Certs, func(a, b provider.Cert) int { return cmpString(string(a.Cert), string(b.Cert)) })
				}
				break
			}
		}
	}
}

// baseTowns groups the dataset's townships by county, with the ethnicities
// of their people and whether they are mostly pastoral.
func baseTowns(d *Dataset) map[string][]*baseTown {
	byCode := map[string]*baseTown{}
	out := map[string][]*baseTown{}
	pastoral := map[string]int{}
	villages := map[string]int{}
	for _, p := range d.Places {
		switch p.Level {
		case place.Township:
			t := &baseTown{Place: p}
			byCode[p.Code] = t
			out[p.Code[:6]] = append(out[p.Code[:6]], t)
		case place.Village:
			villages[p.Parent]++
			if p.Kind == place.Pastoral {
				pastoral[p.Parent]++
			}
		}
	}
	for _, p := range d.Persons {
		if t := byCode[p.PlaceCode[:9]]; t != nil && len(p.Categories) > 0 {
			t.people = append(t.people, p.Ethnicity)
		}
	}
	for code, t := range byCode {
		t.pastoral = pastoral[code]*2 > villages[code]
	}
	for _, ts := range out {
		sort.Slice(ts, func(i, j int) bool { return ts[i].Code < ts[j].Code })
	}
	return out
}

// nearest returns the baseTown of ts closest to t, other than t.
func nearest(t *baseTown, ts []*baseTown) *baseTown {
	best, bestD := t, math.Inf(1)
	for _, o := range ts {
		if o.Code == t.Code {
			continue
		}
		if d := math.Hypot(o.Lat-t.Lat, (o.Lon-t.Lon)*math.Cos(t.Lat*math.Pi/180)); d < bestD {
			best, bestD = o, d
		}
	}
	return best
}

// creditCode makes a unified social credit code of the right form for the
// organisation kind (registration authority and category), registered in
// county; the check character is not computed.
func (g *gen) creditCode(k provider.OrgKind, county string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	prefix := map[provider.OrgKind]string{provider.SocialOrg: "52", provider.Company: "91", provider.PublicInstitution: "12"}[k]
	b := []byte(prefix + county)
	for range 10 {
		b = append(b, chars[g.r.IntN(len(chars))])
	}
	return string(b)
}
