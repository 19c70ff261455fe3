package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
	"jiuzhu/internal/store"
	"jiuzhu/internal/warn"
)

// emergenciesData is the emergency page: the declaration form for
// prefecture administrators and the emergencies touching the user's area.
type emergenciesData struct {
	CanDeclare bool
	F          emergencyForm
	Kinds      []choice
	Townships  []placeOption
	Error      string
	Fields     map[string]string
	Notice     string // what the declaration just made did
	Rows       []emergencyRow
}

// emergencyForm is the declaration as typed; Until is a day in Beijing time.
type emergencyForm struct {
	Kind, Until, Note string
	Townships         []string
}

// Has reports whether a township is chosen on the form.
func (f emergencyForm) Has(code string) bool { return slices.Contains(f.Townships, code) }

// Err is the message for one field, or "".
func (d *emergenciesData) Err(field string) string { return d.Fields[field] }

type emergencyRow struct {
	store.EmergencyRecord
	KindLabel, Declared, Ends string
	Places                    []string
	Active, Current           bool
}

// showEmergenciesPage handles GET /emergencies. After a declaration,
// ?declared= or ?existing= names it.
func (s *Server) showEmergenciesPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderEmergencies(w, r, http.StatusOK, &emergenciesData{})
}

// declareEmergency handles POST /emergencies.
func (s *Server) declareEmergency(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageWarnings); err != nil {
		return err
	}
	r.ParseForm()
	f := emergencyForm{Kind: r.PostForm.Get("kind"), Townships: r.PostForm["townships"], Until: strings.TrimSpace(r.PostForm.Get("until")),
		Note: strings.TrimSpace(r.PostForm.Get("note"))}
	d := &emergenciesData{F: f}
	decl := store.Declaration{Kind: warn.EmergencyKind(f.Kind), Townships: f.Townships, Note: f.Note}
	var err error
	if f.Until != "" {
		if day, perr := time.ParseInLocation(time.DateOnly, f.Until, chinaTime); perr != nil {
			err = errs.InvalidField("until", "err.date.format", nil)
		} else {
			end := day.AddDate(0, 0, 1) // the whole day given
			decl.Until = &end
		}
	}
	var rec *store.EmergencyRecord
	var existing bool
	if err == nil {
		rec, existing, err = s.db.DeclareEmergency(r.Context(), decl, ledgerNote)
	}
	if err != nil {
		p := s.problemFor(r, err)
		if p.Code == errs.Forbidden || p.Code == errs.Internal {
			return err
		}
		d.Error, d.Fields = p.Title, problemFields(p)
		return s.renderEmergencies(w, r, p.Status, d)
	}
	param := "declared"
	if existing {
		param = "existing"
	}
	http.Redirect(w, r, "/emergencies?"+param+"="+rec.ID+"#e-"+rec.ID, http.StatusSeeOther)
	return nil
}

// renderEmergencies fills in the form's choices and the list.
func (s *Server) renderEmergencies(w http.ResponseWriter, r *http.Request, status int, d *emergenciesData) error {
	ctx := r.Context()
	a := auth.ActorFrom(ctx)
	if !a.Can(auth.ReadNeeds) && !a.Can(auth.ManageWarnings) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	v := s.newView(w, r, "warn.em.title")
	v.Nav = "warnings"
	d.CanDeclare = a.Can(auth.ManageWarnings)
	if d.CanDeclare {
		d.Kinds = needChoices(v, "warn.emergency", warn.EmergencyKinds)
		opts, err := s.placeOptions(ctx, currentUser(r).PlaceCode, v.Lang.Tag)
		if err != nil {
			return err
		}
		for _, o := range opts {
			if lvl, err := place.LevelOf(o.Code); err == nil && lvl == place.Township {
				d.Townships = append(d.Townships, o)
			}
		}
	}
	list, _, err := s.db.Emergencies(ctx, 0, 50)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	names := s.placeNamer(ctx, v.Lang.Tag)
	now := s.now()
	for _, e := range list {
		row := emergencyRow{EmergencyRecord: e, KindLabel: v.Label("warn.emergency", e.Kind), Declared: chinaClock(e.DeclaredAt),
			Ends: chinaClock(e.Until), Active: e.Active(now)}
		for _, t := range e.Townships {
			row.Places = append(row.Places, names(t))
		}
		switch e.ID {
		case q.Get("declared"):
			row.Current = true
			d.Notice = v.T("warn.em.declared", "Affected", e.Affected, "Filed", e.NeedsFiled, "Merged", e.NeedsMerged)
		case q.Get("existing"):
			row.Current = true
			d.Notice = v.T("warn.em.existing")
		}
		d.Rows = append(d.Rows, row)
	}
	v.Data = d
	s.render(w, r, status, "warn_emergencies", v)
	return nil
}
