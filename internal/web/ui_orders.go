package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/plan"
)

// ordersPageSize is the number of orders on one page of the list.
const ordersPageSize = 100

// ordersData is the order list, grouped by day and worker.
type ordersData struct {
	From, To, Worker, Person, State string
	States                          []choice
	Errors                          []string
	Groups                          []orderGroup
	Notice                          string
	CanGenerate                     bool
	NextWeek                        string
	Total, Page, Pages              int
	PrevURL, NextURL                string
}

// orderGroup is one worker's orders on one day (or the open ones of a day).
type orderGroup struct {
	Day, WorkerID, WorkerName string
	Rows                      []orderRow
}

// orderRow is an order with its labels in the page's language.
type orderRow struct {
	*plan.Order
	Village, Item, StateLabel, Window, ETA, Distance, Travel, Price, CancelLabel string
}

// showOrdersPage handles GET /orders: work orders in the user's area (a
// provider's staff: their own), from today on unless filtered, grouped by
// day and worker.
func (s *Server) showOrdersPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCanAny(r, auth.ReadServices, auth.RespondOrders); err != nil {
		return err
	}
	v := s.newView(w, r, "order.list.title")
	v.Nav = "orders"
	q := r.URL.Query()
	if q.Get("from") == "" && q.Get("to") == "" && q.Get("person") == "" {
		q.Set("from", plan.Today(s.now()))
	}
	d := ordersData{From: q.Get("from"), To: q.Get("to"), Worker: q.Get("worker"), Person: q.Get("person"), State: q.Get("state"), Page: 1,
		States: needChoices(v, "order.state", plan.OrderStates), CanGenerate: v.Can(string(auth.ManagePlans)),
		NextWeek: plan.NextMonday(s.now()).Format(time.DateOnly)}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	if wk := q.Get("queued"); wk != "" {
		d.Notice = v.T("order.generate.queued", "Week", wk)
	}
	q.Del("offset")
	q.Del("limit")
	f, ferr := orderFilter(q)
	status := http.StatusOK
	if ferr != nil {
		for _, e := range s.problemFor(r, ferr).Errors {
			d.Errors = append(d.Errors, e.Detail)
		}
		status = http.StatusUnprocessableEntity
	} else {
		f.Offset, f.Limit = (d.Page-1)*ordersPageSize, ordersPageSize
		list, total, err := s.db.Orders(r.Context(), f)
		if err != nil {
			return err
		}
		for _, row := range s.orderRows(r.Context(), v, list) {
			n := len(d.Groups)
			if n == 0 || d.Groups[n-1].Day != row.Day || d.Groups[n-1].WorkerID != row.WorkerID {
				d.Groups = append(d.Groups, orderGroup{Day: row.Day, WorkerID: row.WorkerID, WorkerName: row.WorkerName})
				n++
			}
			d.Groups[n-1].Rows = append(d.Groups[n-1].Rows, row)
		}
		d.Total, d.Pages = total, max(1, (total+ordersPageSize-1)/ordersPageSize)
		if d.Page > 1 {
			d.PrevURL = d.pageURL(min(d.Page-1, d.Pages))
		}
		if d.Page < d.Pages {
			d.NextURL = d.pageURL(d.Page + 1)
		}
	}
	v.Data = d
	s.render(w, r, status, "orders", v)
	return nil
}

func (d *ordersData) pageURL(n int) string {
	q := url.Values{}
	for k, v := range map[string]string{"from": d.From, "to": d.To, "worker": d.Worker, "person": d.Person, "state": d.State} {
		if v != "" {
			q.Set(k, v)
		}
	}
	q.Set("page", strconv.Itoa(n))
	return "/orders?" + q.Encode()
}

// generateOrders handles POST /orders/generate: the week's orders of the
// user's area are made in the background.
func (s *Server) generateOrders(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	monday, err := weekParam(r.PostForm.Get("week"), s.now())
	if err != nil {
		return err
	}
	if err := s.db.EnqueueWeek(r.Context(), monday); err != nil {
		return err
	}
	http.Redirect(w, r, "/orders?queued="+monday.Format(time.DateOnly), http.StatusSeeOther)
	return nil
}

// orderRows labels orders in the page's language.
func (s *Server) orderRows(ctx context.Context, v *view, list []*plan.Order) []orderRow {
	place := s.placeNamer(ctx, v.Lang.Tag)
	item := s.itemNamer(ctx, v.Lang.Tag)
	out := make([]orderRow, 0, len(list))
	for _, o := range list {
		row := orderRow{Order: o, Village: place(o.PlaceCode), Item: item(o.ItemCode), StateLabel: v.Label("order.state", o.State),
			Window: localClock(o.WindowStart) + "–" + localClock(o.WindowEnd), Price: fmt.Sprintf("%.2f", float64(o.PriceFen)/100)}
		if o.ETA != nil {
			row.ETA = localClock(*o.ETA)
			row.Distance = fmt.Sprintf("%.1f", float64(o.TravelM)/1000)
			row.Travel = strconv.Itoa((o.TravelS + 59) / 60)
		}
		if o.CancelReason != "" {
			row.CancelLabel = v.Label("order.cancel_reason", o.CancelReason)
		}
		out = append(out, row)
	}
	return out
}

// mustCanAny answers forbidden unless the user holds one of ps.
func mustCanAny(r *http.Request, ps ...auth.Permission) error {
	var err error
	for _, p := range ps {
		if err = mustCan(r, p); err == nil {
			return nil
		}
	}
	return err
}
