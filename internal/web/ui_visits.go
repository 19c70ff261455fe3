package web

import (
	"net/http"
	"net/url"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/visit"
)

// visitsData is the visit list, or a supervisor's exception queue, with its
// filter bar.
type visitsData struct {
	Queue                                 bool // the flagged visits of a supervisor
	Outcome, State, Rule, Place, From, To string
	Provider, Worker, Person              string
	Outcomes, States, Rules               []choice
	Providers, Workers                    []choice // the filters the role has; empty hides them
	Places                                []placeOption
	Errors                                []string
	Rows                                  []visitListRow
	pageData
}

// visitListRow is a visit in a list, labelled in the page's language.
type visitListRow struct {
	*visit.Row
	Item, StateLabel, OutcomeLabel string
	Flags                          []flagView
}

// visitFilterKeys are the query parameters of the filter bar; a URL with
// none of them is the page's default view.
var visitFilterKeys = []string{"outcome", "state", "rule", "place", "provider", "worker", "person", "from", "to"}

// showVisitsPage handles GET /visits: the visits in the user's scope, newest
// day first. A supervisor who opens it without filters gets the exception
// queue, the flagged visits waiting for a decision; the store decides who
// may read visits at all.
func (s *Server) showVisitsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v := s.newView(w, r, "visit.list.title")
	v.Nav = "visits"
	q := r.URL.Query()
	supervisor := auth.ActorFrom(ctx).Can(auth.SuperviseVisits)
	if supervisor && !hasAnyKey(q, visitFilterKeys) {
		q.Set("outcome", string(visit.Flagged))
	}
	d := &visitsData{Outcome: q.Get("outcome"), State: q.Get("state"), Rule: q.Get("rule"), Place: q.Get("place"),
		From: q.Get("from"), To: q.Get("to"), Provider: q.Get("provider"), Worker: q.Get("worker"), Person: q.Get("person"),
		pageData: newPageData(r, "/visits")}
	d.Queue = supervisor && d.Outcome == string(visit.Flagged)
	if d.Queue {
		v.Title = v.T("visit.queue.title")
	}
	q.Del("offset")
	q.Del("limit")
	status := http.StatusOK
	if f, err := visitFilter(q); err != nil {
		p := s.problemFor(r, err)
		for _, e := range p.Errors {
			d.Errors = append(d.Errors, e.Detail)
		}
		status = p.Status
	} else {
		f.Offset, f.Limit = d.offset(), matchPageSize
		list, total, err := s.db.Visits(ctx, f)
		if err != nil {
			return err
		}
		if d.Rows, err = s.visitListRows(r, v, list); err != nil {
			return err
		}
		d.setTotal(total)
	}
	if err := s.visitFilterChoices(r, v, d); err != nil {
		return err
	}
	v.Data = d
	s.render(w, r, status, "visits", v)
	return nil
}

// visitListRows labels visits and explains their flags in the page's
// language.
func (s *Server) visitListRows(r *http.Request, v *view, list []*visit.Row) ([]visitListRow, error) {
	rules, err := s.db.VisitRules(r.Context())
	if err != nil {
		return nil, err
	}
	item := s.itemNamer(r.Context(), v.Lang.Tag)
	out := make([]visitListRow, 0, len(list))
	for _, row := range list {
		out = append(out, visitListRow{Row: row, Item: item(row.ItemCode), StateLabel: v.T("visit.state." + string(row.State)),
			OutcomeLabel: v.T("visit.outcome." + string(row.Outcome)), Flags: flagViews(rules, row.Flags, v.Lang.Tag)})
	}
	return out, nil
}

// hasAnyKey reports whether q names any of keys, even with an empty value:
// a submitted filter bar sends every field.
func hasAnyKey(q url.Values, keys []string) bool {
	for _, k := range keys {
		if _, ok := q[k]; ok {
			return true
		}
	}
	return false
}
