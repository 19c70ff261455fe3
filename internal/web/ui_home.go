package web

import (
	"net/http"
	"slices"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/person"
)

// homeData is the overview: for roles that read the register, counts of
// people under assistance; for the others, a word on what will come here.
type homeData struct {
	Welcome    string // message key, for roles without the register
	Total      int
	Categories []person.Category
	ByCategory []barRow
	ByCounty   []countyRow
	Needs      *needCounts // the demand ledger, for roles that read it
}

// barRow is one line of a bar table; Bar is the width class, 0 to 100 in
// steps of 5 (a class, since the page's CSP allows no inline style).
type barRow struct {
	Label string
	Count int
	Bar   int
}

// countyRow holds a county's counts in the order of homeData.Categories.
type countyRow struct {
	Code   string
	Name   string
	Total  int // distinct people; a person may be in two categories
	Counts []int
}

// showHomePage handles GET /.
func (s *Server) showHomePage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(w, r, "home.title")
	v.Nav = "home"
	a := auth.ActorFrom(r.Context())
	d := homeData{Categories: person.Categories}
	if !a.Can(auth.ReadPersons) {
		d.Welcome = "home.welcome.other"
		switch a.Role {
		case auth.DepartmentLiaison, auth.ProviderAdmin, auth.ServiceWorker, auth.Evaluator, auth.Resident:
			d.Welcome = "home.welcome." + string(a.Role)
		}
		v.Data = d
		s.render(w, r, http.StatusOK, "home", v)
		return nil
	}
	total, err := s.db.CountAssisted(r.Context())
	if err != nil {
		return err
	}
	counts, err := s.db.CountsByCounty(r.Context())
	if err != nil {
		return err
	}
	perCounty, err := s.db.AssistedByCounty(r.Context())
	if err != nil {
		return err
	}
	d.Total = total
	if a.Can(auth.ReadNeeds) {
		if d.Needs, err = s.countNeeds(r.Context()); err != nil {
			return err
		}
	}
	byCat := map[person.Category]int{}
	for _, c := range counts {
		byCat[c.Category] += c.Count
		i := slices.IndexFunc(d.ByCounty, func(row countyRow) bool { return row.Code == c.PlaceCode })
		if i < 0 {
			name := c.PlaceCode
			if p, err := s.db.Place(r.Context(), c.PlaceCode); err == nil {
				name = v.PlaceName(p)
			}
			d.ByCounty = append(d.ByCounty, countyRow{Code: c.PlaceCode, Name: name, Total: perCounty[c.PlaceCode], Counts: make([]int, len(person.Categories))})
			i = len(d.ByCounty) - 1
		}
		if k := slices.Index(person.Categories, c.Category); k >= 0 {
			d.ByCounty[i].Counts[k] += c.Count
		}
	}
	top := 0
	for _, n := range byCat {
		top = max(top, n)
	}
	for _, c := range person.Categories {
		d.ByCategory = append(d.ByCategory, barRow{Label: v.Label("category", c), Count: byCat[c], Bar: barWidth(byCat[c], top)})
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "home", v)
	return nil
}

// barWidth scales n against top to a width class from 0 to 100 in steps of
// 5; a non-zero count always shows at least a sliver.
func barWidth(n, top int) int {
	if n <= 0 || top <= 0 {
		return 0
	}
	return max(5, (n*20+top/2)/top*5)
}
