package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/match"
	"jiuzhu/internal/store"
)

const matchPageSize = 50

// matchingData is the matching home: the one click, a preview form and the
// runs in the user's area.
type matchingData struct {
	CanRun bool
	Places []placeOption
	Week   string
	Error  string
	Runs   []runRow
	pageData
}

// pageData is the paging part of a list page.
type pageData struct {
	Total, Page, Pages int
	PrevURL, NextURL   string
	base               string
	query              url.Values
}

func newPageData(r *http.Request, base string) pageData {
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	q := url.Values{}
	for k, v := range r.URL.Query() {
		if k != "page" {
			q[k] = v
		}
	}
	return pageData{Page: max(1, n), base: base, query: q}
}

func (p *pageData) offset() int { return (p.Page - 1) * matchPageSize }

func (p *pageData) setTotal(total int) {
	p.Total, p.Pages = total, max(1, (total+matchPageSize-1)/matchPageSize)
	if p.Page > 1 {
		p.PrevURL = p.url(min(p.Page-1, p.Pages))
	}
	if p.Page < p.Pages {
		p.NextURL = p.url(p.Page + 1)
	}
}

func (p *pageData) url(n int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return p.base
	}
	return p.base + "?" + q.Encode()
}

type runRow struct {
	*match.Run
	Place, Created, KindLabel, StateLabel string
}

func newRunRow(v *view, run *match.Run, place string) runRow {
	return runRow{Run: run, Place: place, Created: run.CreatedAt.In(chinaTime).Format("2006-01-02 15:04"),
		KindLabel: v.T("match.kind_run." + run.Kind), StateLabel: v.T("match.run_state." + run.State)}
}

// showMatchingPage handles GET /matching.
func (s *Server) showMatchingPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderMatching(w, r, http.StatusOK, "")
}

func (s *Server) renderMatching(w http.ResponseWriter, r *http.Request, status int, errText string) error {
	if err := mustCan(r, auth.ReadServices); err != nil {
		return err
	}
	ctx := r.Context()
	v := s.newView(w, r, "match.title")
	v.Nav = "matching"
	a := auth.ActorFrom(ctx)
	d := &matchingData{CanRun: a.Can(auth.RunMatching) && !a.ProviderSide(), Week: store.NextMonday(s.now()), Error: errText,
		pageData: newPageData(r, "/matching")}
	if d.CanRun {
		var err error
		if d.Places, err = s.placeOptions(ctx, a.Scope, v.Lang.Tag); err != nil {
			return err
		}
	}
	list, total, err := s.db.Runs(ctx, match.RunFilter{Offset: d.offset(), Limit: matchPageSize})
	if err != nil {
		return err
	}
	d.setTotal(total)
	name := s.placeNamer(ctx, v.Lang.Tag)
	for _, run := range list {
		d.Runs = append(d.Runs, newRunRow(v, run, name(run.PlaceCode)))
	}
	v.Data = d
	s.render(w, r, status, "matching", v)
	return nil
}

// runForm reads the place and week of the one click and the preview.
func runForm(r *http.Request) (placeCode, week string) {
	r.ParseForm()
	return r.PostForm.Get("place_code"), r.PostForm.Get("week")
}

// oneClickMatching handles POST /matching/one-click: match all approved
// needs and generate next week's orders, then show the run.
func (s *Server) oneClickMatching(w http.ResponseWriter, r *http.Request) error {
	placeCode, week := runForm(r)
	out, err := s.db.MatchAndGenerate(r.Context(), placeCode, week)
	if err != nil {
		return s.matchingFailed(w, r, err)
	}
	s.setFlash(w, "match.flash.one_click")
	http.Redirect(w, r, "/matching/runs/"+out.Run.ID+"?orders="+strconv.Itoa(out.Orders.Created), http.StatusSeeOther)
	return nil
}

// previewMatching handles POST /matching/preview.
func (s *Server) previewMatching(w http.ResponseWriter, r *http.Request) error {
	placeCode, week := runForm(r)
	run, err := s.db.PreviewMatching(r.Context(), placeCode, week)
	if err != nil {
		return s.matchingFailed(w, r, err)
	}
	http.Redirect(w, r, "/matching/runs/"+run.ID, http.StatusSeeOther)
	return nil
}

