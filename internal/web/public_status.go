package web

import (
	"net/http"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
)

// applyPerson is a person the resident may file for, as the pages show them.
type applyPerson struct {
	ID   string
	Name string // masked
	Born string // "born 1948", in the page's language
	Own  bool
}

// applyNeed is one ledger entry as the resident sees it.
type applyNeed struct {
	ID       string
	Person   applyPerson
	Category string // in plain words, in the page's language
	Status   string // likewise
	Tone     string // pending, ok, done or off: the badge's colour
	Filed    string
	Updated  string
	ViaSelf  bool
	Package  string // the granted service package, once approved and assessed
	Visits   string // its visits per month, in words
}

// applyStatusData is the status page.
type applyStatusData struct {
	Persons []applyPerson
	Needs   []applyNeed
}

// applyDoneData is the page after a filing.
type applyDoneData struct {
	Need   applyNeed
	Merged bool
}

// applicants labels the session's people in the page's language: the
// Arabic-script spelling for Uyghur and Kazakh readers when the file has one.
func applicants(v *view, ps []store.Applicant) []applyPerson {
	out := make([]applyPerson, 0, len(ps))
	for _, a := range ps {
		name := a.Name
		if (v.Lang.Dir == "rtl") && a.NameArabic != "" {
			name = a.NameArabic
		}
		out = append(out, applyPerson{ID: a.ID, Own: a.Own, Name: name, Born: v.T("apply.born", "Year", a.BirthYear)})
	}
	return out
}

func toneOf(s need.Status) string {
	switch {
	case s.Open():
		return "pending"
	case s == need.Approved:
		return "ok"
	case s == need.Closed:
		return "done"
	}
	return "off"
}

// residentNeeds reads the session's people and their ledger entries.
func (p *residentSite) residentNeeds(r *http.Request, v *view, token string) (applyStatusData, error) {
	ps, err := p.s.db.ResidentPersons(r.Context(), token)
	if err != nil {
		return applyStatusData{}, err
	}
	list, err := p.s.db.SelfApplications(r.Context(), token)
	if err != nil {
		return applyStatusData{}, err
	}
	d := applyStatusData{Persons: applicants(v, ps)}
	byID := map[string]applyPerson{}
	for _, a := range d.Persons {
		byID[a.ID] = a
	}
	packages, err := p.s.db.SelfPackages(r.Context(), token)
	if err != nil {
		return applyStatusData{}, err
	}
	for _, n := range list {
		an := applyNeed{ID: n.ID, Person: byID[n.PersonID],
			Category: v.T("apply.category." + string(n.Category)), Status: v.T("apply.status." + string(n.Status)),
			Tone: toneOf(n.Status), ViaSelf: n.ViaSelf,
			Filed: n.CreatedAt.In(chinaTime).Format("2006-01-02"), Updated: n.UpdatedAt.In(chinaTime).Format("2006-01-02")}
		if a, ok := packages[n.ID]; ok {
			if key := packageLabel(a.Result.TemplateCode, a.Result.Package); key != "" {
				an.Package = v.T(key)
				an.Visits = v.T("apply.package_visits", "Count", a.Result.VisitsPerMonth)
			}
		}
		d.Needs = append(d.Needs, an)
	}
	return d, nil
}

// packageLabel returns the message key of a package of a built-in template;
// residents see the name of what they were granted, not the template.
func packageLabel(template, code string) string {
	for _, t := range []*assess.Template{assess.DefaultTemplate(), assess.ElderlyTemplate()} {
		if t.Code == template {
			return t.PackageLabel(code)
		}
	}
	return ""
}

// showStatusPage handles GET /apply/status: the needs of the people linked
// to the resident's number, with their status in plain words.
func (p *residentSite) showStatusPage(w http.ResponseWriter, r *http.Request, token string) error {
	v := p.newView(w, r, "apply.status_title", "/apply/status")
	d, err := p.residentNeeds(r, v, token)
	if err != nil {
		return err
	}
	v.Data = d
	p.render(w, r, http.StatusOK, "public_status", v)
	return nil
}

// showDonePage handles GET /apply/done/{id}, after a filing: what happened
// and where the need stands in the ledger. Only the session's own people's
// needs are found.
func (p *residentSite) showDonePage(w http.ResponseWriter, r *http.Request, token string) error {
	merged := r.URL.Query().Get("merged") == "1"
	back := r.URL.Path
	if merged {
		back += "?merged=1"
	}
	v := p.newView(w, r, "apply.done_title", back)
	d, err := p.residentNeeds(r, v, token)
	if err != nil {
		return err
	}
	for _, n := range d.Needs {
		if n.ID == r.PathValue("id") {
			v.Data = applyDoneData{Need: n, Merged: merged}
			p.render(w, r, http.StatusOK, "public_done", v)
			return nil
		}
	}
	return errs.New(errs.NotFound, "err.not_found")
}
