package visit

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestFoldOneDevice(t *testing.T) {
	v := doneVisit(t)
	if v.CheckIn == nil || v.CheckOut == nil || v.Confirmation == nil || v.Missed != nil {
		t.Fatalf("CheckIn=%v CheckOut=%v Confirmation=%v Missed=%v", v.CheckIn, v.CheckOut, v.Confirmation, v.Missed)
	}
	if got, want := v.Minutes(), 60.0; got != want {
		t.Fatalf("Minutes()=%v, want %v", got, want)
	}
	if got, want := v.Rating, 5; got != want {
		t.Fatalf("Rating=%v, want %v", got, want)
	}
	if got, want := len(v.Tasks)+len(v.Photos), 2; got != want {
		t.Fatalf("tasks and photos=%d, want %d", got, want)
	}
	if got, want := v.Devices, []string{"p1"}; !slices.Equal(got, want) {
		t.Fatalf("Devices=%v, want %v", got, want)
	}
}

func TestFoldStates(t *testing.T) {
	for _, c := range []struct {
		name   string
		events []Event
		want   State
	}{
		{"nothing", nil, Planned},
		{"only a photo", []Event{mkEvent("e1", Photo, "p1", 0)}, Planned},
		{"checked in", []Event{mkEvent("e1", CheckIn, "p1", 0)}, InProgress},
		{"checked out without check-in", []Event{mkEvent("e1", CheckOut, "p1", 0)}, Done},
		{"missed", []Event{mkEvent("e1", Missed, "p1", 0)}, NotDone},
		{"another order's events", []Event{func() Event { e := mkEvent("e1", CheckIn, "p1", 0); e.OrderID = "o2"; return e }()}, Planned},
	} {
		t.Run(c.name, func(t *testing.T) { mustFold(t, c.want, c.events...) })
	}
}

func TestFoldEmptyListsAreJSONArrays(t *testing.T) {
	b, err := json.Marshal(Fold("o1", nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{`"tasks":[]`, `"photos":[]`, `"conflicts":[]`, `"devices":[]`} {
		if !strings.Contains(string(b), f) {
			t.Errorf("JSON %s lacks %s", b, f)
		}
	}
}

func TestFoldReplay(t *testing.T) {
	once := Fold("o1", doneEvents())
	twice := Fold("o1", append(doneEvents(), doneEvents()...))
	if !reflect.DeepEqual(once, twice) {
		t.Fatalf("replayed visit differs:\n%+v\n%+v", twice, once)
	}
}

// messyEvents are two offline phones recording one visit: both check in,
// one misses it on a third phone, tasks are re-ticked, a photo is sent
// twice, the start is resolved, and one event arrives twice.
func messyEvents() []Event {
	evs := []Event{
		mkEvent("a1", CheckIn, "p1", 0),
		mkEvent("a2", Photo, "p1", 1),
		mkEvent("a3", Tasks, "p1", 20),
		mkEvent("a4", Tasks, "p1", 40),
		mkEvent("a5", CheckOut, "p1", 60),
		mkEvent("b1", CheckIn, "p2", 5),
		mkEvent("b2", Photo, "p2", 6),
		mkEvent("b3", Confirm, "p2", 50),
		mkEvent("c1", Missed, "p3", 3),
		mkEvent("r1", Resolve, "sup", 120),
		mkEvent("a2", Photo, "p1", 1),
	}
	evs[3].Tasks = []TaskTick{{Task: "clean", Done: true}, {Task: "cook", Done: true}}
	evs[6].PhotoStage = After
	evs[9].ResolveSlot, evs[9].ResolveDevice = SlotStart, "p2"
	evs[10].ReceivedAt = at(200) // a resend, received later
	return evs
}

func TestFoldAnyOrder(t *testing.T) {
	want := Fold("o1", messyEvents())
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		evs := messyEvents()
		rng.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
		if got := Fold("o1", evs); !reflect.DeepEqual(got, want) {
			t.Fatalf("permutation %d: got\n%+v\nwant\n%+v", i, got, want)
		}
	}
	if want.CheckIn == nil || want.CheckIn.ID != "b1" || len(want.Conflicts) != 0 {
		t.Fatalf("CheckIn=%v Conflicts=%v, want b1 kept by the resolution", want.CheckIn, want.Conflicts)
	}
	if got, want := len(want.Tasks), 2; got != want {
		t.Fatalf("len(Tasks)=%d, want %d", got, want)
	}
	if got, want := want.Devices, []string{"p1", "p2", "p3", "sup"}; !slices.Equal(got, want) {
		t.Fatalf("Devices=%v, want %v", got, want)
	}
}
