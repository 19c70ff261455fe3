package web

import (
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/auth"
)

// applicationsPageSize is the number of applications on one page.
const applicationsPageSize = 50

// applicationsData is the approval list with its filter form.
type applicationsData struct {
	State            string
	Overdue          bool
	States           []choice
	Errors           []string
	Rows             []appRow
	Total            int
	Page, Pages      int
	PrevURL, NextURL string
}

// showApplicationsPage handles GET /applications: the applications in the
// user's scope, urgent first, then soonest due, with the state and overdue
// filters of the API.
func (s *Server) showApplicationsPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	ctx := r.Context()
	v := s.newView(w, r, "approval.title")
	v.Nav = "approval"
	q := r.URL.Query()
	d := applicationsData{State: q.Get("state"), States: stateChoices(v), Page: 1}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	filters := url.Values{"state": {q.Get("state")}, "overdue": {q.Get("overdue")}}
	f, err := applicationFilter(filters)
	d.Overdue = f.Overdue
	status := http.StatusOK
	if err != nil {
		p := s.problemFor(r, err)
		for _, e := range p.Errors {
			d.Errors = append(d.Errors, e.Detail)
		}
		status = p.Status
	} else {
		f.Offset, f.Limit = (d.Page-1)*applicationsPageSize, applicationsPageSize
		list, total, err := s.db.Applications(ctx, f)
		if err != nil {
			return err
		}
		rower := s.appRower(ctx, v)
		for _, a := range list {
			d.Rows = append(d.Rows, rower.row(a))
		}
		d.Total, d.Pages = total, max(1, (total+applicationsPageSize-1)/applicationsPageSize)
		if d.Page > 1 {
			d.PrevURL = d.pageURL(min(d.Page-1, d.Pages))
		}
		if d.Page < d.Pages {
			d.NextURL = d.pageURL(d.Page + 1)
		}
	}
	v.Data = d
	s.render(w, r, status, "approval_list", v)
	return nil
}

// pageURL is the list URL with the same filters, at page n.
func (d *applicationsData) pageURL(n int) string {
	q := url.Values{}
	if d.State != "" {
		q.Set("state", d.State)
	}
	if d.Overdue {
		q.Set("overdue", "true")
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/applications"
	}
	return "/applications?" + q.Encode()
}
