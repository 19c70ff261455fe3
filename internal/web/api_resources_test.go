package web_test

import (
	"net/http"
	"slices"
	"testing"

	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

type apiItem struct {
	Code     string `json:"code"`
	Version  int    `json:"version"`
	PriceFen int64  `json:"price_fen"`
}

type apiOrg struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	PlaceCode string `json:"place_code"`
	Version   int    `json:"version"`
	Workers   int    `json:"workers"`
}

type apiWorker struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Items    []string `json:"items"`
	Capacity int      `json:"capacity"`
	Load     int      `json:"load"`
}

// TestCatalogAPI reads, revises and adds catalogue items through the API.
func TestCatalogAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newAPIEnv(t, d)
		sc := newSchemaChecker(t, e.srv)
		admin := e.tokens["admin"]
		res, body := do(t, e.srv, "GET", "/api/v1/catalog/items", e.tokens["worker"], nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("list: %v %s", res.StatusCode, body)
		}
		sc.check(t, "CatalogItemList", body)
		var list struct{ Items []apiItem }
		mustDo(t, e.srv, "GET", "/api/v1/catalog/items", admin, nil, http.StatusOK, &list)
		if len(list.Items) != 19 {
			t.Errorf("%d items, want 19", len(list.Items))
		}

		var v2 apiItem
		mustDo(t, e.srv, "PUT", "/api/v1/catalog/items/care.meal", admin, map[string]any{"version": 1, "price_fen": 1800, "note": "菜价上涨"},
			http.StatusOK, &v2)
		if v2.Version != 2 || v2.PriceFen != 1800 {
			t.Errorf("revised = %+v, want v2 at 1800", v2)
		}
		var v1 apiItem
		mustDo(t, e.srv, "GET", "/api/v1/catalog/items/care.meal?version=1", e.tokens["county"], nil, http.StatusOK, &v1)
		if v1.PriceFen != 1500 {
			t.Errorf("version 1 price %d, want 1500", v1.PriceFen)
		}
		var hist struct{ Items []apiItem }
		mustDo(t, e.srv, "GET", "/api/v1/catalog/items/care.meal/history", admin, nil, http.StatusOK, &hist)
		if len(hist.Items) != 2 || hist.Items[0].Version != 2 {
			t.Errorf("history %+v, want v2 then v1", hist.Items)
		}

		res, body = do(t, e.srv, "PUT", "/api/v1/catalog/items/care.meal", admin, map[string]any{"version": 1, "price_fen": 1900})
		if p := mustProblem(t, res, body, http.StatusConflict); p.Key != "err.version_conflict" {
			t.Errorf("stale revision key %q", p.Key)
		}
		res, body = do(t, e.srv, "PUT", "/api/v1/catalog/items/care.meal", admin, map[string]any{"version": 2, "price_fen": -5, "times": 0})
		p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
		if got := fieldKeys(p); !slices.Contains(got, "price_fen:err.catalog.price") || !slices.Contains(got, "times:err.catalog.times") {
			t.Errorf("invalid revision fields %v", got)
		}
		res, body = do(t, e.srv, "PUT", "/api/v1/catalog/items/care.meal", e.tokens["county"], map[string]any{"version": 2, "price_fen": 1})
		mustProblem(t, res, body, http.StatusForbidden)
		res, body = do(t, e.srv, "GET", "/api/v1/catalog/items/no.such", admin, nil)
		mustProblem(t, res, body, http.StatusNotFound)
		res, body = do(t, e.srv, "PUT", "/api/v1/catalog/items/care.meal", admin, `{"version": 2, "price": 1}`)
		mustProblem(t, res, body, http.StatusUnprocessableEntity)

		item := map[string]any{"code": "care.haircut", "project": "care", "kind": "special", "name": "上门理发", "unit": "visit", "price_fen": 1500,
			"minutes": 30, "times": 1, "every_weeks": 4, "person_groups": []string{"elderly_alone"}, "worker_kinds": []string{"volunteer"}, "funding": "lottery"}
		res, body = do(t, e.srv, "POST", "/api/v1/catalog/items", admin, item)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("add: %v %s", res.StatusCode, body)
		}
		sc.check(t, "CatalogItem", body)
		res, body = do(t, e.srv, "POST", "/api/v1/catalog/items", admin, item)
		mustProblem(t, res, body, http.StatusConflict)

		var pkgs struct {
			Items []struct {
				Package  string `json:"package"`
				ItemCode string `json:"item_code"`
			}
		}
		res, body = do(t, e.srv, "GET", "/api/v1/catalog/packages?package=rehab.home", admin, nil)
		sc.check(t, "CatalogPackageItemList", body)
		mustDo(t, e.srv, "GET", "/api/v1/catalog/packages?package=rehab.home", admin, nil, http.StatusOK, &pkgs)
		if len(pkgs.Items) != 2 || res.StatusCode != http.StatusOK {
			t.Errorf("rehab.home items %+v", pkgs.Items)
		}
	})
}

