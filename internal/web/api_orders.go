package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// param is a query parameter a list filter reads into a *string field.
type param struct {
	name string
	dst  **string
}

// serviceParams reads what order and visit lists filter alike: a day range
// (from, to), ids (ids names the parameters and their fields) and a place,
// reporting each bad value in fs.
func serviceParams(q url.Values, fs *errs.Fields, from, to, place **string, ids ...param) {
	for _, p := range []param{{"from", from}, {"to", to}} {
		if v := q.Get(p.name); v != "" {
			if _, err := plan.ParseDay(v); err != nil {
				fs.Add(p.name, "err.date.format", nil)
			}
			*p.dst = &v
		}
	}
	for _, p := range ids {
		if v := q.Get(p.name); v != "" {
			*p.dst = &v
		}
	}
	if v := q.Get("place"); v != "" {
		if _, err := placeLevel(v); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		*place = &v
	}
}

// orderFilter reads work-order filters from a query string, reporting each
// bad parameter by name.
func orderFilter(q url.Values) (plan.OrderFilter, error) {
	var fs errs.Fields
	f := plan.OrderFilter{}
	serviceParams(q, &fs, &f.From, &f.To, &f.PlaceCode,
		param{"worker", &f.WorkerID}, param{"provider", &f.ProviderID}, param{"person", &f.PersonID}, param{"plan", &f.PlanID})
	if v := q.Get("state"); v != "" {
		st := plan.OrderState(v)
		if !slices.Contains(plan.OrderStates, st) {
			fs.Add("state", "err.order.state", nil)
		}
		f.State = &st
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// apiListOrders handles GET /api/v1/orders.
func (s *Server) apiListOrders(w http.ResponseWriter, r *http.Request) error {
	f, err := orderFilter(r.URL.Query())
	if err != nil {
		return err
	}
	list, total, err := s.db.Orders(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiGetOrder handles GET /api/v1/orders/{id}.
func (s *Server) apiGetOrder(w http.ResponseWriter, r *http.Request) error {
	o, err := s.db.Order(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, o)
}

// apiGenerateOrders handles POST /api/v1/orders/generate: 202 once the
// week's order job is queued for the caller's area.
func (s *Server) apiGenerateOrders(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Week string `json:"week"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	monday, err := weekParam(req.Week, s.now())
	if err != nil {
		return err
	}
	if err := s.db.EnqueueWeek(r.Context(), monday); err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, map[string]string{"week": monday.Format(time.DateOnly)})
}

// weekParam reads a day of the week to generate (any day; its Monday is
// used); empty means the coming week.
func weekParam(v string, now time.Time) (time.Time, error) {
	if v == "" {
		return plan.NextMonday(now), nil
	}
	d, err := plan.ParseDay(v)
	if err != nil {
		return time.Time{}, errs.InvalidField("week", "err.date.format", nil)
	}
	return plan.Monday(d), nil
}
