package store_test

import (
	"context"
	"testing"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/provider"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// providerEnv is the fixture plus two organisations — one registered in
// Changji City, one in Mori with a worker covering a Changji village — and
// a provider admin of the Changji one.
type providerEnv struct {
	*env
	changji, mori *provider.Org
	carer, herder *provider.Worker
}

func newProviderEnv(t *testing.T, d store.Dialect) *providerEnv {
	t.Helper()
	e := &providerEnv{env: newEnv(t, d)}
	admin := e.as("admin")
	var err error
	if e.changji, err = e.db.CreateProvider(admin, provider.Org{Name: "昌吉市康宁居家养老服务中心", Kind: provider.SocialOrg, PlaceCode: "652301",
		Phone: "0994-2345678", Stars: 4, Active: true}); err != nil {
		t.Fatal(err)
	}
	if e.mori, err = e.db.CreateProvider(admin, provider.Org{Name: "木垒县阿吾勒清真助餐服务社", Kind: provider.Company, PlaceCode: "652328",
		Halal: true, Active: true}); err != nil {
		t.Fatal(err)
	}
	if e.carer, err = e.db.CreateWorker(admin, provider.Worker{ProviderID: e.changji.ID, Name: "王秀英", Kind: provider.Housekeeper, Sex: "F",
		Languages: []string{"zh"}, Capacity: 20, PlaceCode: "652301001", Rating: 450, Active: true,
		Items: []string{"care.personal", "house.cleaning"}, Coverage: []string{"652301001"}}); err != nil {
		t.Fatal(err)
	}
	if e.herder, err = e.db.CreateWorker(admin, provider.Worker{ProviderID: e.mori.ID, Name: "古丽娜尔·叶森", Kind: provider.Volunteer, Sex: "F",
		Languages: []string{"kk", "zh"}, Capacity: 12, PlaceCode: villageM, Lat: 43.6, Lon: 90.4, Rating: 380, Active: true,
		Items: []string{"care.meal", "care.comfort"}, Coverage: []string{"652328101", villageB}}); err != nil {
		t.Fatal(err)
	}
	u := &auth.User{Username: "pa", Role: auth.ProviderAdmin, PlaceCode: "652301"}
	got, err := e.db.PutUser(store.System(context.Background()), u, "correct-horse-1", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.LinkUser(admin, got.ID, e.changji.ID, ""); err != nil {
		t.Fatal(err)
	}
	// Signing in reads the link back.
	_, linked, err := e.db.Login(context.Background(), "pa", "correct-horse-1", store.WebSession)
	if err != nil {
		t.Fatal(err)
	}
	if linked.ProviderID != e.changji.ID {
		t.Fatalf("linked user's provider = %q, want %q", linked.ProviderID, e.changji.ID)
	}
	e.users["pa"] = linked
	return e
}

func providerNames(t *testing.T, e *providerEnv, ctx context.Context, f provider.OrgFilter) []string {
	t.Helper()
	list, total, err := e.db.ListProviders(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(list) {
		t.Errorf("total=%d, len=%d", total, len(list))
	}
	var out []string
	for _, o := range list {
		out = append(out, o.Name)
	}
	return out
}

func TestProviderScope(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newProviderEnv(t, d)
		both := []string{e.changji.Name, e.mori.Name}
		for _, c := range []struct {
			user string
			want []string
		}{
			{"admin", both},
			// Mori's organisation has a worker covering a Changji village.
			{"cr_changji", both},
			{"cr_mori", []string{e.mori.Name}},
			// A township officer of 宁边路街道 sees the Changji organisation
			// (registered at the county above, with a worker there), not
			// Mori's, whose worker covers another township.
			{"to_1", []string{e.changji.Name}},
			{"pa", []string{e.changji.Name}},
		} {
			got := providerNames(t, e, e.as(c.user), provider.OrgFilter{})
			if len(got) != len(c.want) {
				t.Errorf("%s sees %v, want %v", c.user, got, c.want)
			}
		}
		if _, err := e.db.Provider(e.as("pa"), e.mori.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("provider admin reads another organisation: %v, want not found", err)
		}
		if _, err := e.db.Provider(e.as("cr_mori"), e.changji.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("Mori reviewer reads a Changji organisation: %v, want not found", err)
		}
		if _, err := e.db.Worker(e.as("pa"), e.herder.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("provider admin reads another organisation's worker: %v, want not found", err)
		}
		if _, _, err := e.db.ListProviders(e.as("assessor"), provider.OrgFilter{}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("assessor lists providers: %v, want forbidden", err)
		}
	})
}

func TestProviderAdminEditsOnlyOwn(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newProviderEnv(t, d)
		pa := e.as("pa")
		own := *e.changji
		own.Phone, own.Stars = "13899912345", 5
		got, err := e.db.UpdateProvider(pa, own)
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != "13899912345" || got.Stars != 4 || got.Version != 2 {
			t.Errorf("updated: phone %s, stars %d, v%d; want the phone, stars kept at 4, v2", got.Phone, got.Stars, got.Version)
		}
		if _, err := e.db.UpdateProvider(pa, own); !errs.Is(err, errs.Conflict) {
			t.Errorf("stale update: %v, want conflict", err)
		}
		other := *e.mori
		other.Name = "taken over"
		if _, err := e.db.UpdateProvider(pa, other); !errs.Is(err, errs.NotFound) {
			t.Errorf("update of another organisation: %v, want not found", err)
		}
		if _, err := e.db.CreateProvider(pa, provider.Org{Name: "new", Kind: provider.Company, PlaceCode: "652301", Active: true}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("provider admin creates an organisation: %v, want forbidden", err)
		}
		w := provider.Worker{ProviderID: e.mori.ID, Name: "李娟", Kind: provider.Housekeeper, Sex: "F", Languages: []string{"zh"}, Capacity: 10,
			PlaceCode: "652301001", Active: true, Items: []string{"house.cleaning"}, Coverage: []string{"652301001"}}
		_, err = e.db.CreateWorker(pa, w)
		wantFieldKeys(t, err, map[string]string{"provider_id": "err.provider.unknown"})
		w.ProviderID = e.changji.ID
		w.Coverage = []string{"652328101"}
		_, err = e.db.CreateWorker(pa, w)
		wantFieldKeys(t, err, map[string]string{"coverage": "err.place.out_of_scope"})
		w.Coverage, w.PlaceCode = []string{"652301001"}, villageA
		added, err := e.db.CreateWorker(pa, w)
		if err != nil {
			t.Fatal(err)
		}
		if added.Lat == 0 && added.Lon == 0 {
			t.Errorf("base location stayed 0, 0; want the base place's centre")
		}
		if err := e.db.LinkUser(pa, e.users["pa"].ID, e.mori.ID, ""); !errs.Is(err, errs.Forbidden) {
			t.Errorf("provider admin links a user: %v, want forbidden", err)
		}
	})
}

