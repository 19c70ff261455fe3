package web

import (
	"net/http"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/provider"
)

// orgFormData is the organisation form, new or edit.
type orgFormData struct {
	ID       string // "" for a new organisation
	F        orgForm
	Kinds    []choice
	Places   []placeOption
	Error    string
	Conflict bool
	Locked   bool // provider admins do not change place, kind, stars or halal
	Fields   map[string]string
}

// Err is the message for one field, or "".
func (d orgFormData) Err(field string) string { return d.Fields[field] }

// orgForm is the form as typed.
type orgForm struct {
	Version                                           int
	Name, Kind, PlaceCode, CreditCode, Contact, Phone string
	Stars                                             string
	Halal, Active                                     bool
}

func orgFormOf(o *provider.Org) orgForm {
	return orgForm{Version: o.Version, Name: o.Name, Kind: string(o.Kind), PlaceCode: o.PlaceCode, CreditCode: o.CreditCode,
		Contact: o.Contact, Phone: o.Phone, Stars: strconv.Itoa(o.Stars), Halal: o.Halal, Active: o.Active}
}

func readOrgForm(r *http.Request) orgForm {
	r.ParseForm()
	pf := r.PostForm
	f := orgForm{Name: pf.Get("name"), Kind: pf.Get("kind"), PlaceCode: strings.TrimSpace(pf.Get("place_code")), CreditCode: pf.Get("credit_code"),
		Contact: pf.Get("contact"), Phone: pf.Get("phone"), Stars: strings.TrimSpace(pf.Get("stars")), Halal: pf.Get("halal") != "", Active: pf.Get("active") != ""}
	f.Version, _ = strconv.Atoi(pf.Get("version"))
	return f
}

// org turns the form into an organisation, reporting a star level that is
// not a number.
func (f orgForm) org() (provider.Org, errs.Fields) {
	var fs errs.Fields
	stars, err := strconv.Atoi(f.Stars)
	if err != nil && f.Stars != "" {
		fs.Add("stars", "err.range", map[string]any{"Min": 0, "Max": provider.MaxStars})
	}
	return provider.Org{Version: f.Version, Name: f.Name, Kind: provider.OrgKind(f.Kind), PlaceCode: f.PlaceCode, CreditCode: f.CreditCode,
		Contact: f.Contact, Phone: f.Phone, Stars: stars, Halal: f.Halal, Active: f.Active}, fs
}

// showNewProviderPage handles GET /providers/new.
func (s *Server) showNewProviderPage(w http.ResponseWriter, r *http.Request) error {
	if a := auth.ActorFrom(r.Context()); !a.Can(auth.ManageProviders) || a.ProviderSide() {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return s.renderOrgForm(w, r, http.StatusOK, "", orgForm{Active: true, Stars: "0"}, nil)
}

// createProvider handles POST /providers/new.
func (s *Server) createProvider(w http.ResponseWriter, r *http.Request) error {
	f := readOrgForm(r)
	o, fs := f.org()
	var err error = fs.Err()
	var saved *provider.Org
	if err == nil {
		saved, err = s.db.CreateProvider(r.Context(), o)
	}
	if err != nil {
		return s.orgFormFailed(w, r, "", f, err)
	}
	http.Redirect(w, r, "/providers/"+saved.ID, http.StatusSeeOther)
	return nil
}

// showEditProviderPage handles GET /providers/{id}/edit.
func (s *Server) showEditProviderPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageProviders); err != nil {
		return err
	}
	o, err := s.db.Provider(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderOrgForm(w, r, http.StatusOK, o.ID, orgFormOf(o), nil)
}

// saveProvider handles POST /providers/{id}/edit.
func (s *Server) saveProvider(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	f := readOrgForm(r)
	o, fs := f.org()
	o.ID = id
	err := fs.Err()
	if err == nil {
		_, err = s.db.UpdateProvider(r.Context(), o)
	}
	if err != nil {
		return s.orgFormFailed(w, r, id, f, err)
	}
	http.Redirect(w, r, "/providers/"+id, http.StatusSeeOther)
	return nil
}

// orgFormFailed shows the form again with what went wrong, or fails the
// request for errors a form cannot help with.
func (s *Server) orgFormFailed(w http.ResponseWriter, r *http.Request, id string, f orgForm, err error) error {
	p := s.problemFor(r, err)
	if p.Code == errs.Forbidden || p.Code == errs.NotFound || p.Code == errs.Internal {
		return err
	}
	return s.renderOrgForm(w, r, p.Status, id, f, &p)
}

func (s *Server) renderOrgForm(w http.ResponseWriter, r *http.Request, status int, id string, f orgForm, p *Problem) error {
	title := "providers.new"
	if id != "" {
		title = "providers.edit"
	}
	v := s.newView(w, r, title)
	v.Nav = "providers"
	d := orgFormData{ID: id, F: f, Locked: v.actor.ProviderSide()}
	for _, k := range provider.OrgKinds {
		d.Kinds = append(d.Kinds, choice{Value: string(k), Label: v.Label("provider.kind", k)})
	}
	opts, err := s.placeOptions(r.Context(), currentUser(r).PlaceCode, v.Lang.Tag)
	if err != nil {
		return err
	}
	d.Places = opts
	if p != nil {
		d.Error, d.Conflict, d.Fields = p.Title, p.Code == errs.Conflict, problemFields(*p)
	}
	v.Data = d
	s.render(w, r, status, "providers_form", v)
	return nil
}
