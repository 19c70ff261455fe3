package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/visit"
)

// flagView is a fired rule with its message in the reader's language.
type flagView struct {
	visit.Flag
	Message string `json:"message"`
}

// flagViews explains flags in lang with the rules in force.
func flagViews(rules []visit.Rule, flags []visit.Flag, lang string) []flagView {
	out := make([]flagView, 0, len(flags))
	for _, f := range flags {
		fv := flagView{Flag: f, Message: f.Rule}
		if i := slices.IndexFunc(rules, func(r visit.Rule) bool { return r.Code == f.Rule }); i >= 0 {
			fv.Message = visit.Message(rules[i], f, lang)
		}
		out = append(out, fv)
	}
	return out
}

// visitReply is a visit after an event, as the field app reads it.
type visitReply struct {
	EventID   string        `json:"event_id"`
	Duplicate bool          `json:"duplicate"`
	Visit     *visit.Visit  `json:"visit"`
	Outcome   visit.Outcome `json:"outcome"`
	Flags     []flagView    `json:"flags"`
}

// apiRecordVisitEvent handles POST /api/v1/visit-events: one event from a
// field device. The event id is the idempotency key (an Idempotency-Key
// header, when sent, must equal it): 201 when stored, 200 with duplicate
// true when the same event was stored before.
func (s *Server) apiRecordVisitEvent(w http.ResponseWriter, r *http.Request) error {
	var e visit.Event
	if err := readJSON(r, &e); err != nil {
		return err
	}
	if k := r.Header.Get("Idempotency-Key"); k != "" && k != e.ID {
		return errs.InvalidField("id", "err.visit.key_mismatch", nil)
	}
	res, err := s.db.RecordVisitEvent(r.Context(), &e)
	if err != nil {
		return err
	}
	var rules []visit.Rule
	if len(res.Flags) > 0 { // most events raise none: spare the read
		if rules, err = s.db.VisitRules(r.Context()); err != nil {
			return err
		}
	}
	status := http.StatusCreated
	if res.Duplicate {
		status = http.StatusOK
	}
	return writeJSON(w, status, visitReply{EventID: res.EventID, Duplicate: res.Duplicate, Visit: res.Visit, Outcome: res.Outcome,
		Flags: flagViews(rules, res.Flags, s.lang(r))})
}

// fieldStop is one stop of the field app's day.
type fieldStop struct {
	OrderID     string        `json:"order_id"`
	RouteSeq    int           `json:"route_seq"`
	State       string        `json:"state"`
	ItemCode    string        `json:"item_code"`
	ItemName    string        `json:"item_name"`
	Minutes     int           `json:"minutes"`
	WindowStart time.Time     `json:"window_start"`
	WindowEnd   time.Time     `json:"window_end"`
	ETA         *time.Time    `json:"eta"`
	Late        bool          `json:"late"`
	Tasks       []string      `json:"tasks"`
	Person      visit.Card    `json:"person"`
	Target      visit.Target  `json:"target"`
	MapURL      string        `json:"map_url"`
	Visit       *visit.Visit  `json:"visit"`
	Outcome     visit.Outcome `json:"outcome"`
	Flags       []flagView    `json:"flags"`
}

