package web

import (
	"net/http"

	"jiuzhu/internal/auth"
)

// showNewPersonPage handles GET /persons/new.
func (s *Server) showNewPersonPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WritePersons); err != nil {
		return err
	}
	f := personForm{Categories: map[string]bool{}, DisabilityGrade: "0"}
	if u := currentUser(r); len(u.PlaceCode) == 12 {
		f.PlaceCode = u.PlaceCode // a village worker files people of one village
	}
	return s.renderPersonForm(w, r, http.StatusOK, &formData{F: f})
}

// createPerson handles POST /persons/new. A suspected duplicate comes back
// with the similar files and a "create anyway" box.
func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WritePersons); err != nil {
		return err
	}
	f, fs := readPersonForm(r)
	d := &formData{F: f}
	if err := fs.Err(); err != nil {
		return s.renderPersonFormError(w, r, d, err)
	}
	p := f.person()
	got, err := s.db.CreatePerson(r.Context(), &p, f.ConfirmDuplicates)
	if err != nil {
		return s.renderPersonFormError(w, r, d, err)
	}
	s.setFlash(w, "flash.person_created")
	http.Redirect(w, r, "/persons/"+got.ID, http.StatusSeeOther)
	return nil
}
