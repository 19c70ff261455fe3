package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/demo"
	"jiuzhu/internal/photo"
	"jiuzhu/internal/place"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
	"jiuzhu/internal/visit"
)

// visitRawKey catches untranslated message keys of the visit pages.
var visitRawKey = regexp.MustCompile(`(?:^|[^\w/.-])((?:visit|order|myday|nav|err|persons|common|form)\.[a-z_]+(?:\.[a-z_]+)*)`)

// visitFixture is a visit the demo service worker recorded through the store
// on a demo order: checked in and out 30 km from the home, with a photo and
// a signature, so verification flags it. Three more accounts look at it:
// the officer of its township, a village worker of another village and the
// administrator of another provider.
type visitFixture struct {
	orderID, personID, day, photoSHA, signatureSHA string
}

func newVisitFixture(t *testing.T, e *uiEnv) visitFixture {
	t.Helper()
	pf := newPlanFixture(t, e)
	sys := store.System(context.Background())
	orders, _, err := e.db.Orders(sys, plan.OrderFilter{WorkerID: &pf.workerID, PlanID: &pf.planID})
	if err != nil || len(orders) == 0 {
		t.Fatalf("no orders for the demo worker: %v", err)
	}
	o := orders[0]
	f := visitFixture{orderID: o.ID, personID: o.PersonID, day: o.Day, photoSHA: hexSHA("photo"), signatureSHA: hexSHA("signature")}
	e.visitAccounts(t, o)

	_, u, err := e.db.Login(sys, "worker", demo.Password, store.APISession)
	if err != nil {
		t.Fatal(err)
	}
	ctx := auth.WithActor(context.Background(), u.Actor())
	_, stops, err := e.db.FieldDay(ctx, o.Day)
	if err != nil || len(stops) == 0 {
		t.Fatalf("FieldDay: %d stops, %v", len(stops), err)
	}
	target := stops[0].Target
	for _, s := range stops {
		if s.Order.ID == o.ID {
			target = s.Target
		}
	}
	for _, sha := range []string{f.photoSHA, f.signatureSHA} {
		if err := e.db.RecordBlob(ctx, sha, 1000, photo.Meta{ContentType: photo.JPEG, Width: 10, Height: 10}); err != nil {
			t.Fatal(err)
		}
	}
	day, _ := plan.ParseDay(o.Day)
	far := &visit.Position{Lat: target.Lat, Lon: target.Lon + 30_000.0/80_000, AccuracyM: 12} // 30 km east
	ev := func(kind visit.EventKind, minute int) *visit.Event {
		return &visit.Event{ID: uuid.Must(uuid.NewV7()).String(), OrderID: o.ID, Kind: kind, DeviceID: "vt-phone-1",
			DeviceTime: day.Add(10*time.Hour + time.Duration(minute)*time.Minute).UTC()}
	}
	in, ph, conf, out := ev(visit.CheckIn, 0), ev(visit.Photo, 5), ev(visit.Confirm, o.Minutes-1), ev(visit.CheckOut, o.Minutes)
	in.Pos, in.Reason, out.Pos = far, "met_elsewhere", far
	ph.PhotoSHA, ph.PhotoStage = f.photoSHA, visit.Before
	conf.Method, conf.SignatureSHA, conf.Rating = visit.BySignature, f.signatureSHA, 4
	var res *store.VisitResult
	for _, e2 := range []*visit.Event{in, ph, conf, out} {
		if res, err = e.db.RecordVisitEvent(ctx, e2); err != nil {
			t.Fatalf("record %s: %v", e2.Kind, err)
		}
	}
	if res.Outcome != visit.Flagged {
		t.Fatalf("outcome=%s, want flagged; flags %+v", res.Outcome, res.Flags)
	}
	return f
}

