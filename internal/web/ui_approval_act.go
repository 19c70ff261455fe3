package web

import (
	"net/http"
	"slices"
	"strings"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

// actOnApplication handles POST /applications/{id}/act: take one approval
// action (action, reason, version). Success redirects to the case with a
// notice; a problem shows the case again with the reason kept, a missing
// reason beside its field and a conflict (someone acted first, or the step
// has moved on) above the forms.
func (s *Server) actOnApplication(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	r.ParseForm()
	action := approval.Action(r.PostForm.Get("action"))
	d := &applicationData{Version: formVersion(r), posted: string(action), reason: strings.TrimSpace(r.PostForm.Get("reason"))}
	var fs errs.Fields
	if d.Version <= 0 {
		fs.Add("version", "err.required", nil)
	}
	if !validAction(action) {
		fs.Add("action", "err.application.action", nil)
	}
	if err := fs.Err(); err != nil {
		return s.renderApplicationError(w, r, d, err)
	}
	id := r.PathValue("id")
	if _, err := s.db.Act(r.Context(), id, action, d.reason, d.Version); err != nil {
		return s.renderApplicationError(w, r, d, err)
	}
	s.setFlash(w, "flash.application_acted")
	http.Redirect(w, r, "/applications/"+id, http.StatusSeeOther)
	return nil
}

// renderApplicationError shows the case again with err. An application
// that is gone, out of reach or not the reader's to act on is an error page.
func (s *Server) renderApplicationError(w http.ResponseWriter, r *http.Request, d *applicationData, err error) error {
	p := s.problemFor(r, err)
	switch p.Code {
	case errs.NotFound, errs.Forbidden, errs.Internal:
		return err
	}
	d.Error, d.Conflict = p.Title, p.Code == errs.Conflict
	for _, f := range p.Errors {
		if f.Field == "reason" {
			d.reasonErr = f.Detail
			continue
		}
		d.Problems = append(d.Problems, f.Detail)
	}
	return s.renderApplicationPage(w, r, p.Status, d)
}

// applyForNeed handles POST /needs/{id}/apply: submit an open ledger entry
// for approval on the resident's behalf, on the urgent track when the box
// is ticked, and go to the new case.
func (s *Server) applyForNeed(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WriteNeeds); err != nil {
		return err
	}
	r.ParseForm()
	app, err := s.db.OpenApplication(r.Context(), r.PathValue("id"), r.PostForm.Get("urgent") != "")
	if err != nil {
		return s.renderNeedError(w, r, &needData{Form: "apply"}, err)
	}
	s.setFlash(w, "flash.application_opened")
	http.Redirect(w, r, "/applications/"+app.ID, http.StatusSeeOther)
	return nil
}

// MayApply reports whether the reader may submit this need for approval
// from its page: it is open and not yet in review, and the reader's role
// may file an application on the resident's behalf.
func (d *needData) MayApply(role auth.Role) bool {
	return d.CanHandle && d.Status != need.InReview &&
		slices.Contains(approval.RolesFor(approval.Draft, approval.Submit), role)
}
