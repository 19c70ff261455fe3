package web

import (
	"fmt"
	"net/http"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/catalog"
	"jiuzhu/internal/errs"
)

// catalogData is the catalogue page: the items grouped by project.
type catalogData struct {
	Groups  []catalogGroup
	CanEdit bool
}

type catalogGroup struct {
	Project string
	Label   string
	Rows    []catalogRow
}

// catalogRow is an item in words.
type catalogRow struct {
	*catalog.Item
	Title, Unit, Price, Frequency, KindLabel, Groups, Workers, Funding string
	ProjectLabel, CertLabel                                            string
	Special                                                            bool
}

// mustReadCatalog lets in whoever the store lets read the catalogue.
func mustReadCatalog(r *http.Request) error {
	a := auth.ActorFrom(r.Context())
	if a.Can(auth.ReadServices) || a.Can(auth.RespondOrders) || a.Can(auth.ManagePlans) {
		return nil
	}
	return errs.New(errs.Forbidden, "err.forbidden")
}

// showCatalogPage handles GET /catalog: the current items by project.
func (s *Server) showCatalogPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustReadCatalog(r); err != nil {
		return err
	}
	items, err := s.db.CurrentItems(r.Context())
	if err != nil {
		return err
	}
	v := s.newView(w, r, "catalog.title")
	v.Nav = "catalog"
	d := catalogData{CanEdit: v.actor.Can(auth.ManageCatalog)}
	for _, p := range catalog.Projects {
		g := catalogGroup{Project: string(p), Label: v.Label("catalog.project", p)}
		for _, it := range items {
			if it.Project == p {
				g.Rows = append(g.Rows, itemRow(v, it))
			}
		}
		d.Groups = append(d.Groups, g)
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "catalog", v)
	return nil
}

// itemRow describes an item in the page's language.
func itemRow(v *view, it *catalog.Item) catalogRow {
	row := catalogRow{Item: it, Title: it.NameIn(v.Lang.Tag), Unit: v.Label("catalog.unit", it.Unit), Price: yuan(it.PriceFen),
		KindLabel: v.Label("catalog.kind", it.Kind), Funding: v.Label("catalog.funding", it.Funding), Special: it.Kind == catalog.Special}
	row.ProjectLabel = v.Label("catalog.project", it.Project)
	if it.Cert != "" {
		row.CertLabel = v.Label("provider.cert", it.Cert)
	}
	row.Frequency = v.T("catalog.frequency", "Times", it.Times, "Weeks", it.EveryWeeks)
	if it.EveryWeeks == 1 {
		row.Frequency = v.T("catalog.frequency_weekly", "Times", it.Times)
	}
	var gs, ws []string
	for _, g := range it.PersonGroups {
		gs = append(gs, v.Label("category", g))
	}
	for _, k := range it.WorkerKinds {
		ws = append(ws, v.Label("provider.worker_kind", k))
	}
	sep := v.T("needs.list_sep")
	row.Groups, row.Workers = strings.Join(gs, sep), strings.Join(ws, sep)
	return row
}

// yuan formats fen as yuan with two decimals, e.g. 3500 → "35.00".
func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
