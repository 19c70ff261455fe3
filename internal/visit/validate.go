package visit

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/google/uuid"

	"jiuzhu/internal/errs"
)

// Event limits, in characters.
const (
	MaxDeviceID = 64
	MaxTask     = 200
	MaxNote     = 500
	MaxRating   = 5
)

// Validate checks an event from a device before it is stored, per kind. It
// returns an errs.Invalid error listing every bad field with an err.visit.*
// key, or nil. The server-filled fields (WorkerID, ReceivedAt, CodeOK) are
// not checked.
//
// A check-in or check-out normally carries a fix. Where GPS fails the
// worker may send none with the reason "no_signal" (presence is then shown
// by the household token); verification flags it for a supervisor.
func Validate(e *Event) error {
	var fs errs.Fields
	if len(e.ID) != 36 || uuid.Validate(e.ID) != nil { // only the canonical form, so one event has one key
		fs.Add("id", "err.visit.id", nil)
	}
	if !slices.Contains(EventKinds, e.Kind) {
		fs.Add("kind", "err.visit.kind", nil)
	}
	if e.OrderID == "" {
		fs.Add("order_id", "err.visit.order_id", nil)
	}
	checkDevice(&fs, "device_id", e.DeviceID)
	if e.DeviceTime.IsZero() {
		fs.Add("device_time", "err.visit.device_time", nil)
	}
	if utf8.RuneCountInString(e.Note) > MaxNote {
		fs.Add("note", "err.visit.note", map[string]any{"Max": MaxNote})
	}
	if e.Rating < 0 || e.Rating > MaxRating {
		fs.Add("rating", "err.visit.rating", map[string]any{"Min": 0, "Max": MaxRating})
	}

	switch e.Kind {
	case CheckIn, CheckOut:
		if e.Reason != "" && !slices.Contains(FenceReasons, e.Reason) {
			fs.Add("reason", "err.visit.fence_reason", nil)
		}
		if !(e.Pos == nil && e.Reason == "no_signal") && !validFix(e.Pos) {
			fs.Add("pos", "err.visit.pos", nil)
		}
	case Missed:
		if !slices.Contains(MissedReasons, e.Reason) {
			fs.Add("reason", "err.visit.missed_reason", nil)
		}
	case Tasks:
		validateTasks(&fs, e.Tasks)
	case Photo:
		if !isSHA256(e.PhotoSHA) {
			fs.Add("photo_sha", "err.visit.sha", nil)
		}
		if e.PhotoStage != Before && e.PhotoStage != After {
			fs.Add("photo_stage", "err.visit.photo_stage", nil)
		}
	case Confirm:
		validateConfirm(&fs, e)
	case Resolve:
		if e.ResolveSlot != SlotStart && e.ResolveSlot != SlotTasks && e.ResolveSlot != SlotConfirm && e.ResolveSlot != SlotEnd {
			fs.Add("resolve_slot", "err.visit.resolve_slot", nil)
		}
		checkDevice(&fs, "resolve_device", e.ResolveDevice)
	}
	return fs.Err()
}

func checkDevice(fs *errs.Fields, field, id string) {
	if id == "" || utf8.RuneCountInString(id) > MaxDeviceID {
		fs.Add(field, "err.visit.device_id", map[string]any{"Max": MaxDeviceID})
	}
}

// validFix reports whether p is a usable fix with a real, non-negative accuracy.
func validFix(p *Position) bool {
	return p.Valid() && p.AccuracyM >= 0 && !math.IsInf(p.AccuracyM, 0)
}

func validateTasks(fs *errs.Fields, ticks []TaskTick) {
	if len(ticks) == 0 {
		fs.Add("tasks", "err.visit.tasks", nil)
	}
	for i, t := range ticks {
		if n := utf8.RuneCountInString(t.Task); n == 0 || n > MaxTask {
			fs.Add(field("tasks", i, "task"), "err.visit.task", map[string]any{"Max": MaxTask})
		}
		if utf8.RuneCountInString(t.Note) > MaxNote {
			fs.Add(field("tasks", i, "note"), "err.visit.note", map[string]any{"Max": MaxNote})
		}
	}
}

func validateConfirm(fs *errs.Fields, e *Event) {
	switch e.Method {
	case BySignature:
		if !isSHA256(e.SignatureSHA) {
			fs.Add("signature_sha", "err.visit.sha", nil)
		}
	case ByCode:
		if n := len(e.Code); n < 4 || n > 8 || !allDigits(e.Code) {
			fs.Add("code", "err.visit.code", map[string]any{"Min": 4, "Max": 8})
		}
	case NoConfirm:
		if !slices.Contains(NoConfirmReasons, e.Reason) {
			fs.Add("reason", "err.visit.noconfirm_reason", nil)
		}
	default:
		fs.Add("method", "err.visit.method", nil)
	}
}

// field names an element's field the way the JSON reads, e.g. tasks[2].note.
func field(list string, i int, name string) string {
	return list + "[" + strconv.Itoa(i) + "]." + name
}

// isSHA256 reports whether s is a SHA-256 in lowercase hex, the form blobs
// are stored under, so one photo always has one name.
func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
