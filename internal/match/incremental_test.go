package match

import "testing"

func TestIncrementalTakesTheCheapestWithLoad(t *testing.T) {
	d := baseDemand()
	near := baseWorker()
	near.ID, near.Capacity, near.Remaining = "near", 10, 2 // next unit in the 30-point tier
	other := baseWorker()
	other.ID, other.Lat, other.Lon = "other", 43.71, 90.31 // about 1.4 km further: 28 points
	o := Incremental(&d, []Worker{near, other}, Options{WeekStart: week})
	if o.Worker != 1 {
		t.Fatalf("Worker = %d (%+v), want other", o.Worker, o.Explanation)
	}
	if o.RunnerUp == nil || o.RunnerUp.WorkerID != "near" || o.RunnerUp.Parts.Load != 30 {
		t.Fatalf("RunnerUp = %+v, want near with load 30", o.RunnerUp)
	}
	near.Remaining = 0
	other.Active = false
	o = Incremental(&d, []Worker{near, other}, Options{WeekStart: week})
	if o.Worker != -1 || o.Reason == nil || o.Reason.Code != ReasonFull {
		t.Fatalf("Outcome = %+v, want open because full", o)
	}
}
