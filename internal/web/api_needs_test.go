package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

type apiNeed struct {
	ID       string   `json:"id"`
	PersonID string   `json:"person_id"`
	Channels []string `json:"channels"`
	Status   string   `json:"status"`
	Urgency  string   `json:"urgency"`
	Version  int      `json:"version"`
}

type filedNeed struct {
	Need   apiNeed `json:"need"`
	Merged bool    `json:"merged"`
}

// TestAPINeeds files a need through two channels, lists, assigns, exports
// and closes it, on both databases.
func TestAPINeeds(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newAPIEnv(t, d)
		schema := newSchemaChecker(t, e.srv)
		own, other := pickPersons(t, e)
		vt := e.tokens["village"]

		var first, second filedNeed
		res, body := do(t, e.srv, "POST", "/api/v1/needs", vt, map[string]any{"person_id": own.ID, "channel": "field_survey", "category": "care", "items": []string{"bathing"}})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("file: %d %s", res.StatusCode, body)
		}
		schema.check(t, "NeedFiled", body)
		json.Unmarshal(body, &first)
		mustDo(t, e.srv, "POST", "/api/v1/needs", e.tokens["county"], map[string]any{"person_id": own.ID, "channel": "data_warning", "category": "care", "urgency": "urgent", "source_ref": "w-1"}, http.StatusOK, &second)
		if !second.Merged || second.Need.ID != first.Need.ID || len(second.Need.Channels) != 2 || second.Need.Urgency != "urgent" {
			t.Fatalf("second filing = %+v, want merged into %s with two channels, urgent", second, first.Need.ID)
		}

		// Scope and validation.
		res, body = do(t, e.srv, "POST", "/api/v1/needs", vt, map[string]any{"person_id": other.ID, "channel": "field_survey", "category": "care"})
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); len(p.Errors) != 1 || p.Errors[0].Field != "person_id" {
			t.Fatalf("out-of-scope person: %+v", p.Errors)
		}
		res, body = do(t, e.srv, "POST", "/api/v1/needs", vt, map[string]any{"person_id": own.ID, "channel": "pigeon", "category": "spa"})
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); strings.Join(fieldKeys(p), " ") != "channel:err.need.channel category:err.need.category" {
			t.Fatalf("bad channel and category: %v", fieldKeys(p))
		}
		res, body = do(t, e.srv, "GET", "/api/v1/needs/"+first.Need.ID, e.tokens["county_mori"], nil)
		mustProblem(t, res, body, http.StatusNotFound)
		res, body = do(t, e.srv, "GET", "/api/v1/needs", e.tokens["worker"], nil)
		mustProblem(t, res, body, http.StatusForbidden)

		var list struct {
			Items []apiNeed `json:"items"`
			Total int       `json:"total"`
		}
		_, body = do(t, e.srv, "GET", "/api/v1/needs?channel=data_warning&category=care", vt, nil)
		schema.check(t, "NeedList", body)
		json.Unmarshal(body, &list)
		if list.Total != 1 || list.Items[0].ID != first.Need.ID {
			t.Fatalf("filtered list = %+v", list)
		}
		res, body = do(t, e.srv, "GET", "/api/v1/needs?status=lost&overdue=maybe", vt, nil)
		if p := mustProblem(t, res, body, http.StatusUnprocessableEntity); len(p.Errors) != 2 {
			t.Fatalf("bad filters: %v", fieldKeys(p))
		}

		var detail struct {
			Need    apiNeed `json:"need"`
			History []struct {
				Kind string `json:"kind"`
			} `json:"history"`
		}
		_, body = do(t, e.srv, "GET", "/api/v1/needs/"+first.Need.ID, vt, nil)
		schema.check(t, "NeedDetail", body)
		json.Unmarshal(body, &detail)
		if len(detail.History) != 2 || detail.History[0].Kind != "created" || detail.History[1].Kind != "merged" {
			t.Fatalf("history = %+v", detail.History)
		}

		var me struct {
			ID string `json:"id"`
		}
		mustDo(t, e.srv, "GET", "/api/v1/me", vt, nil, http.StatusOK, &me)
		deadline := time.Now().Add(48 * time.Hour).UTC()
		var assigned apiNeed
		mustDo(t, e.srv, "POST", "/api/v1/needs/"+first.Need.ID+"/assign", e.tokens["township"], map[string]any{"user_id": me.ID, "deadline": deadline, "version": detail.Need.Version}, http.StatusOK, &assigned)
		if assigned.Status != "assigned" {
			t.Fatalf("assigned status = %s", assigned.Status)
		}
		res, body = do(t, e.srv, "POST", "/api/v1/needs/"+first.Need.ID+"/assign", e.tokens["township"], map[string]any{"user_id": me.ID, "version": detail.Need.Version})
		mustProblem(t, res, body, http.StatusConflict)

		// Exports: CSV with BOM and translated header, XLSX readable.
		req := newRequest(t, "GET", "/api/v1/needs/export?format=csv&lang=en", vt, nil)
		res, body = send(t, e.srv, req)
		if res.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
			t.Fatalf("csv export: %d, BOM %v", res.StatusCode, bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")))
		}
		rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
		if err != nil || len(rows) != 2 || rows[0][1] != "Name" || rows[1][0] != first.Need.ID || rows[1][4] != "Field survey、Data warning" {
			t.Fatalf("csv rows = %q, %v", rows, err)
		}
		res, body = do(t, e.srv, "GET", "/api/v1/needs/export?format=xlsx", e.tokens["county"], nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("xlsx export: %d %s", res.StatusCode, body)
		}
		x, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		xrows, _ := x.GetRows("Sheet1")
		if len(xrows) != 2 || xrows[0][0] != "编号" {
			t.Fatalf("xlsx rows = %q", xrows)
		}
		res, body = do(t, e.srv, "GET", "/api/v1/needs/export?format=pdf", vt, nil)
		mustProblem(t, res, body, http.StatusUnprocessableEntity)

		var closed apiNeed
		mustDo(t, e.srv, "POST", "/api/v1/needs/"+first.Need.ID+"/close", vt, map[string]any{"status": "no_need", "reason": "家属已照料", "version": assigned.Version}, http.StatusOK, &closed)
		if closed.Status != "no_need" {
			t.Fatalf("closed status = %s", closed.Status)
		}
	})
}
