package provider_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/provider"
)

// fieldKeys returns each invalid field's message keys, or nil if err is nil;
// it fails on any other error.
func fieldKeys(t *testing.T, err error) map[string][]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want an invalid-fields error", err)
	}
	out := map[string][]string{}
	for _, f := range e.Fields {
		out[f.Name] = append(out[f.Name], f.Key)
	}
	return out
}

// wantKeys checks that err reports exactly the fields of want, each with
// that key among its messages; an empty want means no error.
func wantKeys(t *testing.T, err error, want map[string]string) {
	t.Helper()
	got := fieldKeys(t, err)
	if len(got) != len(want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	for f, k := range want {
		if !slices.Contains(got[f], k) {
			t.Errorf("field %s: keys %v, want %q (all: %v)", f, got[f], k, got)
		}
	}
}

func goodOrg() provider.Org {
	return provider.Org{Name: "昌吉市康宁居家养老服务中心", Kind: provider.SocialOrg, PlaceCode: "652301",
		CreditCode: "91652301MA7788QX1B", Contact: "王芳", Phone: "0994-2345678", Stars: 4}
}

func TestOrgValidate(t *testing.T) {
	long := strings.Repeat("名", 81)
	for _, c := range []struct {
		name string
		edit func(*provider.Org)
		want map[string]string
	}{
		{"valid", func(*provider.Org) {}, nil},
		{"blank name", func(o *provider.Org) { o.Name = "   " }, map[string]string{"name": "err.required"}},
		{"long name", func(o *provider.Org) { o.Name = long }, map[string]string{"name": "err.text.too_long"}},
		{"bad kind", func(o *provider.Org) { o.Kind = "club" }, map[string]string{"kind": "err.provider.kind"}},
		{"no place", func(o *provider.Org) { o.PlaceCode = "" }, map[string]string{"place_code": "err.required"}},
		{"bad place", func(o *provider.Org) { o.PlaceCode = "6523ab" }, map[string]string{"place_code": "err.place.unknown"}},
		{"short credit code", func(o *provider.Org) { o.CreditCode = "9165230" }, map[string]string{"credit_code": "err.provider.credit_code"}},
		{"credit code with O", func(o *provider.Org) { o.CreditCode = "91652301MA7788QO1B" }, map[string]string{"credit_code": "err.provider.credit_code"}},
		{"no credit code", func(o *provider.Org) { o.CreditCode = "" }, nil},
		{"long contact", func(o *provider.Org) { o.Contact = long }, map[string]string{"contact": "err.text.too_long"}},
		{"mobile", func(o *provider.Org) { o.Phone = "13899912345" }, nil},
		{"short phone", func(o *provider.Org) { o.Phone = "12" }, map[string]string{"phone": "err.provider.phone"}},
		{"two hyphens", func(o *provider.Org) { o.Phone = "0994-234-5678" }, map[string]string{"phone": "err.provider.phone"}},
		{"letters in phone", func(o *provider.Org) { o.Phone = "0994-23456ab" }, map[string]string{"phone": "err.provider.phone"}},
		{"13 digits", func(o *provider.Org) { o.Phone = "1389991234567" }, map[string]string{"phone": "err.provider.phone"}},
		{"stars 0", func(o *provider.Org) { o.Stars = 0 }, nil},
		{"stars 5", func(o *provider.Org) { o.Stars = provider.MaxStars }, nil},
		{"stars -1", func(o *provider.Org) { o.Stars = -1 }, map[string]string{"stars": "err.range"}},
		{"stars 6", func(o *provider.Org) { o.Stars = 6 }, map[string]string{"stars": "err.range"}},
		{"everything wrong", func(o *provider.Org) { *o = provider.Org{Kind: "x", CreditCode: "1", Phone: "x", Stars: 9} },
			map[string]string{"name": "err.required", "kind": "err.provider.kind", "place_code": "err.required",
				"credit_code": "err.provider.credit_code", "phone": "err.provider.phone", "stars": "err.range"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := goodOrg()
			c.edit(&o)
			wantKeys(t, o.Validate(), c.want)
		})
	}
}

func TestOrgValidateNormalises(t *testing.T) {
	o := goodOrg()
	o.Name, o.CreditCode, o.Contact, o.Phone = "  康宁中心 ", " 91652301ma7788qx1b ", " 王芳 ", " 13899912345 "
	if err := o.Validate(); err != nil {
		t.Fatalf("Validate = %v", err)
	}
	if o.Name != "康宁中心" || o.CreditCode != "91652301MA7788QX1B" || o.Contact != "王芳" || o.Phone != "13899912345" {
		t.Errorf("normalised to %q %q %q %q", o.Name, o.CreditCode, o.Contact, o.Phone)
	}
}

func goodWorker() provider.Worker {
	return provider.Worker{ProviderID: "p1", Name: "阿依古丽·艾力", Kind: provider.Housekeeper, Sex: "F",
		Languages: []string{"zh", "ug"}, Capacity: 16, PlaceCode: "652301001", Lat: 44.01, Lon: 87.3, Rating: 420,
		Items: []string{"house.cleaning"}, Coverage: []string{"652301"},
		Certs: []provider.Cert{{Cert: provider.HealthCert, Number: "JK-1", Expires: "2026-12-10"}}}
}

func TestWorkerValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*provider.Worker)
		want map[string]string
	}{
		{"valid", func(*provider.Worker) {}, nil},
		{"blank name", func(w *provider.Worker) { w.Name = " " }, map[string]string{"name": "err.required"}},
		{"no provider", func(w *provider.Worker) { w.ProviderID = "" }, map[string]string{"provider_id": "err.required"}},
		{"bad kind", func(w *provider.Worker) { w.Kind = "doctor" }, map[string]string{"kind": "err.provider.worker_kind"}},
		{"bad sex", func(w *provider.Worker) { w.Sex = "X" }, map[string]string{"sex": "err.provider.sex"}},
		{"no languages", func(w *provider.Worker) { w.Languages = []string{" ", ""} }, map[string]string{"languages": "err.provider.languages"}},
		{"unknown language", func(w *provider.Worker) { w.Languages = []string{"zh", "fr"} }, map[string]string{"languages": "err.language.unknown"}},
		{"capacity 0", func(w *provider.Worker) { w.Capacity = 0 }, map[string]string{"capacity": "err.range"}},
		{"capacity 1", func(w *provider.Worker) { w.Capacity = 1 }, nil},
		{"capacity max", func(w *provider.Worker) { w.Capacity = provider.MaxCapacity }, nil},
		{"capacity over", func(w *provider.Worker) { w.Capacity = provider.MaxCapacity + 1 }, map[string]string{"capacity": "err.range"}},
		{"no place", func(w *provider.Worker) { w.PlaceCode = "" }, map[string]string{"place_code": "err.required"}},
		{"bad place", func(w *provider.Worker) { w.PlaceCode = "65230" }, map[string]string{"place_code": "err.place.unknown"}},
		{"lat out", func(w *provider.Worker) { w.Lat = 91 }, map[string]string{"lat": "err.coord.range"}},
		{"lon out", func(w *provider.Worker) { w.Lon = -181 }, map[string]string{"lat": "err.coord.range"}},
		{"rating 0", func(w *provider.Worker) { w.Rating = 0 }, nil},
		{"rating max", func(w *provider.Worker) { w.Rating = provider.MaxRating }, nil},
		{"rating negative", func(w *provider.Worker) { w.Rating = -1 }, map[string]string{"rating": "err.range"}},
		{"rating over", func(w *provider.Worker) { w.Rating = provider.MaxRating + 1 }, map[string]string{"rating": "err.range"}},
		{"bad phone", func(w *provider.Worker) { w.Phone = "abc" }, map[string]string{"phone": "err.provider.phone"}},
		{"no items", func(w *provider.Worker) { w.Items = nil }, map[string]string{"items": "err.provider.items"}},
		{"no coverage", func(w *provider.Worker) { w.Coverage = []string{""} }, map[string]string{"coverage": "err.provider.coverage"}},
		{"prefecture coverage", func(w *provider.Worker) { w.Coverage = []string{"652300"} }, map[string]string{"coverage": "err.provider.coverage_code"}},
		{"village coverage", func(w *provider.Worker) { w.Coverage = []string{"652301001001"} }, nil},
		{"bad cert kind", func(w *provider.Worker) { w.Certs[0].Cert = "driving" }, map[string]string{"certs": "err.provider.cert_kind"}},
		{"cert twice", func(w *provider.Worker) {
			w.Certs = append(w.Certs, provider.Cert{Cert: provider.HealthCert, Expires: "2027-01-01"})
		},
			map[string]string{"certs": "err.provider.cert_twice"}},
		{"cert bad date", func(w *provider.Worker) { w.Certs[0].Expires = "2026-13-01" }, map[string]string{"certs": "err.date.format"}},
		{"cert no date", func(w *provider.Worker) { w.Certs[0].Expires = "" }, map[string]string{"certs": "err.date.format"}},
		{"cert long number", func(w *provider.Worker) { w.Certs[0].Number = strings.Repeat("9", 41) }, map[string]string{"certs": "err.text.too_long"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := goodWorker()
			c.edit(&w)
			wantKeys(t, w.Validate(), c.want)
		})
	}
}

