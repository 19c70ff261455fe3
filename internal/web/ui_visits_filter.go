package web

import (
	"net/http"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
	"jiuzhu/internal/visit"
)

// visitFilterChoices fills the options of the visit filter bar: outcomes,
// states and rules for everyone, the places of the user's area, and the
// providers for officials or the organisation's own workers for a
// provider's administrator.
func (s *Server) visitFilterChoices(r *http.Request, v *view, d *visitsData) error {
	ctx := r.Context()
	d.Outcomes = needChoices(v, "visit.outcome", visit.Outcomes)
	d.States = needChoices(v, "visit.state", visit.States)
	d.Rules = needChoices(v, "visit.rule", visit.RuleCodes)
	places, err := s.placeOptions(ctx, currentUser(r).PlaceCode, v.Lang.Tag)
	if err != nil {
		return err
	}
	d.Places = places
	a := auth.ActorFrom(ctx)
	switch {
	case a.Role == auth.ProviderAdmin && a.ProviderID != "":
		ws, _, err := s.db.ListWorkers(ctx, provider.WorkerFilter{Provider: &a.ProviderID, Limit: store.MaxPageSize})
		if err != nil {
			return err
		}
		for _, wk := range ws {
			d.Workers = append(d.Workers, choice{Value: wk.ID, Label: wk.Name})
		}
	case !a.ProviderSide():
		orgs, _, err := s.db.ListProviders(ctx, provider.OrgFilter{Limit: store.MaxPageSize})
		if err != nil {
			return err
		}
		for _, o := range orgs {
			d.Providers = append(d.Providers, choice{Value: o.ID, Label: o.Name})
		}
	}
	return nil
}
