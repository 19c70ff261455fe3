package web

import (
	"context"
	"net/url"
	"regexp"
	"testing"

	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
)

// resourceKey finds an unresolved key of the catalogue and resource pages.
var resourceKey = regexp.MustCompile(`(?:^|[^\w/.-])((?:catalog|providers?|workers|err|form|common|language|sex|category)\.[a-z_]+(?:\.[a-z_]+)*)`)

// TestResourcePagesEveryLanguage renders the catalogue and resource library
// pages, their forms and their failures, as the roles that use them.
func TestResourcePagesEveryLanguage(t *testing.T) {
	e := newUIEnv(t)
	ctx := store.System(context.Background())
	orgs, _, err := e.db.ListProviders(ctx, provider.OrgFilter{Limit: store.MaxPageSize})
	if err != nil || len(orgs) == 0 {
		t.Fatalf("ListProviders: %d, %v", len(orgs), err)
	}
	own := orgs[0]
	for _, o := range orgs {
		if o.Name == "昌吉市康宁居家养老服务中心" {
			own = o
		}
	}
	var mori *provider.Org
	for _, o := range orgs {
		if o.PlaceCode[:6] == "652328" {
			mori = o
			break
		}
	}
	therapist := provider.Therapist
	ws, _, err := e.db.ListWorkers(ctx, provider.WorkerFilter{Kind: &therapist, Limit: 1})
	if err != nil || len(ws) == 0 {
		t.Fatalf("ListWorkers: %v", err)
	}
	wk := ws[0]
	pages := []uiPage{
		{"admin", "GET", "/catalog", nil, 200},
		{"admin", "GET", "/catalog/care.rehab", nil, 200},
		{"admin", "GET", "/catalog/no.such", nil, 404},
		{"admin", "POST", "/catalog/care.rehab", url.Values{"version": {"1"}, "name": {"康复护理"}, "price": {"abc"}, "unit": {"day"},
			"kind": {"basic"}, "minutes": {"60"}, "times": {"0"}, "every_weeks": {"1"}}, 422},
		{"admin", "POST", "/catalog/care.rehab", url.Values{"version": {"99"}, "name": {"康复护理"}, "price": {"85"}, "unit": {"hour"},
			"kind": {"basic"}, "minutes": {"60"}, "times": {"2"}, "every_weeks": {"1"}, "active": {"1"}}, 409},
		{"county", "GET", "/catalog", nil, 200},
		{"county", "POST", "/catalog/care.rehab", url.Values{"version": {"1"}}, 403},
		{"worker", "GET", "/catalog/care.personal", nil, 200},
		{"admin", "GET", "/providers", nil, 200},
		{"admin", "GET", "/providers?kind=bad&place=12", nil, 422},
		{"admin", "GET", "/providers?item=care.rehab&place=652328", nil, 200},
		{"admin", "GET", "/providers/new", nil, 200},
		{"admin", "POST", "/providers/new", url.Values{"name": {""}, "kind": {"club"}, "place_code": {""}, "phone": {"12"}, "credit_code": {"X"}}, 422},
		{"admin", "GET", "/providers/" + own.ID, nil, 200},
		{"admin", "GET", "/providers/" + own.ID + "/edit", nil, 200},
		{"admin", "POST", "/providers/" + own.ID + "/edit", url.Values{"version": {"99"}, "name": {own.Name}, "kind": {string(own.Kind)},
			"place_code": {own.PlaceCode}, "stars": {"3"}}, 409},
		{"admin", "GET", "/providers/" + own.ID + "/workers/new", nil, 200},
		{"admin", "POST", "/providers/" + own.ID + "/workers/new", url.Values{"name": {"x"}, "kind": {"housekeeper"}, "sex": {"F"},
			"capacity": {"0"}, "languages": {"zh"}, "items": {"care.rehab"}, "coverage": {"652301"}, "place_code": {"652301"}}, 422},
		{"admin", "GET", "/workers/" + wk.ID, nil, 200},
		{"admin", "GET", "/workers/" + wk.ID + "/edit", nil, 200},
		{"county", "GET", "/providers", nil, 200},
		{"county_mori", "GET", "/providers/" + own.ID, nil, 404},
		{"provider", "GET", "/providers", nil, 200},
		{"provider", "GET", "/providers/" + own.ID, nil, 200},
		{"provider", "GET", "/providers/" + own.ID + "/edit", nil, 200},
		{"provider", "GET", "/providers/" + mori.ID, nil, 404},
		{"provider", "GET", "/providers/new", nil, 403},
		{"assessor", "GET", "/providers", nil, 403},
	}
	uiCheckPages(t, e, pages, resourceKey, "nav.providers", "zh-Hans")
}

// TestProviderAdminAddsWorker walks the console as the demo provider: add a
// worker, see it on the organisation's page and its own page.
func TestProviderAdminAddsWorker(t *testing.T) {
	e := newUIEnv(t)
	c := e.client(t, "provider")
	body := mustPage(t, c, e.ts.URL+"/providers", 200)
	uiHas(t, body, "昌吉市康宁居家养老服务中心")
	orgs, _, _ := e.db.ListProviders(store.System(context.Background()), provider.OrgFilter{Query: resPtr("昌吉市康宁居家养老服务中心")})
	if len(orgs) != 1 {
		t.Fatalf("demo provider organisation: %d found", len(orgs))
	}
	id := orgs[0].ID
	res, body := uiPost(t, c, e.ts.URL+"/providers/"+id+"/workers/new", url.Values{"name": {"阿依古丽·艾力"}, "kind": {"housekeeper"},
		"sex": {"F"}, "capacity": {"16"}, "rating": {"420"}, "languages": {"ug", "zh"}, "items": {"house.cleaning", "care.personal"},
		"coverage": {"652301"}, "place_code": {"652301"}, "cert_expires_health_cert": {"2026-12-10"}, "active": {"1"}})
	if res.StatusCode != 303 {
		t.Fatalf("add worker: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	page := mustPage(t, c, e.ts.URL+res.Header.Get("Location"), 200)
	uiHas(t, page, "阿依古丽·艾力", "/orders?worker=", "0 / 16", "cert-soon")
	uiHas(t, mustPage(t, c, e.ts.URL+"/providers/"+id, 200), "阿依古丽·艾力")
}

// TestReviseCatalogItemInConsole revises a price and sees both versions.
func TestReviseCatalogItemInConsole(t *testing.T) {
	e := newUIEnv(t)
	c := e.client(t, "admin")
	res, body := uiPost(t, c, e.ts.URL+"/catalog/care.personal", url.Values{"version": {"1"}, "name": {"居家生活照料"}, "price": {"38.00"},
		"unit": {"hour"}, "kind": {"basic"}, "minutes": {"60"}, "times": {"3"}, "every_weeks": {"1"}, "active": {"1"}, "note": {"2027 年标准"}})
	if res.StatusCode != 303 {
		t.Fatalf("revise: Status=%v; body: %.2000s", res.StatusCode, body)
	}
	page := mustPage(t, c, e.ts.URL+res.Header.Get("Location"), 200)
	uiHas(t, page, "38.00", "35.00", "v2", "2027 年标准")
	it, err := e.db.ItemAt(store.System(context.Background()), "care.personal", 1)
	if err != nil || it.PriceFen != 3500 {
		t.Errorf("version 1 = %v, %v; want 3500 fen kept", it, err)
	}
}

func resPtr[T any](v T) *T { return &v }
