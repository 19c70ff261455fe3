package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/catalog"
	"jiuzhu/internal/errs"
)

// catalogItemData is an item's page: the item, its versions and, for
// catalogue managers, the revision form.
type catalogItemData struct {
	Row      catalogRow
	Names    []catalogName
	History  []catalogRow
	CanEdit  bool
	Saved    bool
	F        reviseForm
	Units    []choice
	Kinds    []choice
	Error    string
	Conflict bool
	Fields   map[string]string
}

type catalogName struct{ Lang, Name string }

// Err is the message for one field of the form, or "".
func (d catalogItemData) Err(field string) string { return d.Fields[field] }

// reviseForm is the revision form as typed; the price is in yuan.
type reviseForm struct {
	Version                                 int
	Name, Price, Unit, Kind, Minutes, Times string
	EveryWeeks, Content, Standard, Note     string
	Active                                  bool
}

// showCatalogItemPage handles GET /catalog/{code}.
func (s *Server) showCatalogItemPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCatalogItem(w, r, http.StatusOK, nil, nil, nil)
}

// reviseCatalogItem handles POST /catalog/{code}: a new version from the
// form; the item page again with the errors, or with a notice.
func (s *Server) reviseCatalogItem(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageCatalog); err != nil {
		return err
	}
	r.ParseForm()
	pf := r.PostForm
	f := reviseForm{Name: strings.TrimSpace(pf.Get("name")), Price: strings.TrimSpace(pf.Get("price")), Unit: pf.Get("unit"), Kind: pf.Get("kind"),
		Minutes: strings.TrimSpace(pf.Get("minutes")), Times: strings.TrimSpace(pf.Get("times")), EveryWeeks: strings.TrimSpace(pf.Get("every_weeks")),
		Content: strings.TrimSpace(pf.Get("content")), Standard: strings.TrimSpace(pf.Get("standard")), Note: strings.TrimSpace(pf.Get("note")),
		Active: pf.Get("active") != ""}
	f.Version, _ = strconv.Atoi(pf.Get("version"))
	c, fs := f.changes()
	err := fs.Err()
	if err == nil {
		_, err = s.db.ReviseItem(r.Context(), r.PathValue("code"), f.Version, c, f.Note)
	}
	if err != nil {
		p := s.problemFor(r, err)
		if p.Code == errs.Forbidden || p.Code == errs.NotFound || p.Code == errs.Internal {
			return err
		}
		return s.renderCatalogItem(w, r, p.Status, &f, &p, problemFields(p))
	}
	http.Redirect(w, r, "/catalog/"+r.PathValue("code")+"?saved=1", http.StatusSeeOther)
	return nil
}

// changes turns the form into a revision, reporting numbers that are not.
func (f *reviseForm) changes() (catalog.Changes, errs.Fields) {
	var fs errs.Fields
	num := func(field, v string) *int {
		n, err := strconv.Atoi(v)
		if err != nil {
			fs.Add(field, "err.range", map[string]any{"Min": 1, "Max": catalog.MaxMinutes})
		}
		return &n
	}
	c := catalog.Changes{Name: &f.Name, Content: &f.Content, Standard: &f.Standard, Active: &f.Active,
		Minutes: num("minutes", f.Minutes), Times: num("times", f.Times), EveryWeeks: num("every_weeks", f.EveryWeeks)}
	unit, kind := catalog.Unit(f.Unit), catalog.Kind(f.Kind)
	c.Unit, c.Kind = &unit, &kind
	y, err := strconv.ParseFloat(f.Price, 64)
	if err != nil || math.IsNaN(y) || math.IsInf(y, 0) {
		fs.Add("price", "err.catalog.price_format", nil)
	}
	fen := int64(math.Round(y * 100))
	c.PriceFen = &fen
	return c, fs
}

// formOfItem is the revision form with an item's values.
func formOfItem(it *catalog.Item) reviseForm {
	return reviseForm{Version: it.Version, Name: it.Name, Price: yuan(it.PriceFen), Unit: string(it.Unit), Kind: string(it.Kind),
		Minutes: strconv.Itoa(it.Minutes), Times: strconv.Itoa(it.Times), EveryWeeks: strconv.Itoa(it.EveryWeeks),
		Content: it.Content, Standard: it.Standard, Active: it.Active}
}

// renderCatalogItem shows an item; f, p and fields carry a failed revision.
func (s *Server) renderCatalogItem(w http.ResponseWriter, r *http.Request, status int, f *reviseForm, p *Problem, fields map[string]string) error {
	if err := mustReadCatalog(r); err != nil {
		return err
	}
	hist, err := s.db.ItemHistory(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Nav = "catalog"
	cur := hist[0]
	d := catalogItemData{Row: itemRow(v, cur), CanEdit: v.actor.Can(auth.ManageCatalog), Saved: r.URL.Query().Get("saved") != "",
		F: formOfItem(cur), Fields: fields}
	v.Title = d.Row.Title
	for _, lang := range catalog.NameLangs {
		if n := cur.Names[lang]; n != "" {
			d.Names = append(d.Names, catalogName{Lang: lang, Name: n})
		}
	}
	for _, it := range hist {
		d.History = append(d.History, itemRow(v, it))
	}
	for _, u := range catalog.Units {
		d.Units = append(d.Units, choice{Value: string(u), Label: v.Label("catalog.unit", u)})
	}
	for _, k := range []catalog.Kind{catalog.Basic, catalog.Special} {
		d.Kinds = append(d.Kinds, choice{Value: string(k), Label: v.Label("catalog.kind", k)})
	}
	if f != nil {
		d.F = *f
	}
	if p != nil {
		d.Error, d.Conflict = p.Title, p.Code == errs.Conflict
		if d.Fields["price_fen"] != "" && d.Fields["price"] == "" {
			d.Fields["price"] = d.Fields["price_fen"]
		}
	}
	v.Data = d
	s.render(w, r, status, "catalog_item", v)
	return nil
}
