package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jiuzhu/internal/i18n"
	"jiuzhu/internal/person"
	"jiuzhu/internal/pii"
)

func TestUIPersonShow(t *testing.T) {
	e := newUIEnv(t)
	zh := i18n.For("zh-Hans")
	p := e.uiFindPerson(t, "652301", func(p *person.Person) bool {
		return p.HouseholdID != "" && p.DisabilityGrade > 0 && len(p.Categories) > 0 // a grade comes with health notes
	})

	t.Run("CountyReviewerSeesFullID", func(t *testing.T) {
		body := mustPage(t, e.client(t, "county"), e.ts.URL+"/persons/"+p.ID, http.StatusOK)
		uiHas(t, body, "<h1><bdi>"+p.Name+"</bdi></h1>", p.IDNumber, p.BirthDate, zh.T("sex."+string(p.Sex), nil),
			zh.T("ethnicity."+p.Ethnicity, nil), zh.T("category."+string(p.Categories[0]), nil), p.HealthNotes,
			zh.T("person.logged", nil), zh.T("person.field.where_today", nil), `id="household"`, zh.T("person.self", nil))
		uiLacks(t, body, zh.T("person.id_masked", nil))
	})

	t.Run("TownshipOfficerSeesMaskedID", func(t *testing.T) {
		u := uiUser(t, e, "township")
		q := e.uiFindPerson(t, u.PlaceCode, nil)
		body := mustPage(t, e.client(t, "township"), e.ts.URL+"/persons/"+q.ID, http.StatusOK)
		uiHas(t, body, pii.MaskID(q.IDNumber), zh.T("person.id_masked", nil))
		uiLacks(t, body, q.IDNumber)
	})

	t.Run("Herder", func(t *testing.T) {
		ls := e.uiFindPerson(t, "6523", func(p *person.Person) bool { return p.Preferences.Halal && p.Ethnicity == "kazakh" })
		body := mustPage(t, e.client(t, "admin"), e.ts.URL+"/persons/"+ls.ID, http.StatusOK)
		uiHas(t, body, zh.T("person.field.halal", nil), zh.T("common.yes", nil))
	})

	t.Run("Unknown", func(t *testing.T) {
		c := e.client(t, "county")
		for _, path := range []string{"/persons/not-a-uuid", "/persons/0190a0b0-0000-7000-8000-000000000000", "/no/such/page"} {
			body := mustPage(t, c, e.ts.URL+path, http.StatusNotFound)
			uiHas(t, body, zh.T("err.not_found", nil), zh.T("error.home", nil))
		}
	})
}

// uiIDNumber returns a valid resident ID number for a region, birth date
// (YYYYMMDD) and 3-digit sequence.
func uiIDNumber(region, birth, seq string) string {
	s := region + birth + seq
	return s + string(person.CheckDigit(s))
}

var personLocation = regexp.MustCompile(`^/persons/([0-9a-f-]{36})$`)

