package web

import (
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
)

// assessFormData is the assessment form: the person, the template and its
// questions, and the application the assessment is for, if any.
type assessFormData struct {
	P         *person.Person
	Village   string
	Age       int
	Template  *store.StoredTemplate
	Name      string // the template's name in the page's language
	Others    []choice
	App       *store.Application
	AppState  string
	Dims      []assessDim
	Action    string // the form's URL
	Error     string
	Conflict  bool
	Delegated bool // the error says a professional assessor must record it
}

// mustAssess refuses roles that may not record assessments.
func mustAssess(r *http.Request) error {
	if a := auth.ActorFrom(r.Context()); !a.System && !assess.MayAssess(a.Role) {
		return errs.New(errs.Forbidden, "err.assess.role")
	}
	return nil
}

// showAssessPage handles GET /assess/new?person={id}&application={id}&template={code}:
// a form generated from the latest version of the template (default:
// "default"), prefilled with the person's last answers to it.
func (s *Server) showAssessPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustAssess(r); err != nil {
		return err
	}
	values := url.Values{}
	q := r.URL.Query()
	if last, err := s.db.LatestAssessment(r.Context(), q.Get("person")); err == nil && last.Result.TemplateCode == templateParam(r) {
		for code, val := range last.Answers {
			values.Set(code, formValue(val))
		}
	}
	return s.renderAssessForm(w, r, http.StatusOK, values, nil)
}

// saveAssessment handles POST /assess/new: scores and stores the answers,
// then shows the result; problems re-render the form, item by item.
func (s *Server) saveAssessment(w http.ResponseWriter, r *http.Request) error {
	if err := mustAssess(r); err != nil {
		return err
	}
	r.ParseForm()
	q := r.URL.Query()
	p, err := s.db.Person(r.Context(), q.Get("person"), "assess")
	if err != nil {
		return err
	}
	t, err := s.db.Template(r.Context(), templateParam(r), 0)
	if err != nil {
		return err
	}
	subj := assess.SubjectOf(p, s.now().In(chinaTime))
	answers, fs := formAnswers(t.Template, subj, r.PostForm)
	if err := fs.Err(); err != nil {
		return s.renderAssessError(w, r, err)
	}
	as, err := s.db.Assess(r.Context(), p.ID, q.Get("application"), t.Code, answers)
	if err != nil {
		return s.renderAssessError(w, r, err)
	}
	http.Redirect(w, r, "/assessments/"+as.ID, http.StatusSeeOther)
	return nil
}

// renderAssessError shows the form again with err's messages by item.
func (s *Server) renderAssessError(w http.ResponseWriter, r *http.Request, err error) error {
	p := s.problemFor(r, err)
	if p.Code == errs.NotFound || p.Code == errs.Internal {
		return err
	}
	return s.renderAssessForm(w, r, p.Status, r.PostForm, &p)
}

func templateParam(r *http.Request) string {
	if c := r.URL.Query().Get("template"); c != "" {
		return c
	}
	return "default"
}

// formValue turns a stored answer back into the form's text.
func formValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// renderAssessForm reads the person, the template and the application named
// in the query and shows the form with values and problem p, if any.
func (s *Server) renderAssessForm(w http.ResponseWriter, r *http.Request, status int, values url.Values, p *Problem) error {
	ctx := r.Context()
	q := r.URL.Query()
	if q.Get("person") == "" {
		return errs.New(errs.NotFound, "err.not_found")
	}
	per, err := s.db.Person(ctx, q.Get("person"), "assess")
	if err != nil {
		return err
	}
	t, err := s.db.Template(ctx, templateParam(r), 0)
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Title, v.Nav = v.T("assess.ui.title.new", "Name", per.Name), "persons"
	today := s.now().In(chinaTime)
	d := &assessFormData{P: per, Village: s.placeNamer(ctx, v.Lang.Tag)(per.PlaceCode), Age: per.Age(today), Template: t, Name: v.T(t.NameKey)}
	if id := q.Get("application"); id != "" {
		if d.App, err = s.db.Application(ctx, id); err != nil {
			return err
		}
		d.AppState = v.T(d.App.State.Label())
	}
	list, err := s.db.Templates(ctx)
	if err != nil {
		return err
	}
	for _, o := range list {
		if o.Code != t.Code {
			d.Others = append(d.Others, choice{Value: assessURL(per.ID, q.Get("application"), o.Code), Label: v.T(o.NameKey)})
		}
	}
	d.Action = assessURL(per.ID, q.Get("application"), t.Code)
	var fields map[string]string
	if p != nil {
		d.Error, fields = p.Title, problemFields(*p)
		d.Conflict = p.Code == errs.Conflict
		d.Delegated = p.Key == "err.assess.delegated"
	}
	d.Dims = assessForm(v, t.Template, assess.SubjectOf(per, today), values, fields)
	v.Data = d
	s.render(w, r, status, "assess_form", v)
	return nil
}

// assessURL is the form's address for a person, an application and a template.
func assessURL(personID, appID, code string) string {
	q := url.Values{"person": {personID}, "template": {code}}
	if appID != "" {
		q.Set("application", appID)
	}
	return "/assess/new?" + q.Encode()
}
