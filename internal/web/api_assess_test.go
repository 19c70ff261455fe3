package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// apiAssessment is an assessment as the API answers it.
type apiAssessment struct {
	ID            string `json:"id"`
	PersonID      string `json:"person_id"`
	ApplicationID string `json:"application_id"`
	Result        struct {
		TemplateVersion int      `json:"template_version"`
		Tier            int      `json:"tier"`
		Classes         []string `json:"classes"`
		Package         string   `json:"package"`
		VisitsPerMonth  int      `json:"visits_per_month"`
		Delegate        bool     `json:"delegate_to_professional"`
	} `json:"result"`
}

// everyAnswer answers every item of the default template for an able,
// well-supported person: items of dimensions not asked (child or adult)
// are ignored, so it fits any age.
func everyAnswer() map[string]any {
	a := map[string]any{
		"econ.income_ratio": 2.5, "econ.medical_burden": false, "econ.housing": "safe",
		"selfcare.meals": "independent", "selfcare.housework": "independent",
		"selfcare.medication": "independent", "selfcare.outings": "independent",
		"selfcare.caregiver": "reliable", "selfcare.lives_alone": false,
		"mental.cognition": "normal", "mental.mood": "stable", "mental.risk": false,
		"dev.skills": false, "dev.job": false, "dev.digital": "able",
		"child.difficulty": "other", "child.guardianship": "adequate", "child.schooling": "in_school", "child.psych": "stable",
	}
	for _, it := range []string{"feeding", "bathing", "grooming", "dressing", "toilet", "transfers", "mobility", "stairs"} {
		a["adl."+it] = "independent"
	}
	a["adl.bowels"], a["adl.bladder"] = "continent", "continent"
	return a
}

// problemOf sends one request as user and checks the problem answer.
func problemOf(tb testing.TB, e *apiEnv, method, path, user string, body any, want int) web.Problem {
	tb.Helper()
	res, b := do(tb, e.srv, method, path, e.tokens[user], body)
	return mustProblem(tb, res, b, want)
}

