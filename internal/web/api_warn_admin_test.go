package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"jiuzhu/internal/store"
)

// TestAPIDepartmentToken uploads with a department token until it is revoked.
func TestAPIDepartmentToken(t *testing.T) {
	e := newWarnEnv(t, store.SQLite)
	schema := newSchemaChecker(t, e.srv)
	res, body := do(t, e.srv, "POST", "/api/v1/department-tokens", e.tokens["county"], map[string]string{"department": "utilities"})
	mustProblem(t, res, body, http.StatusForbidden)
	res, body = do(t, e.srv, "POST", "/api/v1/department-tokens", e.tokens["admin"], map[string]string{"department": "utilities", "label": "热力公司"})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create token: Status=%v; body: %s", res.StatusCode, body)
	}
	schema.check(t, "DepartmentTokenCreated", body)
	tok := decode[struct{ ID, Token string }](t, body)
	if !strings.HasPrefix(tok.Token, "dept_") {
		t.Fatalf("token = %q", tok.Token)
	}
	p := e.person(t, 1)
	arrears := "身份证号,日期,欠费月数,金额(分)\n" + p.IDNumber + "," + daysAgo(5) + ",4,36000\n"
	res, body = uploadForm(t, e.srv, "utility_arrears", tok.Token, arrears)
	if got := decode[feedImport](t, body); res.StatusCode != http.StatusCreated || got.NeedsFiled+got.AlreadyFiled != 1 {
		t.Fatalf("upload with the token: Status=%v %s", res.StatusCode, body)
	}
	res, body = upload(t, e.srv, "medical_expense", tok.Token, "id_number,event_date,amount_fen\n"+p.IDNumber+","+daysAgo(5)+",100\n")
	mustProblem(t, res, body, http.StatusForbidden)
	res, body = do(t, e.srv, "GET", "/api/v1/feeds", tok.Token, nil)
	mustProblem(t, res, body, http.StatusUnauthorized) // a token uploads, nothing else

	var list struct {
		Items []struct {
			ID         string  `json:"id"`
			LastUsedAt *string `json:"last_used_at"`
		} `json:"items"`
	}
	mustDo(t, e.srv, "GET", "/api/v1/department-tokens", e.tokens["admin"], nil, http.StatusOK, &list)
	if len(list.Items) != 1 || list.Items[0].ID != tok.ID || list.Items[0].LastUsedAt == nil {
		t.Fatalf("tokens = %+v", list.Items)
	}
	mustDo(t, e.srv, "DELETE", "/api/v1/department-tokens/"+tok.ID, e.tokens["admin"], nil, http.StatusNoContent, nil)
	res, body = upload(t, e.srv, "utility_arrears", tok.Token, arrears)
	mustProblem(t, res, body, http.StatusUnauthorized)
	res, body = do(t, e.srv, "DELETE", "/api/v1/department-tokens/nope", e.tokens["admin"], nil)
	mustProblem(t, res, body, http.StatusNotFound)
}

