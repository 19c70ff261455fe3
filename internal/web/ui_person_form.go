package web

import (
	"net/http"
	"strconv"
	"strings"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
)

// personForm holds a person form's values as typed, so a form with errors
// comes back exactly as the clerk left it.
type personForm struct {
	Version                          int
	Name, NameArabic, NameLatin      string
	IDNumber, PlaceCode              string
	Ethnicity, Language, Relation    string
	Categories                       map[string]bool
	DisabilityGrade                  string
	HealthNotes, GuardianID, Address string
	Lat, Lon, Phone                  string
	Halal, LanguageRequired          bool
	CaregiverGender, PreferenceNotes string
	ConfirmDuplicates                bool
}

// readPersonForm reads a posted person form. Numbers that do not parse are
// reported by field; everything else is checked by the store.
func readPersonForm(r *http.Request) (personForm, errs.Fields) {
	r.ParseForm()
	v := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	f := personForm{Name: v("name"), NameArabic: v("name_arabic"), NameLatin: v("name_latin"), IDNumber: v("id_number"),
		PlaceCode: v("place_code"), Ethnicity: v("ethnicity"), Language: v("language"), Relation: v("relation"),
		Categories: map[string]bool{}, DisabilityGrade: v("disability_grade"), HealthNotes: v("health_notes"),
		GuardianID: v("guardian_id"), Address: v("address"), Lat: v("lat"), Lon: v("lon"), Phone: v("phone"),
		Halal: v("halal") != "", LanguageRequired: v("language_required") != "", CaregiverGender: v("caregiver_gender"),
		PreferenceNotes: v("preference_notes"), ConfirmDuplicates: v("confirm_duplicates") != ""}
	for _, c := range r.PostForm["categories"] {
		f.Categories[c] = true
	}
	var fs errs.Fields
	f.Version, _ = strconv.Atoi(v("version"))
	if _, err := f.grade(); err != nil {
		fs.Add("disability_grade", "err.disability.range", nil)
	}
	for _, c := range []struct{ name, val string }{{"lat", f.Lat}, {"lon", f.Lon}} {
		if _, err := parseCoord(c.val); err != nil {
			fs.Add(c.name, "form.err.number", nil)
		}
	}
	return f, fs
}

func (f *personForm) grade() (int, error) {
	if f.DisabilityGrade == "" {
		return 0, nil
	}
	return strconv.Atoi(f.DisabilityGrade)
}

func parseCoord(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseFloat(s, 64)
}

// person builds the person the form describes; call it only after
// readPersonForm reported no errors.
func (f *personForm) person() person.Person {
	p := person.Person{Name: f.Name, NameArabic: f.NameArabic, NameLatin: f.NameLatin, IDNumber: f.IDNumber,
		PlaceCode: f.PlaceCode, Ethnicity: f.Ethnicity, Language: f.Language, Relation: f.Relation,
		HealthNotes: f.HealthNotes, GuardianID: f.GuardianID, Address: f.Address, Phone: f.Phone,
		Preferences: person.Preferences{Halal: f.Halal, LanguageNeeded: f.LanguageRequired,
			CaregiverGender: person.Sex(f.CaregiverGender), Notes: f.PreferenceNotes}}
	p.DisabilityGrade, _ = f.grade()
	p.Lat, _ = parseCoord(f.Lat)
	p.Lon, _ = parseCoord(f.Lon)
	p.Categories = []person.Category{}
	for _, c := range person.Categories {
		if f.Categories[string(c)] {
			p.Categories = append(p.Categories, c)
		}
	}
	for c := range f.Categories { // unknown values reach validation, not the bin
		if !person.Category(c).Valid() {
			p.Categories = append(p.Categories, person.Category(c))
		}
	}
	return p
}

// update turns the form into a full update of every field a clerk edits.
func (f *personForm) update() person.Update {
	p := f.person()
	return person.Update{Version: f.Version, PlaceCode: &p.PlaceCode, Name: &p.Name, NameArabic: &p.NameArabic,
		NameLatin: &p.NameLatin, Ethnicity: &p.Ethnicity, Language: &p.Language, Categories: &p.Categories,
		DisabilityGrade: &p.DisabilityGrade, HealthNotes: &p.HealthNotes, GuardianID: &p.GuardianID,
		Address: &p.Address, Lat: &p.Lat, Lon: &p.Lon, Phone: &p.Phone, Preferences: &p.Preferences, Relation: &p.Relation}
}

// formFromPerson fills the form with a stored file.
func formFromPerson(p *person.Person) personForm {
	f := personForm{Version: p.Version, Name: p.Name, NameArabic: p.NameArabic, NameLatin: p.NameLatin,
		PlaceCode: p.PlaceCode, Ethnicity: p.Ethnicity, Language: p.Language, Relation: p.Relation,
		Categories: map[string]bool{}, DisabilityGrade: strconv.Itoa(p.DisabilityGrade), HealthNotes: p.HealthNotes,
		GuardianID: p.GuardianID, Address: p.Address, Phone: p.Phone, Halal: p.Preferences.Halal,
		LanguageRequired: p.Preferences.LanguageNeeded, CaregiverGender: string(p.Preferences.CaregiverGender),
		PreferenceNotes: p.Preferences.Notes}
	if p.Lat != 0 || p.Lon != 0 {
		f.Lat, f.Lon = strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64)
	}
	for _, c := range p.Categories {
		f.Categories[string(c)] = true
	}
	return f
}
