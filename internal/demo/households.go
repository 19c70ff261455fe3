package demo

import (
	"jiuzhu/internal/person"
)

// member is a household member before it becomes a person.Person.
type member struct {
	rel      string
	age      int
	sex      person.Sex
	cats     []person.Category
	grade    int // disability grade, 0 none
	guardian int // index of the guardian within the household, or -1
}

// hhKind is a household template; each yields a typical mix of categories.
type hhKind int

const (
	hhElderlyAlone   hhKind = iota // one person, 80+
	hhExtremePoverty               // one person without support (特困)
	hhDisability                   // a severely disabled person and carers
	hhChildren                     // children in difficulty with a guardian
	hhMinLiving                    // a 低保 family
	hhMarginal                     // a 低保边缘 family
	hhLowIncome                    // a 低收入 family
)

// hhWeights are relative household counts, tuned so that the people come out
// near the category shares of SPEC §1 (低保 about 45 %, 特困 15 %, …).
var hhWeights = []int{hhElderlyAlone: 200, hhExtremePoverty: 330, hhDisability: 140,
	hhChildren: 150, hhMinLiving: 305, hhMarginal: 80, hhLowIncome: 78}

func (g *gen) pct(p int) bool { return g.r.IntN(100) < p }

func (g *gen) sex(malePct int) person.Sex {
	if g.pct(malePct) {
		return person.Male
	}
	return person.Female
}

func opposite(s person.Sex) person.Sex {
	if s == person.Male {
		return person.Female
	}
	return person.Male
}

// severeGrade returns 1 or 2, the grades that count as severe disability.
func (g *gen) severeGrade() int { return 1 + g.r.IntN(2) }

// mildGrade returns 3 or 4.
func (g *gen) mildGrade() int { return 3 + g.r.IntN(2) }

// members draws the members of a household of kind k; the head comes first.
func (g *gen) members(k hhKind) []member {
	cats := func(c ...person.Category) []person.Category { return c }
	switch k {
	case hhElderlyAlone:
		m := member{rel: "head", age: 80 + g.r.IntN(10) + g.r.IntN(8), sex: g.sex(40), cats: cats(person.ElderlyAlone), guardian: -1}
		switch x := g.r.IntN(100); {
		case x < 25:
			m.cats = cats(person.ExtremePoverty, person.ElderlyAlone)
		case x < 50:
			m.cats = cats(person.MinimumLiving, person.ElderlyAlone)
		}
		if g.pct(15) {
			m.grade = g.mildGrade()
		}
		return []member{m}
	case hhExtremePoverty:
		m := member{rel: "head", age: 60 + g.r.IntN(30), sex: g.sex(60), cats: cats(person.ExtremePoverty), guardian: -1}
		if g.pct(35) {
			m.age = 25 + g.r.IntN(35)
			switch x := g.r.IntN(100); {
			case x < 50:
				m.grade = g.severeGrade()
				m.cats = append(m.cats, person.SevereDisability)
			case x < 80:
				m.grade = g.mildGrade()
			}
		}
		return []member{m}
	case hhDisability:
		return g.disabilityHousehold()
	case hhChildren:
		return g.childrenHousehold()
	case hhMinLiving:
		return g.family(person.MinimumLiving)
	case hhMarginal:
		return g.family(person.Marginal)
	}
	return g.family(person.LowIncome)
}

