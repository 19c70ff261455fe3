package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/plan"
)

// plansPageSize is the number of plans on one page of the list.
const plansPageSize = 50

// plansData is the plan list with its filters.
type plansData struct {
	State, Person      string
	States             []choice
	Errors             []string
	Rows               []planRow
	Notice             string
	CanManage          bool
	Total, Page, Pages int
	PrevURL, NextURL   string
}

type planRow struct {
	*plan.Plan
	Village, StateLabel, PackageLabel string
}

// showPlansPage handles GET /plans: service plans in the user's area,
// newest first; ?person= shows one person's plans.
func (s *Server) showPlansPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadServices); err != nil {
		return err
	}
	v := s.newView(w, r, "plan.list.title")
	v.Nav = "plans"
	q := r.URL.Query()
	d := plansData{State: q.Get("state"), Person: q.Get("person"), Page: 1, States: needChoices(v, "plan.state", plan.States),
		CanManage: v.Can(string(auth.ManagePlans))}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	if n := q.Get("made"); n != "" {
		d.Notice = v.T("plan.backfill.done", "Count", n)
	}
	f := plan.Filter{Offset: (d.Page - 1) * plansPageSize, Limit: plansPageSize}
	status := http.StatusOK
	if d.State != "" {
		st := plan.State(d.State)
		if !slices.Contains(plan.States, st) {
			d.Errors = append(d.Errors, v.T("err.plan.state_value"))
			status = http.StatusUnprocessableEntity
		}
		f.State = &st
	}
	if d.Person != "" {
		f.PersonID = &d.Person
	}
	if status == http.StatusOK {
		list, total, err := s.db.Plans(r.Context(), f)
		if err != nil {
			return err
		}
		name := s.placeNamer(r.Context(), v.Lang.Tag)
		for _, p := range list {
			d.Rows = append(d.Rows, planRow{Plan: p, Village: name(p.PlaceCode), StateLabel: v.Label("plan.state", p.State),
				PackageLabel: planPackageLabel(v, p.Package)})
		}
		d.Total, d.Pages = total, max(1, (total+plansPageSize-1)/plansPageSize)
		if d.Page > 1 {
			d.PrevURL = d.pageURL(min(d.Page-1, d.Pages))
		}
		if d.Page < d.Pages {
			d.NextURL = d.pageURL(d.Page + 1)
		}
	}
	v.Data = d
	s.render(w, r, status, "plans", v)
	return nil
}

func (d *plansData) pageURL(n int) string {
	q := url.Values{}
	for k, v := range map[string]string{"state": d.State, "person": d.Person} {
		if v != "" {
			q.Set(k, v)
		}
	}
	q.Set("page", strconv.Itoa(n))
	return "/plans?" + q.Encode()
}

// createMissingPlans handles POST /plans/backfill: plans for applications
// approved before plans existed, in the user's area.
func (s *Server) createMissingPlans(w http.ResponseWriter, r *http.Request) error {
	n, err := s.db.CreatePlansForApproved(r.Context(), "")
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans?made="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}

// itemNamer returns a function naming catalogue items in lang; a reader who
// may not read the catalogue sees codes.
func (s *Server) itemNamer(ctx context.Context, lang string) func(code string) string {
	names := map[string]string{}
	if items, err := s.db.CurrentItems(ctx); err == nil {
		for _, it := range items {
			names[it.Code] = it.NameIn(lang)
		}
	}
	return func(code string) string {
		if n, ok := names[code]; ok {
			return n
		}
		return code
	}
}

// clockOf writes minutes after midnight as HH:MM.
func clockOf(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// localClock writes a time as HH:MM in Beijing time.
func localClock(t time.Time) string { return t.In(plan.Zone).Format("15:04") }

// planPackageLabel names an assessment package in the page's language.
func planPackageLabel(v *view, pkg string) string {
	if pkg == "" {
		return ""
	}
	return v.T("assess.pkg." + pkg)
}
