package web

import (
	"net/http"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// showEditPersonPage handles GET /persons/{id}/edit.
func (s *Server) showEditPersonPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WritePersons); err != nil {
		return err
	}
	p, err := s.db.Person(r.Context(), r.PathValue("id"), "edit")
	if err != nil {
		return err
	}
	return s.renderPersonForm(w, r, http.StatusOK, &formData{F: formFromPerson(p), PersonID: p.ID, Name: p.Name})
}

// savePerson handles POST /persons/{id}/edit. The form carries the version
// it was read at; if someone saved in between, the clerk is told and
// nothing is overwritten.
func (s *Server) savePerson(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WritePersons); err != nil {
		return err
	}
	id := r.PathValue("id")
	f, fs := readPersonForm(r)
	d := &formData{F: f, PersonID: id, Name: f.Name}
	if f.Version <= 0 {
		fs.Add("version", "err.required", nil)
	}
	if err := fs.Err(); err != nil {
		return s.renderPersonFormError(w, r, d, err)
	}
	if _, err := s.db.UpdatePerson(r.Context(), id, f.update()); err != nil {
		if errs.Is(err, errs.NotFound) || errs.Is(err, errs.Forbidden) {
			return err
		}
		return s.renderPersonFormError(w, r, d, err)
	}
	s.setFlash(w, "flash.person_saved")
	http.Redirect(w, r, "/persons/"+id, http.StatusSeeOther)
	return nil
}
