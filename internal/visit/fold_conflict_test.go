package visit

import (
	"reflect"
	"testing"
)

func TestFoldSlots(t *testing.T) {
	ev := mkEvent
	resolve := func(id string, slot Slot, dev string, made float64) Event {
		e := ev(id, Resolve, "sup", made)
		e.ResolveSlot, e.ResolveDevice = slot, dev
		return e
	}
	ticks := func(e Event, tasks ...string) Event {
		e.Tasks = nil
		for _, task := range tasks {
			e.Tasks = append(e.Tasks, TaskTick{Task: task, Done: true})
		}
		return e
	}
	photo := func(id, dev, stage string, c byte) Event {
		e := ev(id, Photo, dev, 1)
		e.PhotoStage, e.PhotoSHA = stage, sha(c)
		return e
	}
	startConflict := []Conflict{{Slot: SlotStart, Devices: []string{"p1", "p2"}, EventIDs: []string{"e1", "e2"}}}
	for _, c := range []struct {
		name      string
		events    []Event
		state     State
		checkIn   string // the check-in's event id, "" for none
		tasks     []string
		photos    int
		conflicts []Conflict
	}{
		{name: "two devices check in", state: Planned, conflicts: startConflict,
			events: []Event{ev("e2", CheckIn, "p2", 2), ev("e1", CheckIn, "p1", 1)}},
		{name: "two devices check in, one checks out", state: Done, conflicts: startConflict,
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", CheckIn, "p2", 2), ev("e3", CheckOut, "p1", 60)}},
		{name: "check-in against missed", state: Planned,
			events:    []Event{ev("e1", CheckIn, "p1", 1), ev("e2", Missed, "p2", 2)},
			conflicts: []Conflict{{Slot: SlotStart, Devices: []string{"p1", "p2"}, EventIDs: []string{"e1", "e2"}}}},
		{name: "resolved for the second", state: InProgress, checkIn: "e2",
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", CheckIn, "p2", 2), resolve("r1", SlotStart, "p2", 9)}},
		{name: "resolved for the first", state: InProgress, checkIn: "e1",
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", CheckIn, "p2", 2), resolve("r1", SlotStart, "p1", 9)}},
		{name: "resolved for missed", state: NotDone,
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", Missed, "p2", 2), resolve("r1", SlotStart, "p2", 9)}},
		{name: "the latest resolution counts", state: InProgress, checkIn: "e2",
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", CheckIn, "p2", 2),
				resolve("r1", SlotStart, "p1", 9), resolve("r2", SlotStart, "p2", 10)}},
		{name: "resolved for a device that did not record it", state: Planned, conflicts: startConflict,
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", CheckIn, "p2", 2), resolve("r1", SlotStart, "p9", 9)}},
		{name: "resolved for another slot", state: Planned, conflicts: startConflict,
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", CheckIn, "p2", 2), resolve("r1", SlotEnd, "p2", 9)}},
		{name: "a third device after the resolution reopens it", state: Planned,
			events: []Event{ev("e1", CheckIn, "p1", 1), ev("e2", CheckIn, "p2", 2), resolve("r1", SlotStart, "p2", 9),
				ev("e3", CheckIn, "p3", 10)},
			conflicts: []Conflict{{Slot: SlotStart, Devices: []string{"p1", "p2", "p3"}, EventIDs: []string{"e1", "e2", "e3"}}}},
		{name: "one device checks in twice: the first wins", state: InProgress, checkIn: "e1",
			events: []Event{ev("e2", CheckIn, "p1", 2), ev("e1", CheckIn, "p1", 1)}},
		{name: "tasks re-ticked", state: Planned, tasks: []string{"clean", "cook"},
			events: []Event{ticks(ev("t2", Tasks, "p1", 20), "clean", "cook"), ticks(ev("t1", Tasks, "p1", 10), "clean")}},
		{name: "tasks on two devices", state: Planned,
			events:    []Event{ticks(ev("t1", Tasks, "p1", 10), "clean"), ticks(ev("t2", Tasks, "p2", 11), "cook")},
			conflicts: []Conflict{{Slot: SlotTasks, Devices: []string{"p1", "p2"}, EventIDs: []string{"t1", "t2"}}}},
		{name: "tasks resolved, then re-ticked by the kept device", state: Planned, tasks: []string{"wash"},
			events: []Event{ticks(ev("t1", Tasks, "p1", 10), "clean"), ticks(ev("t2", Tasks, "p2", 11), "cook"),
				resolve("r1", SlotTasks, "p1", 12), ticks(ev("t3", Tasks, "p1", 13), "wash")}},
		{name: "photos add up across devices", state: Planned, photos: 3,
			events: []Event{photo("f1", "p1", Before, 'a'), photo("f2", "p2", Before, 'a'), photo("f3", "p2", After, 'a'),
				photo("f4", "p1", After, 'b'), photo("f5", "p1", After, 'b')}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := mustFold(t, c.state, c.events...)
			if got := eventID(v.CheckIn); got != c.checkIn {
				t.Fatalf("CheckIn=%q, want %q", got, c.checkIn)
			}
			var tasks []string
			for _, tk := range v.Tasks {
				tasks = append(tasks, tk.Task)
			}
			if !reflect.DeepEqual(tasks, c.tasks) {
				t.Fatalf("Tasks=%v, want %v", tasks, c.tasks)
			}
			if got, want := len(v.Photos), c.photos; got != want {
				t.Fatalf("len(Photos)=%d, want %d", got, want)
			}
			if c.conflicts == nil {
				c.conflicts = []Conflict{}
			}
			if !reflect.DeepEqual(v.Conflicts, c.conflicts) {
				t.Fatalf("Conflicts=%+v, want %+v", v.Conflicts, c.conflicts)
			}
		})
	}
}

func eventID(e *Event) string {
	if e == nil {
		return ""
	}
	return e.ID
}
