package web

import (
	"net/http"
	"strconv"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/plan"
)

// planData is one plan's page: items with their workers and edit forms,
// state changes, history and the coming orders.
type planData struct {
	Plan                *plan.Plan
	Village, StateLabel string
	PackageLabel        string
	Items               []planItemRow
	History             []planChangeRow
	Orders              []orderRow
	CanManage, Open     bool
	Paused              bool
	Notice              string
	Errors              []string
	FormItem            string // the item whose form failed, to keep it open
}

type planItemRow struct {
	*plan.Item
	Name, Frequency, Window, From, To string
}

type planChangeRow struct {
	plan.Change
	At, ActionLabel string
}

// planNotices are the notices a redirect after a change may ask for.
var planNotices = map[string]string{
	"item_saved": "plan.notice.item_saved", "item_added": "plan.notice.item_added", "item_removed": "plan.notice.item_removed",
	"paused": "plan.notice.paused", "resumed": "plan.notice.resumed", "cancelled": "plan.notice.cancelled", "ended": "plan.notice.ended",
}

// showPlanPage handles GET /plans/{id}.
func (s *Server) showPlanPage(w http.ResponseWriter, r *http.Request) error {
	d := &planData{}
	if key, ok := planNotices[r.URL.Query().Get("done")]; ok {
		d.Notice = key
	}
	return s.renderPlan(w, r, http.StatusOK, r.PathValue("id"), d)
}

// renderPlan fills a plan page's data around d (its notice or errors) and
// renders it with status.
func (s *Server) renderPlan(w http.ResponseWriter, r *http.Request, status int, id string, d *planData) error {
	if err := mustCan(r, auth.ReadServices); err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.db.Plan(ctx, id)
	if err != nil {
		return err
	}
	v := s.newView(w, r, "plan.title")
	v.Nav = "plans"
	if d.Notice != "" {
		d.Notice = v.T(d.Notice)
	}
	d.Plan, d.StateLabel, d.Open, d.Paused = p, v.Label("plan.state", p.State), p.State.Open(), p.State == plan.Paused
	d.PackageLabel = planPackageLabel(v, p.Package)
	d.Village = s.placeNamer(ctx, v.Lang.Tag)(p.PlaceCode)
	d.CanManage = v.Can(string(auth.ManagePlans)) && d.Open
	item := s.itemNamer(ctx, v.Lang.Tag)
	for _, it := range p.Items {
		d.Items = append(d.Items, planItemRow{Item: it, Name: item(it.ItemCode),
			Frequency: v.T("plan.frequency", "Times", it.Times, "Weeks", it.EveryWeeks),
			Window:    clockOf(it.WindowFrom) + "–" + clockOf(it.WindowTo), From: clockOf(it.WindowFrom), To: clockOf(it.WindowTo)})
	}
	for i := len(p.History) - 1; i >= 0; i-- {
		c := p.History[i]
		d.History = append(d.History, planChangeRow{Change: c, At: chinaClock(c.At), ActionLabel: v.Label("plan.action", c.Action)})
	}
	from := plan.Today(s.now())
	orders, _, err := s.db.Orders(ctx, plan.OrderFilter{PlanID: &p.ID, From: &from, Limit: 30})
	if err != nil {
		return err
	}
	d.Orders = s.orderRows(ctx, v, orders)
	v.Data = d
	s.render(w, r, status, "plan_show", v)
	return nil
}

// planFailed shows the plan page again with the problem, or returns errors
// that deserve an error page of their own.
func (s *Server) planFailed(w http.ResponseWriter, r *http.Request, id, item string, err error) error {
	p := s.problemFor(r, err)
	d := &planData{FormItem: item}
	if len(p.Errors) == 0 {
		d.Errors = []string{p.Title}
	}
	for _, e := range p.Errors {
		d.Errors = append(d.Errors, e.Detail)
	}
	if p.Status == http.StatusNotFound || p.Status == http.StatusForbidden || p.Status >= 500 {
		return err
	}
	return s.renderPlan(w, r, p.Status, id, d)
}

// formFrequency reads an item form: times, every n weeks, window as HH:MM.
func formFrequency(r *http.Request) plan.Frequency {
	num := func(k string) int { n, _ := strconv.Atoi(r.PostForm.Get(k)); return n }
	clock := func(k string) int {
		t, err := time.Parse("15:04", r.PostForm.Get(k))
		if err != nil {
			return -1
		}
		return t.Hour()*60 + t.Minute()
	}
	return plan.Frequency{Times: num("times"), EveryWeeks: num("every_weeks"), WindowFrom: clock("window_from"), WindowTo: clock("window_to")}
}
