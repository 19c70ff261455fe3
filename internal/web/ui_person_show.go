package web

import (
	"net/http"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// personData is one person file as the detail page shows it.
type personData struct {
	P         *person.Person
	Age       int
	Places    []string // county, township, village names
	Members   []personRow
	Guardian  *personRow // when the guardian is in the same household
	Locations []locationRow
	Today     locationRow
	TodayDate string
	Updated   string // last change, China time
	FullID    bool
	CanEdit   bool
	Visits    *personVisits // nil when the reader may not read visits
}

type locationRow struct {
	person.Location
	Place   string
	Current bool
}

// showPersonPage handles GET /persons/{id}. The store checks the scope
// (another area's file is not found) and logs the read.
func (s *Server) showPersonPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := s.db.Person(ctx, r.PathValue("id"), "view")
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Title, v.Nav = p.Name, "persons"
	a := auth.ActorFrom(ctx)
	today := s.now().In(chinaTime)
	names := s.placeNamer(ctx, v.Lang.Tag)
	d := personData{P: p, Age: p.Age(today), TodayDate: today.Format(time.DateOnly),
		Updated: p.UpdatedAt.In(chinaTime).Format("2006-01-02 15:04"),
		FullID:  a.Can(auth.SeeFullID), CanEdit: a.Can(auth.WritePersons) && a.Sees(p.PlaceCode)}
	for _, code := range []string{place.ParentCode(place.ParentCode(p.PlaceCode)), place.ParentCode(p.PlaceCode), p.PlaceCode} {
		if code != "" {
			d.Places = append(d.Places, names(code))
		}
	}
	if p.HouseholdID != "" {
		members, err := s.db.HouseholdMembers(ctx, p.HouseholdID)
		if err != nil {
			return err
		}
		for _, m := range members {
			row := personRow{Person: m, Age: m.Age(today), Village: names(m.PlaceCode)}
			d.Members = append(d.Members, row)
			if m.ID == p.GuardianID {
				d.Guardian = &row
			}
		}
	}
	locs, err := s.db.Locations(ctx, p.ID)
	if err != nil {
		return err
	}
	now, err := s.db.LocationOn(ctx, p.ID, today)
	if err != nil {
		return err
	}
	for _, l := range locs {
		d.Locations = append(d.Locations, locationRow{Location: l, Place: names(l.PlaceCode), Current: l.ID == now.ID})
	}
	d.Today = locationRow{Location: now, Place: names(now.PlaceCode), Current: true}
	if d.Visits, err = s.personVisits(r, v, p.ID); err != nil && !errs.Is(err, errs.Forbidden) {
		return err
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "person_show", v)
	return nil
}
