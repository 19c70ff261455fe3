package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/provider"
)

// workerFormData is the worker form, new or edit.
type workerFormData struct {
	ProviderID, ProviderName string
	ID                       string // "" for a new worker
	F                        workerForm
	Kinds, Sexes, Languages  []choice
	Items                    []choice
	Places                   []placeOption
	CertKinds                []choice
	Error                    string
	Conflict                 bool
	Fields                   map[string]string
}

// Err is the message for one field, or "".
func (d workerFormData) Err(field string) string { return d.Fields[field] }

// workerForm is the form as typed.
type workerForm struct {
	Version                                      int
	Name, Kind, Sex, Capacity, PlaceCode, Rating string
	Phone                                        string
	Languages, Items, Coverage                   []string
	CertNumber, CertExpires                      map[string]string
	Active                                       bool
}

// Has reports whether a list field holds v, for checkboxes.
func (f workerForm) Has(list []string, v string) bool { return slices.Contains(list, v) }

func workerFormOf(wk *provider.Worker) workerForm {
	f := workerForm{Version: wk.Version, Name: wk.Name, Kind: string(wk.Kind), Sex: wk.Sex, Capacity: strconv.Itoa(wk.Capacity),
		PlaceCode: wk.PlaceCode, Rating: strconv.Itoa(wk.Rating), Phone: wk.Phone, Languages: wk.Languages, Items: wk.Items,
		Coverage: wk.Coverage, Active: wk.Active, CertNumber: map[string]string{}, CertExpires: map[string]string{}}
	for _, c := range wk.Certs {
		f.CertNumber[string(c.Cert)], f.CertExpires[string(c.Cert)] = c.Number, c.Expires
	}
	return f
}

func readWorkerForm(r *http.Request) workerForm {
	r.ParseForm()
	pf := r.PostForm
	f := workerForm{Name: pf.Get("name"), Kind: pf.Get("kind"), Sex: pf.Get("sex"), Capacity: strings.TrimSpace(pf.Get("capacity")),
		PlaceCode: pf.Get("place_code"), Rating: strings.TrimSpace(pf.Get("rating")), Phone: pf.Get("phone"), Languages: pf["languages"],
		Items: pf["items"], Coverage: pf["coverage"], Active: pf.Get("active") != "", CertNumber: map[string]string{}, CertExpires: map[string]string{}}
	f.Version, _ = strconv.Atoi(pf.Get("version"))
	for _, k := range provider.CertKinds {
		f.CertNumber[string(k)] = strings.TrimSpace(pf.Get("cert_number_" + string(k)))
		f.CertExpires[string(k)] = strings.TrimSpace(pf.Get("cert_expires_" + string(k)))
	}
	return f
}

// worker turns the form into a worker; a certificate counts when its
// expiry date is filled in.
func (f workerForm) worker() (provider.Worker, errs.Fields) {
	var fs errs.Fields
	num := func(field, s string, lo, hi int) int {
		n, err := strconv.Atoi(s)
		if err != nil && s != "" {
			fs.Add(field, "err.range", map[string]any{"Min": lo, "Max": hi})
		}
		return n
	}
	wk := provider.Worker{Version: f.Version, Name: f.Name, Kind: provider.WorkerKind(f.Kind), Sex: f.Sex, PlaceCode: f.PlaceCode,
		Capacity: num("capacity", f.Capacity, 1, provider.MaxCapacity), Rating: num("rating", f.Rating, 0, provider.MaxRating),
		Phone: f.Phone, Languages: f.Languages, Items: f.Items, Coverage: f.Coverage, Active: f.Active}
	for _, k := range provider.CertKinds {
		if e := f.CertExpires[string(k)]; e != "" {
			wk.Certs = append(wk.Certs, provider.Cert{Cert: k, Number: f.CertNumber[string(k)], Expires: e})
		}
	}
	return wk, fs
}