// visitAccounts adds the accounts that look at order o's visit: vt_township
// (its township), vt_village (another village of the city) and vt_provider
// (another organisation).
func (e *uiEnv) visitAccounts(t *testing.T, o *plan.Order) {
	t.Helper()
	sys := store.System(context.Background())
	villages, err := e.db.PlacesUnder(sys, "652301", place.Village)
	if err != nil {
		t.Fatal(err)
	}
	other := ""
	for _, p := range villages {
		if p.Level == place.Village && p.Code[:9] != o.PlaceCode[:9] {
			other = p.Code
		}
	}
	orgs, _, err := e.db.ListProviders(sys, provider.OrgFilter{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	otherOrg := ""
	for _, org := range orgs {
		if org.ID != o.ProviderID {
			otherOrg = org.ID
		}
	}
	if other == "" || otherOrg == "" {
		t.Fatalf("no other village (%q) or organisation (%q)", other, otherOrg)
	}
	for _, u := range []*auth.User{{Username: "vt_township", Role: auth.TownshipOfficer, PlaceCode: o.PlaceCode[:9]},
		{Username: "vt_village", Role: auth.VillageWorker, PlaceCode: other},
		{Username: "vt_provider", Role: auth.ProviderAdmin, PlaceCode: "652301"}} {
		u.DisplayName = u.Username
		if _, err := e.db.PutUser(sys, u, demo.Password, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.db.LinkUsername(sys, "vt_provider", otherOrg, ""); err != nil {
		t.Fatal(err)
	}
}

func hexSHA(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestUIVisits(t *testing.T) {
	t.Parallel()
	e := newMatchUIEnv(t)
	f := newVisitFixture(t, e)
	page := e.ts.URL + "/visits/" + f.orderID

	t.Run("Queue", func(t *testing.T) {
		township := e.client(t, "vt_township")
		queue := mustPage(t, township, e.ts.URL+"/visits", http.StatusOK)
		uiHas(t, queue, `id="queue"`, `href="/visits/`+f.orderID+`"`, `href="/persons/`+f.personID+`"`, `class="badge o-flagged"`,
			`class="vs-flag sev-flag"`, `href="/visits"`)
		body := mustPage(t, township, page, http.StatusOK)
		uiHas(t, body, `id="flags"`, `id="check-in"`, `class="vs-far"`, `id="clear"`, `id="reject"`,
			`src="/api/v1/blobs/`+f.photoSHA+`?thumb=1"`, `href="/api/v1/blobs/`+f.signatureSHA+`"`, "vt-phone-1")
	})

	t.Run("Scope", func(t *testing.T) {
		village := e.client(t, "vt_village")
		mustPage(t, village, page, http.StatusNotFound)
		list := mustPage(t, village, e.ts.URL+"/visits?outcome=flagged", http.StatusOK)
		uiHas(t, list, `id="empty"`)
		uiLacks(t, list, `id="queue"`, f.orderID)

		own := mustPage(t, e.client(t, "provider"), e.ts.URL+"/visits", http.StatusOK)
		uiHas(t, own, `href="/visits/`+f.orderID+`"`, `id="worker"`)
		uiLacks(t, own, `href="/persons/`)
		other := e.client(t, "vt_provider")
		mustPage(t, other, page, http.StatusNotFound)
		uiLacks(t, mustPage(t, other, e.ts.URL+"/visits", http.StatusOK), f.orderID)
		mustPage(t, e.client(t, "liaison"), e.ts.URL+"/visits", http.StatusForbidden)
	})

	t.Run("EveryLanguage", func(t *testing.T) {
		noNote := url.Values{"action": {"clear"}, "reason_code": {"other"}, "note": {""}}
		uiCheckPages(t, e, []uiPage{
			{"vt_township", "GET", "/visits", nil, http.StatusOK},
			{"vt_township", "GET", "/visits/" + f.orderID, nil, http.StatusOK},
			{"vt_township", "POST", "/visits/" + f.orderID + "/decision", noNote, http.StatusUnprocessableEntity},
			{"county", "GET", "/visits?outcome=&state=nonsense", nil, http.StatusUnprocessableEntity},
			{"provider", "GET", "/visits", nil, http.StatusOK},
			{"evaluator", "GET", "/visits/" + f.orderID, nil, http.StatusOK},
			{"auditor", "GET", "/visits?person=" + f.personID, nil, http.StatusOK},
			{"admin", "GET", "/persons/" + f.personID, nil, http.StatusOK},
			{"worker", "GET", "/my-day?day=" + f.day, nil, http.StatusOK},
		}, visitRawKey, "nav.visits", "zh-Hans")
	})

	t.Run("Decide", func(t *testing.T) {
		county := e.client(t, "county")
		res, body := uiPost(t, county, page+"/decision", url.Values{"action": {"clear"}, "reason_code": {"other"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("other without a note: Status=%v", res.StatusCode)
		}
		uiHas(t, body, `id="errors"`, `class="field has-error"`, `<option value="other" selected>`)
		res, _ = uiPost(t, county, page+"/decision", url.Values{"action": {"clear"}, "reason_code": {"worker_explained"}, "note": {"电话核实：牧民在冬窝子"}})
		if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/visits/"+f.orderID {
			t.Fatalf("clear: Status=%v Location=%q", res.StatusCode, got)
		}
		body = mustPage(t, county, page, http.StatusOK)
		uiHas(t, body, `class="flash"`, `class="badge o-verified"`, `class="badge a-clear"`, "电话核实：牧民在冬窝子", "county", `id="reject"`)
		uiLacks(t, body, `id="clear"`)
		queue := mustPage(t, e.client(t, "vt_township"), e.ts.URL+"/visits", http.StatusOK)
		uiLacks(t, queue, `href="/visits/`+f.orderID+`"`)
		person := mustPage(t, e.client(t, "county"), e.ts.URL+"/persons/"+f.personID, http.StatusOK)
		uiHas(t, person, `id="visits"`, `href="/visits/`+f.orderID+`"`)
	})
}
