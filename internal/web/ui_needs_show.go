package web

import (
	"net/http"
	"strconv"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/need"
	"jiuzhu/internal/place"
)

// needData is one ledger entry as the detail page shows it, with the
// assign and close forms for roles that handle needs.
type needData struct {
	needRow
	Places  []string // county, township, village names
	Created string
	Updated string
	History []eventRow

	CanHandle bool // the user handles needs and this one is still open
	Version   int  // the version the forms were read at
	Workers   []choice
	Assign    assignForm
	Close     closeForm
	Closings  []choice

	Form     string // the form the error belongs to: "assign" or "close"
	Error    string
	Conflict bool
	Fields   map[string]string
}

type assignForm struct{ UserID, Deadline string }

type closeForm struct{ Status, Reason string }

// Err is the message for one field, or "".
func (d *needData) Err(field string) string { return d.Fields[field] }

// showNeedPage handles GET /needs/{id}. The store checks the scope: another
// area's need is not found.
func (s *Server) showNeedPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderNeedPage(w, r, http.StatusOK, &needData{})
}

// renderNeedPage reads the need and its history afresh and shows them with
// d's form values and problems. Forms keep the version they were posted
// with (d.Version), so a clerk who lost a race must reload to go on.
func (s *Server) renderNeedPage(w http.ResponseWriter, r *http.Request, status int, d *needData) error {
	ctx := r.Context()
	n, err := s.db.Need(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	hist, err := s.db.NeedHistory(ctx, n.ID)
	if err != nil {
		return err
	}
	v := s.newView(w, r, "")
	v.Nav = "needs"
	v.Title = v.T("needs.show.title", "Category", v.Label("need.category", n.Category), "Name", n.PersonName)
	rower := s.needRower(ctx, v)
	if d.needRow, err = rower.row(ctx, n); err != nil {
		return err
	}
	for _, code := range []string{place.ParentCode(place.ParentCode(n.PlaceCode)), place.ParentCode(n.PlaceCode), n.PlaceCode} {
		if code != "" {
			d.Places = append(d.Places, rower.place(code))
		}
	}
	d.Created, d.Updated = chinaClock(n.CreatedAt), chinaClock(n.UpdatedAt)
	d.History = eventRows(v, hist)
	if d.Worker == "" && n.AssignedTo != "" {
		d.Worker = lastAssignee(hist) // the username, for roles that cannot list staff
	}
	d.CanHandle = auth.ActorFrom(ctx).Can(auth.WriteNeeds) && n.Status.Open()
	if d.Version == 0 {
		d.Version = n.Version
	}
	if d.CanHandle {
		staff, err := rower.workers.staff(ctx, n.PlaceCode)
		if err != nil {
			return err
		}
		for _, u := range staff {
			d.Workers = append(d.Workers, choice{Value: u.ID,
				Label: u.DisplayName + " · " + v.Label("role", u.Role) + " · " + rower.place(u.PlaceCode)})
		}
		if d.Assign.UserID == "" {
			d.Assign.UserID = n.AssignedTo
		}
		d.Closings = needChoices(v, "need.status", []need.Status{need.NoNeed, need.Closed})
	}
	v.Data = d
	s.render(w, r, status, "need_show", v)
	return nil
}

// formVersion reads the version a form was read at; 0 when missing.
func formVersion(r *http.Request) int {
	n, _ := strconv.Atoi(r.PostForm.Get("version"))
	return n
}
