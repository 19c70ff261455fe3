package visit

import (
	"cmp"
	"slices"
)

// Fold derives the visit of order orderID from its events, in any order and
// with any repeats: events are sorted by ReceivedAt then ID (an ID counts
// once; events of another order are ignored), so the same events always give
// the same visit.
//
// Each slot is kept per device: within one device the first record of a slot
// wins, except tasks, where the device's latest record replaces the earlier
// ones because a worker may re-tick. When two or more devices recorded a
// slot, the visit leaves that slot empty and lists a Conflict, whose
// EventIDs[i] is the record of Devices[i]. A Resolve event naming one of
// those devices settles it: that device's record is used. A record by
// another device received after the resolution opens the conflict again,
// since whoever resolved it never saw that record. The latest resolution of
// a slot counts.
//
// The state follows from the slots: missed (and not checked out) is NotDone,
// checked out is Done even without a check-in (verification flags that),
// checked in is InProgress, and otherwise Planned.
func Fold(orderID string, events []Event) *Visit {
	evs := sortedEvents(orderID, events)
	v := &Visit{OrderID: orderID, State: Planned,
		Tasks: []TaskTick{}, Photos: []PhotoRef{}, Conflicts: []Conflict{}, Devices: []string{}}

	records := map[Slot]map[string]record{} // slot → device → its record
	resolved := map[Slot]record{}           // slot → latest resolution (dev is the kept device)
	devices := map[string]bool{}
	photos := map[[2]string]bool{}
	for i := range evs {
		e := &evs[i]
		if e.DeviceID != "" {
			devices[e.DeviceID] = true
		}
		switch s := SlotOf(e.Kind); {
		case e.Kind == Photo:
			if k := [2]string{e.PhotoSHA, e.PhotoStage}; !photos[k] {
				photos[k] = true
				v.Photos = append(v.Photos, PhotoRef{SHA: e.PhotoSHA, Stage: e.PhotoStage, EventID: e.ID, At: e.DeviceTime})
			}
		case e.Kind == Resolve:
			resolved[e.ResolveSlot] = record{ev: e, at: i, dev: e.ResolveDevice}
		case s != "":
			if records[s] == nil {
				records[s] = map[string]record{}
			}
			if _, seen := records[s][e.DeviceID]; !seen || s == SlotTasks {
				records[s][e.DeviceID] = record{ev: e, at: i, dev: e.DeviceID}
			}
		}
	}

	for _, s := range []Slot{SlotStart, SlotTasks, SlotConfirm, SlotEnd} {
		e, c := settle(s, records[s], resolved[s])
		if c != nil {
			v.Conflicts = append(v.Conflicts, *c)
			continue
		}
		if e == nil {
			continue
		}
		switch e.Kind {
		case CheckIn:
			v.CheckIn = e
		case Missed:
			v.Missed = e
		case Tasks:
			v.Tasks = append(v.Tasks, e.Tasks...)
		case Confirm:
			v.Confirmation = e
			v.Rating = e.Rating
		case CheckOut:
			v.CheckOut = e
		}
	}

	switch {
	case v.CheckOut != nil:
		v.State = Done
	case v.Missed != nil:
		v.State = NotDone
	case v.CheckIn != nil:
		v.State = InProgress
	}
	for d := range devices {
		v.Devices = append(v.Devices, d)
	}
	slices.Sort(v.Devices)
	return v
}

// record is an event in a slot, with its place in the sorted events.
type record struct {
	ev  *Event
	at  int
	dev string
}

// settle returns the record a slot uses, or the conflict that keeps it empty.
func settle(s Slot, byDevice map[string]record, res record) (*Event, *Conflict) {
	if len(byDevice) == 0 {
		return nil, nil
	}
	if len(byDevice) == 1 {
		for _, r := range byDevice {
			return r.ev, nil
		}
	}
	if kept, ok := byDevice[res.dev]; ok && res.ev != nil {
		late := false
		for d, r := range byDevice {
			late = late || (d != res.dev && r.at > res.at)
		}
		if !late {
			return kept.ev, nil
		}
	}
	c := &Conflict{Slot: s}
	for d := range byDevice {
		c.Devices = append(c.Devices, d)
	}
	slices.Sort(c.Devices)
	for _, d := range c.Devices {
		c.EventIDs = append(c.EventIDs, byDevice[d].ev.ID)
	}
	return nil, c
}

// sortedEvents returns the events of orderID, one per ID, in a fixed order.
// An ID seen twice is the same event sent twice; the earliest received copy
// is kept, the other fields only breaking ties between copies that differ.
func sortedEvents(orderID string, events []Event) []Event {
	evs := make([]Event, 0, len(events))
	for _, e := range events {
		if e.OrderID == orderID {
			evs = append(evs, e)
		}
	}
	slices.SortStableFunc(evs, func(a, b Event) int {
		return cmp.Or(a.ReceivedAt.Compare(b.ReceivedAt), cmp.Compare(a.ID, b.ID),
			a.DeviceTime.Compare(b.DeviceTime), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.DeviceID, b.DeviceID))
	})
	seen := map[string]bool{}
	out := evs[:0]
	for _, e := range evs {
		if !seen[e.ID] {
			seen[e.ID] = true
			out = append(out, e)
		}
	}
	return out
}
