package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

// TaskStatus is where a visit task stands.
type TaskStatus string

// Task statuses. A routine round's tasks still open when its next
// occurrence starts are missed: the new round visits the person again.
const (
	Open   TaskStatus = "open"
	Done   TaskStatus = "done"
	Missed TaskStatus = "missed"
)

// TaskStatuses lists every task status.
var TaskStatuses = []TaskStatus{Open, Done, Missed}

// Task is one home visit of a round.
type Task struct {
	ID           string     `json:"id"`
	RoundID      string     `json:"round_id"`
	RoundName    string     `json:"round_name"` // read only
	RoundKind    Kind       `json:"round_kind"` // read only
	PersonID     string     `json:"person_id"`
	PersonName   string     `json:"person_name"` // read only
	PlaceCode    string     `json:"place_code"`  // the person's village when the task was made
	AssignedTo   string     `json:"assigned_to,omitempty"`
	AssigneeName string     `json:"assignee_name,omitempty"` // read only
	Due          time.Time  `json:"due"`
	Status       TaskStatus `json:"status"`
	Overdue      bool       `json:"overdue"` // read only: open and past due
	Result       *Result    `json:"result,omitempty"`
	NeedIDs      []string   `json:"need_ids"` // ledger entries the result filed or merged into
	DoneBy       string     `json:"done_by,omitempty"`
	DoneAt       *time.Time `json:"done_at,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
}

// IsOverdue reports whether an open task has passed its due time at now.
func (t *Task) IsOverdue(now time.Time) bool { return t.Status == Open && now.After(t.Due) }

// Found is one need the visit found.
type Found struct {
	Category need.Category `json:"category"`
	Items    []string      `json:"items"`
	Urgency  need.Urgency  `json:"urgency"`
	Note     string        `json:"note"`
}

// Result is what a visit recorded: the needs found, or that there is none.
type Result struct {
	Found     []Found   `json:"found"`
	NoNeed    bool      `json:"no_need"`
	Notes     string    `json:"notes"`
	VisitedAt time.Time `json:"visited_at"`
	Lat       *float64  `json:"lat,omitempty"`
	Lon       *float64  `json:"lon,omitempty"`
}

// Limits of a result.
const (
	maxText  = 2000
	maxItems = 50
	// clockSkew is how far ahead of the server a phone's clock may run.
	clockSkew = 10 * time.Minute
)

// itemCode is one service item code until the catalogue exists.
var itemCode = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// Validate checks a visit's result recorded at now and fills defaults: the
// visit time is now, a need's urgency normal. A result holds either needs
// found, one per category, or "no need".
func (r *Result) Validate(now time.Time) error {
	var fs errs.Fields
	switch {
	case r.NoNeed && len(r.Found) > 0:
		fs.Add("no_need", "err.survey.result_both", nil)
	case !r.NoNeed && len(r.Found) == 0:
		fs.Add("found", "err.survey.result_empty", nil)
	}
	seen := map[need.Category]bool{}
	for i := range r.Found {
		f := &r.Found[i]
		at := func(field string) string { return fmt.Sprintf("found[%d].%s", i, field) }
		switch {
		case !slices.Contains(need.Categories, f.Category):
			fs.Add(at("category"), "err.need.category", nil)
		case seen[f.Category]:
			fs.Add(at("category"), "err.survey.found_duplicate", nil)
		}
		seen[f.Category] = true
		switch f.Urgency {
		case "":
			f.Urgency = need.Normal
		case need.Normal, need.Urgent:
		default:
			fs.Add(at("urgency"), "err.need.urgency", nil)
		}
		if len(f.Items) > maxItems {
			fs.Add(at("items"), "err.need.items", nil)
		}
		for _, it := range f.Items {
			if !itemCode.MatchString(it) {
				fs.Add(at("items"), "err.need.item_code", map[string]any{"Code": it})
				break
			}
		}
		if f.Items == nil {
			f.Items = []string{}
		}
		f.Note = strings.TrimSpace(f.Note)
		if utf8.RuneCountInString(f.Note) > maxText {
			fs.Add(at("note"), "err.text.too_long", map[string]any{"Max": maxText})
		}
	}
	r.Notes = strings.TrimSpace(r.Notes)
	if utf8.RuneCountInString(r.Notes) > maxText {
		fs.Add("notes", "err.text.too_long", map[string]any{"Max": maxText})
	}
	if r.VisitedAt.IsZero() {
		r.VisitedAt = now
	} else if r.VisitedAt.After(now.Add(clockSkew)) {
		fs.Add("visited_at", "err.survey.visited_future", nil)
	}
	r.VisitedAt = r.VisitedAt.UTC()
	switch {
	case (r.Lat == nil) != (r.Lon == nil):
		fs.Add("lat", "err.survey.coords", nil)
	case r.Lat != nil && (*r.Lat < -90 || *r.Lat > 90 || *r.Lon < -180 || *r.Lon > 180):
		fs.Add("lat", "err.coord.range", nil)
	}
	return fs.Err()
}

// Filing is the ledger filing of one need found on the visit of task id.
// The source reference makes a task's filings recognisable in the ledger.
func (f Found) Filing(taskID, personID string) need.Filing {
	return need.Filing{PersonID: personID, Channel: need.FieldSurvey, Category: f.Category, Items: f.Items,
		Urgency: f.Urgency, Note: f.Note, SourceRef: SourceRef(taskID)}
}

// SourceRef is the ledger source reference of a visit task's filings.
func SourceRef(taskID string) string { return "survey:" + taskID }

// TaskFilter narrows a task list. Nil fields do not filter.
type TaskFilter struct {
	RoundID   *string
	PlaceCode *string // subtree
	Status    *TaskStatus
	Overdue   bool // open and past due
	Mine      bool // assigned to the reader
	Offset    int
	Limit     int
}
