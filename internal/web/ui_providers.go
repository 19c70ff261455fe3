package web

import (
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/provider"
)

// providersPageSize is the number of organisations on one page.
const providersPageSize = 50

// providersData is the resource library's list with its filter form.
type providersData struct {
	Place, Kind, Item, Q string
	Places               []placeOption
	Kinds, Items         []choice
	Errors               []string
	Rows                 []providerRow
	Total, Page, Pages   int
	PrevURL, NextURL     string
	CanCreate            bool
}

// providerRow is an organisation in words.
type providerRow struct {
	*provider.Org
	KindLabel, Place string
}

// mustReadProviders lets in whoever the store lets read the library.
func mustReadProviders(r *http.Request) error {
	a := auth.ActorFrom(r.Context())
	if a.Can(auth.ReadServices) || a.Can(auth.RespondOrders) {
		return nil
	}
	return errs.New(errs.Forbidden, "err.forbidden")
}

// showProvidersPage handles GET /providers: the organisations in the
// user's reach, filtered by place, kind, item and name.
func (s *Server) showProvidersPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustReadProviders(r); err != nil {
		return err
	}
	ctx := r.Context()
	v := s.newView(w, r, "providers.title")
	v.Nav = "providers"
	q := r.URL.Query()
	d := providersData{Place: q.Get("place"), Kind: q.Get("kind"), Item: q.Get("item"), Q: q.Get("q"), Page: 1,
		CanCreate: v.actor.Can(auth.ManageProviders) && !v.actor.ProviderSide()}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	var err error
	if d.Places, err = s.placeOptions(ctx, currentUser(r).PlaceCode, v.Lang.Tag); err != nil {
		return err
	}
	for _, k := range provider.OrgKinds {
		d.Kinds = append(d.Kinds, choice{Value: string(k), Label: v.Label("provider.kind", k)})
	}
	if d.Items, err = s.itemChoices(r, v); err != nil {
		return err
	}
	q.Del("page")
	f, ferr := orgFilter(q)
	status := http.StatusOK
	if ferr != nil {
		p := s.problemFor(r, ferr)
		for _, e := range p.Errors {
			d.Errors = append(d.Errors, e.Detail)
		}
		status = p.Status
	} else {
		f.Offset, f.Limit = (d.Page-1)*providersPageSize, providersPageSize
		list, total, err := s.db.ListProviders(ctx, f)
		if err != nil {
			return err
		}
		names := s.placeNamer(ctx, v.Lang.Tag)
		for _, o := range list {
			d.Rows = append(d.Rows, providerRow{Org: o, KindLabel: v.Label("provider.kind", o.Kind), Place: names(o.PlaceCode)})
		}
		d.Total, d.Pages = total, max(1, (total+providersPageSize-1)/providersPageSize)
		if d.Page > 1 {
			d.PrevURL = d.pageURL(min(d.Page-1, d.Pages))
		}
		if d.Page < d.Pages {
			d.NextURL = d.pageURL(d.Page + 1)
		}
	}
	v.Data = d
	s.render(w, r, status, "providers", v)
	return nil
}

// pageURL is the list URL with the same filters, at page n.
func (d *providersData) pageURL(n int) string {
	q := url.Values{}
	for k, v := range map[string]string{"place": d.Place, "kind": d.Kind, "item": d.Item, "q": d.Q} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/providers"
	}
	return "/providers?" + q.Encode()
}

// itemChoices lists the current catalogue items by name, for filters and
// forms.
func (s *Server) itemChoices(r *http.Request, v *view) ([]choice, error) {
	items, err := s.db.CurrentItems(r.Context())
	if err != nil {
		return nil, err
	}
	var out []choice
	for _, it := range items {
		if it.Active {
			out = append(out, choice{Value: it.Code, Label: v.Label("catalog.project", it.Project) + " · " + it.NameIn(v.Lang.Tag)})
		}
	}
	return out, nil
}

// itemNames returns a function naming catalogue items in the page's language.
func (s *Server) itemNames(r *http.Request, v *view) (func(code string) string, error) {
	items, err := s.db.CurrentItems(r.Context())
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, it := range items {
		names[it.Code] = it.NameIn(v.Lang.Tag)
	}
	return func(code string) string {
		if n := names[code]; n != "" {
			return n
		}
		return code
	}, nil
}
