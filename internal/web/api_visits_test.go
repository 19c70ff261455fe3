package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/notify"
	"jiuzhu/internal/person"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// visitAPI is a server over the demo dataset whose store sends SMS to a
// development gateway the test reads, with orders for the demo worker.
type visitAPI struct {
	*uiEnv
	sms    *notify.LogSMS
	orders []*plan.Order
	tokens map[string]string
}

func newVisitAPI(t *testing.T) *visitAPI {
	t.Helper()
	sms := notify.NewLogSMS(slog.New(slog.DiscardHandler))
	now := func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }
	db, err := store.Open(context.Background(), store.Options{URL: testdb.URL(t, store.SQLite), DataDir: t.TempDir(), Keys: testdb.Keys(t), SMS: sms, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, _, err := demo.LoadFull(context.Background(), db, now()); err != nil {
		t.Fatalf("demo.LoadFull: %v", err)
	}
	ts := httptest.NewServer(New(db, slog.New(slog.DiscardHandler), Options{SMS: sms, Now: now}))
	t.Cleanup(ts.Close)
	e := &visitAPI{uiEnv: &uiEnv{db: db, ts: ts}, sms: sms, tokens: map[string]string{}}
	pf := newPlanFixture(t, e.uiEnv)
	orders, _, err := db.Orders(store.System(context.Background()), plan.OrderFilter{WorkerID: &pf.workerID, PlanID: &pf.planID})
	if err != nil || len(orders) == 0 {
		t.Fatalf("orders: %v", err)
	}
	e.orders = orders
	for _, u := range []string{"worker", "county", "admin", "provider"} {
		e.tokens[u] = e.login(t, u)
	}
	return e
}

func (e *visitAPI) login(t *testing.T, user string) string {
	t.Helper()
	var out struct{ Token string }
	res, body := e.call(t, "", "POST", "/api/v1/auth/login", "application/json", mustMarshal(t, map[string]string{"username": user, "password": demo.Password}), nil)
	if res.StatusCode != http.StatusOK || json.Unmarshal(body, &out) != nil {
		t.Fatalf("login %s: %d %s", user, res.StatusCode, body)
	}
	return out.Token
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (e *visitAPI) call(t *testing.T, token, method, path, ctype string, body []byte, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// event posts a visit event as the demo worker.
func (e *visitAPI) event(t *testing.T, ev map[string]any, key string) (*http.Response, map[string]any) {
	t.Helper()
	h := map[string]string{}
	if key != "" {
		h["Idempotency-Key"] = key
	}
	res, body := e.call(t, e.tokens["worker"], "POST", "/api/v1/visit-events", "application/json", mustMarshal(t, ev), h)
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s: %s", err, body)
	}
	return res, out
}

func pngOf(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := 0; x < 64; x++ {
		for y := 0; y < 48; y++ {
			img.Set(x, y, color.RGBA{shade, uint8(x * 4), uint8(y * 5), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func shaOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestAPIVisits(t *testing.T) {
	e := newVisitAPI(t)
	o := e.orders[0]
	day, _ := plan.ParseDay(o.Day)
	at := func(min int) string {
		return day.Add(10*time.Hour + time.Duration(min)*time.Minute).UTC().Format(time.RFC3339)
	}
	checkIn := map[string]any{"id": uuid.Must(uuid.NewV7()).String(), "order_id": o.ID, "kind": "check_in", "device_id": "api-phone",
		"device_time": at(0), "pos": map[string]float64{"lat": 44.0, "lon": 87.3, "accuracy_m": 10}, "reason": "gps_wrong"}

	t.Run("exactly once", func(t *testing.T) {
		res, out := e.event(t, checkIn, checkIn["id"].(string))
		if res.StatusCode != http.StatusCreated || out["duplicate"] != false {
			t.Fatalf("first send: %d %v", res.StatusCode, out)
		}
		res, out = e.event(t, checkIn, checkIn["id"].(string))
		if res.StatusCode != http.StatusOK || out["duplicate"] != true {
			t.Fatalf("replay: %d %v", res.StatusCode, out)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		other := map[string]any{}
		for k, v := range checkIn {
			other[k] = v
		}
		other["device_time"] = at(5)
		for _, c := range []struct {
			name   string
			body   map[string]any
			key    string
			status int
			field  string
		}{
			{"same id, other content", other, "", http.StatusUnprocessableEntity, "id"},
			{"key differs from id", map[string]any{"id": uuid.Must(uuid.NewV7()).String(), "order_id": o.ID, "kind": "missed", "device_id": "p",
				"device_time": at(0), "reason": "not_home"}, uuid.Must(uuid.NewV7()).String(), http.StatusUnprocessableEntity, "id"},
			{"missed without reason", map[string]any{"id": uuid.Must(uuid.NewV7()).String(), "order_id": o.ID, "kind": "missed", "device_id": "p",
				"device_time": at(0)}, "", http.StatusUnprocessableEntity, "reason"},
			{"unknown order", map[string]any{"id": uuid.Must(uuid.NewV7()).String(), "order_id": "no-such-order", "kind": "missed", "device_id": "p",
				"device_time": at(0), "reason": "not_home"}, "", http.StatusNotFound, ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				res, out := e.event(t, c.body, c.key)
				if res.StatusCode != c.status || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
					t.Fatalf("Status=%d (%s), want %d problem+json: %v", res.StatusCode, res.Header.Get("Content-Type"), c.status, out)
				}
				if c.field != "" && !strings.Contains(mustString(t, out["errors"]), `"field":"`+c.field+`"`) {
					t.Fatalf("errors %v do not name %s", out["errors"], c.field)
				}
			})
		}
		res, body := e.call(t, e.tokens["county"], "POST", "/api/v1/visit-events", "application/json", mustMarshal(t, checkIn), nil)
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("an official records a visit: %d %s", res.StatusCode, body)
		}
	})
	t.Run("images", func(t *testing.T) {
		img := pngOf(t, 10)
		sha := shaOf(img)
		for i, want := range []int{http.StatusCreated, http.StatusOK} {
			res, body := e.call(t, e.tokens["worker"], "PUT", "/api/v1/blobs/"+sha, "image/jpeg", img, nil)
			if res.StatusCode != want || !strings.Contains(string(body), `"content_type":"image/png"`) {
				t.Fatalf("upload %d: %d %s", i, res.StatusCode, body)
			}
		}
		for _, c := range []struct {
			name, sha string
			body      []byte
			status    int
		}{
			{"GIF", shaOf([]byte("GIF89a....")), []byte("GIF89a...."), http.StatusUnprocessableEntity},
			{"wrong hash", shaOf([]byte("x")), img, http.StatusUnprocessableEntity},
			{"bad hash", "XYZ", img, http.StatusUnprocessableEntity},
			{"too large", shaOf(make([]byte, 11<<20)), make([]byte, 11<<20), http.StatusRequestEntityTooLarge},
		} {
			res, body := e.call(t, e.tokens["worker"], "PUT", "/api/v1/blobs/"+c.sha, "image/png", c.body, nil)
			if res.StatusCode != c.status {
				t.Errorf("%s: %d %s, want %d", c.name, res.StatusCode, body, c.status)
			}
		}
		res, body := e.call(t, e.tokens["worker"], "GET", "/api/v1/blobs/"+sha+"?thumb=1", "", nil, nil)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/jpeg" || len(body) == 0 {
			t.Fatalf("thumbnail: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		// Not on any visit yet: only the uploader sees it.
		if res, _ := e.call(t, e.tokens["county"], "GET", "/api/v1/blobs/"+sha, "", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Fatalf("an unattached photo to another user: %d", res.StatusCode)
		}
		ph := map[string]any{"id": uuid.Must(uuid.NewV7()).String(), "order_id": o.ID, "kind": "photo", "device_id": "api-phone",
			"device_time": at(3), "photo_sha": sha, "photo_stage": "before"}
		if res, out := e.event(t, ph, ""); res.StatusCode != http.StatusCreated {
			t.Fatalf("photo event: %d %v", res.StatusCode, out)
		}
		if res, _ := e.call(t, e.tokens["county"], "GET", "/api/v1/blobs/"+sha, "", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("the visit's photo to the county reviewer: %d", res.StatusCode)
		}
	})
	t.Run("confirmation code", func(t *testing.T) {
		phone := "13912345678"
		sys := store.System(context.Background())
		p, err := e.db.Person(sys, o.PersonID, "edit")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.UpdatePerson(sys, o.PersonID, person.Update{Version: p.Version, Phone: &phone}); err != nil {
			t.Fatal(err)
		}
		res, body := e.call(t, e.tokens["worker"], "POST", "/api/v1/orders/"+o.ID+"/confirm-code", "", nil, nil)
		if res.StatusCode != http.StatusAccepted || !strings.Contains(string(body), "139****5678") {
			t.Fatalf("send code: %d %s", res.StatusCode, body)
		}
		code := regexp.MustCompile(`\d{6}`).FindString(e.sms.Last(phone))
		if code == "" {
			t.Fatalf("no code in the SMS %q", e.sms.Last(phone))
		}
		if res, _ := e.call(t, e.tokens["worker"], "POST", "/api/v1/orders/"+o.ID+"/confirm-code", "", nil, nil); res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("a second code at once: %d, want 429", res.StatusCode)
		}
		conf := map[string]any{"id": uuid.Must(uuid.NewV7()).String(), "order_id": o.ID, "kind": "confirm", "device_id": "api-phone",
			"device_time": "2026-11-28T09:00:00Z", "method": "code", "code": code, "rating": 4} // read back as it came
		res, out := e.event(t, conf, "")
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("confirm: %d %v", res.StatusCode, out)
		}
		c := out["visit"].(map[string]any)["confirmation"].(map[string]any)
		if c["code_ok"] != true || c["code"] != nil {
			t.Fatalf("confirmation %v: want code_ok and no code kept", c)
		}
	})
	t.Run("queue and decision", func(t *testing.T) {
		out := map[string]any{"id": uuid.Must(uuid.NewV7()).String(), "order_id": o.ID, "kind": "check_out", "device_id": "api-phone",
			"device_time": at(o.Minutes), "pos": map[string]float64{"lat": 44.0, "lon": 87.3, "accuracy_m": 10}}
		res, got := e.event(t, out, "")
		if res.StatusCode != http.StatusCreated || got["outcome"] != "flagged" {
			t.Fatalf("check-out far from home: %d %v", res.StatusCode, got)
		}
		flags := mustString(t, got["flags"])
		if !strings.Contains(flags, `"rule":"geofence"`) || !strings.Contains(flags, `"message":"`) {
			t.Fatalf("flags %s: want the geofence flag with its message", flags)
		}
		res, body := e.call(t, e.tokens["county"], "GET", "/api/v1/visits?outcome=flagged", "", nil, nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), o.ID) {
			t.Fatalf("queue: %d %s", res.StatusCode, body)
		}
		if res, _ := e.call(t, e.tokens["county"], "GET", "/api/v1/visits?outcome=odd", "", nil, nil); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("unknown outcome filter: %d", res.StatusCode)
		}
		dec := mustMarshal(t, map[string]string{"action": "clear", "reason_code": "other"})
		if res, _ := e.call(t, e.tokens["county"], "POST", "/api/v1/visits/"+o.ID+"/decision", "application/json", dec, nil); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("'other' without a note: %d", res.StatusCode)
		}
		dec = mustMarshal(t, map[string]string{"action": "clear", "reason_code": "worker_explained", "note": "住户搬到亲戚家"})
		res, body = e.call(t, e.tokens["county"], "POST", "/api/v1/visits/"+o.ID+"/decision", "application/json", dec, nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"outcome":"verified"`) {
			t.Fatalf("clear: %d %s", res.StatusCode, body)
		}
	})
	t.Run("rules", func(t *testing.T) {
		res, body := e.call(t, e.tokens["county"], "GET", "/api/v1/visit-rules", "", nil, nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"code":"after_death"`) {
			t.Fatalf("rules: %d %s", res.StatusCode, body)
		}
		rule := map[string]any{"code": "short_visit", "severity": "flag", "enabled": true, "params": map[string]float64{"min_share": 0.6},
			"messages": map[string]string{"zh-Hans": "服务 {minutes} 分钟，计划 {planned} 分钟", "en": "{minutes} of {planned} minutes"}}
		if res, _ := e.call(t, e.tokens["county"], "PUT", "/api/v1/visit-rules/short_visit", "application/json", mustMarshal(t, rule), nil); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a county reviewer edits a rule: %d", res.StatusCode)
		}
		if res, body := e.call(t, e.tokens["admin"], "PUT", "/api/v1/visit-rules/short_visit", "application/json", mustMarshal(t, rule), nil); res.StatusCode != http.StatusOK {
			t.Fatalf("the administrator edits a rule: %d %s", res.StatusCode, body)
		}
		rule["params"] = map[string]float64{"min_share": -1}
		if res, _ := e.call(t, e.tokens["admin"], "PUT", "/api/v1/visit-rules/short_visit", "application/json", mustMarshal(t, rule), nil); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a negative parameter: %d", res.StatusCode)
		}
		rules, err := e.db.VisitRules(store.System(context.Background()))
		if err != nil || len(rules) != 11 {
			t.Fatalf("stored rules: %d %v", len(rules), err)
		}
	})
	t.Run("field day", func(t *testing.T) {
		res, body := e.call(t, e.tokens["worker"], "GET", "/api/v1/field/day?day="+o.Day, "", nil, nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"map_url":"geo:`) || !strings.Contains(string(body), o.ID) {
			t.Fatalf("field day: %d %.300s", res.StatusCode, body)
		}
		if res, _ := e.call(t, e.tokens["county"], "GET", "/api/v1/field/day", "", nil, nil); res.StatusCode != http.StatusForbidden {
			t.Fatalf("an official's field day: %d", res.StatusCode)
		}
	})
}

func mustString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
