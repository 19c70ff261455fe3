package web

import (
	"net/http"

	"jiuzhu/internal/auth"
)

// workerData is a worker's page.
type workerData struct {
	workerRow
	Coverage []string
	ItemList []string
	CanEdit  bool
}

// showWorkerPage handles GET /workers/{id}: items, coverage, certificates
// with their state, capacity and current load.
func (s *Server) showWorkerPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustReadProviders(r); err != nil {
		return err
	}
	ctx := r.Context()
	wk, err := s.db.Worker(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Nav, v.Title = "providers", wk.Name
	places := s.placeNamer(ctx, v.Lang.Tag)
	items, err := s.itemNames(r, v)
	if err != nil {
		return err
	}
	a := v.actor
	d := workerData{workerRow: s.workerRow(v, wk, places, items),
		CanEdit: a.Can(auth.ManageProviders) && (!a.ProviderSide() || a.ProviderID == wk.ProviderID)}
	for _, c := range wk.Coverage {
		d.Coverage = append(d.Coverage, places(c))
	}
	for _, code := range wk.Items {
		d.ItemList = append(d.ItemList, items(code))
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "workers_show", v)
	return nil
}