func TestWorkerValidation(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newProviderEnv(t, d)
		admin := e.as("admin")
		for _, c := range []struct {
			name   string
			change func(w *provider.Worker)
			want   map[string]string
		}{
			{"UnknownItem", func(w *provider.Worker) { w.Items = []string{"care.massage"} }, map[string]string{"items": "err.provider.item_unknown"}},
			{"ItemNotForKind", func(w *provider.Worker) { w.Items = []string{"care.rehab"} }, map[string]string{"items": "err.provider.item_kind"}},
			{"UnknownPlace", func(w *provider.Worker) { w.Coverage = []string{"652301099"} }, map[string]string{"coverage": "err.place.unknown"}},
			{"Fields", func(w *provider.Worker) { w.Sex, w.Capacity, w.Languages, w.Rating = "X", 0, []string{"fr"}, 600 },
				map[string]string{"sex": "err.provider.sex", "capacity": "err.range", "languages": "err.language.unknown", "rating": "err.range"}},
			{"Certs", func(w *provider.Worker) {
				w.Certs = []provider.Cert{{Cert: "driving", Expires: "2027-01-01"}}
			}, map[string]string{"certs": "err.provider.cert_kind"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				w := *e.carer
				w.ID = ""
				c.change(&w)
				_, err := e.db.CreateWorker(admin, w)
				wantFieldKeys(t, err, c.want)
			})
		}
		t.Run("Update", func(t *testing.T) {
			w := *e.carer
			w.Capacity, w.Certs = 25, []provider.Cert{{Cert: provider.HealthCert, Number: "JK-1", Expires: "2026-12-31"}}
			got, err := e.db.UpdateWorker(admin, w)
			if err != nil {
				t.Fatal(err)
			}
			if got.Capacity != 25 || got.Version != 2 || len(got.Certs) != 1 || got.Load != 0 {
				t.Errorf("updated: capacity %d, v%d, certs %v, load %d", got.Capacity, got.Version, got.Certs, got.Load)
			}
			if _, err := e.db.UpdateWorker(admin, w); !errs.Is(err, errs.Conflict) {
				t.Errorf("stale update: %v, want conflict", err)
			}
		})
	})
}

func TestListWorkersFilters(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newProviderEnv(t, d)
		str := func(s string) *string { return &s }
		kind := provider.Volunteer
		for _, c := range []struct {
			name string
			user string
			f    provider.WorkerFilter
			want int
		}{
			{"All", "admin", provider.WorkerFilter{}, 2},
			{"Item", "admin", provider.WorkerFilter{Item: str("care.meal")}, 1},
			{"Language", "admin", provider.WorkerFilter{Language: str("kk")}, 1},
			{"Kind", "admin", provider.WorkerFilter{Kind: &kind}, 1},
			{"PlaceVillageB", "admin", provider.WorkerFilter{Place: str(villageB)}, 1},
			{"PlaceCounty", "admin", provider.WorkerFilter{Place: str("652301")}, 2},
			{"Provider", "admin", provider.WorkerFilter{Provider: str(e.changji.ID)}, 1},
			{"ProviderAdmin", "pa", provider.WorkerFilter{}, 1},
			{"MoriReviewer", "cr_mori", provider.WorkerFilter{}, 1},
		} {
			t.Run(c.name, func(t *testing.T) {
				list, total, err := e.db.ListWorkers(e.as(c.user), c.f)
				if err != nil {
					t.Fatal(err)
				}
				if total != c.want || len(list) != c.want {
					t.Errorf("%d of %d workers, want %d", len(list), total, c.want)
				}
			})
		}
		w, err := e.db.Worker(e.as("cr_changji"), e.herder.ID)
		if err != nil {
			t.Fatal(err)
		}
		if w.ProviderName != e.mori.Name || len(w.Items) != 2 || len(w.Coverage) != 2 || w.Languages[0] != "kk" {
			t.Errorf("Worker = %+v", w)
		}
	})
}
