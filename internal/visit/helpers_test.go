package visit

import (
	"testing"
	"time"
)

// t0 is 09:00 on 10 March 2026 in China, when the test visits begin.
var t0 = time.Date(2026, 3, 10, 9, 0, 0, 0, china)

// at is t0 plus some minutes.
func at(minutes float64) time.Time { return t0.Add(time.Duration(minutes * float64(time.Minute))) }

// home is the person's home in the tests, in Ürümqi.
var home = Position{Lat: 43.8, Lon: 87.6}

// north is a fix m metres north of home with accuracy acc.
func north(m, acc float64) *Position {
	return &Position{Lat: home.Lat + m/111_195, Lon: home.Lon, AccuracyM: acc}
}

// date0 is a civil date as a feed gives it.
func date0(month time.Month, day int) time.Time {
	return time.Date(2026, month, day, 0, 0, 0, 0, time.UTC)
}

// mkEvent is an event of order o1 made at minute made on device dev and
// received at the same minute.
func mkEvent(id string, kind EventKind, dev string, made float64) Event {
	e := Event{ID: id, OrderID: "o1", Kind: kind, DeviceID: dev, WorkerID: "w1", DeviceTime: at(made), ReceivedAt: at(made)}
	switch kind {
	case CheckIn, CheckOut:
		e.Pos = north(20, 10)
	case Tasks:
		e.Tasks = []TaskTick{{Task: "clean", Done: true}}
	case Photo:
		e.PhotoSHA, e.PhotoStage = sha('a'), Before
	case Confirm:
		e.Method, e.SignatureSHA, e.Rating = BySignature, sha('b'), 5
	case Missed:
		e.Reason = "not_home"
	}
	return e
}

// sha is a SHA-256-shaped hex string made of one character.
func sha(c byte) string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = c
	}
	return string(b)
}

// doneEvents are a complete 60-minute visit on one phone that passes every rule.
func doneEvents() []Event {
	return []Event{
		mkEvent("e1", CheckIn, "p1", 0),
		mkEvent("e2", Photo, "p1", 1),
		mkEvent("e3", Tasks, "p1", 50),
		mkEvent("e4", Confirm, "p1", 55),
		mkEvent("e5", CheckOut, "p1", 60),
	}
}

// mustFold folds events of o1 and checks the visit is in state want.
func mustFold(tb testing.TB, want State, events ...Event) *Visit {
	tb.Helper()
	v := Fold("o1", events)
	if v.State != want {
		tb.Fatalf("State=%v, want %v", v.State, want)
	}
	return v
}

// doneVisit is the folded visit of doneEvents.
func doneVisit(tb testing.TB) *Visit { return mustFold(tb, Done, doneEvents()...) }

// missedVisit is a visit reported missed at t0 with reason.
func missedVisit(tb testing.TB, reason string) *Visit {
	e := mkEvent("m1", Missed, "p1", 0)
	e.Reason, e.Pos = reason, north(90_000, 10)
	return mustFold(tb, NotDone, e)
}

// input is what the rules need for doneVisit, none of them firing.
func input() Input {
	return Input{PlannedMinutes: 60, Home: home, RadiusM: 200}
}

// ruleByCode returns the default rule code.
func ruleByCode(tb testing.TB, code string) Rule {
	tb.Helper()
	for _, r := range DefaultRules() {
		if r.Code == code {
			return r
		}
	}
	tb.Fatalf("no default rule %q", code)
	return Rule{}
}
