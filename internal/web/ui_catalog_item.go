package web

import (
	"net/http"
	"net/url"
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
	Added    bool // just created, shown once after the redirect
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
	f := readReviseForm(r.PostForm)
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

// readReviseForm reads the fields the revision and the new-item forms share.
func readReviseForm(pf url.Values) reviseForm {
	v := func(k string) string { return strings.TrimSpace(pf.Get(k)) }
	f := reviseForm{Name: v("name"), Price: v("price"), Unit: v("unit"), Kind: v("kind"), Minutes: v("minutes"), Times: v("times"),
		EveryWeeks: v("every_weeks"), Content: v("content"), Standard: v("standard"), Note: v("note"), Active: v("active") != ""}
	f.Version, _ = strconv.Atoi(v("version"))
	return f
}

// numbers parses the price and the counts, reporting each that is not a
// number with the message its range check would give.
func (f *reviseForm) numbers(fs *errs.Fields) (fen int64, minutes, times, everyWeeks int) {
	num := func(field, v, key string, args map[string]any) int {
		n, err := strconv.Atoi(v)
		if err != nil {
			fs.Add(field, key, args)
		}
		return n
	}
	minutes = num("minutes", f.Minutes, "err.range", map[string]any{"Min": 1, "Max": catalog.MaxMinutes})
	times = num("times", f.Times, "err.catalog.times", map[string]any{"Max": catalog.MaxTimes})
	everyWeeks = num("every_weeks", f.EveryWeeks, "err.catalog.every_weeks", map[string]any{"Max": catalog.MaxEveryWeeks})
	fen, key := parseYuan(f.Price)
	if key != "" {
		fs.Add("price", key, nil)
	}
	return fen, minutes, times, everyWeeks
}

// changes turns the form into a revision, reporting numbers that are not.
func (f *reviseForm) changes() (catalog.Changes, errs.Fields) {
	var fs errs.Fields
	fen, minutes, times, every := f.numbers(&fs)
	c := catalog.Changes{Name: &f.Name, Content: &f.Content, Standard: &f.Standard, Active: &f.Active,
		Minutes: &minutes, Times: &times, EveryWeeks: &every, PriceFen: &fen}
	unit, kind := catalog.Unit(f.Unit), catalog.Kind(f.Kind)
	c.Unit, c.Kind = &unit, &kind
	return c, fs
}

// parseYuan reads an amount of yuan with at most two decimals ("35",
// "35.5", "35.50") as fen, in integers so that no amount is rounded. A bad
// amount gives a message key; one too large to hold gives a price that
// validation refuses as out of range.
func parseYuan(s string) (fen int64, key string) {
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || dot && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return 0, "err.catalog.price_format"
	}
	if len(frac) > 2 {
		return 0, "err.catalog.price_decimals"
	}
	if len(whole) > 12 { // far beyond MaxPriceFen; keeps the sum below in range
		return catalog.MaxPriceFen + 1, ""
	}
	y, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	return y*100 + f, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
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
		Added: r.URL.Query().Get("added") != "" && cur.Version == 1, F: formOfItem(cur), Fields: fields}
	v.Title = d.Row.Title
	for _, lang := range catalog.NameLangs {
		if n := cur.Names[lang]; n != "" {
			d.Names = append(d.Names, catalogName{Lang: lang, Name: n})
		}
	}
	for _, it := range hist {
		d.History = append(d.History, itemRow(v, it))
	}
	d.Units, d.Kinds = unitChoices(v), kindChoices(v)
	if f != nil {
		d.F = *f
	}
	if p != nil {
		d.Error, d.Conflict = p.Title, p.Code == errs.Conflict
		priceField(d.Fields)
	}
	v.Data = d
	s.render(w, r, status, "catalog_item", v)
	return nil
}

func unitChoices(v *view) []choice {
	var cs []choice
	for _, u := range catalog.Units {
		cs = append(cs, choice{Value: string(u), Label: v.Label("catalog.unit", u)})
	}
	return cs
}

func kindChoices(v *view) []choice {
	var cs []choice
	for _, k := range []catalog.Kind{catalog.Basic, catalog.Special} {
		cs = append(cs, choice{Value: string(k), Label: v.Label("catalog.kind", k)})
	}
	return cs
}

// priceField shows the store's message on the price in fen at the price
// the form has in yuan.
func priceField(fields map[string]string) {
	if fields["price_fen"] != "" && fields["price"] == "" {
		fields["price"] = fields["price_fen"]
	}
}
