package web

import (
	"net/http"
	"slices"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
)

// assessResultData is one assessment as the result page shows it, every
// label in the page's language, with the linked application.
type assessResultData struct {
	A        *store.Assessment
	Village  string
	Template string // name and version
	Tier     string
	Grade    string // "" for templates without grades
	Classes  []string
	Package  string
	Visits   string
	NextDue  string
	At       string
	Rules    []string
	Scores   []scoreRow
	Answers  []answerGroup
	App      *store.Application
	AppState string
	CanPass  bool
	Error    string
}

type scoreRow struct {
	Label      string
	Score, Max int
}

type answerGroup struct {
	Label string
	Rows  []choice // Value: the question, Label: the answer
}

// showAssessmentPage handles GET /assessments/{id}: the result — tier,
// classes, package, visits per month, delegation, next reassessment, the
// rules that applied — and the answers, labelled with the template version
// that scored them.
func (s *Server) showAssessmentPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderAssessment(w, r, http.StatusOK, "")
}

// passAssessmentStep handles POST /assessments/{id}/pass: the assessor
// passes the linked application's assessment step, which approves it.
func (s *Server) passAssessmentStep(w http.ResponseWriter, r *http.Request) error {
	as, err := s.db.Assessment(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if as.ApplicationID == "" {
		return errs.New(errs.NotFound, "err.not_found")
	}
	r.ParseForm()
	if _, err := s.db.PassAssessment(r.Context(), as.ApplicationID, formVersion(r)); err != nil {
		p := s.problemFor(r, err)
		if p.Code == errs.NotFound || p.Code == errs.Internal {
			return err
		}
		return s.renderAssessment(w, r, p.Status, p.Title)
	}
	http.Redirect(w, r, "/assessments/"+as.ID, http.StatusSeeOther)
	return nil
}

func (s *Server) renderAssessment(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	ctx := r.Context()
	as, err := s.db.Assessment(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	res := as.Result
	st, err := s.db.Template(ctx, res.TemplateCode, res.TemplateVersion)
	if err != nil {
		return err
	}
	t := st.Template
	v := s.newView(w, r, "")
	v.Title, v.Nav = v.T("assess.ui.title.result", "Name", as.PersonName), "persons"
	d := &assessResultData{A: as, Village: s.placeNamer(ctx, v.Lang.Tag)(as.PlaceCode), Error: problem,
		Template: v.T(t.NameKey) + " · " + v.T("assess.ui.version", "Version", t.Version),
		Tier:     v.T(t.TierLabel(res.Tier)), Package: v.T("common.none"), Visits: v.T("assess.ui.visits_n", "Count", res.VisitsPerMonth),
		NextDue: as.NextDue.In(chinaTime).Format("2006-01-02"), At: chinaClock(as.At)}
	if res.Grade != nil {
		d.Grade = v.T(t.GradeLabel(*res.Grade))
	}
	if res.Package != "" {
		d.Package = v.T(t.PackageLabel(res.Package))
	}
	for _, c := range res.Classes {
		d.Classes = append(d.Classes, v.T(t.ClassLabel(c)))
	}
	for _, code := range res.Explanation {
		d.Rules = append(d.Rules, v.T(t.RuleLabel(code)))
	}
	for _, ds := range res.DimensionScores {
		d.Scores = append(d.Scores, scoreRow{Label: v.T(t.DimensionLabel(ds.Code)), Score: ds.Score, Max: ds.Max})
	}
	for _, dim := range t.Dimensions {
		g := answerGroup{Label: v.T(dim.LabelKey)}
		for i := range dim.Items {
			it := &dim.Items[i]
			if val, ok := as.Answers[it.Code]; ok {
				g.Rows = append(g.Rows, choice{Value: v.T(it.LabelKey), Label: answerLabel(v, it, val)})
			}
		}
		if len(g.Rows) > 0 {
			d.Answers = append(d.Answers, g)
		}
	}
	if as.ApplicationID != "" {
		if d.App, err = s.db.Application(ctx, as.ApplicationID); err != nil {
			return err
		}
		d.AppState = v.T(d.App.State.Label())
		d.CanPass = d.App.State == approval.Assessment && slices.Contains(d.App.Allowed, approval.Pass)
	}
	v.Data = d
	s.render(w, r, status, "assess_result", v)
	return nil
}