// disabilityHousehold is a severely disabled person (SPEC: grade 1–2) living
// with relatives who care for them and are not themselves assisted.
func (g *gen) disabilityHousehold() []member {
	d := member{grade: g.severeGrade(), sex: g.sex(55), cats: []person.Category{person.SevereDisability}, guardian: -1}
	if g.pct(20) { // a disabled child, with a parent at the head
		head := member{rel: "head", age: 30 + g.r.IntN(20), sex: g.sex(60), guardian: -1}
		d.rel, d.age, d.guardian = "child", 6+g.r.IntN(12), 0
		if g.pct(35) {
			d.cats = append(d.cats, person.ChildInDifficulty)
		}
		ms := []member{head}
		if g.pct(70) {
			ms = append(ms, member{rel: "spouse", age: head.age + g.r.IntN(7) - 3, sex: opposite(head.sex), guardian: -1})
		}
		return append(ms, d)
	}
	d.rel, d.age = "head", 18+g.r.IntN(58)
	if g.pct(25) {
		d.cats = append(d.cats, person.MinimumLiving)
	}
	switch {
	case d.age < 40 && g.pct(70):
		return []member{d, {rel: "parent", age: d.age + 24 + g.r.IntN(10), sex: g.sex(40), guardian: -1}}
	case d.age >= 25 && g.pct(75):
		return []member{d, {rel: "spouse", age: d.age + g.r.IntN(7) - 3, sex: opposite(d.sex), guardian: -1}}
	}
	return []member{d, {rel: "sibling", age: d.age + g.r.IntN(11) - 5, sex: g.sex(50), guardian: -1}}
}

// childrenHousehold is one or two children in difficulty (orphaned, left
// behind, unsupported) with a grandparent or a single parent as guardian.
func (g *gen) childrenHousehold() []member {
	head := member{rel: "head", guardian: -1}
	childRel := "grandchild"
	if g.pct(60) {
		head.age, head.sex = 55+g.r.IntN(18), g.sex(45)
	} else {
		head.age, head.sex, childRel = 28+g.r.IntN(20), g.sex(30), "child"
	}
	if g.pct(30) {
		head.cats = []person.Category{person.MinimumLiving}
	}
	ms := []member{head}
	if childRel == "grandchild" && g.pct(50) {
		ms = append(ms, member{rel: "spouse", age: head.age + g.r.IntN(7) - 3, sex: opposite(head.sex), cats: head.cats, guardian: -1})
	}
	for range 1 + g.r.IntN(10)/7 { // one child, sometimes two
		c := member{rel: childRel, age: 3 + g.r.IntN(15), sex: g.sex(50), cats: []person.Category{person.ChildInDifficulty}, guardian: 0}
		if childRel == "child" {
			c.age = min(c.age, head.age-18)
		}
		switch x := g.r.IntN(100); {
		case x < 10:
			c.grade = g.severeGrade()
			c.cats = append(c.cats, person.SevereDisability)
		case x < 25:
			c.cats = append(c.cats, person.MinimumLiving)
		}
		ms = append(ms, c)
	}
	return ms
}

// family is a household of one to five whose members all hold category c,
// as 低保 and the like are granted to the household as a whole.
func (g *gen) family(c person.Category) []member {
	size := []int{1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5}[g.r.IntN(13)]
	head := member{rel: "head", age: 30 + g.r.IntN(41), sex: g.sex(70), guardian: -1}
	if size == 1 {
		head.age = 45 + g.r.IntN(40)
	}
	ms := []member{head}
	if size > 1 && g.pct(75) {
		ms = append(ms, member{rel: "spouse", age: max(22, head.age+g.r.IntN(9)-5), sex: opposite(head.sex), guardian: -1})
	}
	if len(ms) < size && head.age <= 50 && g.pct(25) {
		ms = append(ms, member{rel: "parent", age: head.age + 24 + g.r.IntN(8), sex: g.sex(40), guardian: -1})
	}
	grand := head.age >= 58 && g.pct(50)
	for len(ms) < size {
		if grand {
			ms = append(ms, member{rel: "grandchild", age: 2 + g.r.IntN(16), sex: g.sex(50), guardian: 0})
		} else {
			ms = append(ms, member{rel: "child", age: max(1, head.age-22-g.r.IntN(14)), sex: g.sex(50), guardian: 0})
		}
	}
	for i := range ms {
		ms[i].cats = []person.Category{c}
		switch x := g.r.IntN(100); {
		case x < 3:
			ms[i].grade = g.severeGrade()
			ms[i].cats = append(ms[i].cats, person.SevereDisability)
		case x < 9:
			ms[i].grade = g.mildGrade()
		}
		if ms[i].age >= 18 {
			ms[i].guardian = -1
		}
	}
	return ms
}

// assisted counts the members who hold at least one category.
func assisted(ms []member) int {
	n := 0
	for _, m := range ms {
		if len(m.cats) > 0 {
			n++
		}
	}
	return n
}