// apiFieldDay handles GET /api/v1/field/day: the signed-in service worker's
// stops of a day (today when ?day is absent) with everything the field app
// keeps for working offline.
func (s *Server) apiFieldDay(w http.ResponseWriter, r *http.Request) error {
	day, err := s.dayParam(r)
	if err != nil {
		return err
	}
	d, stops, err := s.db.FieldDay(r.Context(), day)
	if err != nil {
		return err
	}
	rules, err := s.db.VisitRules(r.Context())
	if err != nil {
		return err
	}
	lang := s.lang(r)
	names, err := s.itemNames(r, &view{Lang: s.localizer(r).Lang()})
	if err != nil {
		return err
	}
	out := make([]fieldStop, 0, len(stops))
	for _, st := range stops {
		o := st.Order
		out = append(out, fieldStop{OrderID: o.ID, RouteSeq: o.RouteSeq, State: string(o.State), ItemCode: o.ItemCode,
			ItemName: names(o.ItemCode), Minutes: o.Minutes, WindowStart: o.WindowStart, WindowEnd: o.WindowEnd, ETA: o.ETA,
			Late: o.Late, Tasks: st.Tasks, Person: st.Person, Target: st.Target, MapURL: geoURL(st.Target),
			Visit: st.Visit, Outcome: st.Outcome, Flags: flagViews(rules, st.Flags, lang)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"day": day, "server_time": s.now().UTC(), "stops": out,
		"worker": map[string]string{"id": d.WorkerID, "name": d.WorkerName, "provider_name": d.ProviderName},
	})
}

// geoURL is a geo: URI (RFC 5870) that opens the phone's map app at the
// target.
func geoURL(t visit.Target) string {
	ll := plainFloat(t.Lat) + "," + plainFloat(t.Lon)
	return "geo:" + ll + "?q=" + url.QueryEscape(ll)
}

// apiSendConfirmCode handles POST /api/v1/orders/{id}/confirm-code: a
// one-time code to the person's phone, to read back as confirmation.
func (s *Server) apiSendConfirmCode(w http.ResponseWriter, r *http.Request) error {
	sentTo, err := s.db.SendConfirmCode(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, map[string]string{"sent_to": sentTo})
}

// visitFilter reads visit filters from a query string, reporting each bad
// parameter by name.
func visitFilter(q url.Values) (visit.Filter, error) {
	var fs errs.Fields
	f := visit.Filter{}
	serviceParams(q, &fs, &f.From, &f.To, &f.PlaceCode,
		param{"worker", &f.WorkerID}, param{"provider", &f.ProviderID}, param{"person", &f.PersonID})
	if v := q.Get("outcome"); v != "" {
		o := visit.Outcome(v)
		if !slices.Contains(visit.Outcomes, o) {
			fs.Add("outcome", "err.visit.outcome", nil)
		}
		f.Outcome = &o
	}
	if v := q.Get("state"); v != "" {
		st := visit.State(v)
		if !slices.Contains(visit.States, st) {
			fs.Add("state", "err.visit.state", nil)
		}
		f.State = &st
	}
	if v := q.Get("rule"); v != "" {
		if !slices.Contains(visit.RuleCodes, v) {
			fs.Add("rule", "err.visit.rule", nil)
		}
		f.Rule = &v
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// visitRowView is a visit in a list, its flags explained.
type visitRowView struct {
	*visit.Row
	Flags []flagView `json:"flags"`
}

// apiListVisits handles GET /api/v1/visits; ?outcome=flagged is the
// exception queue.
func (s *Server) apiListVisits(w http.ResponseWriter, r *http.Request) error {
	f, err := visitFilter(r.URL.Query())
	if err != nil {
		return err
	}
	list, total, err := s.db.Visits(r.Context(), f)
	if err != nil {
		return err
	}
	rules, err := s.db.VisitRules(r.Context())
	if err != nil {
		return err
	}
	lang := s.lang(r)
	items := make([]visitRowView, 0, len(list))
	for _, v := range list {
		items = append(items, visitRowView{Row: v, Flags: flagViews(rules, v.Flags, lang)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// visitRecordView is one visit in full, its flags explained.
type visitRecordView struct {
	*visit.Record
	Flags []flagView `json:"flags"`
}

// writeVisit answers one visit with its flags explained, or the error
// that came instead of it.
func (s *Server) writeVisit(w http.ResponseWriter, r *http.Request, rec *visit.Record, err error) error {
	if err != nil {
		return err
	}
	rules, err := s.db.VisitRules(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, visitRecordView{Record: rec, Flags: flagViews(rules, rec.Flags, s.lang(r))})
}

// apiGetVisit handles GET /api/v1/visits/{id}: the visit of work order id,
// with its events and decisions.
func (s *Server) apiGetVisit(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.db.Visit(r.Context(), r.PathValue("id"))
	return s.writeVisit(w, r, rec, err)
}

// apiDecideVisit handles POST /api/v1/visits/{id}/decision: a supervisor
// clears a flagged visit with a reason code, or rejects it.
func (s *Server) apiDecideVisit(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Action     string `json:"action"`
		ReasonCode string `json:"reason_code"`
		Note       string `json:"note"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	rec, err := s.db.DecideVisit(r.Context(), r.PathValue("id"), visit.Decision{Action: req.Action, ReasonCode: req.ReasonCode, Note: req.Note})
	return s.writeVisit(w, r, rec, err)
}

// apiListVisitRules handles GET /api/v1/visit-rules: the verification rules
// in force, for anyone who reads visits.
func (s *Server) apiListVisitRules(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.db.VisitRules(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": rules})
}

// apiPutVisitRule handles PUT /api/v1/visit-rules/{code}: an administrator
// changes a rule's severity, parameters, messages or switches it off.
func (s *Server) apiPutVisitRule(w http.ResponseWriter, r *http.Request) error {
	var rule visit.Rule
	if err := readJSON(r, &rule); err != nil {
		return err
	}
	if rule.Code == "" {
		rule.Code = r.PathValue("code")
	}
	if rule.Code != r.PathValue("code") {
		return errs.InvalidField("code", "err.visit.rule_code", nil)
	}
	if err := s.db.PutVisitRule(r.Context(), rule); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rule)
}
