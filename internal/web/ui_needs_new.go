package web

import (
	"net/http"
	"regexp"
	"slices"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/person"
)

// staffChannels are the channels staff file through on the console: a home
// visit, a department's referral, or a resident's application typed in on
// their behalf (代办). Data warnings arrive from the feeds only.
var staffChannels = []need.Channel{need.FieldSurvey, need.Referral, need.SelfApplication}

// itemCode is one service item code until the catalogue exists.
var itemCode = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// needForm holds the filing form's values as typed.
type needForm struct {
	Channel, Category, Items, Urgency, Deadline, Note string
	OnBehalf                                          bool
}

// needFormData is the filing page: the person, their ledger entries (a
// filing of the same category merges into an open one), and the form.
type needFormData struct {
	F                               needForm
	P                               *person.Person
	Village                         string
	Existing                        []needRow
	Channels, Categories, Urgencies []choice
	Error                           string
	Fields                          map[string]string
}

// Err is the message for one field, or "".
func (d *needFormData) Err(field string) string { return d.Fields[field] }

// showNewNeedPage handles GET /needs/new?person={id}.
func (s *Server) showNewNeedPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WriteNeeds); err != nil {
		return err
	}
	f := needForm{Channel: string(need.FieldSurvey), Urgency: string(need.Normal)}
	return s.renderNeedForm(w, r, http.StatusOK, &needFormData{F: f})
}

// fileNeed handles POST /needs/new?person={id}. A need of a category the
// person already has open is merged into that entry, and the flash says so.
func (s *Server) fileNeed(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.WriteNeeds); err != nil {
		return err
	}
	r.ParseForm()
	v := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	d := &needFormData{F: needForm{Channel: v("channel"), Category: v("category"), Items: v("items"), Urgency: v("urgency"),
		Deadline: v("deadline"), Note: v("note"), OnBehalf: v("on_behalf") != ""}}
	filing, fs := d.F.filing(s, r.URL.Query().Get("person"))
	if err := fs.Err(); err != nil {
		return s.renderNeedFormError(w, r, d, err)
	}
	n, merged, err := s.db.FileNeed(r.Context(), filing)
	if err != nil {
		return s.renderNeedFormError(w, r, d, err)
	}
	if merged {
		s.setFlash(w, "flash.need_merged")
	} else {
		s.setFlash(w, "flash.need_filed")
	}
	http.Redirect(w, r, "/needs/"+n.ID, http.StatusSeeOther)
	return nil
}

// filing checks what only the console asks (staff channels, 代办 only with
// a self-application, item codes, a future deadline in Beijing time) and
// builds the filing; need.Filing.Validate checks the rest in the store.
func (f *needForm) filing(s *Server, personID string) (need.Filing, errs.Fields) {
	var fs errs.Fields
	out := need.Filing{PersonID: personID, Channel: need.Channel(f.Channel), Category: need.Category(f.Category),
		Urgency: need.Urgency(f.Urgency), Note: f.Note, OnBehalf: f.OnBehalf}
	if !slices.Contains(staffChannels, out.Channel) {
		fs.Add("channel", "err.need.channel", nil)
	} else if f.OnBehalf && out.Channel != need.SelfApplication {
		fs.Add("on_behalf", "err.need.on_behalf", nil)
	}
	for _, it := range strings.FieldsFunc(f.Items, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
		if !itemCode.MatchString(it) {
			fs.Add("items", "err.need.item_code", map[string]any{"Code": it})
			break
		}
		if !slices.Contains(out.Items, it) {
			out.Items = append(out.Items, it)
		}
	}
	deadline, err := parseChinaClock(f.Deadline)
	switch {
	case err != nil:
		fs.Add("deadline", "err.datetime.format", nil)
	case deadline != nil && !deadline.After(s.now()):
		fs.Add("deadline", "err.need.deadline_past", nil)
	}
	out.Deadline = deadline
	return out, fs
}

// renderNeedForm shows the filing form for the person named in the query;
// a person outside the scope is not found.
func (s *Server) renderNeedForm(w http.ResponseWriter, r *http.Request, status int, d *needFormData) error {
	ctx := r.Context()
	id := r.URL.Query().Get("person")
	if id == "" {
		return errs.New(errs.NotFound, "needs.new.no_person")
	}
	p, err := s.db.Person(ctx, id, "need")
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Title, v.Nav = v.T("needs.new.title", "Name", p.Name), "needs"
	d.P = p
	rower := s.needRower(ctx, v)
	d.Village = rower.place(p.PlaceCode)
	list, _, err := s.db.Needs(ctx, need.Filter{PersonID: &p.ID, Limit: 20})
	if err != nil {
		return err
	}
	if d.Existing, err = rower.rows(ctx, list); err != nil {
		return err
	}
	d.Channels = needChoices(v, "channel", staffChannels)
	d.Categories = needChoices(v, "need.category", need.Categories)
	d.Urgencies = needChoices(v, "need.urgency", []need.Urgency{need.Normal, need.Urgent})
	v.Data = d
	s.render(w, r, status, "need_form", v)
	return nil
}

// renderNeedFormError shows the form again with err's messages by field.
func (s *Server) renderNeedFormError(w http.ResponseWriter, r *http.Request, d *needFormData, err error) error {
	p := s.problemFor(r, err)
	switch p.Code {
	case errs.NotFound, errs.Forbidden, errs.Internal:
		return err
	}
	d.Error, d.Fields = p.Title, problemFields(p)
	return s.renderNeedForm(w, r, p.Status, d)
}
