package web

import (
	"fmt"
	"net/http"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/assess"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/store"
)

// assessRow is one assessment in a person's history.
type assessRow struct {
	ID       string
	At       string
	Template string
	Tier     string
	Package  string
	By       string
	Delegate bool
	NextDue  string
}

// assessPersonData is a person's assessment page.
type assessPersonData struct {
	ID, Name  string
	Rows      []assessRow
	CanAssess bool
	New       []choice // one link per template
}

// templateLabels reads template versions once each per request, to label
// rows scored with different versions.
type templateLabels struct {
	s     *Server
	r     *http.Request
	cache map[string]*assess.Template
}

func (tl *templateLabels) get(code string, version int) *assess.Template {
	key := fmt.Sprintf("%s@%d", code, version)
	if t, ok := tl.cache[key]; ok {
		return t
	}
	t := &assess.Template{Code: code}
	if st, err := tl.s.db.Template(tl.r.Context(), code, version); err == nil {
		t = st.Template
	}
	tl.cache[key] = t
	return t
}

// showPersonAssessmentsPage handles GET /persons/{id}/assessments: the
// person's assessments, newest first, and links to assess them again.
func (s *Server) showPersonAssessmentsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := s.db.Person(ctx, r.PathValue("id"), "view")
	if err != nil {
		return err
	}
	list, err := s.db.Assessments(ctx, p.ID)
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Title, v.Nav = v.T("assess.ui.title.person", "Name", p.Name), "persons"
	a := auth.ActorFrom(ctx)
	d := &assessPersonData{ID: p.ID, Name: p.Name, CanAssess: a.System || assess.MayAssess(a.Role)}
	tl := &templateLabels{s: s, r: r, cache: map[string]*assess.Template{}}
	for _, as := range list {
		t := tl.get(as.Result.TemplateCode, as.Result.TemplateVersion)
		row := assessRow{ID: as.ID, At: chinaClock(as.At), Template: v.T(t.NameKey) + " · " + v.T("assess.ui.version", "Version", as.Result.TemplateVersion),
			Tier: v.T(t.TierLabel(as.Result.Tier)), By: as.AssessedBy, Delegate: as.Result.DelegateToProfessional,
			NextDue: as.NextDue.In(chinaTime).Format("2006-01-02"), Package: v.T("common.none")}
		if as.Result.Package != "" {
			row.Package = v.T(t.PackageLabel(as.Result.Package))
		}
		d.Rows = append(d.Rows, row)
	}
	if d.CanAssess {
		templates, err := s.db.Templates(ctx)
		if err != nil {
			return err
		}
		for _, t := range templates {
			d.New = append(d.New, choice{Value: assessURL(p.ID, "", t.Code), Label: v.T(t.NameKey)})
		}
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "assess_person", v)
	return nil
}

// assessWorkData is the assessors' work list.
type assessWorkData struct {
	Apps []assessWorkApp
	Due  []assessWorkDue
}

type assessWorkApp struct {
	ID, PersonID, PersonName, Village, Due, Link string
	Urgent                                       bool
}

type assessWorkDue struct {
	store.DueReassessment
	Village, Tier, Reason, NextDue, Link string
}

// showAssessWorkPage handles GET /assess: applications waiting at the
// assessment step and people due for reassessment, in the caller's area.
func (s *Server) showAssessWorkPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	state := approval.Assessment
	apps, _, err := s.db.Applications(ctx, store.ApplicationFilter{State: &state, Limit: 100})
	if err != nil {
		return err
	}
	due, _, err := s.db.ReassessmentsDue(ctx, s.now(), 0, 100)
	if err != nil {
		return err
	}
	v := s.newView(w, r, "assess.ui.title.work")
	names := s.placeNamer(ctx, v.Lang.Tag)
	d := &assessWorkData{}
	for _, a := range apps {
		d.Apps = append(d.Apps, assessWorkApp{ID: a.ID, PersonID: a.PersonID, PersonName: a.PersonName, Village: names(a.PlaceCode),
			Due: chinaClock(a.Due), Urgent: a.Urgent, Link: assessURL(a.PersonID, a.ID, "default")})
	}
	tl := &templateLabels{s: s, r: r, cache: map[string]*assess.Template{}}
	for _, x := range due {
		t := tl.get(x.TemplateCode, x.TemplateVersion)
		d.Due = append(d.Due, assessWorkDue{DueReassessment: x, Village: names(x.PlaceCode), Tier: v.T(t.TierLabel(x.Tier)),
			Reason: v.T("assess.ui.due." + x.Reason), NextDue: x.NextDue.In(chinaTime).Format("2006-01-02"),
			Link: assessURL(x.PersonID, "", x.TemplateCode)})
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "assess_work", v)
	return nil
}
