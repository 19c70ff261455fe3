// Package catalog is the service catalogue (服务清单, SPEC §5): the four
// service projects and their items, each with its content, standard, unit,
// unit price, typical frequency and who may receive and deliver it, and the
// packages an assessment leads to. Items are versioned: a change makes a new
// version, so work orders keep the version and price they were made with.
package catalog

import (
	"slices"
	"time"

	"jiuzhu/internal/person"
	"jiuzhu/internal/provider"
)

// Project is one of the four service projects of the pilot.
type Project string

// Projects, in display order.
const (
	Skills       Project = "skills"       // 生活技能培训
	Care         Project = "care"         // 照护服务
	Housekeeping Project = "housekeeping" // 家政助洁
	Children     Project = "children"     // 困难儿童能力提升
)

// Projects lists the projects in display order.
var Projects = []Project{Skills, Care, Housekeeping, Children}

// Valid reports whether p is a known project.
func (p Project) Valid() bool { return slices.Contains(Projects, p) }

// Kind tells basic services every eligible person may get from special and
// personalised ones.
type Kind string

// Kinds of item.
const (
	Basic   Kind = "basic"   // 必选基础服务
	Special Kind = "special" // 特色/个性化服务
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Basic || k == Special }

// Unit is what one priced unit of an item is.
type Unit string

// Units.
const (
	Visit   Unit = "visit"   // 次
	Hour    Unit = "hour"    // 小时
	Session Unit = "session" // 课时/场
)

// Units lists the units.
var Units = []Unit{Visit, Hour, Session}

// Valid reports whether u is a known unit.
func (u Unit) Valid() bool { return slices.Contains(Units, u) }

// Fundings are the funding sources an item may be paid from.
var Fundings = []string{"civil_affairs", "lottery", "county", "disability"}

// NameLangs are the languages an item's name may be translated into; the
// Chinese name is Item.Name.
var NameLangs = []string{"ug", "kk-Arab", "en"}

// Item is one version of a catalogue item.
type Item struct {
	Code         string                `json:"code"`
	Version      int                   `json:"version"`
	Project      Project               `json:"project"`
	Kind         Kind                  `json:"kind"`
	Name         string                `json:"name"`
	Names        map[string]string     `json:"names"`
	Content      string                `json:"content"`
	Standard     string                `json:"standard"`
	Unit         Unit                  `json:"unit"`
	PriceFen     int64                 `json:"price_fen"`
	Minutes      int                   `json:"minutes"`     // planned length of one unit
	Times        int                   `json:"times"`       // typical frequency: times …
	EveryWeeks   int                   `json:"every_weeks"` // … every n weeks
	PersonGroups []person.Category     `json:"person_groups"`
	Tiers        []int                 `json:"tiers"` // eligible assessment tiers; empty = all
	WorkerKinds  []provider.WorkerKind `json:"worker_kinds"`
	Funding      string                `json:"funding"`
	Cert         provider.CertKind     `json:"cert,omitempty"` // a worker must hold it, valid on the day
	Food         bool                  `json:"food"`           // halal rules apply
	Active       bool                  `json:"active"`
	Note         string                `json:"note,omitempty"` // why this version was made
	CreatedBy    string                `json:"created_by"`
	CreatedAt    time.Time             `json:"created_at"`
}

// NameIn returns the item's name in the language tag, or the Chinese name.
func (it Item) NameIn(lang string) string {
	if n := it.Names[lang]; n != "" {
		return n
	}
	return it.Name
}

// WeeklyUnits is how many demands an item done times every everyWeeks weeks
// makes in one week of matching: rounded up, so a fortnightly or monthly
// item holds one unit of a worker's weekly capacity every week (conservative).
func WeeklyUnits(times, everyWeeks int) int {
	if everyWeeks < 1 {
		everyWeeks = 1
	}
	return (times + everyWeeks - 1) / everyWeeks
}

// DoneBy reports whether a worker of kind k may deliver the item.
func (it Item) DoneBy(k provider.WorkerKind) bool {
	return len(it.WorkerKinds) == 0 || slices.Contains(it.WorkerKinds, k)
}

// PackageItem is one item of an assessment package, with its frequency.
type PackageItem struct {
	Package    string `json:"package"`
	ItemCode   string `json:"item_code"`
	Times      int    `json:"times"`
	EveryWeeks int    `json:"every_weeks"`
}
