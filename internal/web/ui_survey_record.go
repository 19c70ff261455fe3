package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/survey"
)

// recordSurveyVisit handles POST /survey/tasks/{id}: the survey form. Each
// need ticked is filed in the ledger; "no need" closes the task alone. A
// task done meanwhile shows its recorded result with the conflict.
func (s *Server) recordSurveyVisit(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WriteNeeds); err != nil {
		return err
	}
	r.ParseForm()
	v := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	d := &surveyTaskData{Form: surveyForm{Outcome: v("outcome"), VisitedAt: v("visited_at"), Notes: v("notes"), Lat: v("lat"), Lon: v("lon")}}
	res := survey.Result{NoNeed: d.Form.Outcome == "no_need", Notes: d.Form.Notes}
	var cats []need.Category // the category of each need found, in res.Found's order
	for _, c := range need.Categories {
		nf := surveyNeedForm{Category: string(c), Items: v("items_" + string(c)), Urgency: v("urgency_" + string(c)), Note: v("note_" + string(c))}
		// Items or a note typed count as ticked: on a phone the tick is easy to miss.
		nf.Checked = v("found_"+string(c)) != "" || nf.Items != "" || nf.Note != ""
		d.Form.Needs = append(d.Form.Needs, nf)
		if nf.Checked && !res.NoNeed {
			res.Found = append(res.Found, survey.Found{Category: c, Items: splitItems(nf.Items), Urgency: need.Urgency(nf.Urgency), Note: nf.Note})
			cats = append(cats, c)
		}
	}
	var fs errs.Fields
	if at, err := parseChinaClock(d.Form.VisitedAt); err != nil {
		fs.Add("visited_at", "err.datetime.format", nil)
	} else if at != nil {
		res.VisitedAt = *at
	}
	for _, c := range []struct {
		typed string
		dst   **float64
	}{{d.Form.Lat, &res.Lat}, {d.Form.Lon, &res.Lon}} {
		if c.typed == "" {
			continue
		}
		x, err := strconv.ParseFloat(c.typed, 64)
		if err != nil {
			fs.Add("lat", "err.coord.range", nil)
			continue
		}
		*c.dst = &x
	}
	err := fs.Err()
	if err == nil {
		_, err = s.db.CompleteSurveyTask(r.Context(), r.PathValue("id"), res)
	}
	if err != nil {
		p := s.problemFor(r, err)
		switch p.Code {
		case errs.NotFound, errs.Forbidden, errs.Internal:
			return err
		}
		d.Error, d.Fields = p.Title, surveyFormFields(p, cats)
		return s.renderSurveyTask(w, r, p.Status, d)
	}
	if res.NoNeed {
		s.setFlash(w, "flash.survey_no_need")
	} else {
		s.setFlash(w, "flash.survey_recorded")
	}
	http.Redirect(w, r, myTasksURL, http.StatusSeeOther)
	return nil
}

// splitItems reads service item codes separated by commas or spaces.
func splitItems(s string) []string {
	var out []string
	for _, it := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
		if !slices.Contains(out, it) {
			out = append(out, it)
		}
	}
	return out
}

// surveyFormFields names a problem's field errors after the form's inputs:
// "found[1].items" is the items input of the second need ticked, and both
// "found" and "no_need" belong to the outcome.
func surveyFormFields(p Problem, cats []need.Category) map[string]string {
	out := map[string]string{}
	for _, f := range p.Errors {
		name := f.Field
		switch name {
		case "found", "no_need":
			name = "outcome"
		}
		for i, c := range cats {
			for _, part := range []string{"category", "items", "urgency", "note"} {
				if f.Field == fmt.Sprintf("found[%d].%s", i, part) {
					name = part + "_" + string(c)
				}
			}
		}
		if _, ok := out[name]; !ok {
			out[name] = f.Detail
		}
	}
	return out
}
