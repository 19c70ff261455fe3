package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/survey"
)

// surveyPageSize is the number of rounds or tasks on one page.
const surveyPageSize = 50

// surveyData is the survey rounds page: the way to the reader's own visit
// tasks, and the rounds of the area.
type surveyData struct {
	CanPlan, CanVisit  bool
	MyOpen, MyOverdue  int
	MyTasksURL         string
	Rounds             []surveyRoundRow
	Total, Page, Pages int
	PrevURL, NextURL   string
}

// surveyRoundRow is a round with its labels in the page's language.
type surveyRoundRow struct {
	*survey.Round
	KindLabel, StatusLabel, Place, Targets string
	Frequency                              string // "" for a census
	Start                                  string
	TasksURL                               string
	Scheduled                              bool
}

// myTasksURL lists the reader's open visit tasks.
const myTasksURL = "/survey/tasks?mine=true&status=open"

// showSurveyPage handles GET /survey: the rounds the user sees, newest
// first, and for those who visit a big button to their own tasks.
func (s *Server) showSurveyPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	ctx := r.Context()
	a := auth.ActorFrom(ctx)
	v := s.newView(w, r, "survey.title")
	v.Nav = "survey"
	d := surveyData{CanPlan: survey.CanPlan(a), CanVisit: a.Can(auth.WriteNeeds), MyTasksURL: myTasksURL, Page: 1}
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	if d.CanVisit {
		open := survey.Open
		_, total, err := s.db.SurveyTasks(ctx, survey.TaskFilter{Mine: true, Status: &open, Limit: 1})
		if err != nil {
			return err
		}
		_, late, err := s.db.SurveyTasks(ctx, survey.TaskFilter{Mine: true, Overdue: true, Limit: 1})
		if err != nil {
			return err
		}
		d.MyOpen, d.MyOverdue = total, late
	}
	list, total, err := s.db.SurveyRounds(ctx, survey.RoundFilter{Offset: (d.Page - 1) * surveyPageSize, Limit: surveyPageSize})
	if err != nil {
		return err
	}
	d.Rounds = s.surveyRoundRows(ctx, v, list)
	d.Total, d.Pages = total, max(1, (total+surveyPageSize-1)/surveyPageSize)
	if d.Page > 1 {
		d.PrevURL = "/survey?page=" + strconv.Itoa(min(d.Page-1, d.Pages))
	}
	if d.Page < d.Pages {
		d.NextURL = "/survey?page=" + strconv.Itoa(d.Page+1)
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "survey_rounds", v)
	return nil
}

// surveyRoundRows labels rounds in the page's language.
func (s *Server) surveyRoundRows(ctx context.Context, v *view, list []*survey.Round) []surveyRoundRow {
	name := s.placeNamer(ctx, v.Lang.Tag)
	out := make([]surveyRoundRow, 0, len(list))
	for _, rd := range list {
		row := surveyRoundRow{Round: rd, KindLabel: v.Label("survey.kind", rd.Kind), StatusLabel: v.Label("survey.round_status", rd.Status),
			Place: name(rd.PlaceCode), Start: rd.StartsOn, TasksURL: "/survey/tasks?round=" + rd.ID, Scheduled: rd.Status == survey.Scheduled}
		var targets []string
		for _, c := range rd.TargetCategories {
			targets = append(targets, v.Label("category", c))
		}
		row.Targets = strings.Join(targets, v.T("needs.list_sep"))
		if rd.Kind == survey.Census {
			row.Targets = v.T("survey.targets.everyone")
		}
		if rd.Kind == survey.Routine {
			row.Frequency = v.T("survey.every_days", "Days", rd.FrequencyDays)
		}
		out = append(out, row)
	}
	return out
}
