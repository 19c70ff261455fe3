package web

import (
	"net/http"
	"net/url"
	"strings"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

// applyNewData is the filing form and what was typed into it.
type applyNewData struct {
	Persons    []applyPerson
	Categories []applyChoice
	PersonID   string
	Category   string
	Note       string
	Error      string
	Fields     map[string]string
}

// applyChoice is one kind of help on the form, in plain words.
type applyChoice struct {
	Value, Label, Hint string
}

// showNewPage handles GET /apply/new: choose the person (when the number
// is linked to several), the kind of help, and say more in free text.
func (p *residentSite) showNewPage(w http.ResponseWriter, r *http.Request, token string) error {
	return p.renderNew(w, r, token, http.StatusOK, applyNewData{})
}

func (p *residentSite) renderNew(w http.ResponseWriter, r *http.Request, token string, status int, d applyNewData) error {
	v := p.newView(w, r, "apply.new_title", "/apply/new")
	ps, err := p.s.db.ResidentPersons(r.Context(), token)
	if err != nil {
		return err
	}
	d.Persons = applicants(v, ps)
	for _, c := range residentCategories {
		d.Categories = append(d.Categories, applyChoice{Value: string(c),
			Label: v.T("apply.category." + string(c)), Hint: v.T("apply.category_hint." + string(c))})
	}
	if len(d.Persons) == 1 {
		d.PersonID = d.Persons[0].ID
	}
	v.Data = d
	p.render(w, r, status, "public_new", v)
	return nil
}

// fileNeed handles POST /apply/new: the need goes into the ledger through
// the self-application channel (merged into an open one of the same kind),
// and the resident sees where it stands.
func (p *residentSite) fileNeed(w http.ResponseWriter, r *http.Request, token string) error {
	now := p.s.now()
	if !p.filings.allowed(token, now) {
		return tooMany
	}
	p.filings.fail(token, now)
	d := applyNewData{PersonID: r.PostFormValue("person_id"), Category: r.PostFormValue("category"),
		Note: strings.TrimSpace(r.PostFormValue("note"))}
	var fs errs.Fields
	if d.PersonID == "" {
		fs.Add("person_id", "err.apply.person", nil)
	}
	if d.Category == "" {
		fs.Add("category", "err.apply.category", nil)
	}
	err := fs.Err()
	var merged bool
	var id string
	if err == nil {
		n, m, ferr := p.s.db.SelfApply(r.Context(), token, d.PersonID, need.Category(d.Category), d.Note)
		if err = ferr; err == nil {
			id, merged = n.ID, m
		}
	}
	if errs.Is(err, errs.Invalid) {
		prob := p.s.problemFor(r, err)
		d.Error, d.Fields = prob.Title, problemFields(prob)
		return p.renderNew(w, r, token, prob.Status, d)
	}
	if err != nil {
		return err
	}
	to := "/apply/done/" + url.PathEscape(id)
	if merged {
		to += "?merged=1"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