// TestProvidersAPI lists, creates and updates organisations and workers,
// and checks the scope of a county reviewer.
func TestProvidersAPI(t *testing.T) {
	e := newAPIEnv(t, store.SQLite)
	sc := newSchemaChecker(t, e.srv)
	admin := e.tokens["admin"]
	res, body := do(t, e.srv, "GET", "/api/v1/providers?limit=200", admin, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("list: %v %s", res.StatusCode, body)
	}
	sc.check(t, "ProviderOrgList", body)
	var all struct {
		Items []apiOrg
		Total int
	}
	mustDo(t, e.srv, "GET", "/api/v1/providers?limit=200", admin, nil, http.StatusOK, &all)
	if all.Total != 60 {
		t.Errorf("%d organisations, want 60", all.Total)
	}
	var mori struct {
		Items []apiOrg
		Total int
	}
	mustDo(t, e.srv, "GET", "/api/v1/providers?limit=200", e.tokens["county_mori"], nil, http.StatusOK, &mori)
	for _, o := range mori.Items {
		if o.PlaceCode[:6] != "652328" {
			// Registered elsewhere: it must have a worker covering Mori.
			var ws struct{ Total int }
			mustDo(t, e.srv, "GET", "/api/v1/workers?provider="+o.ID+"&place=652328", admin, nil, http.StatusOK, &ws)
			if ws.Total == 0 {
				t.Errorf("Mori reviewer sees %s, registered in %s, with no worker covering Mori", o.Name, o.PlaceCode)
			}
		}
	}
	if mori.Total == 0 || mori.Total >= all.Total {
		t.Errorf("Mori reviewer sees %d of %d organisations", mori.Total, all.Total)
	}

	var org apiOrg
	mustDo(t, e.srv, "POST", "/api/v1/providers", admin, map[string]any{"name": "呼图壁县同心助老服务中心", "kind": "social_org",
		"place_code": "652323", "phone": "0994-5551234", "stars": 3, "active": true}, http.StatusCreated, &org)
	res, body = do(t, e.srv, "POST", "/api/v1/providers", admin, map[string]any{"name": "", "kind": "club", "place_code": "65", "credit_code": "12"})
	p := mustProblem(t, res, body, http.StatusUnprocessableEntity)
	for _, want := range []string{"name:err.required", "kind:err.provider.kind", "place_code:err.place.unknown", "credit_code:err.provider.credit_code"} {
		if !slices.Contains(fieldKeys(p), want) {
			t.Errorf("create problem lacks %s: %v", want, fieldKeys(p))
		}
	}
	res, body = do(t, e.srv, "POST", "/api/v1/providers/"+org.ID+"/workers", admin, map[string]any{"name": "马丽", "kind": "housekeeper",
		"sex": "F", "languages": []string{"zh"}, "capacity": 15, "place_code": "652323", "items": []string{"house.cleaning"},
		"coverage": []string{"652323"}, "rating": 400, "active": true, "certs": []map[string]string{{"cert": "health_cert", "expires": "2027-06-30"}}})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("add worker: %v %s", res.StatusCode, body)
	}
	sc.check(t, "ProviderWorker", body)
	var wk apiWorker
	mustDo(t, e.srv, "GET", "/api/v1/providers/"+org.ID+"/workers", admin, nil, http.StatusOK, &struct{ Items []apiWorker }{})
	_, body = do(t, e.srv, "GET", "/api/v1/workers?provider="+org.ID, admin, nil)
	sc.check(t, "ProviderWorkerList", body)
	var ws struct{ Items []apiWorker }
	mustDo(t, e.srv, "GET", "/api/v1/workers?provider="+org.ID, admin, nil, http.StatusOK, &ws)
	if len(ws.Items) != 1 {
		t.Fatalf("workers of the new organisation: %d", len(ws.Items))
	}
	mustDo(t, e.srv, "GET", "/api/v1/workers/"+ws.Items[0].ID, e.tokens["county"], nil, http.StatusNotFound, nil)
	mustDo(t, e.srv, "PUT", "/api/v1/workers/"+ws.Items[0].ID, admin, map[string]any{"version": 1, "name": "马丽", "kind": "housekeeper",
		"sex": "F", "languages": []string{"zh", "kk"}, "capacity": 20, "place_code": "652323", "items": []string{"house.cleaning", "house.laundry"},
		"coverage": []string{"652323"}, "rating": 400, "active": true}, http.StatusOK, &wk)
	if wk.Capacity != 20 || len(wk.Items) != 2 {
		t.Errorf("updated worker %+v", wk)
	}
	res, body = do(t, e.srv, "PUT", "/api/v1/providers/"+org.ID, admin, map[string]any{"version": 7, "name": "x", "kind": "company", "place_code": "652323"})
	mustProblem(t, res, body, http.StatusConflict)
	res, body = do(t, e.srv, "GET", "/api/v1/workers?kind=robot&place=1", admin, nil)
	p = mustProblem(t, res, body, http.StatusUnprocessableEntity)
	if len(p.Errors) != 2 {
		t.Errorf("bad filters: %v", fieldKeys(p))
	}
	mustDo(t, e.srv, "GET", "/api/v1/providers", e.tokens["assessor"], nil, http.StatusForbidden, nil)
}
