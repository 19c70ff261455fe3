package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/warn"
)

// rulesData is the warning rules page: each rule with its form.
type rulesData struct {
	Rows    []ruleRow
	CanEdit bool
	Saved   string // code of the rule just saved
	Error   string // why the last save failed
}

// ruleRow is a rule in words, and the values of its form: the rule's own,
// or what was typed when saving it failed.
type ruleRow struct {
	store.WarningRule
	FeedLabel, Unit, Target, UrgencyLabel, CategoryLabel, Updated string
	HasThreshold                                                  bool
	F                                                             ruleForm
	Fields                                                        map[string]string
}

// ruleForm is a rule's form as typed. A medical threshold is in yuan.
type ruleForm struct {
	Threshold, Window, Visit string
	Enabled                  bool
}

// Err is the message for one field of the row's form, or "".
func (r ruleRow) Err(field string) string { return r.Fields[field] }

// showRulesPage handles GET /warnings/rules.
func (s *Server) showRulesPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderRules(w, r, http.StatusOK, r.URL.Query().Get("saved"), "", nil, ruleForm{}, nil)
}

// saveRule handles POST /warnings/rules/{code}: threshold, window, visit
// deadline and whether the rule is on; the rest of the rule stays.
func (s *Server) saveRule(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ManageWarnings); err != nil {
		return err
	}
	code := r.PathValue("code")
	cur, err := s.rule(r, code)
	if err != nil {
		return err
	}
	r.ParseForm()
	f := ruleForm{Threshold: strings.TrimSpace(r.PostForm.Get("threshold")), Window: strings.TrimSpace(r.PostForm.Get("window_days")),
		Visit: strings.TrimSpace(r.PostForm.Get("visit_within_days")), Enabled: r.PostForm.Get("enabled") != ""}
	rule, fs := f.rule(cur.Rule)
	if len(fs) > 0 {
		// Report the other fields' ranges at once, not one save later.
		var e *errs.Error
		if errors.As(rule.Validate(), &e) {
			for _, fe := range e.Fields {
				if !slices.ContainsFunc(fs, func(x errs.Field) bool { return x.Name == fe.Name }) {
					fs = append(fs, fe)
				}
			}
		}
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	err = fs.Err()
	if err == nil {
		_, _, err = s.db.PutWarningRule(r.Context(), rule, version)
	}
	if err != nil {
		p := s.problemFor(r, err)
		if p.Code == errs.Forbidden || p.Code == errs.NotFound || p.Code == errs.Internal {
			return err
		}
		return s.renderRules(w, r, p.Status, "", code, &p, f, problemFields(p))
	}
	http.Redirect(w, r, "/warnings/rules?saved="+url.QueryEscape(code)+"#rule-"+code, http.StatusSeeOther)
	return nil
}

// rule returns the rule with the code, or NotFound.
func (s *Server) rule(r *http.Request, code string) (*store.WarningRule, error) {
	rules, err := s.db.WarningRules(r.Context())
	if err != nil {
		return nil, err
	}
	for i := range rules {
		if rules[i].Code == code {
			return &rules[i], nil
		}
	}
	return nil, errs.New(errs.NotFound, "err.not_found")
}

// rule applies the form to the current rule, reporting fields that are not
// whole numbers; Rule.Validate checks the ranges.
func (f *ruleForm) rule(cur warn.Rule) (warn.Rule, errs.Fields) {
	var fs errs.Fields
	num := func(field, v string) int64 {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			fs.Add(field, "err.rule.integer", nil)
		}
		return n
	}
	out := cur
	if f.Threshold != "" || cur.Feed != warn.SchoolDropout {
		out.Threshold = num("threshold", f.Threshold)
		if cur.Feed == warn.MedicalExpense {
			out.Threshold *= 100 // yuan on the form, fen in the rule
		}
	}
	out.WindowDays = int(num("window_days", f.Window))
	out.VisitWithinDays = int(num("visit_within_days", f.Visit))
	out.Enabled = f.Enabled
	return out, fs
}

// formOf is a rule's form with its current values.
func formOf(r *warn.Rule) ruleForm {
	t := r.Threshold
	if r.Feed == warn.MedicalExpense {
		t /= 100
	}
	return ruleForm{Threshold: strconv.FormatInt(t, 10), Window: strconv.Itoa(r.WindowDays), Visit: strconv.Itoa(r.VisitWithinDays), Enabled: r.Enabled}
}

// renderRules shows the rules; failed names the rule whose save failed,
// with the problem, the form as typed and its field messages.
func (s *Server) renderRules(w http.ResponseWriter, r *http.Request, status int, saved, failed string, p *Problem, f ruleForm, fields map[string]string) error {
	a := auth.ActorFrom(r.Context())
	if !a.Can(auth.ReadNeeds) && !a.Can(auth.UploadFeeds) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	rules, err := s.db.WarningRules(r.Context())
	if err != nil {
		return err
	}
	v := s.newView(w, r, "warn.rules.title")
	v.Nav = "warnings"
	d := &rulesData{CanEdit: a.Can(auth.ManageWarnings)}
	if p != nil {
		d.Error = p.Title
	}
	for _, rule := range rules {
		if rule.Code == saved {
			d.Saved = saved
		}
		row := ruleRow{WarningRule: rule, FeedLabel: v.Label("warn.feed", rule.Feed), Unit: v.T("warn.rules.unit." + string(rule.Feed)),
			Target: targetLabel(v, rule.Target), UrgencyLabel: v.Label("warn.urgency", rule.Urgency), HasThreshold: rule.Feed != warn.SchoolDropout,
			F: formOf(&rule.Rule)}
		if rule.Category != "" {
			row.CategoryLabel = v.Label("category", rule.Category)
		}
		if rule.UpdatedAt != nil {
			row.Updated = v.T("warn.rules.updated", "Version", rule.Version, "By", rule.UpdatedBy, "At", chinaClock(*rule.UpdatedAt))
		}
		if rule.Code == failed {
			row.F, row.Fields = f, fields
		}
		d.Rows = append(d.Rows, row)
	}
	v.Data = d
	s.render(w, r, status, "warn_rules", v)
	return nil
}

// targetLabel describes a rule's target group in words.
func targetLabel(v *view, t warn.TargetGroup) string {
	var parts []string
	for _, c := range t.Categories {
		parts = append(parts, v.Label("category", c))
	}
	switch {
	case t.MinAge > 0 && t.MaxAge > 0:
		parts = append(parts, v.T("warn.rules.age_range", "Min", t.MinAge, "Max", t.MaxAge))
	case t.MinAge > 0:
		parts = append(parts, v.T("warn.rules.age_min", "Min", t.MinAge))
	case t.MaxAge > 0:
		parts = append(parts, v.T("warn.rules.age_max", "Max", t.MaxAge))
	}
	if len(parts) == 0 {
		return v.T("warn.rules.anyone")
	}
	return strings.Join(parts, v.T("needs.list_sep"))
}