func TestWorkerValidateNormalises(t *testing.T) {
	w := goodWorker()
	w.Name, w.Phone = " 阿依古丽 ", " 13899912345 "
	w.Languages = []string{"ug", " zh", "ug", ""}
	w.Items = []string{"house.laundry", "house.cleaning", "house.laundry"}
	w.Coverage = []string{"652301002", "652301001", "652301002"}
	w.Certs = []provider.Cert{{Cert: provider.SocialWorkerCert, Expires: "2027-01-01"}, {Cert: provider.HealthCert, Expires: "2026-12-10"}}
	if err := w.Validate(); err != nil {
		t.Fatalf("Validate = %v", err)
	}
	if w.Name != "阿依古丽" || w.Phone != "13899912345" {
		t.Errorf("name %q phone %q, want trimmed", w.Name, w.Phone)
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"languages", w.Languages, []string{"ug", "zh"}},
		{"items", w.Items, []string{"house.cleaning", "house.laundry"}},
		{"coverage", w.Coverage, []string{"652301001", "652301002"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if w.Certs[0].Cert != provider.HealthCert || w.Certs[1].Cert != provider.SocialWorkerCert {
		t.Errorf("certs %v, want sorted by kind", w.Certs)
	}
}

func TestKindsValid(t *testing.T) {
	for _, k := range provider.OrgKinds {
		if !k.Valid() {
			t.Errorf("OrgKind %q not valid", k)
		}
	}
	for _, k := range provider.WorkerKinds {
		if !k.Valid() {
			t.Errorf("WorkerKind %q not valid", k)
		}
	}
	for _, k := range provider.CertKinds {
		if !k.Valid() {
			t.Errorf("CertKind %q not valid", k)
		}
	}
	if provider.OrgKind("").Valid() || provider.OrgKind("Company").Valid() || provider.WorkerKind("nurse").Valid() ||
		provider.CertKind("").Valid() || provider.CertKind("Health_cert").Valid() {
		t.Error("an unknown kind is valid")
	}
}

func TestCertValidOn(t *testing.T) {
	c := provider.Cert{Cert: provider.RehabTherapist, Expires: "2026-12-10"}
	for _, tc := range []struct {
		day  string
		want bool
	}{
		{"2026-11-28", true}, {"2026-12-09", true}, {"2026-12-10", true}, // valid through the expiry day
		{"2026-12-11", false}, {"2027-01-01", false}, {"2025-12-31", true},
	} {
		if got := c.ValidOn(tc.day); got != tc.want {
			t.Errorf("ValidOn(%s) with expiry %s = %v, want %v", tc.day, c.Expires, got, tc.want)
		}
	}
}

func TestWorkerCertAndSpeaks(t *testing.T) {
	w := goodWorker()
	w.Certs = append(w.Certs, provider.Cert{Cert: provider.RehabTherapist, Number: "KF-9", Expires: "2025-06-30"})
	for _, c := range []struct {
		kind    provider.CertKind
		ok      bool
		number  string
		validOn bool // on 2026-01-01
	}{
		{provider.HealthCert, true, "JK-1", true},
		{provider.RehabTherapist, true, "KF-9", false},
		{provider.SpecialEducation, false, "", false},
	} {
		got, ok := w.Cert(c.kind)
		if ok != c.ok || got.Number != c.number || (ok && got.Cert != c.kind) || got.ValidOn("2026-01-01") != c.validOn {
			t.Errorf("Cert(%s) = %+v, %v; want number %q, found %v, valid %v", c.kind, got, ok, c.number, c.ok, c.validOn)
		}
	}
	for lang, want := range map[string]bool{"zh": true, "ug": true, "kk": false, "": false, "ZH": false} {
		if got := w.Speaks(lang); got != want {
			t.Errorf("Speaks(%q) = %v, want %v", lang, got, want)
		}
	}
	if (&provider.Worker{}).Speaks("zh") {
		t.Error("a worker with no languages speaks zh")
	}
}
