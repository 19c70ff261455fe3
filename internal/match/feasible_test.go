package match

import (
	"testing"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

func baseDemand() Demand {
	return Demand{PlanItemID: "pi", Village: "652328101001", PlaceName: "阿克喀巴克牧业村", Kind: place.Pastoral, Lat: 43.6, Lon: 90.4,
		Language: "kk", Item: "care.rehab", WorkerKinds: []string{"therapist"}, Cert: "rehab_therapist"}
}

func baseWorker() Worker {
	return Worker{ID: "w1", ProviderID: "p1", Active: true, Items: []string{"care.rehab", "care.meal"}, Coverage: []string{"652328"},
		Capacity: 5, Remaining: 5, Languages: []string{"zh", "kk"}, Sex: person.Female,
		Certs: map[string]string{"rehab_therapist": "2026-12-31"}, Lat: 43.7, Lon: 90.3, Rating: 400}
}

func TestFeasibleChecks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(d *Demand, w *Worker)
		want   Check
	}{
		{"fits", func(d *Demand, w *Worker) {}, ""},
		{"inactive", func(d *Demand, w *Worker) { w.Active = false }, CheckActive},
		{"item", func(d *Demand, w *Worker) { w.Items = []string{"care.meal"} }, CheckItem},
		{"area", func(d *Demand, w *Worker) { w.Coverage = []string{"652301", "652328102"} }, CheckArea},
		{"language required", func(d *Demand, w *Worker) { d.LanguageRequired, w.Languages = true, []string{"zh"} }, CheckLanguage},
		{"language not required", func(d *Demand, w *Worker) { w.Languages = []string{"zh"} }, ""},
		{"gender", func(d *Demand, w *Worker) { d.CaregiverGender = person.Male }, CheckGender},
		{"cert missing", func(d *Demand, w *Worker) { w.Certs = nil }, CheckCert},
		{"cert expired", func(d *Demand, w *Worker) { w.Certs["rehab_therapist"] = "2026-11-29" }, CheckCert},
		{"cert valid through the day", func(d *Demand, w *Worker) { w.Certs["rehab_therapist"] = week }, ""},
		{"halal", func(d *Demand, w *Worker) { d.Item, d.Cert, d.Food, d.Halal = "care.meal", "", true, true }, CheckHalal},
		{"halal provider", func(d *Demand, w *Worker) {
			d.Item, d.Cert, d.Food, d.Halal, w.ProviderHalal = "care.meal", "", true, true, true
		}, ""},
		{"halal non-food", func(d *Demand, w *Worker) { d.Halal = true }, ""},
		{"declined", func(d *Demand, w *Worker) { d.Declined = []string{"w1"} }, CheckDeclined},
		{"full", func(d *Demand, w *Worker) { w.Remaining = 0 }, CheckCapacity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, w := baseDemand(), baseWorker()
			tc.change(&d, &w)
			ok, got := Feasible(&d, &w, week)
			if got != tc.want || ok != (tc.want == "") {
				t.Fatalf("Feasible = %v, %q, want %q", ok, got, tc.want)
			}
		})
	}
}

func TestCosts(t *testing.T) {
	d, w := baseDemand(), baseWorker()
	c := Costs(&d, &w)
	// 13.8 km straight × 2.0 pastoral × 10.
	if c.Travel < 270 || c.Travel > 285 {
		t.Errorf("Travel = %d, want about 276", c.Travel)
	}
	if got, want := c.Rating, int64(20); got != want {
		t.Errorf("Rating = %d, want %d", got, want)
	}
	if got, want := c.Continuity, int64(ContinuityCost); got != want {
		t.Errorf("Continuity = %d, want %d", got, want)
	}
	d.CurrentWorker = w.ID
	if got := Costs(&d, &w).Continuity; got != 0 {
		t.Errorf("Continuity with the current worker = %d, want 0", got)
	}
}

func TestTiers(t *testing.T) {
	var sum int32
	ts := Tiers(10, 0)
	for _, x := range ts {
		sum += x.Cap
	}
	if sum != 10 || len(ts) != 3 || ts[0].Cost != 0 || ts[1].Cost != 30 || ts[2].Cost != 80 {
		t.Fatalf("Tiers(10, 0) = %v", ts)
	}
	if ts := Tiers(10, 7); len(ts) != 2 || ts[0].Cap != 2 || ts[1].Cap != 1 {
		t.Fatalf("Tiers(10, 7) = %v, want [{2 30} {1 80}]", ts)
	}
	if ts := Tiers(1, 0); len(ts) != 1 || ts[0].Cost != 0 {
		t.Fatalf("Tiers(1, 0) = %v, want one free unit", ts)
	}
}

func TestExplainNamesTheMissingConstraint(t *testing.T) {
	d := baseDemand()
	d.LanguageRequired = true
	zh := baseWorker()
	zh.Languages = []string{"zh"}
	far := baseWorker()
	far.ID, far.Coverage = "w2", []string{"652301"}
	r := Explain(&d, []Worker{zh, far}, nil, week)
	if r.Code != string(CheckLanguage) || r.Key != "match.reason.language" {
		t.Fatalf("Reason = %+v, want language", r)
	}
	if r.Args["Language"] != "kk" || r.Args["Kind"] != "therapist" || r.Args["Place"] != "阿克喀巴克牧业村" {
		t.Errorf("Args = %v", r.Args)
	}
	if r.Counts[CheckItem] != 2 || r.Counts[CheckArea] != 1 || r.Counts[CheckLanguage] != 0 {
		t.Errorf("Counts = %v", r.Counts)
	}
	full := baseWorker()
	full.Remaining = 0
	if r := Explain(&d, []Worker{full, full}, nil, week); r.Code != ReasonFull || r.Args["Count"] != 2 {
		t.Errorf("Reason with full workers = %+v, want full of 2", r)
	}
}
