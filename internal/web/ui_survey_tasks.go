package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/survey"
)

// surveyTasksData is the list of visit tasks, phone first: one card each.
type surveyTasksData struct {
	Mine, Overdue      bool
	Status, Round      string
	RoundName          string
	Statuses           []choice
	Errors             []string
	Rows               []surveyTaskRow
	Total, Page, Pages int
	PrevURL, NextURL   string
}

// surveyTaskRow is a task with its labels in the page's language.
type surveyTaskRow struct {
	*survey.Task
	Village, StatusLabel, KindLabel, Due string
	Open                                 bool
}

// showSurveyTasksPage handles GET /survey/tasks: visit tasks in the user's
// area, open and soonest due first. Without filters a village worker sees
// their own open tasks, everyone else all open tasks.
func (s *Server) showSurveyTasksPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	ctx := r.Context()
	if r.URL.RawQuery == "" {
		to := "/survey/tasks?status=open"
		if currentUser(r).Role == auth.VillageWorker {
			to = myTasksURL
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return nil
	}
	v := s.newView(w, r, "survey.tasks.title")
	v.Nav = "survey"
	q := r.URL.Query()
	d := surveyTasksData{Status: q.Get("status"), Round: q.Get("round"), Page: 1,
		Statuses: needChoices(v, "survey.task_status", survey.TaskStatuses)}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	f, ferr := taskFilter(r)
	d.Mine, d.Overdue = f.Mine, f.Overdue
	if d.Mine {
		v.Title = v.T("survey.mine.title")
	}
	status := http.StatusOK
	if e := (*errs.Error)(nil); errors.As(ferr, &e) && e.Code == errs.Invalid {
		for _, fe := range s.problemFor(r, ferr).Errors {
			d.Errors = append(d.Errors, fe.Detail)
		}
		status = http.StatusUnprocessableEntity
	} else if ferr != nil {
		return ferr
	} else {
		if f.RoundID != nil {
			rd, err := s.db.SurveyRound(ctx, *f.RoundID)
			if err != nil {
				return err
			}
			d.RoundName = rd.Name
		}
		f.Offset, f.Limit = (d.Page-1)*surveyPageSize, surveyPageSize
		list, total, err := s.db.SurveyTasks(ctx, f)
		if err != nil {
			return err
		}
		d.Rows = s.surveyTaskRows(ctx, v, list)
		d.Total, d.Pages = total, max(1, (total+surveyPageSize-1)/surveyPageSize)
		if d.Page > 1 {
			d.PrevURL = d.pageURL(min(d.Page-1, d.Pages))
		}
		if d.Page < d.Pages {
			d.NextURL = d.pageURL(d.Page + 1)
		}
	}
	v.Data = d
	s.render(w, r, status, "survey_tasks", v)
	return nil
}

// pageURL is the list URL with the same filters, at page n.
func (d *surveyTasksData) pageURL(n int) string {
	q := url.Values{}
	for k, v := range map[string]string{"status": d.Status, "round": d.Round} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if d.Mine {
		q.Set("mine", "true")
	}
	if d.Overdue {
		q.Set("overdue", "true")
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	return "/survey/tasks?" + q.Encode()
}

// surveyTaskRows labels tasks in the page's language.
func (s *Server) surveyTaskRows(ctx context.Context, v *view, list []*survey.Task) []surveyTaskRow {
	name := s.placeNamer(ctx, v.Lang.Tag)
	out := make([]surveyTaskRow, 0, len(list))
	for _, t := range list {
		out = append(out, surveyTaskRow{Task: t, Village: name(t.PlaceCode), StatusLabel: v.Label("survey.task_status", t.Status),
			KindLabel: v.Label("survey.kind", t.RoundKind), Due: chinaClock(t.Due), Open: t.Status == survey.Open})
	}
	return out
}
