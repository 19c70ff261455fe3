package web

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"jiuzhu/internal/catalog"
	"jiuzhu/internal/store"
)

// newItemPost is a valid new-item form; tests change what they test.
func newItemPost() url.Values {
	return url.Values{"project": {"care"}, "code": {"care.haircut"}, "kind": {"special"}, "name": {"上门理发"},
		"name_ug": {"ئۆيدە چاچ ياساش"}, "name_kk": {"ۇيدە شاش الۋ"}, "name_en": {"Haircut at home"},
		"content": {"上门理发、修面。"}, "standard": {"每次约 40 分钟，工具一人一消毒。"}, "unit": {"visit"}, "price": {"35.5"},
		"minutes": {"40"}, "times": {"1"}, "every_weeks": {"4"}, "person_groups": {"elderly_alone", "severe_disability"},
		"tiers": {"2", "1"}, "worker_kinds": {"housekeeper", "volunteer"}, "funding": {"county"}, "cert": {"health_cert"}, "food": {"1"}}
}

func TestNewCatalogItemPagesEveryLanguage(t *testing.T) {
	e := newUIEnv(t)
	bad := newItemPost()
	bad.Set("price", "35.555")
	pages := []uiPage{
		{"admin", "GET", "/catalog/new", nil, 200},
		{"admin", "POST", "/catalog/new", bad, 422},
		{"admin", "POST", "/catalog/new", func() url.Values { v := newItemPost(); v.Set("code", "care.personal"); return v }(), 409},
		{"county", "GET", "/catalog/new", nil, 403},
		{"county", "POST", "/catalog/new", newItemPost(), 403},
	}
	uiCheckPages(t, e, pages, resourceKey, "nav.catalog", "zh-Hans")
}

func TestNewCatalogItemLinkOnlyForManagers(t *testing.T) {
	e := newUIEnv(t)
	uiHas(t, mustPage(t, e.client(t, "admin"), e.ts.URL+"/catalog", 200), `href="/catalog/new"`)
	uiLacks(t, mustPage(t, e.client(t, "county"), e.ts.URL+"/catalog", 200), `href="/catalog/new"`)
}

func TestCreateCatalogItemInConsole(t *testing.T) {
	e := newUIEnv(t)
	c := e.client(t, "admin")
	res, body := uiPost(t, c, e.ts.URL+"/catalog/new", newItemPost())
	if res.StatusCode != 303 || res.Header.Get("Location") != "/catalog/care.haircut?added=1" {
		t.Fatalf("create: Status=%v Location=%q; body: %.2000s", res.StatusCode, res.Header.Get("Location"), body)
	}
	page := mustPage(t, c, e.ts.URL+res.Header.Get("Location"), 200)
	uiHas(t, page, `class="flash"`, "服务事项已新增", "上门理发", "35.50", "v1", "Haircut at home")
	it, err := e.db.Item(store.System(context.Background()), "care.haircut")
	if err != nil {
		t.Fatal(err)
	}
	if it.Version != 1 || it.PriceFen != 3550 || it.CreatedBy != "admin" || !it.Active {
		t.Errorf("item v%d %d fen by %s active=%v, want v1 3550 fen by admin, active", it.Version, it.PriceFen, it.CreatedBy, it.Active)
	}
	if it.Project != catalog.Care || it.Kind != catalog.Special || it.Funding != "county" || it.Cert != "health_cert" || !it.Food ||
		it.Minutes != 40 || it.Times != 1 || it.EveryWeeks != 4 || !slices.Equal(it.Tiers, []int{1, 2}) ||
		len(it.PersonGroups) != 2 || len(it.WorkerKinds) != 2 || it.Names["kk-Arab"] != "ۇيدە شاش الۋ" {
		t.Errorf("item = %+v, not as posted", it)
	}
	// The flash shows once: the item page again has none.
	uiLacks(t, mustPage(t, c, e.ts.URL+"/catalog/care.haircut", 200), "服务事项已新增")
}

func TestCreateCatalogItemKeepsValuesOnErrors(t *testing.T) {
	e := newUIEnv(t)
	c := e.client(t, "admin")
	f := newItemPost()
	f.Set("code", "Bad Code")
	f.Set("project", "")
	f.Set("price", "12.345")
	f.Set("times", "x")
	f.Set("name", "")
	f.Set("funding", "")
	f.Del("worker_kinds")
	res, body := uiPost(t, c, e.ts.URL+"/catalog/new", f)
	if res.StatusCode != 422 {
		t.Fatalf("Status=%v, want 422; body: %.2000s", res.StatusCode, body)
	}
	// Each field's own message.
	uiHas(t, body, "代码应为 3 至 40 个小写字母", "请选择服务项目", "金额最多保留两位小数", "次数应为 1 至 21",
		"请选择资金来源", "请至少选择一种服务人员类型")
	// Every value as typed, including checkboxes and selects.
	uiHas(t, body, `value="bad code"`, `value="12.345"`, `value="x"`, "上门理发、修面。", `value="Haircut at home"`,
		`value="elderly_alone" checked`, `value="2" checked`, `value="health_cert" selected`, `value="special" selected`,
		`id="food" name="food" value="1" checked`)
	if n := strings.Count(body, `class="field-error"`); n < 6 {
		t.Errorf("%d field messages, want at least 6", n)
	}
	if _, err := e.db.Item(store.System(context.Background()), "bad code"); err == nil {
		t.Error("an item was made from a bad form")
	}
}

func TestCreateCatalogItemRefusesTakenCode(t *testing.T) {
	e := newUIEnv(t)
	c := e.client(t, "admin")
	f := newItemPost()
	f.Set("code", "care.personal")
	res, body := uiPost(t, c, e.ts.URL+"/catalog/new", f)
	if res.StatusCode != 409 {
		t.Fatalf("Status=%v, want 409; body: %.2000s", res.StatusCode, body)
	}
	uiHas(t, body, "代码 care.personal 已被使用", `href="/catalog/care.personal"`, `value="care.personal"`, `value="35.5"`)
	it, err := e.db.Item(store.System(context.Background()), "care.personal")
	if err != nil || it.Version != 1 || it.PriceFen != 3500 {
		t.Errorf("care.personal = %+v, %v; want version 1 unchanged", it, err)
	}
}

func TestParseYuan(t *testing.T) {
	for _, c := range []struct {
		in  string
		fen int64
		key string
	}{
		{"35", 3500, ""}, {"35.5", 3550, ""}, {"35.50", 3550, ""}, {"0.01", 1, ""}, {"0", 0, ""}, {"10000.00", 1000000, ""},
		{"0.29", 29, ""}, {"1.10", 110, ""}, // where float arithmetic goes wrong
		{"35.555", 0, "err.catalog.price_decimals"}, {"35.", 0, "err.catalog.price_format"}, {".5", 0, "err.catalog.price_format"},
		{"", 0, "err.catalog.price_format"}, {"abc", 0, "err.catalog.price_format"}, {"-5", 0, "err.catalog.price_format"},
		{"3,5", 0, "err.catalog.price_format"}, {"1e3", 0, "err.catalog.price_format"}, {"9999999999999999999", catalog.MaxPriceFen + 1, ""},
	} {
		fen, key := parseYuan(c.in)
		if fen != c.fen || key != c.key {
			t.Errorf("parseYuan(%q) = %d, %q; want %d, %q", c.in, fen, key, c.fen, c.key)
		}
	}
}
