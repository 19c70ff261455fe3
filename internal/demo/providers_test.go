package demo

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"jiuzhu/internal/catalog"
	"jiuzhu/internal/place"
	"jiuzhu/internal/provider"
)

func TestProvidersDeterministicAndComplete(t *testing.T) {
	d := Generate(Seed, today)
	orgs, workers := Providers(d, Seed, today)
	orgs2, workers2 := Providers(Generate(Seed, today), Seed, today)
	if !reflect.DeepEqual(orgs, orgs2) || !reflect.DeepEqual(workers, workers2) {
		t.Fatal("two runs with the same seed differ")
	}
	if got, want := len(orgs), DemoProviders; got != want {
		t.Errorf("organisations=%d, want %d", got, want)
	}
	if got, want := len(workers), DemoWorkers; got != want {
		t.Errorf("workers=%d, want %d", got, want)
	}
	if orgs[0].Name != "昌吉市康宁居家养老服务中心" {
		t.Errorf("first organisation %q, want the demo provider's", orgs[0].Name)
	}
	countyOf := map[string]string{}
	names := map[string]bool{}
	for _, o := range orgs {
		if err := o.Validate(); err != nil {
			t.Errorf("%s: %v", o.Name, err)
		}
		if names[o.Name] {
			t.Errorf("%s twice", o.Name)
		}
		names[o.Name] = true
		countyOf[o.ID] = o.PlaceCode[:6]
	}
	items := map[string]catalog.Item{}
	for _, it := range catalog.Defaults() {
		items[it.Code] = it
	}
	offered := map[string]map[string]bool{}
	kinds := map[provider.WorkerKind]int{}
	expired, soon := 0, 0
	day := today.Format(time.DateOnly)
	for _, w := range workers {
		if err := w.Validate(); err != nil {
			t.Errorf("%s: %v", w.Name, err)
		}
		if w.Capacity < 8 || w.Capacity > 30 {
			t.Errorf("%s capacity %d, want 8–30", w.Name, w.Capacity)
		}
		c := countyOf[w.ProviderID]
		if offered[c] == nil {
			offered[c] = map[string]bool{}
		}
		for _, code := range w.Items {
			if !items[code].DoneBy(w.Kind) {
				t.Errorf("%s (%s) offers %s", w.Name, w.Kind, code)
			}
			offered[c][code] = true
		}
		kinds[w.Kind]++
		if cert, ok := w.Cert(provider.RehabTherapist); ok {
			switch {
			case !cert.ValidOn(day):
				expired++
			case !cert.ValidOn(today.AddDate(0, 0, 31).Format(time.DateOnly)):
				soon++
			}
		}
	}
	for _, c := range place.ChangjiCounties {
		for code := range items {
			if !offered[c.Code][code] {
				t.Errorf("%s: nobody offers %s", c.Name, code)
			}
		}
	}
	for _, k := range provider.WorkerKinds {
		if kinds[k] < 20 {
			t.Errorf("%d workers of kind %s, want at least 20", kinds[k], k)
		}
	}
	if expired == 0 || soon == 0 {
		t.Errorf("rehab licences: %d expired, %d expiring soon; want some of each", expired, soon)
	}
}

// TestPastoralThinButCovered checks that every township is covered by some
// worker and that pastoral townships have fewer workers based there.
func TestPastoralThinButCovered(t *testing.T) {
	d := Generate(Seed, today)
	_, workers := Providers(d, Seed, today)
	based := map[string]int{}
	for _, w := range workers {
		based[w.PlaceCode]++
	}
	var pastoral, other []int
	for _, ts := range baseTowns(d) {
		for _, town := range ts {
			covered := slices.ContainsFunc(workers, func(w provider.Worker) bool {
				return slices.ContainsFunc(w.Coverage, func(c string) bool { return place.Contains(c, town.Code) })
			})
			if !covered {
				t.Errorf("township %s %s: no worker covers it", town.Code, town.Name)
			}
			if town.pastoral {
				pastoral = append(pastoral, based[town.Code])
			} else {
				other = append(other, based[town.Code])
			}
		}
	}
	avg := func(xs []int) float64 {
		s := 0
		for _, x := range xs {
			s += x
		}
		return float64(s) / float64(max(len(xs), 1))
	}
	if len(pastoral) == 0 || avg(pastoral) >= avg(other) {
		t.Errorf("workers per pastoral township %.1f (%d townships), others %.1f: want pastoral thinner", avg(pastoral), len(pastoral), avg(other))
	}
}
