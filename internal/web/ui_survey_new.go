package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/survey"
)

// surveyRoundForm holds the round form's values as typed.
type surveyRoundForm struct {
	Kind, Name, PlaceCode, FrequencyDays, StartsOn, DueDays string
	Categories                                              []string
}

// surveyCheck is one checkbox of a list.
type surveyCheck struct {
	Value, Label string
	Checked      bool
}

// surveyRoundFormData is the page that plans a round.
type surveyRoundFormData struct {
	F          surveyRoundForm
	Kinds      []choice
	Places     []placeOption
	Categories []surveyCheck
	Error      string
	Fields     map[string]string
}

// Err is the message for one field, or "".
func (d *surveyRoundFormData) Err(field string) string { return d.Fields[field] }

// mustPlan refuses users who may not plan survey rounds.
func mustPlan(r *http.Request) error {
	if !survey.CanPlan(auth.ActorFrom(r.Context())) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return nil
}

// showNewSurveyRoundPage handles GET /survey/new: a routine round of the
// key groups every 30 days, starting today, is the default.
func (s *Server) showNewSurveyRoundPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustPlan(r); err != nil {
		return err
	}
	f := surveyRoundForm{Kind: string(survey.Routine), PlaceCode: currentUser(r).PlaceCode, FrequencyDays: "30", DueDays: "7",
		StartsOn: survey.Today(s.now())}
	for _, c := range survey.KeyGroups {
		f.Categories = append(f.Categories, string(c))
	}
	return s.renderSurveyRoundForm(w, r, http.StatusOK, &surveyRoundFormData{F: f})
}

// createSurveyRound handles POST /survey/new. A census takes neither
// categories nor a frequency: the form's values for those are dropped.
func (s *Server) createSurveyRound(w http.ResponseWriter, r *http.Request) error {
	if err := mustPlan(r); err != nil {
		return err
	}
	r.ParseForm()
	v := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	d := &surveyRoundFormData{F: surveyRoundForm{Kind: v("kind"), Name: v("name"), PlaceCode: v("place_code"), FrequencyDays: v("frequency_days"),
		StartsOn: v("starts_on"), DueDays: v("due_days"), Categories: r.PostForm["categories"]}}
	rd := &survey.Round{Kind: survey.Kind(d.F.Kind), Name: d.F.Name, PlaceCode: d.F.PlaceCode, StartsOn: d.F.StartsOn,
		FrequencyDays: formDays(d.F.FrequencyDays), DueDays: formDays(d.F.DueDays)}
	if rd.Kind == survey.Census {
		rd.FrequencyDays = 0
	} else {
		for _, c := range d.F.Categories {
			rd.TargetCategories = append(rd.TargetCategories, person.Category(c))
		}
	}
	if _, err := s.db.CreateSurveyRound(r.Context(), rd); err != nil {
		p := s.problemFor(r, err)
		if p.Code != errs.Invalid {
			return err
		}
		d.Error, d.Fields = p.Title, problemFields(p)
		return s.renderSurveyRoundForm(w, r, p.Status, d)
	}
	s.setFlash(w, "flash.survey_round_created")
	http.Redirect(w, r, "/survey", http.StatusSeeOther)
	return nil
}

// formDays reads a number of days; anything else is -1, which the round's
// validation reports against the field.
func formDays(s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func (s *Server) renderSurveyRoundForm(w http.ResponseWriter, r *http.Request, status int, d *surveyRoundFormData) error {
	v := s.newView(w, r, "survey.new.title")
	v.Nav = "survey"
	opts, err := s.placeOptions(r.Context(), currentUser(r).PlaceCode, v.Lang.Tag)
	if err != nil {
		return err
	}
	d.Places = opts
	d.Kinds = needChoices(v, "survey.kind", survey.Kinds)
	for _, c := range person.Categories {
		d.Categories = append(d.Categories, surveyCheck{Value: string(c), Label: v.Label("category", c), Checked: slices.Contains(d.F.Categories, string(c))})
	}
	v.Data = d
	s.render(w, r, status, "survey_new", v)
	return nil
}
