package web

import (
	"net/http"
	"strings"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
)

// providerData is an organisation's page with its workers.
type providerData struct {
	providerRow
	Workers []workerRow
	More    int // workers beyond the first page
	CanEdit bool
}

// workerRow is a worker in words.
type workerRow struct {
	*provider.Worker
	KindLabel, Place, Items, Languages, SexLabel string
	Certs                                        []certRow
	Full                                         bool
}

// certRow is a certificate with its state on the day: ok, soon (expires
// within 30 days) or expired.
type certRow struct {
	provider.Cert
	Label, State string
}

// showProviderPage handles GET /providers/{id}.
func (s *Server) showProviderPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustReadProviders(r); err != nil {
		return err
	}
	ctx := r.Context()
	o, err := s.db.Provider(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Nav, v.Title = "providers", o.Name
	names := s.placeNamer(ctx, v.Lang.Tag)
	a := v.actor
	d := providerData{providerRow: providerRow{Org: o, KindLabel: v.Label("provider.kind", o.Kind), Place: names(o.PlaceCode)},
		CanEdit: a.Can(auth.ManageProviders) && (a.ProviderSide() && a.ProviderID == o.ID || !a.ProviderSide() && a.Sees(o.PlaceCode))}
	list, total, err := s.db.ListWorkers(ctx, provider.WorkerFilter{Provider: &o.ID, Limit: store.MaxPageSize})
	if err != nil {
		return err
	}
	items, err := s.itemNames(r, v)
	if err != nil {
		return err
	}
	for _, wk := range list {
		d.Workers = append(d.Workers, s.workerRow(v, wk, names, items))
	}
	d.More = total - len(list)
	v.Data = d
	s.render(w, r, http.StatusOK, "providers_show", v)
	return nil
}

// workerRow describes a worker in the page's language.
func (s *Server) workerRow(v *view, wk *provider.Worker, places, items func(string) string) workerRow {
	row := workerRow{Worker: wk, KindLabel: v.Label("provider.worker_kind", wk.Kind), Place: places(wk.PlaceCode),
		SexLabel: v.Label("sex", wk.Sex), Full: wk.Load >= wk.Capacity}
	sep := v.T("needs.list_sep")
	var is, ls []string
	for _, code := range wk.Items {
		is = append(is, items(code))
	}
	for _, l := range wk.Languages {
		ls = append(ls, v.Label("language", l))
	}
	row.Items, row.Languages = strings.Join(is, sep), strings.Join(ls, sep)
	today := time.Now().In(chinaTime).Format(time.DateOnly)
	soon := time.Now().In(chinaTime).AddDate(0, 0, 30).Format(time.DateOnly)
	for _, c := range wk.Certs {
		state := "ok"
		switch {
		case !c.ValidOn(today):
			state = "expired"
		case !c.ValidOn(soon):
			state = "soon"
		}
		row.Certs = append(row.Certs, certRow{Cert: c, Label: v.Label("provider.cert", c.Cert), State: state})
	}
	return row
}
