package web

import (
	"context"
	"net/http"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/visit"
)

// visitPageData is one visit in full, as a supervisor checks it: the order,
// each part of the evidence, the flags, the conflicts, every event and
// every decision, and the decision forms.
type visitPageData struct {
	Rec                      *visit.Record
	Order                    *plan.Order
	Item, Window, Provider   string
	StateLabel, OutcomeLabel string
	CheckIn, CheckOut        *stampView
	Missed                   *stampView
	Photos                   []photoView
	Confirm                  *confirmView
	Flags                    []flagRow
	Conflicts                []conflictRow
	Events                   []visitEventRow
	Decisions                []decisionRow
	decisionForm
	v *view
}

// stampBlock and decisionBlock are what the page's "stamp" and
// "decision_form" templates get: a part of the page and the view.
type (
	stampBlock struct {
		V      *view
		S      *stampView
		Missed bool
	}
	decisionBlock struct {
		V                   *view
		D                   *visitPageData
		A                   string // clear | reject
		Title, Hint, Submit string
		Reasons             []choice
	}
)

// Stamp is the block of the check-in, the check-out or the missed report.
func (d *visitPageData) Stamp(which string) stampBlock {
	s := map[string]*stampView{"check_in": d.CheckIn, "check_out": d.CheckOut, "missed": d.Missed}[which]
	return stampBlock{V: d.v, S: s, Missed: which == "missed"}
}

// Form is the block of the clear or the reject form.
func (d *visitPageData) Form(action string) decisionBlock {
	b := decisionBlock{V: d.v, D: d, A: action, Reasons: d.ClearReasons,
		Title: d.v.T("visit.decide.clear"), Hint: d.v.T("visit.decide.clear_hint"), Submit: d.v.T("visit.decide.clear_submit")}
	if action == visit.Reject {
		b.Reasons = d.RejectReasons
		b.Title, b.Hint, b.Submit = d.v.T("visit.decide.reject"), d.v.T("visit.decide.reject_hint"), d.v.T("visit.decide.reject_submit")
	}
	return b
}

// decisionForm is a supervisor's two forms, clear and reject, with what was
// typed into the one that failed and its errors.
type decisionForm struct {
	CanClear, CanReject         bool
	ClearReasons, RejectReasons []choice
	Tried                       visit.Decision
	Error                       string
	Fields                      map[string]string
}

// Err is the message for a field of the form of action, or "".
func (f *decisionForm) Err(action, field string) string {
	if f.Tried.Action != action {
		return ""
	}
	return f.Fields[field]
}

// Typed is what was typed into the form of action before it failed.
func (f *decisionForm) Typed(action string) visit.Decision {
	if f.Tried.Action != action {
		return visit.Decision{}
	}
	return f.Tried
}

// showVisitPage handles GET /visits/{id}: the visit of work order id in full.
// The store answers not found outside the user's scope.
func (s *Server) showVisitPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderVisit(w, r, http.StatusOK, decisionForm{})
}

func (s *Server) renderVisit(w http.ResponseWriter, r *http.Request, status int, form decisionForm) error {
	ctx := r.Context()
	rec, err := s.db.Visit(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	o, err := s.db.Order(ctx, rec.OrderID)
	if err != nil {
		return err
	}
	rules, err := s.db.VisitRules(ctx)
	if err != nil {
		return err
	}
	if rec.Visit == nil { // a visit with no events yet
		rec.Visit = visit.Fold(rec.OrderID, rec.Events)
	}
	v := s.newView(w, r, "visit.title")
	v.Nav = "visits"
	d := &visitPageData{Rec: rec, Order: o, Item: s.itemNamer(ctx, v.Lang.Tag)(rec.ItemCode),
		Window:     localClock(o.WindowStart) + "–" + localClock(o.WindowEnd),
		Provider:   s.providerName(ctx, rec.ProviderID),
		StateLabel: v.T("visit.state." + string(rec.State)), OutcomeLabel: v.T("visit.outcome." + string(rec.Outcome)),
		decisionForm: form, v: v}
	d.fill(v, flagViews(rules, rec.Flags, v.Lang.Tag))
	if auth.ActorFrom(ctx).Can(auth.SuperviseVisits) {
		d.CanClear = visit.Decide(rec.Outcome, visit.Decision{Action: visit.Clear}) != rec.Outcome
		d.CanReject = visit.Decide(rec.Outcome, visit.Decision{Action: visit.Reject}) != rec.Outcome
		d.ClearReasons = needChoices(v, "visit.clear", visit.ClearReasons)
		d.RejectReasons = needChoices(v, "visit.reject", visit.RejectReasons)
	}
	v.Data = d
	s.render(w, r, status, "visits_show", v)
	return nil
}

// providerName names an organisation for the reader, or shows its id when
// the reader may not read it.
func (s *Server) providerName(ctx context.Context, id string) string {
	if id == "" {
		return ""
	}
	o, err := s.db.Provider(ctx, id)
	if err != nil {
		return id
	}
	return o.Name
}

// decideVisit handles POST /visits/{id}/decision: a supervisor clears a
// flagged visit or rejects it, with a reason code and a note. A refused
// decision shows the page again with the form's errors.
func (s *Server) decideVisit(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	d := visit.Decision{Action: r.PostForm.Get("action"), ReasonCode: r.PostForm.Get("reason_code"), Note: r.PostForm.Get("note")}
	id := r.PathValue("id")
	if _, err := s.db.DecideVisit(r.Context(), id, d); err != nil {
		p := s.problemFor(r, err)
		if p.Code != errs.Invalid && p.Code != errs.Conflict {
			return err
		}
		return s.renderVisit(w, r, p.Status, decisionForm{Tried: d, Error: p.Title, Fields: problemFields(p)})
	}
	if d.Action == visit.Clear {
		s.setFlash(w, "visit.flash.cleared")
	} else {
		s.setFlash(w, "visit.flash.rejected")
	}
	http.Redirect(w, r, "/visits/"+id, http.StatusSeeOther)
	return nil
}
