package demo

import (
	"strings"

	"jiuzhu/internal/person"
)

// family keeps the naming state of one household: Han-style families share
// the head's surname; Kazakh and Uyghur children carry their father's name.
type family struct {
	eth        string
	surname    string // the head's
	childSur   string // the father's: the head's, or a husband's
	headFather spelling
	men        []spelling // given names of the head and spouse, if male
}

// patronymic reports whether names in eth are written given·father.
func patronymic(eth string) bool { return eth == "kazakh" || eth == "kyrgyz" || eth == "uyghur" }

func (g *gen) surname(eth string) string {
	switch eth {
	case "hui":
		return pick(g.r, huiSurnames)
	case "xibe":
		return pick(g.r, xibeSurnames)
	}
	return pickFront(g.r, hanSurnames)
}

func (g *gen) givenName(eth string, sex person.Sex) spelling {
	switch eth {
	case "kazakh", "kyrgyz":
		return pick(g.r, kazakhNames[sex])
	case "uyghur":
		return pick(g.r, uyghurNames[sex])
	}
	return pick(g.r, mongolNames[sex])
}

// newFamilyNames starts the naming of a household of ethnicity eth.
func (g *gen) newFamilyNames(eth string) *family {
	f := &family{eth: eth}
	if patronymic(eth) {
		f.headFather = g.givenName(eth, person.Male)
	} else {
		f.surname = g.surname(eth)
		f.childSur = f.surname
	}
	return f
}

// name returns the name of the next member; members must come head first and
// spouse before children, as the household templates produce them.
func (f *family) name(g *gen, m member) spelling {
	birthYear := g.today.Year() - m.age
	switch {
	case f.eth == "mongol":
		return g.givenName(f.eth, m.sex)
	case !patronymic(f.eth):
		s := f.surname
		switch {
		case m.rel == "spouse" || (m.rel == "parent" && m.sex == person.Female):
			s = g.surname(f.eth)
			if m.rel == "spouse" && m.sex == person.Male {
				f.childSur = s
			}
		case m.rel == "child" || m.rel == "grandchild":
			s = f.childSur
		}
		return spelling{zh: hanName(g.r, s, m.sex, birthYear)}
	}
	given := g.givenName(f.eth, m.sex)
	if m.rel == "parent" && m.sex == person.Male {
		given = f.headFather // the head's patronym is this man's name
	}
	var father spelling
	switch m.rel {
	case "head", "sibling":
		father = f.headFather
	case "child":
		if len(f.men) > 0 {
			father = f.men[0]
		} else {
			father = g.givenName(f.eth, person.Male)
		}
	default: // spouse, parent, grandchild: a father from outside the household
		father = g.givenName(f.eth, person.Male)
	}
	if (m.rel == "head" || m.rel == "spouse") && m.sex == person.Male {
		f.men = append(f.men, given)
	}
	return patronymName(given, father)
}

// languages maps an ethnicity to the language a person is served in.
var languages = map[string]string{"han": "zh", "hui": "zh", "xibe": "zh", "other": "zh",
	"uyghur": "ug", "kazakh": "kk", "kyrgyz": "kk", "mongol": "mn"}

var chronic = []string{"高血压", "糖尿病", "冠心病", "慢性阻塞性肺病", "脑梗死后遗症", "类风湿关节炎", "白内障", "慢性胃炎", "轻度认知障碍", "慢性肾病"}

var disabilityTypes = []string{"肢体残疾", "肢体残疾", "视力残疾", "听力残疾", "言语残疾", "智力残疾", "精神残疾"}

var careNotes = []string{"听力较差，请大声说话", "行动不便，需上门服务", "家中养狗，请提前电话联系",
	"白天子女不在家，上午来访为宜", "需协助就医取药", "冬季取暖困难"}

// newPerson fills everything but household fields and guardian.
func (g *gen) newPerson(v *village, eth string, m member, nm spelling) person.Person {
	birth := g.birthDate(m.age)
	p := person.Person{
		ID:              g.newUUID(),
		PlaceCode:       v.Code,
		Name:            nm.zh,
		NameArabic:      nm.arabic,
		NameLatin:       nm.latin,
		IDNumber:        g.residentID(v.Code[:6], birth, m.sex),
		BirthDate:       birth.Format("2006-01-02"),
		Sex:             m.sex,
		Ethnicity:       eth,
		Language:        languages[eth],
		Categories:      append([]person.Category{}, m.cats...),
		DisabilityGrade: m.grade,
	}
	if (m.age >= 18 && g.pct(90) && m.age < 75) || (m.age >= 75 && g.pct(40)) || (m.age >= 14 && m.age < 18 && g.pct(15)) {
		p.Phone = g.phone()
	}
	p.HealthNotes = g.healthNotes(m)
	p.Preferences = g.preferences(eth, m)
	return p
}

// healthNotes lists a disability type and chronic illnesses, commoner with age.
func (g *gen) healthNotes(m member) string {
	var notes []string
	if m.grade > 0 {
		notes = append(notes, pick(g.r, disabilityTypes))
	}
	odds := 5
	switch {
	case m.age >= 60:
		odds = 55
	case m.age >= 40:
		odds = 20
	}
	if g.pct(odds) {
		a := pick(g.r, chronic)
		notes = append(notes, a)
		if b := pick(g.r, chronic); b != a && g.pct(40) {
			notes = append(notes, b)
		}
	}
	return strings.Join(notes, "；")
}

// preferences sets halal diet for Muslim groups, caregiver gender (asked
// mostly by women) and a language requirement for many older Uyghur,
// Kazakh and Mongol people.
func (g *gen) preferences(eth string, m member) person.Preferences {
	var pr person.Preferences
	muslim := eth == "hui" || eth == "uyghur" || eth == "kazakh" || eth == "kyrgyz"
	pr.Halal = muslim
	switch {
	case m.sex == person.Female && m.age >= 16 && g.pct(map[bool]int{true: 45, false: 15}[muslim]):
		pr.CaregiverGender = person.Female
	case m.sex == person.Male && m.age >= 16 && g.pct(5):
		pr.CaregiverGender = person.Male
	}
	if languages[eth] != "zh" {
		switch {
		case m.age >= 60:
			pr.LanguageNeeded = g.pct(65)
		case m.age >= 40:
			pr.LanguageNeeded = g.pct(15)
		}
	}
	if m.age >= 60 && g.pct(12) {
		pr.Notes = pick(g.r, careNotes)
	}
	return pr
}
