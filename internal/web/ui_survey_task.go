package web

import (
	"net/http"
	"strconv"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/need"
	"jiuzhu/internal/survey"
)

// surveyTaskData is one visit task: the survey form while it is open, the
// recorded result once done.
type surveyTaskData struct {
	surveyTaskRow
	CanRecord bool
	Form      surveyForm
	Found     []surveyFoundRow // the result's needs, labelled
	VisitedAt string
	Position  string
	DoneAt    string
	Error     string
	Fields    map[string]string
}

// Err is the message for one field, or "".
func (d *surveyTaskData) Err(field string) string { return d.Fields[field] }

// surveyForm holds the survey form's values as typed.
type surveyForm struct {
	Outcome   string // "found", "no_need" or "" before a choice
	VisitedAt string // Beijing time, as a datetime-local input sends it
	Notes     string
	Lat, Lon  string
	Needs     []surveyNeedForm // one per need category
}

// surveyNeedForm is one need category of the survey form.
type surveyNeedForm struct {
	Category, Label, Hint string
	Checked               bool
	Items, Urgency, Note  string
	Urgencies             []choice
}

// surveyFoundRow is one need of a recorded result.
type surveyFoundRow struct {
	CategoryLabel, UrgencyLabel, Note string
	Items                             []string
	Urgent                            bool
	NeedID                            string
}

// showSurveyTaskPage handles GET /survey/tasks/{id}. Another area's task
// is not found.
func (s *Server) showSurveyTaskPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderSurveyTask(w, r, http.StatusOK, &surveyTaskData{})
}

// renderSurveyTask reads the task afresh and shows it with d's form values
// and problems; an empty form starts with the visit time now.
func (s *Server) renderSurveyTask(w http.ResponseWriter, r *http.Request, status int, d *surveyTaskData) error {
	ctx := r.Context()
	t, err := s.db.SurveyTask(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Nav = "survey"
	v.Title = v.T("survey.task.title", "Name", t.PersonName)
	d.surveyTaskRow = s.surveyTaskRows(ctx, v, []*survey.Task{t})[0]
	d.CanRecord = t.Status == survey.Open && auth.ActorFrom(ctx).Can(auth.WriteNeeds)
	if d.CanRecord {
		if d.Form.Needs == nil {
			d.Form.VisitedAt = s.now().In(chinaTime).Format("2006-01-02T15:04")
		}
		d.Form.Needs = surveyNeedForms(v, d.Form.Needs)
	}
	if res := t.Result; res != nil {
		d.VisitedAt = chinaClock(res.VisitedAt)
		if res.Lat != nil && res.Lon != nil {
			d.Position = strconv.FormatFloat(*res.Lat, 'f', -1, 64) + ", " + strconv.FormatFloat(*res.Lon, 'f', -1, 64)
		}
		for i, f := range res.Found {
			row := surveyFoundRow{CategoryLabel: v.Label("need.category", f.Category), UrgencyLabel: v.Label("need.urgency", f.Urgency),
				Note: f.Note, Items: f.Items, Urgent: f.Urgency == need.Urgent}
			if i < len(t.NeedIDs) {
				row.NeedID = t.NeedIDs[i]
			}
			d.Found = append(d.Found, row)
		}
	}
	if t.DoneAt != nil {
		d.DoneAt = chinaClock(*t.DoneAt)
	}
	v.Data = d
	s.render(w, r, status, "survey_task", v)
	return nil
}

// surveyNeedForms gives every need category its block of the form, with
// the values typed so far.
func surveyNeedForms(v *view, typed []surveyNeedForm) []surveyNeedForm {
	urgencies := needChoices(v, "need.urgency", []need.Urgency{need.Normal, need.Urgent})
	out := make([]surveyNeedForm, 0, len(need.Categories))
	for _, c := range need.Categories {
		f := surveyNeedForm{Category: string(c), Urgency: string(need.Normal)}
		for _, t := range typed {
			if t.Category == string(c) {
				f = t
			}
		}
		f.Label, f.Hint, f.Urgencies = v.Label("need.category", c), v.Label("survey.need_hint", c), urgencies
		out = append(out, f)
	}
	return out
}
