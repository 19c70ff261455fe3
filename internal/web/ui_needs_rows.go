package web

import (
	"context"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/need"
)

// choice is one option of a select, labelled in the page's language.
type choice struct{ Value, Label string }

// needRow is a ledger entry with its labels in the page's language, as the
// list, the detail page and the filing page show it.
type needRow struct {
	*need.Need
	Village       string
	CategoryLabel string
	ChannelLabels []string
	StatusLabel   string
	UrgencyLabel  string
	Urgent        bool
	Deadline      string // China time, "" when none
	Overdue       bool
	Worker        string // the assigned worker's name, "" when unknown to the caller
}

// needChoices labels the values of one of the ledger's enumerations.
func needChoices[T ~string](v *view, prefix string, values []T) []choice {
	out := make([]choice, len(values))
	for i, x := range values {
		out[i] = choice{Value: string(x), Label: v.Label(prefix, x)}
	}
	return out
}

// chinaClock formats t for people in Xinjiang, who read Beijing time.
func chinaClock(t time.Time) string { return t.In(chinaTime).Format("2006-01-02 15:04") }

// needRower labels ledger entries for one request: place and worker names
// are read once each.
type needRower struct {
	v       *view
	now     time.Time
	place   func(code string) string
	workers *workerNames
}

func (s *Server) needRower(ctx context.Context, v *view) *needRower {
	return &needRower{v: v, now: s.now(), place: s.placeNamer(ctx, v.Lang.Tag), workers: s.workerNames(ctx)}
}

func (nr *needRower) row(ctx context.Context, n *need.Need) (needRow, error) {
	v := nr.v
	r := needRow{Need: n, Village: nr.place(n.PlaceCode), CategoryLabel: v.Label("need.category", n.Category),
		StatusLabel: v.Label("need.status", n.Status), UrgencyLabel: v.Label("need.urgency", n.Urgency),
		Urgent: n.Urgency == need.Urgent, Overdue: n.Overdue(nr.now)}
	for _, c := range n.Channels {
		r.ChannelLabels = append(r.ChannelLabels, v.Label("channel", c))
	}
	if n.Deadline != nil {
		r.Deadline = chinaClock(*n.Deadline)
	}
	if n.AssignedTo != "" {
		name, err := nr.workers.name(ctx, n.PlaceCode, n.AssignedTo)
		if err != nil {
			return r, err
		}
		r.Worker = name
	}
	return r, nil
}

func (nr *needRower) rows(ctx context.Context, list []*need.Need) ([]needRow, error) {
	out := make([]needRow, 0, len(list))
	for _, n := range list {
		r, err := nr.row(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// workerNames finds the display names of assigned workers among the staff
// who may take needs in a village, reading each village's staff once. Only
// roles that assign needs may list staff; for the others names stay "".
type workerNames struct {
	s       *Server
	enabled bool
	byPlace map[string][]*auth.User
}

func (s *Server) workerNames(ctx context.Context) *workerNames {
	return &workerNames{s: s, enabled: auth.ActorFrom(ctx).Can(auth.WriteNeeds), byPlace: map[string][]*auth.User{}}
}

// staff lists the users who may be sent to a need in the village.
func (w *workerNames) staff(ctx context.Context, village string) ([]*auth.User, error) {
	if !w.enabled {
		return nil, nil
	}
	if us, ok := w.byPlace[village]; ok {
		return us, nil
	}
	us, err := w.s.db.UsersCovering(ctx, village, auth.WriteNeeds)
	if err != nil {
		return nil, err
	}
	w.byPlace[village] = us
	return us, nil
}

func (w *workerNames) name(ctx context.Context, village, userID string) (string, error) {
	us, err := w.staff(ctx, village)
	if err != nil {
		return "", err
	}
	for _, u := range us {
		if u.ID == userID {
			return u.DisplayName, nil
		}
	}
	return "", nil
}
