// Package visit is electronic visit verification (EVV, SPEC §7): the events
// a field worker records at a home (check-in, tasks, photos, the person's
// confirmation, check-out, or a missed visit), the visit state folded from
// them, and the verification rules that end each visit verified, flagged or
// rejected. Rules and types only, no storage or HTTP.
//
// Events are appended, never updated: each carries the client's UUIDv7, so
// the same event sent twice is stored once, and the visit is always a pure
// function of its events (Fold), whatever order they arrived in.
package visit

import "time"

// EventKind is what one event records.
type EventKind string

// Event kinds.
const (
	CheckIn  EventKind = "check_in"  // at the home: position, device time
	Tasks    EventKind = "tasks"     // the catalogue item's tasks ticked, with notes
	Photo    EventKind = "photo"     // a before or after photo, by content hash
	Confirm  EventKind = "confirm"   // signature, one-time code, or "cannot confirm"; rating
	CheckOut EventKind = "check_out" // leaving: position, device time
	Missed   EventKind = "missed"    // the visit did not happen, with a reason
	Resolve  EventKind = "resolve"   // keeps one device's record of a conflicting slot
)

// EventKinds lists every kind.
var EventKinds = []EventKind{CheckIn, Tasks, Photo, Confirm, CheckOut, Missed, Resolve}

// Slot is a part of a visit that only one device may record. Two devices
// writing the same slot while offline is a conflict, shown for resolution.
type Slot string

// Slots. A check-in and a missed report share a slot: a visit either
// happened or it did not.
const (
	SlotStart   Slot = "start"   // check_in | missed
	SlotTasks   Slot = "tasks"   // tasks
	SlotConfirm Slot = "confirm" // confirm
	SlotEnd     Slot = "end"     // check_out
)

// SlotOf returns the slot an event kind writes, or "" for additive kinds
// (photos) and resolutions.
func SlotOf(k EventKind) Slot {
	switch k {
	case CheckIn, Missed:
		return SlotStart
	case Tasks:
		return SlotTasks
	case Confirm:
		return SlotConfirm
	case CheckOut:
		return SlotEnd
	}
	return ""
}

// Position is a GPS fix. Zero Lat and Lon mean no fix.
type Position struct {
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	AccuracyM float64 `json:"accuracy_m"`
}

// Valid reports whether p is a usable fix.
func (p *Position) Valid() bool {
	return p != nil && (p.Lat != 0 || p.Lon != 0) && p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180
}

// TaskTick is one task of the catalogue item's content, done or not.
type TaskTick struct {
	Task string `json:"task"` // the task as listed in the item's content
	Done bool   `json:"done"`
	Note string `json:"note,omitempty"`
}

// Confirmation methods.
const (
	BySignature = "signature" // the person or guardian signed on the screen
	ByCode      = "code"      // read back a one-time code sent to their phone
	NoConfirm   = "none"      // could not confirm; Reason says why
)

// Photo stages.
const (
	Before = "before"
	After  = "after"
)

// Event is one record made on a device. The server fills WorkerID (from the
// signed-in worker) and ReceivedAt; everything else comes from the device.
type Event struct {
	ID         string    `json:"id"` // client UUIDv7: the idempotency key
	OrderID    string    `json:"order_id"`
	Kind       EventKind `json:"kind"`
	DeviceID   string    `json:"device_id"`
	WorkerID   string    `json:"worker_id"`
	DeviceTime time.Time `json:"device_time"`
	ReceivedAt time.Time `json:"received_at"`
	Pos        *Position `json:"pos,omitempty"`

	Reason string     `json:"reason,omitempty"` // missed: MissedReasons; check-in outside the fence: FenceReasons; confirm none: why
	Note   string     `json:"note,omitempty"`
	Tasks  []TaskTick `json:"tasks,omitempty"`

	PhotoSHA   string `json:"photo_sha,omitempty"`   // photo: SHA-256 of the stored blob
	PhotoStage string `json:"photo_stage,omitempty"` // photo: before | after

	Method       string `json:"method,omitempty"`        // confirm: signature | code | none
	SignatureSHA string `json:"signature_sha,omitempty"` // confirm by signature: the stored image
	Code         string `json:"code,omitempty"`          // confirm by code: as typed (never stored)
	CodeOK       bool   `json:"code_ok,omitempty"`       // confirm by code: the server found it right
	Rating       int    `json:"rating,omitempty"`        // 1–5, 0 for none

	ResolveSlot   Slot   `json:"resolve_slot,omitempty"`   // resolve: which slot
	ResolveDevice string `json:"resolve_device,omitempty"` // resolve: whose record is kept
}

// Missed-visit reasons (shown translated as visit.missed.<code>).
var MissedReasons = []string{"not_home", "hospital", "refused", "moved_pasture", "weather", "road", "deceased", "other"}

// Reasons a worker gives for a check-in outside the geofence (shown as
// visit.fence_reason.<code>).
var FenceReasons = []string{"no_signal", "met_elsewhere", "gps_wrong", "moved", "other"}

// Reasons a person cannot confirm (visit.noconfirm.<code>).
var NoConfirmReasons = []string{"asleep", "cannot_sign", "no_phone", "refused", "other"}

// State is where a visit stands, derived from its events.
type State string

// Visit states.
const (
	Planned    State = "planned"     // no event yet
	InProgress State = "in_progress" // checked in, not out
	Done       State = "done"        // checked out
	NotDone    State = "missed"      // reported missed
)

// Outcome is what verification decided.
type Outcome string

// Outcomes. Pending until the visit is done or missed.
const (
	Pending  Outcome = "pending"
	Verified Outcome = "verified"
	Flagged  Outcome = "flagged"
	Rejected Outcome = "rejected"
)

// PhotoRef is a photo attached to a visit.
type PhotoRef struct {
	SHA     string    `json:"sha"`
	Stage   string    `json:"stage"`
	EventID string    `json:"event_id"`
	At      time.Time `json:"at"`
}

// Conflict is a slot that two or more devices recorded differently while
// offline. Nothing is overwritten: every side stays until a Resolve event
// keeps one device's record.
type Conflict struct {
	Slot     Slot     `json:"slot"`
	Devices  []string `json:"devices"`
	EventIDs []string `json:"event_ids"` // EventIDs[i] is the record of Devices[i]
}

// Visit is the state of one work order's visit, folded from its events.
type Visit struct {
	OrderID      string     `json:"order_id"`
	State        State      `json:"state"`
	CheckIn      *Event     `json:"check_in,omitempty"`
	CheckOut     *Event     `json:"check_out,omitempty"`
	Missed       *Event     `json:"missed,omitempty"`
	Confirmation *Event     `json:"confirmation,omitempty"`
	Tasks        []TaskTick `json:"tasks"`
	Photos       []PhotoRef `json:"photos"`
	Rating       int        `json:"rating"`
	Conflicts    []Conflict `json:"conflicts"`
	Devices      []string   `json:"devices"` // every device that sent an event
}

// Minutes is how long the visit lasted by the device clocks, 0 until it is done.
func (v *Visit) Minutes() float64 {
	if v.CheckIn == nil || v.CheckOut == nil {
		return 0
	}
	return v.CheckOut.DeviceTime.Sub(v.CheckIn.DeviceTime).Minutes()
}
