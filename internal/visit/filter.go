package visit

import (
	"time"

	"jiuzhu/internal/plan"
)

// Filter selects visits for lists and the exception queue; nil fields do
// not filter. From and To are days, inclusive.
type Filter struct {
	Outcome    *Outcome
	State      *State
	Rule       *string // visits with a flag of this rule
	PlaceCode  *string
	ProviderID *string
	WorkerID   *string
	PersonID   *string
	From, To   *string
	Offset     int
	Limit      int
}

// Row is a visit in a list: the order it belongs to, who and where, and
// where verification stands.
type Row struct {
	OrderID      string     `json:"order_id"`
	Day          string     `json:"day"`
	PersonID     string     `json:"person_id"`
	PersonName   string     `json:"person_name"`
	PlaceCode    string     `json:"place_code"`
	WorkerID     string     `json:"worker_id"`
	WorkerName   string     `json:"worker_name"`
	ProviderID   string     `json:"provider_id"`
	ItemCode     string     `json:"item_code"`
	State        State      `json:"state"`
	Outcome      Outcome    `json:"outcome"`
	StartedAt    *time.Time `json:"started_at"`
	EndedAt      *time.Time `json:"ended_at"`
	MissedReason string     `json:"missed_reason,omitempty"`
	Conflicts    int        `json:"conflicts"`
	Rating       int        `json:"rating"`
	Flags        []Flag     `json:"flags"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// Record is one visit in full: its row, the folded visit, every event as
// received and every supervisor decision, oldest first.
type Record struct {
	Row
	Visit     *Visit     `json:"visit"`
	Events    []Event    `json:"events"`
	Decisions []Decision `json:"decisions"`
}

// Card is what a field worker sees of the person on a visit: only what the
// visit needs. The phone is there only for the worker holding the order.
type Card struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`    // in the person's own script when recorded
	NameZh      string   `json:"name_zh"` // in Chinese characters
	Language    string   `json:"language"`
	MaskedID    string   `json:"masked_id"`
	Phone       string   `json:"phone"`
	Preferences []string `json:"preferences"` // preference codes, e.g. halal, caregiver_female
	Address     string   `json:"address"`
}

// Target is where the visit is checked: the person's location that day and
// the fence around it.
type Target struct {
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	RadiusM   float64 `json:"radius_m"`
	Label     string  `json:"label"` // home, winter, summer, other
	PlaceName string  `json:"place_name"`
	PlaceKind string  `json:"place_kind"`
}

// Stop is one order of a worker's day as the field app needs it: the
// order, the tasks to tick, the person card, where to check in, and the
// visit so far.
type Stop struct {
	Order   *plan.Order `json:"order"`
	Tasks   []string    `json:"tasks"`
	Person  Card        `json:"person"`
	Target  Target      `json:"target"`
	Visit   *Visit      `json:"visit"`
	Outcome Outcome     `json:"outcome"`
	Flags   []Flag      `json:"flags"`
}

// States lists every visit state and Outcomes every outcome, in display
// order.
var (
	States   = []State{Planned, InProgress, Done, NotDone}
	Outcomes = []Outcome{Pending, Verified, Flagged, Rejected}
)