// TestAPIWarningRulesAndEmergencies edits a rule and declares an emergency.
func TestAPIWarningRulesAndEmergencies(t *testing.T) {
	e := newWarnEnv(t, store.SQLite)
	schema := newSchemaChecker(t, e.srv)
	var rules struct {
		Items []map[string]any `json:"items"`
	}
	_, body := do(t, e.srv, "GET", "/api/v1/warning-rules", e.tokens["county"], nil)
	json.Unmarshal(body, &rules)
	if len(rules.Items) != 5 {
		t.Fatalf("rules = %s", body)
	}
	rule := map[string]any{"feed": "utility_arrears", "threshold": 2, "window_days": 90, "urgency": "urgent", "visit_within_days": 10, "enabled": true}
	res, body := do(t, e.srv, "PUT", "/api/v1/warning-rules/utility_arrears", e.tokens["county"], rule)
	mustProblem(t, res, body, http.StatusForbidden)
	res, body = do(t, e.srv, "PUT", "/api/v1/warning-rules/utility_arrears", e.tokens["admin"], rule)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("PUT rule: Status=%v; body: %s", res.StatusCode, body)
	}
	schema.check(t, "WarningRule", body)
	if got := decode[struct{ Threshold, Version int }](t, body); got.Threshold != 2 || got.Version != 2 {
		t.Fatalf("saved rule = %s", body)
	}
	rule["window_days"] = 0
	res, body = do(t, e.srv, "PUT", "/api/v1/warning-rules/utility_arrears", e.tokens["admin"], rule)
	if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); strings.Join(fieldKeys(p), " ") != "window_days:err.rule.window" {
		t.Fatalf("bad window: %v", fieldKeys(p))
	}

	decl := map[string]any{"kind": "cold_wave", "townships": []string{e.village[:9]}, "note": "寒潮"}
	res, body = do(t, e.srv, "POST", "/api/v1/emergencies", e.tokens["admin"], decl)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("declare: Status=%v; body: %s", res.StatusCode, body)
	}
	schema.check(t, "Emergency", body)
	first := decode[struct {
		ID         string
		Affected   int
		NeedsFiled int `json:"needs_filed"`
	}](t, body)
	if first.Affected == 0 {
		t.Fatalf("no vulnerable person in %s: %s", e.village[:9], body)
	}
	res, body = do(t, e.srv, "POST", "/api/v1/emergencies", e.tokens["admin"], decl)
	if again := decode[struct{ ID string }](t, body); res.StatusCode != http.StatusOK || again.ID != first.ID {
		t.Fatalf("declared again: Status=%v %s", res.StatusCode, body)
	}
	res, body = do(t, e.srv, "POST", "/api/v1/emergencies", e.tokens["admin"], map[string]any{"kind": "cold_wave", "townships": []string{"652399001"}})
	if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); strings.Join(fieldKeys(p), " ") != "townships:err.emergency.township_unknown" {
		t.Fatalf("unknown township: %v", fieldKeys(p))
	}
	_, body = do(t, e.srv, "GET", "/api/v1/emergencies", e.tokens["village"], nil)
	schema.check(t, "EmergencyList", body)
	if got := decode[struct{ Total int }](t, body); got.Total != 1 {
		t.Fatalf("emergencies seen by the village worker: %s", body)
	}
}

// TestAPIFeedFacts uploads hospital stays with a health commission token and
// deaths as staff: stored, no warning, numbers not on file reported; the
// health token sends no deaths and no rule takes a fact feed.
func TestAPIFeedFacts(t *testing.T) {
	e := newWarnEnv(t, store.SQLite)
	schema := newSchemaChecker(t, e.srv)
	res, body := do(t, e.srv, "POST", "/api/v1/department-tokens", e.tokens["admin"], map[string]string{"department": "health", "label": "州卫健委"})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create token: Status=%v; body: %s", res.StatusCode, body)
	}
	schema.check(t, "DepartmentTokenCreated", body)
	tok := decode[struct{ Token string }](t, body).Token
	p := e.person(t, 2)
	stranger := "652324198510301150"

	stays := "身份证号,入院日期,出院日期,医院名称\n" + p.IDNumber + "," + daysAgo(9) + "," + daysAgo(2) + ",昌吉州人民医院\n" +
		stranger + "," + daysAgo(1) + ",,昌吉市中医医院\n"
	res, body = upload(t, e.srv, "hospital_stay", tok, stays)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("hospital stays: Status=%v; body: %s", res.StatusCode, body)
	}
	schema.check(t, "FeedImport", body)
	if got := decode[feedImport](t, body); got.RecordsAdded != 2 || got.Hits != 0 || got.NeedsFiled != 0 || got.UnmatchedCount != 1 ||
		got.Unmatched[0].IDNumber != stranger || !strings.Contains(string(body), `"department":"health"`) {
		t.Fatalf("hospital stays: %s", body)
	}
	deaths := "身份证号,死亡日期\n" + p.IDNumber + "," + daysAgo(1) + "\n"
	res, body = upload(t, e.srv, "death", tok, deaths)
	mustProblem(t, res, body, http.StatusForbidden)
	res, body = uploadForm(t, e.srv, "death", e.tokens["liaison"], deaths)
	if got := decode[feedImport](t, body); res.StatusCode != http.StatusCreated || got.RecordsAdded != 1 || got.Hits != 0 || got.UnmatchedCount != 0 {
		t.Fatalf("deaths: Status=%v %s", res.StatusCode, body)
	}
	var list struct{ Total int }
	mustDo(t, e.srv, "GET", "/api/v1/feeds?kind=death", e.tokens["admin"], nil, http.StatusOK, &list)
	if list.Total != 1 {
		t.Fatalf("death imports = %d, want 1", list.Total)
	}
	rule := map[string]any{"feed": "hospital_stay", "threshold": 0, "window_days": 30, "target": map[string]any{}, "urgency": "urgent",
		"visit_within_days": 1, "enabled": true}
	res, body = do(t, e.srv, "PUT", "/api/v1/warning-rules/in_hospital", e.tokens["admin"], rule)
	mustProblem(t, res, body, http.StatusUnprocessableEntity)
}
