package web

import (
	"net/http"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/place"
)

// applicationData is one case as its page shows it: the person and need,
// where it stands, every step taken, and a form for each action the reader
// may take now.
type applicationData struct {
	appRow
	Category  string // the need's category, in the page's language
	Places    []string
	StartedAt string // last submission, Beijing time
	EnteredAt string // when the case entered its state
	Notice    string // end of the public notice; "" when none
	Steps     []stepRow
	Actions   []actionForm
	AssessURL string // at the assessment step, the form that scores the person before passing
	Version   int    // the version the forms were read at

	Error    string   // the problem with the last action, if any
	Problems []string // field problems shown with the error, not beside a field
	Conflict bool

	// The form that came back with a problem: its action, reason and the
	// reason's problem.
	posted, reason, reasonErr string
}

// stepRow is one recorded transition.
type stepRow struct {
	At, From, To, Action, Role, Reason string
}

// actionForm is the form of one allowed action.
type actionForm struct {
	Action      string
	Label       string
	NeedsReason bool   // a textarea, required
	Reason      string // as posted, when the form comes back with an error
	Err         string // the reason's problem
	Primary     bool
}

// showApplicationPage handles GET /applications/{id}. The store checks the
// scope: another area's application is not found.
func (s *Server) showApplicationPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderApplicationPage(w, r, http.StatusOK, &applicationData{})
}

// renderApplicationPage reads the case afresh and shows it with d's problem;
// the form that came back keeps its reason and shows its field error. Forms
// keep the version they were posted with, so an
// officer who lost a race reloads before acting again.
func (s *Server) renderApplicationPage(w http.ResponseWriter, r *http.Request, status int, d *applicationData) error {
	ctx := r.Context()
	app, err := s.db.Application(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	n, err := s.db.Need(ctx, app.NeedID)
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Nav = "approval"
	rower := s.appRower(ctx, v)
	d.appRow = rower.row(app)
	d.Category = v.Label("need.category", n.Category)
	v.Title = v.T("approval.show.title", "Name", app.PersonName, "Category", d.Category)
	for _, code := range []string{place.ParentCode(place.ParentCode(app.PlaceCode)), place.ParentCode(app.PlaceCode), app.PlaceCode} {
		if code != "" {
			d.Places = append(d.Places, rower.place(code))
		}
	}
	d.StartedAt, d.EnteredAt = chinaClock(app.Started), chinaClock(app.Entered)
	if !app.NoticeEnds.IsZero() {
		d.Notice = chinaClock(app.NoticeEnds)
	}
	for _, st := range app.History {
		d.Steps = append(d.Steps, stepRow{At: chinaClock(st.At), From: v.T(st.From.Label()), To: v.T(st.To.Label()),
			Action: v.T(st.Action.Label()), Role: v.Label("role", st.Role), Reason: st.Reason})
	}
	if d.Version == 0 {
		d.Version = app.Version
	}
	for _, a := range app.Allowed {
		if a == approval.Pass && app.State == approval.Assessment {
			// The assessor passes this step from the assessment's result
			// page, which requires an assessment on record.
			d.AssessURL = assessURL(app.PersonID, app.ID, "default")
			continue
		}
		f := actionForm{Action: string(a), Label: v.T(a.Label()), NeedsReason: approval.NeedsReason(a),
			Primary: a == approval.Accept || a == approval.Pass || a == approval.CloseNotice}
		if string(a) == d.posted {
			f.Reason, f.Err = d.reason, d.reasonErr
		}
		d.Actions = append(d.Actions, f)
	}
	v.Data = d
	s.render(w, r, status, "approval_show", v)
	return nil
}
