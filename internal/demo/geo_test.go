package demo

import (
	"testing"
	"time"

	"jiuzhu/internal/place"
)

func TestOutlineContains(t *testing.T) {
	for _, c := range place.ChangjiCounties {
		t.Run(c.Code, func(t *testing.T) {
			o := countyOutline(c.Code)
			if o == nil {
				t.Fatal("no outline")
			}
			if !o.contains(c.Lat, c.Lon) {
				t.Errorf("seat (%v, %v) of %s outside its outline", c.Lat, c.Lon, c.Name)
			}
		})
	}
	for _, tc := range []struct {
		name     string
		lat, lon float64
	}{
		{"Urumqi", 43.82, 87.62},
		{"Shihezi", 44.31, 86.04},
		{"Turpan", 42.95, 89.19},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range place.ChangjiCounties {
				if countyOutline(c.Code).contains(tc.lat, tc.lon) {
					t.Errorf("%s lies inside %s", tc.name, c.Name)
				}
			}
		})
	}
}

func TestSeasonWindows(t *testing.T) {
	for _, tc := range []struct {
		today          string
		summer, winter [2]string
	}{
		{"2026-11-28", [2]string{"2026-04-15", "2026-10-14"}, [2]string{"2026-10-15", "2027-04-14"}},
		{"2026-02-01", [2]string{"2025-04-15", "2025-10-14"}, [2]string{"2025-10-15", "2026-04-14"}},
		{"2026-04-15", [2]string{"2026-04-15", "2026-10-14"}, [2]string{"2026-10-15", "2027-04-14"}},
		{"2026-04-14", [2]string{"2025-04-15", "2025-10-14"}, [2]string{"2025-10-15", "2026-04-14"}},
	} {
		t.Run(tc.today, func(t *testing.T) {
			d, _ := time.Parse(time.DateOnly, tc.today)
			summer, winter := seasonWindows(d)
			if summer != tc.summer || winter != tc.winter {
				t.Fatalf("seasonWindows=%v %v, want %v %v", summer, winter, tc.summer, tc.winter)
			}
		})
	}
}

func TestLocations(t *testing.T) {
	ds := MustDataset(t)
	places := map[string]place.Place{}
	for _, p := range ds.Places {
		places[p.Code] = p
	}
	home := map[string]string{}
	for _, p := range ds.Persons {
		home[p.ID] = p.PlaceCode
	}
	labels := map[string]map[string]string{} // person → label → place
	day := today.Format(time.DateOnly)
	for _, l := range ds.Locations {
		v, ok := places[l.PlaceCode]
		if !ok || v.Level != place.Village {
			t.Fatalf("location %s: place %s is not a village", l.ID, l.PlaceCode)
		}
		if got, want := v.Kind, place.Pastoral; got != want {
			t.Fatalf("location %s: kind %s, want %s", l.ID, got, want)
		}
		h, ok := home[l.PersonID]
		if !ok {
			t.Fatalf("location %s: person %s not found", l.ID, l.PersonID)
		}
		if got, want := l.PlaceCode[:6], h[:6]; got != want {
			t.Fatalf("location %s: county %s, want the home county %s", l.ID, got, want)
		}
		if !countyOutline(h[:6]).contains(l.Lat, l.Lon) {
			t.Errorf("location %s: (%v, %v) outside the county", l.ID, l.Lat, l.Lon)
		}
		if labels[l.PersonID] == nil {
			labels[l.PersonID] = map[string]string{}
		}
		labels[l.PersonID][l.Label] = l.PlaceCode
		if l.Label == "winter" && l.PlaceCode != h {
			t.Errorf("location %s: winter quarters at %s, want home %s", l.ID, l.PlaceCode, h)
		}
		if l.Label == "winter" && (day < l.ValidFrom || day > l.ValidTo) {
			t.Errorf("location %s: winter window %s–%s does not hold %s", l.ID, l.ValidFrom, l.ValidTo, day)
		}
	}
	for id, m := range labels {
		if len(m) != 2 || m["winter"] == "" || m["summer"] == "" || m["winter"] == m["summer"] {
			t.Fatalf("person %s: locations %v, want distinct winter and summer", id, m)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(1, today)
	}
}