func TestUIPersonForm(t *testing.T) {
	e := newUIEnv(t)
	zh := i18n.For("zh-Hans")
	c := e.client(t, "village")
	village := uiUser(t, e, "village").PlaceCode
	good := uiIDNumber(village[:6], "19480312", "021")
	form := func(name, id string) url.Values {
		return url.Values{"name": {name}, "name_latin": {"Ayxan Tursun"}, "id_number": {id}, "place_code": {village},
			"ethnicity": {"uyghur"}, "language": {"ug"}, "categories": {"elderly_alone", "low_income"},
			"disability_grade": {"0"}, "halal": {"1"}, "caregiver_gender": {"F"}, "phone": {"13912345678"}}
	}

	t.Run("NewPage", func(t *testing.T) {
		body := mustPage(t, c, e.ts.URL+"/persons/new", http.StatusOK)
		uiHas(t, body, `<option value="`+village+`" selected>`, `name="id_number"`, zh.T("form.new_title", nil))
	})

	t.Run("BadIDNumber", func(t *testing.T) {
		bad := good[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", good[17])+1)%11])
		res, body := uiPost(t, c, e.ts.URL+"/persons/new", form("阿依汗·吐尔逊", bad))
		if got, want := res.StatusCode, http.StatusUnprocessableEntity; got != want {
			t.Fatalf("Status=%v, want %v; body: %.2000s", got, want, body)
		}
		uiHas(t, body, zh.T("err.invalid", nil), "校验位应为", `value="阿依汗·吐尔逊"`, `value="`+bad+`"`,
			`id="id_number-error"`, `value="elderly_alone" checked`, `name="halal" value="1" checked`)
	})

	t.Run("BadNumbers", func(t *testing.T) {
		f := form("阿依汗·吐尔逊", good)
		f.Set("lat", "north")
		f.Set("phone", "123")
		res, body := uiPost(t, c, e.ts.URL+"/persons/new", f)
		if got, want := res.StatusCode, http.StatusUnprocessableEntity; got != want {
			t.Fatalf("Status=%v, want %v", got, want)
		}
		uiHas(t, body, zh.T("form.err.number", nil), `value="north"`)
	})

	var created string
	t.Run("Create", func(t *testing.T) {
		res, body := uiPost(t, c, e.ts.URL+"/persons/new", form("阿依汗·吐尔逊", good))
		m := personLocation.FindStringSubmatch(res.Header.Get("Location"))
		if res.StatusCode != http.StatusSeeOther || m == nil {
			t.Fatalf("Status=%v Location=%q, want 303 to the new file; body: %.2000s", res.StatusCode, res.Header.Get("Location"), body)
		}
		created = m[1]
		body = mustPage(t, c, e.ts.URL+m[0], http.StatusOK)
		uiHas(t, body, zh.T("flash.person_created", nil), "阿依汗·吐尔逊", "1948-03-12", zh.T("category.low_income", nil))
		body = mustPage(t, c, e.ts.URL+m[0], http.StatusOK)
		uiLacks(t, body, zh.T("flash.person_created", nil)) // a flash shows once
	})

	t.Run("Duplicate", func(t *testing.T) {
		if created == "" {
			t.Skip("Create failed")
		}
		// Same name in another spelling, same birth date and village, another number.
		f := form("阿依罕·吐尔逊", uiIDNumber(village[:6], "19480312", "043"))
		res, body := uiPost(t, c, e.ts.URL+"/persons/new", f)
		if got, want := res.StatusCode, http.StatusConflict; got != want {
			t.Fatalf("Status=%v, want %v; body: %.2000s", got, want, body)
		}
		uiHas(t, body, zh.T("err.person.duplicate_suspect", map[string]any{"Count": 1}), `href="/persons/`+created+`"`,
			`name="confirm_duplicates"`, `value="阿依罕·吐尔逊"`)
		f.Set("confirm_duplicates", "1")
		res, body = uiPost(t, c, e.ts.URL+"/persons/new", f)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create anyway: Status=%v; body: %.2000s", res.StatusCode, body)
		}
	})

	t.Run("Edit", func(t *testing.T) {
		if created == "" {
			t.Skip("Create failed")
		}
		u := e.ts.URL + "/persons/" + created + "/edit"
		body := mustPage(t, c, u, http.StatusOK)
		uiHas(t, body, `name="version" value="1"`, `value="阿依汗·吐尔逊"`, zh.T("form.edit_title", map[string]any{"Name": "阿依汗·吐尔逊"}))
		uiLacks(t, body, `name="id_number"`)
		f := form("阿依汗·吐尔逊", "")
		f.Del("id_number")
		f.Set("address", "幸福路 8 号")
		f.Set("version", "1")
		res, body := uiPost(t, c, u, f)
		if got, want := res.Header.Get("Location"), "/persons/"+created; res.StatusCode != http.StatusSeeOther || got != want {
			t.Fatalf("save: Status=%v Location=%q; body: %.2000s", res.StatusCode, got, body)
		}
		body = mustPage(t, c, e.ts.URL+"/persons/"+created, http.StatusOK)
		uiHas(t, body, zh.T("flash.person_saved", nil), "幸福路 8 号")

		// The same form again carries the stale version 1.
		f.Set("address", "团结路 2 号")
		res, body = uiPost(t, c, u, f)
		if got, want := res.StatusCode, http.StatusConflict; got != want {
			t.Fatalf("stale save: Status=%v, want %v", got, want)
		}
		uiHas(t, body, zh.T("err.version_conflict", nil), zh.T("form.conflict.reload", nil), `value="团结路 2 号"`)
		body = mustPage(t, c, e.ts.URL+"/persons/"+created, http.StatusOK)
		uiLacks(t, body, "团结路 2 号")
	})
}