// TestAPIAssessment scores a person, takes an application through the
// assessment step and revises a template, on both databases.
func TestAPIAssessment(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newAPIEnv(t, d)
		schema := newSchemaChecker(t, e.srv)
		res, body := do(t, e.srv, "GET", "/api/v1/assessment-templates", e.tokens["worker"], nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("templates: %d %s", res.StatusCode, body)
		}
		schema.check(t, "AssessmentTemplateList", body)
		res, body = do(t, e.srv, "GET", "/api/v1/assessment-templates/elderly", e.tokens["assessor"], nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("elderly template: %d %s", res.StatusCode, body)
		}
		schema.check(t, "AssessmentTemplate", body)
		problemOf(t, e, "GET", "/api/v1/assessment-templates/default?version=9", "assessor", nil, http.StatusNotFound)
		p := mustCreatePerson(t, e, "village", newPersonBody("阿依古丽", e.village, idNumber("652301", "19500101", "442")))

		t.Run("Invalid", func(t *testing.T) {
			a := everyAnswer()
			delete(a, "adl.feeding")
			a["econ.housing"] = "castle"
			res, body := do(t, e.srv, "POST", "/api/v1/persons/"+p.ID+"/assessments", e.tokens["assessor"], map[string]any{"template": "default", "answers": a})
			got := fieldKeys(mustProblem(t, res, body, http.StatusUnprocessableEntity))
			for _, want := range []string{"adl.feeding:err.assess.missing", "econ.housing:err.assess.option"} {
				if !slices.Contains(got, want) {
					t.Errorf("errors %v lack %s", got, want)
				}
			}
			res, body = do(t, e.srv, "POST", "/api/v1/persons/"+p.ID+"/assessments", e.tokens["village"], map[string]any{"template": "default", "answers": everyAnswer()})
			if got := mustProblem(t, res, body, http.StatusForbidden); got.Key != "err.assess.role" {
				t.Errorf("village worker assessing: key %s", got.Key)
			}
		})

		var as apiAssessment
		res, body = do(t, e.srv, "POST", "/api/v1/persons/"+p.ID+"/assessments", e.tokens["township"], map[string]any{"template": "default", "answers": everyAnswer()})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("assess: %d %s", res.StatusCode, body)
		}
		schema.check(t, "Assessment", body)
		json.Unmarshal(body, &as)
		// Living alone aged 76: tier 3, housekeeping and emotional support.
		if as.Result.Tier != 3 || as.Result.Package != "housekeeping.basic" || as.Result.VisitsPerMonth != 4 || as.Result.Delegate {
			t.Fatalf("result = %+v", as.Result)
		}
		var list struct{ Items []apiAssessment }
		mustDo(t, e.srv, "GET", "/api/v1/persons/"+p.ID+"/assessments", e.tokens["county"], nil, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != as.ID {
			t.Fatalf("history = %+v", list.Items)
		}
		problemOf(t, e, "GET", "/api/v1/persons/"+p.ID+"/assessments", "county_mori", nil, http.StatusNotFound)

		t.Run("AssessmentStep", func(t *testing.T) {
			var filed filedNeed
			mustDo(t, e.srv, "POST", "/api/v1/needs", e.tokens["village"], map[string]any{"person_id": p.ID, "channel": "field_survey", "category": "housekeeping"}, http.StatusCreated, &filed)
			var app apiApplication
			mustDo(t, e.srv, "POST", "/api/v1/applications", e.tokens["village"], map[string]any{"need_id": filed.Need.ID}, http.StatusCreated, &app)
			for _, step := range []struct{ user, action string }{{"township", "accept"}, {"township", "pass"}, {"county", "pass"}} {
				mustDo(t, e.srv, "POST", "/api/v1/applications/"+app.ID+"/actions", e.tokens[step.user], map[string]any{"action": step.action, "version": app.Version}, http.StatusOK, &app)
			}
			pass := "/api/v1/applications/" + app.ID + "/assessment-pass"
			res, body := do(t, e.srv, "POST", pass, e.tokens["assessor"], map[string]any{"version": app.Version})
			if got := mustProblem(t, res, body, http.StatusConflict); got.Key != "err.assess.required" {
				t.Fatalf("pass without an assessment: key %s", got.Key)
			}
			problemOf(t, e, "GET", "/api/v1/applications/"+app.ID+"/assessment", "assessor", nil, http.StatusNotFound)
			mustDo(t, e.srv, "POST", "/api/v1/persons/"+p.ID+"/assessments", e.tokens["assessor"],
				map[string]any{"template": "default", "answers": everyAnswer(), "application_id": app.ID}, http.StatusCreated, nil)
			res, body = do(t, e.srv, "POST", pass, e.tokens["assessor"], map[string]any{"version": app.Version})
			if res.StatusCode != http.StatusOK {
				t.Fatalf("pass: %d %s", res.StatusCode, body)
			}
			schema.check(t, "AssessedApplication", body)
			var got struct {
				Application apiApplication `json:"application"`
				Assessment  apiAssessment  `json:"assessment"`
			}
			json.Unmarshal(body, &got)
			if got.Application.State != "approved" || got.Assessment.ApplicationID != app.ID || got.Assessment.Result.Package != "housekeeping.basic" {
				t.Fatalf("decided: state %s, assessment %+v", got.Application.State, got.Assessment)
			}
			res, body = do(t, e.srv, "GET", "/api/v1/applications/"+app.ID+"/assessment", e.tokens["village"], nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("application assessment: %d %s", res.StatusCode, body)
			}
			schema.check(t, "Assessment", body)
		})

		t.Run("Due", func(t *testing.T) {
			res, body := do(t, e.srv, "GET", "/api/v1/assessments/due?limit=10", e.tokens["assessor"], nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("due: %d %s", res.StatusCode, body)
			}
			schema.check(t, "DueReassessmentList", body)
			problemOf(t, e, "GET", "/api/v1/assessments/due?limit=0", "assessor", nil, http.StatusUnprocessableEntity)
		})

		t.Run("Revision", func(t *testing.T) {
			var tpl map[string]any
			mustDo(t, e.srv, "GET", "/api/v1/assessment-templates/default", e.tokens["admin"], nil, http.StatusOK, &tpl)
			tpl["tiers"].([]any)[2].(map[string]any)["visits_per_month"] = 6
			path := "/api/v1/assessment-templates/default/revisions"
			problemOf(t, e, "POST", path, "assessor", tpl, http.StatusForbidden)
			res, body := do(t, e.srv, "POST", path, e.tokens["admin"], tpl)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("revise: %d %s", res.StatusCode, body)
			}
			schema.check(t, "AssessmentTemplate", body)
			res, body = do(t, e.srv, "POST", path, e.tokens["admin"], tpl) // still based on version 1
			mustProblem(t, res, body, http.StatusConflict)
			tpl["version"], tpl["name_key"] = 2, "assess.tpl.no_such_name"
			res, body = do(t, e.srv, "POST", path, e.tokens["admin"], tpl)
			if got := fieldKeys(mustProblem(t, res, body, http.StatusUnprocessableEntity)); !slices.Equal(got, []string{"label_key:err.assess.label_unknown"}) {
				t.Fatalf("unknown label: %v", got)
			}
			var again apiAssessment
			mustDo(t, e.srv, "POST", "/api/v1/persons/"+p.ID+"/assessments", e.tokens["assessor"], map[string]any{"template": "default", "answers": everyAnswer()}, http.StatusCreated, &again)
			if again.Result.TemplateVersion != 2 || again.Result.VisitsPerMonth != 6 {
				t.Fatalf("after revision: %+v", again.Result)
			}
		})
	})
}
