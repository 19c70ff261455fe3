package web

import (
	"net/http"

	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/store"
)

// maxVillageOptions bounds the village select; a larger scope types the
// 12-digit code instead.
const maxVillageOptions = 2000

// formData is the create or edit form with its choices and problems.
type formData struct {
	F           personForm
	PersonID    string // "" when creating
	Name        string // the file's name, for the edit title
	Error       string
	Fields      map[string]string
	Suspects    []suspectRow
	Conflict    bool
	Villages    []villageGroup
	VillageText bool
	Categories  []person.Category
	Ethnicities []string
	Languages   []string
	Relations   []string
	Grades      []int
}

// Err is the message for one field, or "".
func (d *formData) Err(field string) string { return d.Fields[field] }

// villageGroup is one township's villages, labelled "county / township".
type villageGroup struct {
	Label    string
	Villages []placeOption
	township string
}

type suspectRow struct {
	store.Suspect
	Village string
}

// renderPersonForm shows the form with the villages of the user's scope.
func (s *Server) renderPersonForm(w http.ResponseWriter, r *http.Request, status int, d *formData) error {
	v := s.newView(w, r, "form.new_title")
	v.Nav = "new"
	if d.PersonID != "" {
		v.Title, v.Nav = v.T("form.edit_title", "Name", d.Name), "persons"
	}
	ps, err := s.db.PlacesUnder(r.Context(), currentUser(r).PlaceCode, place.Village)
	if err != nil {
		return err
	}
	names := s.placeNamer(r.Context(), v.Lang.Tag)
	d.VillageText = len(ps) > maxVillageOptions
	for _, p := range ps {
		if d.VillageText || p.Level != place.Village {
			continue
		}
		if n := len(d.Villages); n == 0 || d.Villages[n-1].township != p.Parent {
			label := names(place.ParentCode(p.Parent)) + " / " + names(p.Parent)
			d.Villages = append(d.Villages, villageGroup{Label: label, township: p.Parent})
		}
		g := &d.Villages[len(d.Villages)-1]
		g.Villages = append(g.Villages, placeOption{Code: p.Code, Label: placeName(p, v.Lang.Tag)})
	}
	for i := range d.Suspects {
		d.Suspects[i].Village = names(d.Suspects[i].PlaceCode)
	}
	d.Categories, d.Ethnicities, d.Languages, d.Relations = person.Categories, person.Ethnicities, person.Languages, person.Relations
	d.Grades = []int{0, 1, 2, 3, 4}
	v.Data = d
	s.render(w, r, status, "person_form", v)
	return nil
}

// renderPersonFormError shows the form again with err: its title on top,
// each field's message beside the field, similar files for a suspected
// duplicate, and a clear notice when someone else saved first.
func (s *Server) renderPersonFormError(w http.ResponseWriter, r *http.Request, d *formData, err error) error {
	p := s.problemFor(r, err)
	d.Error, d.Fields = p.Title, problemFields(p)
	d.Conflict = p.Key == "err.version_conflict"
	if sus, ok := p.Data.([]store.Suspect); ok {
		for _, x := range sus {
			d.Suspects = append(d.Suspects, suspectRow{Suspect: x})
		}
	}
	return s.renderPersonForm(w, r, p.Status, d)
}