// matchingFailed shows the matching page again with the error, unless the
// error is one the error page should show.
func (s *Server) matchingFailed(w http.ResponseWriter, r *http.Request, err error) error {
	p := s.problemFor(r, err)
	if p.Status != http.StatusUnprocessableEntity && p.Status != http.StatusConflict {
		return err
	}
	msg := p.Title
	for _, e := range p.Errors {
		msg += " " + e.Detail
	}
	return s.renderMatching(w, r, p.Status, msg)
}

// matchNames turns codes in assignments into words in the page's language.
type matchNames struct {
	v     *view
	place func(string) string
	items map[string]string
}

func (s *Server) matchNames(ctx context.Context, v *view) *matchNames {
	n := &matchNames{v: v, place: s.placeNamer(ctx, v.Lang.Tag), items: map[string]string{}}
	if items, err := s.db.CurrentItems(store.System(ctx)); err == nil {
		for _, it := range items {
			n.items[it.Code] = it.NameIn(v.Lang.Tag)
		}
	}
	return n
}

func (n *matchNames) item(code string) string {
	if s := n.items[code]; s != "" {
		return s
	}
	return code
}

// reason renders why a unit is open, with its arguments in words.
func (n *matchNames) reason(r *match.Reason) string {
	if r == nil {
		return ""
	}
	args := map[string]any{}
	for k, v := range r.Args {
		args[k] = v
	}
	str := func(k string) string { s, _ := r.Args[k].(string); return s }
	args["Item"] = n.item(str("Item"))
	if l := str("Language"); l != "" {
		args["Language"] = n.v.T("language." + l)
	}
	if k := str("Kind"); k != "" {
		args["Kind"] = n.v.T("match.kind." + k)
	} else {
		args["Kind"] = n.v.T("match.kind.any")
	}
	if g := str("Gender"); g != "" {
		args["Gender"] = n.v.T("match.gender." + g)
	}
	if c := str("Cert"); c != "" {
		args["Cert"] = n.v.T("match.cert." + c)
	}
	return n.v.loc.T(r.Key, args)
}

// assignmentRow is one assignment as the tables show it.
type assignmentRow struct {
	*match.Assignment
	Item, Place, StateLabel, Why, Reason, Runner string
	SourceLabel, BrokenLabel, Decision           string // decision: the override or decline reason code in words
}

func (n *matchNames) rows(list []*match.Assignment) []assignmentRow {
	out := make([]assignmentRow, 0, len(list))
	for _, a := range list {
		row := assignmentRow{Assignment: a, Item: n.item(a.ItemCode), Place: n.place(a.PlaceCode), StateLabel: n.v.T("match.state." + string(a.State)),
			Reason: n.reason(a.Explanation.Reason), SourceLabel: n.v.T("match.source." + a.Source)}
		if b := a.Explanation.Broken; b != "" {
			row.BrokenLabel = n.v.T("match.check." + b)
		}
		switch {
		case a.ReasonCode == "":
		case a.State == match.Declined:
			row.Decision = n.v.T("match.decline." + a.ReasonCode)
		default:
			row.Decision = n.v.T("match.override." + a.ReasonCode)
		}
		if ru := a.Explanation.RunnerUp; ru != nil {
			row.Runner = ru.WorkerName
			row.Why = n.v.T("match.lost."+ru.Why, "Delta", ru.Cost-a.Cost)
		}
		out = append(out, row)
	}
	return out
}

// costText shows cost parts compactly, e.g. "travel 120 · continuity 0 …".
func (v *view) CostText(c match.CostParts) string {
	return fmt.Sprintf("%s %d · %s %d · %s %d · %s %d", v.T("match.part.travel"), c.Travel, v.T("match.part.continuity"), c.Continuity,
		v.T("match.part.rating"), c.Rating, v.T("match.part.load"), c.Load)
}
