package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
)

// personsPageSize is the number of people on one page of the list.
const personsPageSize = 50

// personsData is the person list with its filter form.
type personsData struct {
	Q, Place, Category, Ethnicity string
	Places                        []placeOption
	Categories                    []person.Category
	Ethnicities                   []string
	Errors                        []string
	Rows                          []personRow
	Total, Page, Pages            int
	PrevURL, NextURL              string
}

type placeOption struct{ Code, Label string }

type personRow struct {
	*person.Person
	Age     int
	Village string
}

// showPersonsPage handles GET /persons: search and filter the register in
// the user's scope, 50 to a page.
func (s *Server) showPersonsPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(w, r, "persons.title")
	v.Nav = "persons"
	ctx := r.Context()
	q := r.URL.Query()
	d := personsData{Q: q.Get("q"), Place: q.Get("place"), Category: q.Get("category"), Ethnicity: q.Get("ethnicity"),
		Categories: person.Categories, Ethnicities: person.Ethnicities, Page: 1}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	opts, err := s.placeOptions(ctx, currentUser(r).PlaceCode, v.Lang.Tag)
	if err != nil {
		return err
	}
	d.Places = opts
	f, ferr := s.listFilter(ctx, &d)
	status := http.StatusOK
	if ferr != nil {
		p := s.problemFor(r, ferr)
		for _, e := range p.Errors {
			d.Errors = append(d.Errors, e.Detail)
		}
		status = p.Status
	} else {
		list, total, err := s.db.Persons(ctx, f)
		if err != nil {
			return err
		}
		today := s.now().In(chinaTime)
		names := s.placeNamer(ctx, v.Lang.Tag)
		for _, p := range list {
			d.Rows = append(d.Rows, personRow{Person: p, Age: p.Age(today), Village: names(p.PlaceCode)})
		}
		d.Total, d.Pages = total, max(1, (total+personsPageSize-1)/personsPageSize)
		if d.Page > 1 {
			d.PrevURL = d.pageURL(min(d.Page-1, d.Pages))
		}
		if d.Page < d.Pages {
			d.NextURL = d.pageURL(d.Page + 1)
		}
	}
	v.Data = d
	s.render(w, r, status, "persons", v)
	return nil
}

// listFilter checks the filter values, reporting each bad one by field.
func (s *Server) listFilter(ctx context.Context, d *personsData) (person.Filter, error) {
	f := person.Filter{Limit: personsPageSize, Offset: (d.Page - 1) * personsPageSize}
	var fs errs.Fields
	if d.Q != "" {
		f.Query = &d.Q
	}
	if d.Place != "" {
		// A place outside the scope is as unknown as one that does not exist.
		if _, err := place.LevelOf(d.Place); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		} else if _, err := s.db.Place(ctx, d.Place); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		f.PlaceCode = &d.Place
	}
	if d.Category != "" {
		c := person.Category(d.Category)
		if !c.Valid() {
			fs.Add("category", "err.category.unknown", map[string]any{"Value": d.Category})
		}
		f.Category = &c
	}
	if d.Ethnicity != "" {
		if !slices.Contains(person.Ethnicities, d.Ethnicity) {
			fs.Add("ethnicity", "err.ethnicity.unknown", nil)
		}
		f.Ethnicity = &d.Ethnicity
	}
	return f, fs.Err()
}

// pageURL is the list URL with the same filters, at page n.
func (d *personsData) pageURL(n int) string {
	q := url.Values{}
	for k, v := range map[string]string{"q": d.Q, "place": d.Place, "category": d.Category, "ethnicity": d.Ethnicity} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/persons"
	}
	return "/persons?" + q.Encode()
}

// placeOptions lists the counties and townships in the scope, labelled
// with their parent county so two townships of the same name differ.
func (s *Server) placeOptions(ctx context.Context, root, lang string) ([]placeOption, error) {
	ps, err := s.db.PlacesUnder(ctx, root, place.Township)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	var out []placeOption
	for _, p := range ps {
		label := placeName(p, lang)
		names[p.Code] = label
		if p.Level == place.Township && names[p.Parent] != "" {
			label = names[p.Parent] + " / " + label
		}
		out = append(out, placeOption{Code: p.Code, Label: label})
	}
	return out, nil
}

// placeNamer returns a function naming places in lang, reading each place
// once per request.
func (s *Server) placeNamer(ctx context.Context, lang string) func(code string) string {
	cache := map[string]string{}
	return func(code string) string {
		if n, ok := cache[code]; ok {
			return n
		}
		n := code
		if p, err := s.db.Place(ctx, code); err == nil {
			n = placeName(p, lang)
		}
		cache[code] = n
		return n
	}
}
