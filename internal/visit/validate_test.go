package visit

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/errs"
)

// validEvent is a valid event of kind k from a device.
func validEvent(k EventKind) Event {
	e := mkEvent("01890a5d-ac96-774b-bcce-b302099a8057", k, "phone-1", 0)
	e.WorkerID, e.ReceivedAt = "", time.Time{}
	switch k {
	case Resolve:
		e.ResolveSlot, e.ResolveDevice = SlotStart, "phone-2"
	}
	return e
}

func TestValidate(t *testing.T) {
	for _, k := range EventKinds {
		t.Run("valid "+string(k), func(t *testing.T) {
			e := validEvent(k)
			if err := Validate(&e); err != nil {
				t.Fatalf("Validate=%v, want nil", err)
			}
		})
	}
	long := func(n int) string { return strings.Repeat("字", n) }
	for _, c := range []struct {
		name  string
		kind  EventKind
		mod   func(e *Event)
		field string // "" when the event is valid
		key   string
	}{
		{"id not a uuid", CheckIn, func(e *Event) { e.ID = "e1" }, "id", "err.visit.id"},
		{"id in braces", CheckIn, func(e *Event) { e.ID = "{" + e.ID + "}" }, "id", "err.visit.id"},
		{"unknown kind", CheckIn, func(e *Event) { e.Kind = "teleport" }, "kind", "err.visit.kind"},
		{"no order", CheckIn, func(e *Event) { e.OrderID = "" }, "order_id", "err.visit.order_id"},
		{"no device", CheckIn, func(e *Event) { e.DeviceID = "" }, "device_id", "err.visit.device_id"},
		{"device id of 64", CheckIn, func(e *Event) { e.DeviceID = long(64) }, "", ""},
		{"device id of 65", CheckIn, func(e *Event) { e.DeviceID = long(65) }, "device_id", "err.visit.device_id"},
		{"no device time", CheckIn, func(e *Event) { e.DeviceTime = time.Time{} }, "device_time", "err.visit.device_time"},
		{"note too long", Photo, func(e *Event) { e.Note = long(501) }, "note", "err.visit.note"},

		{"check-in without fix", CheckIn, func(e *Event) { e.Pos = nil }, "pos", "err.visit.pos"},
		{"check-in without fix, no signal", CheckIn, func(e *Event) { e.Pos, e.Reason = nil, "no_signal" }, "", ""},
		{"check-in at 0,0", CheckIn, func(e *Event) { e.Pos = &Position{} }, "pos", "err.visit.pos"},
		{"check-in latitude 91", CheckIn, func(e *Event) { e.Pos.Lat = 91 }, "pos", "err.visit.pos"},
		{"check-in negative accuracy", CheckIn, func(e *Event) { e.Pos.AccuracyM = -1 }, "pos", "err.visit.pos"},
		{"check-in NaN accuracy", CheckIn, func(e *Event) { e.Pos.AccuracyM = math.NaN() }, "pos", "err.visit.pos"},
		{"check-in fence reason", CheckIn, func(e *Event) { e.Reason = "met_elsewhere" }, "", ""},
		{"check-in unknown reason", CheckIn, func(e *Event) { e.Reason = "lazy" }, "reason", "err.visit.fence_reason"},
		{"check-out without fix", CheckOut, func(e *Event) { e.Pos = nil }, "pos", "err.visit.pos"},

		{"missed without reason", Missed, func(e *Event) { e.Reason = "" }, "reason", "err.visit.missed_reason"},
		{"missed, unknown reason", Missed, func(e *Event) { e.Reason = "no_signal" }, "reason", "err.visit.missed_reason"},

		{"no ticks", Tasks, func(e *Event) { e.Tasks = nil }, "tasks", "err.visit.tasks"},
		{"empty task", Tasks, func(e *Event) { e.Tasks[0].Task = "" }, "tasks[0].task", "err.visit.task"},
		{"task of 200", Tasks, func(e *Event) { e.Tasks[0].Task = long(200) }, "", ""},
		{"task of 201", Tasks, func(e *Event) { e.Tasks[0].Task = long(201) }, "tasks[0].task", "err.visit.task"},
		{"task note of 501", Tasks, func(e *Event) { e.Tasks[0].Note = long(501) }, "tasks[0].note", "err.visit.note"},

		{"photo sha short", Photo, func(e *Event) { e.PhotoSHA = e.PhotoSHA[:63] }, "photo_sha", "err.visit.sha"},
		{"photo sha upper case", Photo, func(e *Event) { e.PhotoSHA = strings.ToUpper(e.PhotoSHA) }, "photo_sha", "err.visit.sha"},
		{"photo stage", Photo, func(e *Event) { e.PhotoStage = "during" }, "photo_stage", "err.visit.photo_stage"},

		{"confirm method", Confirm, func(e *Event) { e.Method = "" }, "method", "err.visit.method"},
		{"signature missing", Confirm, func(e *Event) { e.SignatureSHA = "" }, "signature_sha", "err.visit.sha"},
		{"code of 4", Confirm, func(e *Event) { e.Method, e.Code = ByCode, "0123" }, "", ""},
		{"code of 3", Confirm, func(e *Event) { e.Method, e.Code = ByCode, "012" }, "code", "err.visit.code"},
		{"code of 9", Confirm, func(e *Event) { e.Method, e.Code = ByCode, "012345678" }, "code", "err.visit.code"},
		{"code with a letter", Confirm, func(e *Event) { e.Method, e.Code = ByCode, "12a4" }, "code", "err.visit.code"},
		{"none with reason", Confirm, func(e *Event) { e.Method, e.Reason = NoConfirm, "asleep" }, "", ""},
		{"none without reason", Confirm, func(e *Event) { e.Method = NoConfirm }, "reason", "err.visit.noconfirm_reason"},
		{"rating 6", Confirm, func(e *Event) { e.Rating = 6 }, "rating", "err.visit.rating"},
		{"rating -1", Confirm, func(e *Event) { e.Rating = -1 }, "rating", "err.visit.rating"},

		{"resolve slot", Resolve, func(e *Event) { e.ResolveSlot = "photos" }, "resolve_slot", "err.visit.resolve_slot"},
		{"resolve device", Resolve, func(e *Event) { e.ResolveDevice = "" }, "resolve_device", "err.visit.device_id"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := validEvent(c.kind)
			c.mod(&e)
			checkField(t, Validate(&e), c.field, c.key)
		})
	}
}

// checkField checks that err is nil when field is "", else an Invalid error
// naming exactly that field with key.
func checkField(tb testing.TB, err error, field, key string) {
	tb.Helper()
	if field == "" {
		if err != nil {
			tb.Fatalf("err=%v, want nil", err)
		}
		return
	}
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.Invalid {
		tb.Fatalf("err=%v, want an invalid error", err)
	}
	if got, want := len(e.Fields), 1; got != want {
		tb.Fatalf("len(Fields)=%d, want %d (%v)", got, want, e.Fields)
	}
	if got, want := e.Fields[0].Name+" "+e.Fields[0].Key, field+" "+key; got != want {
		tb.Fatalf("field=%q, want %q", got, want)
	}
}

func TestValidateReportsEveryField(t *testing.T) {
	err := Validate(&Event{})
	var e *errs.Error
	if !errors.As(err, &e) {
		t.Fatalf("err=%v, want *errs.Error", err)
	}
	var names []string
	for _, f := range e.Fields {
		names = append(names, f.Name)
	}
	if got, want := strings.Join(names, ","), "id,kind,order_id,device_id,device_time"; got != want {
		t.Fatalf("fields=%s, want %s", got, want)
	}
}
