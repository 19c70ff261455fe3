package plan

import "time"

// OrderState is where a work order stands.
type OrderState string

// Order states: open has no worker yet (no current assignment), assigned
// has one; cancelled orders stay for the record with a reason code.
const (
	Open          OrderState = "open"
	Assigned      OrderState = "assigned"
	OrderCanceled OrderState = "cancelled"
	InProgress    OrderState = "in_progress" // the worker checked in
	Done          OrderState = "done"        // checked out; the visit holds the verification outcome
	Missed        OrderState = "missed"      // the visit did not happen; the visit holds the reason
)

// OrderStates lists every order state in display order.
var OrderStates = []OrderState{Open, Assigned, InProgress, Done, Missed, OrderCanceled}

// Why future orders were cancelled; shown translated as
// order.cancel_reason.<code>.
const (
	ReasonPaused    = "plan_paused"
	ReasonCancelled = "plan_cancelled"
	ReasonEnded     = "plan_ended"
	ReasonRemoved   = "item_removed"
	ReasonReduced   = "frequency_reduced"
)

// Order is one planned visit (工单). Price and item version are those of the
// catalogue when the order was made.
type Order struct {
	ID           string     `json:"id"`
	PlanID       string     `json:"plan_id"`
	PlanItemID   string     `json:"plan_item_id"`
	PersonID     string     `json:"person_id"`
	PersonName   string     `json:"person_name"`
	PlaceCode    string     `json:"place_code"`
	ItemCode     string     `json:"item_code"`
	ItemVersion  int        `json:"item_version"`
	PriceFen     int64      `json:"price_fen"`
	Minutes      int        `json:"minutes"`
	Week         string     `json:"week"`
	SeqInWeek    int        `json:"seq_in_week"`
	Day          string     `json:"day"`
	WindowStart  time.Time  `json:"window_start"`
	WindowEnd    time.Time  `json:"window_end"`
	ProviderID   string     `json:"provider_id"`
	WorkerID     string     `json:"worker_id"`
	WorkerName   string     `json:"worker_name"`
	AssignmentID string     `json:"assignment_id"`
	State        OrderState `json:"state"`
	RouteSeq     int        `json:"route_seq"`
	ETA          *time.Time `json:"eta"`
	TravelM      int        `json:"travel_m"` // from the previous stop
	TravelS      int        `json:"travel_s"`
	Late         bool       `json:"late"` // the route cannot reach it inside its window
	CancelReason string     `json:"cancel_reason"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// OrderFilter selects orders; nil fields do not filter. From and To are
// days, inclusive.
type OrderFilter struct {
	From, To   *string
	WorkerID   *string
	ProviderID *string
	PersonID   *string
	PlanID     *string
	PlaceCode  *string
	State      *OrderState
	Offset     int
	Limit      int
}

// WeekReport is what generating a week's orders did.
type WeekReport struct {
	Week       string `json:"week"`
	Plans      int    `json:"plans"`       // active plans covering the week
	Created    int    `json:"created"`     // new orders
	Assigned   int    `json:"assigned"`    // of them, with a worker
	Open       int    `json:"open"`        // of them, waiting for matching
	Existing   int    `json:"existing"`    // already there from an earlier run
	WorkerDays int    `json:"worker_days"` // routes planned
}

// Day is one worker's route on one day.
type Day struct {
	WorkerID     string   `json:"worker_id"`
	WorkerName   string   `json:"worker_name"`
	ProviderID   string   `json:"provider_id"`
	ProviderName string   `json:"provider_name"`
	Day          string   `json:"day"`
	Stops        []*Order `json:"stops"`
	DistanceM    int      `json:"distance_m"`
	TravelS      int      `json:"travel_s"`
	Late         int      `json:"late"`
}
