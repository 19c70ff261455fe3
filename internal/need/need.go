// Package need is the demand ledger (需求台账): one entry per person and kind
// of need, whichever channels it arrived through. Needs for the same person
// and category that are still open are merged, never counted twice.
package need

import (
	"slices"
	"strings"
	"time"

	"jiuzhu/internal/errs"
)

// Channel is how a need was found (SPEC §2).
type Channel string

// Channels.
const (
	FieldSurvey     Channel = "field_survey"     // 线下排查
	SelfApplication Channel = "self_application" // 线上申报
	DataWarning     Channel = "data_warning"     // 数据预警
	Referral        Channel = "referral"         // 部门转介
)

// Channels lists every channel.
var Channels = []Channel{FieldSurvey, SelfApplication, DataWarning, Referral}

// Category is the kind of help a need asks for.
type Category string

// Need categories.
const (
	Care         Category = "care"         // daily personal care
	Medical      Category = "medical"      // medical care and rehabilitation
	Emotional    Category = "emotional"    // emotional support, companionship
	Housekeeping Category = "housekeeping" // cleaning, laundry, delivery of grain and oil
	Skills       Category = "skills"       // life and work skills
	Child        Category = "child"        // support for a child in difficulty
	CheckVisit   Category = "check_visit"  // a visit to check on the person (warnings, emergencies)
)

// Categories lists every need category.
var Categories = []Category{Care, Medical, Emotional, Housekeeping, Skills, Child, CheckVisit}

// Status is where a need stands in the ledger.
type Status string

// Statuses. Open statuses take merges; closed ones do not.
const (
	New      Status = "new"       // filed, not yet looked at
	Assigned Status = "assigned"  // a worker is to visit by the deadline
	InReview Status = "in_review" // assessed and in the approval flow
	Approved Status = "approved"  // approved for services
	Rejected Status = "rejected"  // not approved
	NoNeed   Status = "no_need"   // the visit found no need
	Closed   Status = "closed"    // served or withdrawn
)

// Statuses lists every status.
var Statuses = []Status{New, Assigned, InReview, Approved, Rejected, NoNeed, Closed}

// Open reports whether a need in status s is still being handled.
func (s Status) Open() bool { return s == New || s == Assigned || s == InReview }

// Urgency of a need.
type Urgency string

// Urgencies.
const (
	Normal Urgency = "normal"
	Urgent Urgency = "urgent"
)

// Need is one ledger entry.
type Need struct {
	ID           string     `json:"id"`
	PersonID     string     `json:"person_id"`
	PersonName   string     `json:"person_name,omitempty"` // read only
	PlaceCode    string     `json:"place_code"`            // the person's village when filed
	Category     Category   `json:"category"`
	Items        []string   `json:"items"` // service items wanted, free codes until the catalogue exists
	Channels     []Channel  `json:"channels"`
	Status       Status     `json:"status"`
	Urgency      Urgency    `json:"urgency"`
	AssignedTo   string     `json:"assigned_to,omitempty"`   // user id of the worker to visit
	AssignedName string     `json:"assigned_name,omitempty"` // read only: the worker's display name or username
	Deadline     *time.Time `json:"deadline,omitempty"`
	Note         string     `json:"note,omitempty"`
	OnBehalf     bool       `json:"on_behalf"` // filed by staff for the resident (代办)
	FiledBy      string     `json:"filed_by"`
	Version      int        `json:"version"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// Overdue reports whether an open need has passed its deadline at now.
func (n *Need) Overdue(now time.Time) bool {
	return n.Status.Open() && n.Deadline != nil && now.After(*n.Deadline)
}

// Filing is one arrival of a need through a channel.
type Filing struct {
	PersonID  string     `json:"person_id"`
	Channel   Channel    `json:"channel"`
	Category  Category   `json:"category"`
	Items     []string   `json:"items"`
	Urgency   Urgency    `json:"urgency"`
	Deadline  *time.Time `json:"deadline,omitempty"`
	Note      string     `json:"note"`
	OnBehalf  bool       `json:"on_behalf"`
	SourceRef string     `json:"source_ref,omitempty"` // e.g. a warning fingerprint or survey visit id
}

// Validate checks a filing and fills defaults.
func (f *Filing) Validate() error {
	var fs errs.Fields
	if strings.TrimSpace(f.PersonID) == "" {
		fs.Add("person_id", "err.required", nil)
	}
	if !slices.Contains(Channels, f.Channel) {
		fs.Add("channel", "err.need.channel", nil)
	}
	if !slices.Contains(Categories, f.Category) {
		fs.Add("category", "err.need.category", nil)
	}
	switch f.Urgency {
	case "":
		f.Urgency = Normal
	case Normal, Urgent:
	default:
		fs.Add("urgency", "err.need.urgency", nil)
	}
	f.Note = strings.TrimSpace(f.Note)
	if len([]rune(f.Note)) > 2000 {
		fs.Add("note", "err.text.too_long", map[string]any{"Max": 2000})
	}
	if len(f.Items) > 50 {
		fs.Add("items", "err.need.items", nil)
	}
	return fs.Err()
}

// Merge folds a new filing into an open need for the same person and
// category: the channel joins the list, the higher urgency and the earlier
// deadline win, items are united, and a note is appended. It reports what
// changed, for the history.
func Merge(n *Need, f *Filing) (changed []string) {
	if !slices.Contains(n.Channels, f.Channel) {
		n.Channels = append(n.Channels, f.Channel)
		changed = append(changed, "channels")
	}
	if f.Urgency == Urgent && n.Urgency != Urgent {
		n.Urgency = Urgent
		changed = append(changed, "urgency")
	}
	if f.Deadline != nil && (n.Deadline == nil || f.Deadline.Before(*n.Deadline)) {
		d := *f.Deadline
		n.Deadline = &d
		changed = append(changed, "deadline")
	}
	for _, it := range f.Items {
		if !slices.Contains(n.Items, it) {
			n.Items = append(n.Items, it)
			if !slices.Contains(changed, "items") {
				changed = append(changed, "items")
			}
		}
	}
	if f.Note != "" && !strings.Contains(n.Note, f.Note) {
		if n.Note != "" {
			n.Note += "\n"
		}
		n.Note += f.Note
		changed = append(changed, "note")
	}
	return changed
}

// Event is one entry of a need's history.
type Event struct {
	At     time.Time      `json:"at"`
	Actor  string         `json:"actor"`
	Kind   string         `json:"kind"` // created, merged, assigned, status
	Detail map[string]any `json:"detail,omitempty"`
}

// Filter narrows the ledger list. Nil fields do not filter.
type Filter struct {
	PlaceCode *string
	Category  *Category
	Status    *Status
	Channel   *Channel
	Overdue   bool
	PersonID  *string
	Offset    int
	Limit     int
}
