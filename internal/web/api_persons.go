package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// personFilter reads list filters from a query string, reporting each bad
// parameter by name.
func personFilter(r *http.Request) (person.Filter, error) {
	q := r.URL.Query()
	f := person.Filter{Limit: 50}
	var fs errs.Fields
	if v := q.Get("q"); v != "" {
		f.Query = &v
	}
	if v := q.Get("place"); v != "" {
		if _, err := placeLevel(v); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		f.PlaceCode = &v
	}
	if v := q.Get("category"); v != "" {
		c := person.Category(v)
		if !c.Valid() {
			fs.Add("category", "err.category.unknown", map[string]any{"Value": v})
		}
		f.Category = &c
	}
	if v := q.Get("ethnicity"); v != "" {
		f.Ethnicity = &v
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// pageParams reads offset (default 0) and limit (1–200, default 50).
func pageParams(q url.Values, fs *errs.Fields) (offset, limit int) {
	limit = 50
	for _, p := range []struct {
		name     string
		dst      *int
		min, max int
	}{{"offset", &offset, 0, 1 << 30}, {"limit", &limit, 1, 200}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < p.min || n > p.max {
				fs.Add(p.name, "err.range", map[string]any{"Min": p.min, "Max": p.max})
			}
			*p.dst = n
		}
	}
	return offset, limit
}

// apiListPersons handles GET /api/v1/persons.
func (s *Server) apiListPersons(w http.ResponseWriter, r *http.Request) error {
	f, err := personFilter(r)
	if err != nil {
		return err
	}
	list, total, err := s.db.Persons(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

type personInput struct {
	person.Person
	ConfirmDuplicates bool `json:"confirm_duplicates"`
}

// apiCreatePerson handles POST /api/v1/persons. A client may choose the id
// (a UUID made offline); birth date and sex come from the ID number.
func (s *Server) apiCreatePerson(w http.ResponseWriter, r *http.Request) error {
	var in personInput
	if err := readJSON(r, &in); err != nil {
		return err
	}
	p := in.Person
	if p.ID != "" {
		if _, err := uuid.Parse(p.ID); err != nil {
			return errs.InvalidField("id", "err.uuid", nil)
		}
	}
	if p.Categories == nil {
		p.Categories = []person.Category{}
	}
	got, err := s.db.CreatePerson(r.Context(), &p, in.ConfirmDuplicates)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/persons/"+got.ID)
	return writeJSON(w, http.StatusCreated, got)
}

// apiGetPerson handles GET /api/v1/persons/{id}.
func (s *Server) apiGetPerson(w http.ResponseWriter, r *http.Request) error {
	p, err := s.db.Person(r.Context(), r.PathValue("id"), "api")
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// apiUpdatePerson handles PATCH /api/v1/persons/{id}: only the fields sent
// change; "version" must be the version read.
func (s *Server) apiUpdatePerson(w http.ResponseWriter, r *http.Request) error {
	var u person.Update
	if err := readJSON(r, &u); err != nil {
		return err
	}
	if u.Version <= 0 {
		return errs.InvalidField("version", "err.required", nil)
	}
	p, err := s.db.UpdatePerson(r.Context(), r.PathValue("id"), u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// apiListLocations handles GET /api/v1/persons/{id}/locations.
func (s *Server) apiListLocations(w http.ResponseWriter, r *http.Request) error {
	ls, err := s.db.Locations(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": ls})
}

// apiAddLocation handles POST /api/v1/persons/{id}/locations.
func (s *Server) apiAddLocation(w http.ResponseWriter, r *http.Request) error {
	var l person.Location
	if err := readJSON(r, &l); err != nil {
		return err
	}
	l.PersonID, l.ID = r.PathValue("id"), ""
	if err := s.db.AddLocation(r.Context(), &l); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, l)
}

// apiLocationOn handles GET /api/v1/persons/{id}/location?date=YYYY-MM-DD:
// where the person is on that day (today in China when no date is given).
func (s *Server) apiLocationOn(w http.ResponseWriter, r *http.Request) error {
	day := s.now().In(chinaTime)
	if v := r.URL.Query().Get("date"); v != "" {
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return errs.InvalidField("date", "err.date.format", nil)
		}
		day = d
	}
	l, err := s.db.LocationOn(r.Context(), r.PathValue("id"), day)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, l)
}

// apiAccessLog handles GET /api/v1/persons/{id}/access-log: who read the file.
func (s *Server) apiAccessLog(w http.ResponseWriter, r *http.Request) error {
	log, err := s.db.AccessLog(r.Context(), r.PathValue("id"), 200)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(log)})
}
