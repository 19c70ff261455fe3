package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/place"
)

// needsPageSize is the number of entries on one page of the ledger.
const needsPageSize = 50

// needsData is the ledger list with its filter form.
type needsData struct {
	Place, Category, Status, Channel, Person string
	Overdue                                  bool
	Places                                   []placeOption
	Categories, Statuses, Channels           []choice
	Errors                                   []string
	Rows                                     []needRow
	Total, Page, Pages                       int
	PrevURL, NextURL                         string
	ExportCSV, ExportXLSX                    string
}

// showNeedsPage handles GET /needs: the demand ledger in the user's scope,
// filtered as the export is, 50 to a page, most urgent first.
func (s *Server) showNeedsPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	ctx := r.Context()
	v := s.newView(w, r, "needs.title")
	v.Nav = "needs"
	q := r.URL.Query()
	d := needsData{Place: q.Get("place"), Category: q.Get("category"), Status: q.Get("status"), Channel: q.Get("channel"),
		Person: q.Get("person"), Page: 1, Categories: needChoices(v, "need.category", need.Categories),
		Statuses: needChoices(v, "need.status", need.Statuses), Channels: needChoices(v, "channel", need.Channels)}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	opts, err := s.placeOptions(ctx, currentUser(r).PlaceCode, v.Lang.Tag)
	if err != nil {
		return err
	}
	d.Places = opts
	f, ferr := s.needListFilter(r)
	d.Overdue = f.Overdue
	status := http.StatusOK
	if ferr != nil {
		p := s.problemFor(r, ferr)
		if p.Status >= http.StatusInternalServerError {
			return ferr
		}
		for _, e := range p.Errors {
			d.Errors = append(d.Errors, e.Detail)
		}
		status = p.Status
	} else {
		f.Offset, f.Limit = (d.Page-1)*needsPageSize, needsPageSize
		list, total, err := s.db.Needs(ctx, f)
		if err != nil {
			return err
		}
		if d.Rows, err = s.needRower(ctx, v).rows(ctx, list); err != nil {
			return err
		}
		d.Total, d.Pages = total, max(1, (total+needsPageSize-1)/needsPageSize)
		if d.Page > 1 {
			d.PrevURL = d.pageURL(min(d.Page-1, d.Pages))
		}
		if d.Page < d.Pages {
			d.NextURL = d.pageURL(d.Page + 1)
		}
		d.ExportCSV, d.ExportXLSX = d.exportURL("csv"), d.exportURL("xlsx")
	}
	v.Data = d
	s.render(w, r, status, "needs", v)
	return nil
}

// needListFilter reads the filters by the API's rules (needFilter) and, as
// the person list does, reports a place outside the scope as unknown.
func (s *Server) needListFilter(r *http.Request) (need.Filter, error) {
	f, err := needFilter(r)
	var fs errs.Fields
	if e := (*errs.Error)(nil); errors.As(err, &e) {
		fs = e.Fields
	} else if err != nil {
		return f, err
	}
	if f.PlaceCode != nil {
		if _, lerr := place.LevelOf(*f.PlaceCode); lerr == nil {
			if _, perr := s.db.Place(r.Context(), *f.PlaceCode); errs.Is(perr, errs.NotFound) {
				fs.Add("place", "err.place.unknown", nil)
			} else if perr != nil {
				return f, perr
			}
		}
	}
	return f, fs.Err()
}

// query is the filter part of the list's URL.
func (d *needsData) query() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"place": d.Place, "category": d.Category, "status": d.Status,
		"channel": d.Channel, "person": d.Person} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if d.Overdue {
		q.Set("overdue", "true")
	}
	return q
}

// pageURL is the list URL with the same filters, at page n.
func (d *needsData) pageURL(n int) string {
	q := d.query()
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/needs"
	}
	return "/needs?" + q.Encode()
}

// exportURL downloads the whole filtered ledger; the API accepts the
// console's session cookie.
func (d *needsData) exportURL(format string) string {
	q := d.query()
	q.Set("format", format)
	return "/api/v1/needs/export?" + q.Encode()
}
