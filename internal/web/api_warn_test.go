package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
	"jiuzhu/internal/web"
)

// warnEnv is an API server over the demo dataset that keeps its store, to
// find people and their full ID numbers as the system.
type warnEnv struct {
	*apiEnv
	db *store.DB
}

func newWarnEnv(t *testing.T, d store.Dialect) *warnEnv {
	t.Helper()
	db := testdb.Open(t, d, nil)
	if _, _, err := demo.Load(t.Context(), db, time.Now()); err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	e := &apiEnv{srv: web.New(db, log, web.Options{}), tokens: map[string]string{}}
	for _, u := range []string{"admin", "county", "village", "liaison"} {
		e.tokens[u] = mustLogin(t, e.srv, u)
	}
	var me struct {
		PlaceCode string `json:"place_code"`
	}
	mustDo(t, e.srv, "GET", "/api/v1/me", e.tokens["village"], nil, http.StatusOK, &me)
	e.village = me.PlaceCode
	return &warnEnv{apiEnv: e, db: db}
}

// person returns a person file of the village account's village, ID number in full.
func (e *warnEnv) person(t *testing.T, i int) *person.Person {
	t.Helper()
	ctx := store.System(context.Background())
	list, _, err := e.db.Persons(ctx, person.Filter{PlaceCode: &e.village, Limit: 50})
	if err != nil || len(list) <= i {
		t.Fatalf("persons of %s: %d, %v", e.village, len(list), err)
	}
	p, err := e.db.Person(ctx, list[i].ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// daysAgo is a day n days before today in Beijing time, as feeds write it.
func daysAgo(n int) string {
	return time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -n).Format(time.DateOnly)
}

// upload sends a feed file as text/csv (token may be a department token).
func upload(t *testing.T, srv http.Handler, kind, token, csv string) (*http.Response, []byte) {
	t.Helper()
	req := newRequest(t, "POST", "/api/v1/feeds/"+kind, token, csv)
	req.Header.Set("Content-Type", "text/csv; charset=utf-8")
	return send(t, srv, req)
}

// uploadForm sends a feed file as the part "file" of a multipart form.
func uploadForm(t *testing.T, srv http.Handler, kind, token, csv string) (*http.Response, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", kind+".csv")
	fw.Write([]byte(csv))
	mw.Close()
	req := newRequest(t, "POST", "/api/v1/feeds/"+kind, token, buf.String())
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return send(t, srv, req)
}

type feedImport struct {
	ID             string `json:"id"`
	Rows           int    `json:"rows"`
	RecordsAdded   int    `json:"records_added"`
	Hits           int    `json:"hits"`
	NeedsFiled     int    `json:"needs_filed"`
	AlreadyFiled   int    `json:"already_filed"`
	UnmatchedCount int    `json:"unmatched_count"`
	Unmatched      []struct {
		IDNumber string `json:"id_number"`
		Lines    []int  `json:"lines"`
	} `json:"unmatched"`
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode: %v; body: %s", err, body)
	}
	return v
}

// TestAPIFeedUpload uploads feeds as staff and with a department token, on
// both databases: a good file files warnings assigned to the village worker,
// the same file again adds nothing, a bad file is refused row by row.
func TestAPIFeedUpload(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newWarnEnv(t, d)
		schema := newSchemaChecker(t, e.srv)
		p := e.person(t, 0)
		stranger := idNumber("652324", "19851030", "115")
		file := "身份证号,日期,金额(分),业务编号\n" + p.IDNumber + "," + daysAgo(10) + ",6000000,YB1\n" + stranger + "," + daysAgo(3) + ",7000000,YB2\n"

		res, body := upload(t, e.srv, "medical_expense", e.tokens["admin"], file)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("upload: Status=%v; body: %s", res.StatusCode, body)
		}
		schema.check(t, "FeedImport", body)
		first := decode[feedImport](t, body)
		if first.Rows != 2 || first.NeedsFiled != 1 || first.UnmatchedCount != 1 || first.Unmatched[0].IDNumber != stranger {
			t.Fatalf("import = %+v", first)
		}
		var ledger struct {
			Items []struct {
				Category   string  `json:"category"`
				Status     string  `json:"status"`
				AssignedTo string  `json:"assigned_to"`
				Deadline   *string `json:"deadline"`
				Note       string  `json:"note"`
			} `json:"items"`
		}
		mustDo(t, e.srv, "GET", "/api/v1/needs?channel=data_warning&person="+p.ID, e.tokens["village"], nil, http.StatusOK, &ledger)
		if len(ledger.Items) != 1 || ledger.Items[0].Category != "medical" || ledger.Items[0].Status != "assigned" ||
			ledger.Items[0].AssignedTo == "" || ledger.Items[0].Deadline == nil || !strings.Contains(ledger.Items[0].Note, "60000.00 元") {
			t.Fatalf("the village worker's ledger = %+v", ledger.Items)
		}

		// The same file again: the earlier import, nothing new.
		res, body = uploadForm(t, e.srv, "medical_expense", e.tokens["admin"], file)
		if again := decode[feedImport](t, body); res.StatusCode != http.StatusOK || again.ID != first.ID {
			t.Fatalf("same file again: Status=%v id=%s, want 200 and %s", res.StatusCode, again.ID, first.ID)
		}

		// A bad file is refused row by row, in the caller's language.
		bad := file + p.IDNumber + ",2026-13-01,100,YB3\n" + p.IDNumber + "," + daysAgo(1) + ",12.50,YB4\n"
		req := newRequest(t, "POST", "/api/v1/feeds/medical_expense?lang=en", e.tokens["admin"], bad)
		req.Header.Set("Content-Type", "text/csv")
		res, body = send(t, e.srv, req)
		prob := mustProblem(t, res, body, http.StatusUnprocessableEntity)
		report := decode[struct {
			Data struct {
				BadRows  int `json:"bad_rows"`
				Problems []struct {
					Line    int    `json:"line"`
					Column  string `json:"column"`
					Message string `json:"message"`
				} `json:"problems"`
			} `json:"data"`
		}](t, body).Data
		if prob.Key != "err.feed.rejected" || report.BadRows != 2 || len(report.Problems) != 2 || report.Problems[0].Line != 4 ||
			report.Problems[1].Line != 5 || report.Problems[1].Column != "amount_fen" || !strings.Contains(report.Problems[1].Message, "fen") {
			t.Fatalf("report = %s", body)
		}
		var imports struct{ Total int }
		mustDo(t, e.srv, "GET", "/api/v1/feeds", e.tokens["admin"], nil, http.StatusOK, &imports)
		if imports.Total != 1 {
			t.Fatalf("%d imports after a bad file, want 1", imports.Total)
		}

		// A department liaison uploads any feed; a village worker none.
		grade := "id_number,event_date,grade\n" + p.IDNumber + "," + daysAgo(2) + ",2\n"
		res, body = upload(t, e.srv, "disability_grade", e.tokens["liaison"], grade)
		if got := decode[feedImport](t, body); res.StatusCode != http.StatusCreated || got.NeedsFiled != 1 {
			t.Fatalf("liaison upload: Status=%v %s", res.StatusCode, body)
		}
		res, body = upload(t, e.srv, "disability_grade", e.tokens["village"], grade)
		mustProblem(t, res, body, http.StatusForbidden)
		res, body = upload(t, e.srv, "weather", e.tokens["admin"], grade)
		mustProblem(t, res, body, http.StatusUnprocessableEntity)
		res, body = upload(t, e.srv, "disability_grade", "", grade)
		mustProblem(t, res, body, http.StatusUnauthorized)
	})
}
