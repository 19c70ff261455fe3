package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/catalog"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/provider"
)

// The item page's revision form and the new-item page share their fields,
// kept in catalog_fields.html; each page set is parsed from one page file,
// so the shared file is added to both here.
func init() {
	for _, page := range []string{"catalog_item", "catalog_new"} {
		template.Must(pageTemplates[page].ParseFS(templateFS, "templates/catalog_fields.html"))
	}
}

// newItemForm is the new-item form as typed: the revision form's fields and
// those only a new item sets (the code and project never change after).
type newItemForm struct {
	reviseForm
	Project, Code, Funding, Cert string
	NameUG, NameKK, NameEN       string
	Groups, Tiers, WorkerKinds   []string
	Food                         bool
}

// Has reports whether a checkbox list holds the value.
func (f newItemForm) Has(list []string, v string) bool { return slices.Contains(list, v) }

// catalogNewData is the new-item page.
type catalogNewData struct {
	F                                     newItemForm
	Units, Kinds, Projects, Groups, Tiers []choice
	WorkerKinds, Fundings, Certs          []choice
	Error                                 string
	Taken                                 string // the code of the existing item the new one clashes with
	Fields                                map[string]string
}

// Err is the message for one field of the form, or "".
func (d catalogNewData) Err(field string) string { return d.Fields[field] }

// showNewCatalogItemPage handles GET /catalog/new.
func (s *Server) showNewCatalogItemPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageCatalog); err != nil {
		return err
	}
	f := newItemForm{reviseForm: reviseForm{Unit: string(catalog.Visit), Kind: string(catalog.Basic), Minutes: "60", Times: "1", EveryWeeks: "1"}}
	return s.renderNewCatalogItem(w, r, http.StatusOK, f, nil, nil)
}

// createCatalogItem handles POST /catalog/new: version 1 of a new item, then
// its page; the form again, as typed, with the errors.
func (s *Server) createCatalogItem(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageCatalog); err != nil {
		return err
	}
	r.ParseForm()
	f := readNewItemForm(r.PostForm)
	it, err := f.item()
	if err == nil {
		_, err = s.db.AddItem(r.Context(), it)
	}
	if err != nil {
		p := s.problemFor(r, err)
		if p.Code == errs.Forbidden || p.Code == errs.Internal {
			return err
		}
		return s.renderNewCatalogItem(w, r, p.Status, f, &p, problemFields(p))
	}
	http.Redirect(w, r, "/catalog/"+url.PathEscape(it.Code)+"?added=1", http.StatusSeeOther)
	return nil
}

func readNewItemForm(pf url.Values) newItemForm {
	v := func(k string) string { return strings.TrimSpace(pf.Get(k)) }
	return newItemForm{reviseForm: readReviseForm(pf), Project: v("project"), Code: strings.ToLower(v("code")),
		Funding: v("funding"), Cert: v("cert"), NameUG: v("name_ug"), NameKK: v("name_kk"), NameEN: v("name_en"),
		Groups: pf["person_groups"], Tiers: pf["tiers"], WorkerKinds: pf["worker_kinds"], Food: v("food") != ""}
}

// item builds the item the form describes. Numbers that do not parse and
// every other bad field are reported together, so one post shows them all.
func (f *newItemForm) item() (catalog.Item, error) {
	var fs errs.Fields
	it := catalog.Item{Code: f.Code, Project: catalog.Project(f.Project), Kind: catalog.Kind(f.Kind), Name: f.Name,
		Names: map[string]string{}, Content: f.Content, Standard: f.Standard, Unit: catalog.Unit(f.Unit),
		Funding: f.Funding, Cert: provider.CertKind(f.Cert), Food: f.Food, Tiers: []int{}}
	it.PriceFen, it.Minutes, it.Times, it.EveryWeeks = f.numbers(&fs)
	for lang, n := range map[string]string{"ug": f.NameUG, "kk-Arab": f.NameKK, "en": f.NameEN} {
		if n != "" {
			it.Names[lang] = n
		}
	}
	for _, g := range f.Groups {
		it.PersonGroups = append(it.PersonGroups, person.Category(g))
	}
	for _, k := range f.WorkerKinds {
		it.WorkerKinds = append(it.WorkerKinds, provider.WorkerKind(k))
	}
	for _, t := range f.Tiers {
		n, err := strconv.Atoi(t)
		if err != nil {
			n = 0 // refused by validation as out of range
		}
		it.Tiers = append(it.Tiers, n)
	}
	slices.Sort(it.Tiers)
	it.Tiers = slices.Compact(it.Tiers)
	if len(fs) == 0 {
		return it, nil
	}
	var e *errs.Error
	if errors.As(it.Validate(), &e) {
		for _, vf := range e.Fields {
			if vf.Name == "price_fen" || slices.ContainsFunc(fs, func(x errs.Field) bool { return x.Name == vf.Name }) {
				continue // the form's own message on the number as typed says more
			}
			fs = append(fs, vf)
		}
	}
	return it, fs.Err()
}

// renderNewCatalogItem shows the new-item form; p and fields carry a failed post.
func (s *Server) renderNewCatalogItem(w http.ResponseWriter, r *http.Request, status int, f newItemForm, p *Problem, fields map[string]string) error {
	v := s.newView(w, r, "catalog.new_title")
	v.Nav = "catalog"
	d := catalogNewData{F: f, Units: unitChoices(v), Kinds: kindChoices(v), Fields: fields}
	if d.Fields == nil {
		d.Fields = map[string]string{}
	}
	for _, pr := range catalog.Projects {
		d.Projects = append(d.Projects, choice{Value: string(pr), Label: v.Label("catalog.project", pr)})
	}
	for _, c := range person.Categories {
		d.Groups = append(d.Groups, choice{Value: string(c), Label: v.Label("category", c)})
	}
	for t := 1; t <= 4; t++ {
		d.Tiers = append(d.Tiers, choice{Value: strconv.Itoa(t), Label: v.T("catalog.tier", "Tier", t)})
	}
	for _, k := range provider.WorkerKinds {
		d.WorkerKinds = append(d.WorkerKinds, choice{Value: string(k), Label: v.Label("provider.worker_kind", k)})
	}
	for _, fu := range catalog.Fundings {
		d.Fundings = append(d.Fundings, choice{Value: fu, Label: v.Label("catalog.funding", fu)})
	}
	for _, c := range provider.CertKinds {
		d.Certs = append(d.Certs, choice{Value: string(c), Label: v.Label("provider.cert", c)})
	}
	if p != nil {
		d.Error = p.Title
		priceField(d.Fields)
		if p.Code == errs.Conflict { // the code is taken: say so at the code too
			d.Fields["code"], d.Taken = p.Title, f.Code
		}
	}
	v.Data = d
	s.render(w, r, status, "catalog_new", v)
	return nil
}