// showNewWorkerPage handles GET /providers/{id}/workers/new.
func (s *Server) showNewWorkerPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageProviders); err != nil {
		return err
	}
	o, err := s.db.Provider(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := workerForm{Active: true, Capacity: "20", Rating: "400", Languages: []string{"zh"}, CertNumber: map[string]string{}, CertExpires: map[string]string{}}
	return s.renderWorkerForm(w, r, http.StatusOK, o.ID, o.Name, "", f, nil)
}

// createWorker handles POST /providers/{id}/workers/new.
func (s *Server) createWorker(w http.ResponseWriter, r *http.Request) error {
	o, err := s.db.Provider(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := readWorkerForm(r)
	wk, fs := f.worker()
	wk.ProviderID = o.ID
	err = fs.Err()
	var saved *provider.Worker
	if err == nil {
		saved, err = s.db.CreateWorker(r.Context(), wk)
	}
	if err != nil {
		return s.workerFormFailed(w, r, o.ID, o.Name, "", f, err)
	}
	http.Redirect(w, r, "/workers/"+saved.ID, http.StatusSeeOther)
	return nil
}

// showEditWorkerPage handles GET /workers/{id}/edit.
func (s *Server) showEditWorkerPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageProviders); err != nil {
		return err
	}
	wk, err := s.db.Worker(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderWorkerForm(w, r, http.StatusOK, wk.ProviderID, wk.ProviderName, wk.ID, workerFormOf(wk), nil)
}

// saveWorker handles POST /workers/{id}/edit.
func (s *Server) saveWorker(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.db.Worker(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := readWorkerForm(r)
	wk, fs := f.worker()
	wk.ID, wk.ProviderID = cur.ID, cur.ProviderID
	err = fs.Err()
	if err == nil {
		_, err = s.db.UpdateWorker(r.Context(), wk)
	}
	if err != nil {
		return s.workerFormFailed(w, r, cur.ProviderID, cur.ProviderName, cur.ID, f, err)
	}
	http.Redirect(w, r, "/workers/"+cur.ID, http.StatusSeeOther)
	return nil
}

func (s *Server) workerFormFailed(w http.ResponseWriter, r *http.Request, providerID, providerName, id string, f workerForm, err error) error {
	p := s.problemFor(r, err)
	if p.Code == errs.Forbidden || p.Code == errs.NotFound || p.Code == errs.Internal {
		return err
	}
	return s.renderWorkerForm(w, r, p.Status, providerID, providerName, id, f, &p)
}

func (s *Server) renderWorkerForm(w http.ResponseWriter, r *http.Request, status int, providerID, providerName, id string, f workerForm, p *Problem) error {
	title := "workers.new"
	if id != "" {
		title = "workers.edit"
	}
	v := s.newView(w, r, title)
	v.Nav = "providers"
	d := workerFormData{ProviderID: providerID, ProviderName: providerName, ID: id, F: f}
	for _, k := range provider.WorkerKinds {
		d.Kinds = append(d.Kinds, choice{Value: string(k), Label: v.Label("provider.worker_kind", k)})
	}
	for _, sx := range []person.Sex{person.Female, person.Male} {
		d.Sexes = append(d.Sexes, choice{Value: string(sx), Label: v.Label("sex", sx)})
	}
	for _, l := range person.Languages {
		d.Languages = append(d.Languages, choice{Value: l, Label: v.Label("language", l)})
	}
	for _, k := range provider.CertKinds {
		d.CertKinds = append(d.CertKinds, choice{Value: string(k), Label: v.Label("provider.cert", k)})
	}
	var err error
	if d.Items, err = s.itemChoices(r, v); err != nil {
		return err
	}
	if d.Places, err = s.placeOptions(r.Context(), currentUser(r).PlaceCode, v.Lang.Tag); err != nil {
		return err
	}
	if p != nil {
		d.Error, d.Conflict, d.Fields = p.Title, p.Code == errs.Conflict, problemFields(*p)
	}
	v.Data = d
	s.render(w, r, status, "workers_form", v)
	return nil
}
