package web

import (
	"context"
	"math"
	"strconv"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/store"
)

// appRow is an application with its labels in the page's language, as the
// list and the case page show it.
type appRow struct {
	*store.Application
	Village    string
	StateLabel string
	DueAt      string // Beijing time; "" when nothing is due
	Overdue    bool
	Waiting    bool // the reader's role owns the open step and may act on it now
}

// appRower labels applications for one request; place names are read once.
type appRower struct {
	v     *view
	now   time.Time
	role  auth.Role
	place func(code string) string
}

func (s *Server) appRower(ctx context.Context, v *view) *appRower {
	return &appRower{v: v, now: s.now(), role: auth.ActorFrom(ctx).Role, place: s.placeNamer(ctx, v.Lang.Tag)}
}

func (ar *appRower) row(a *store.Application) appRow {
	row := appRow{Application: a, Village: ar.place(a.PlaceCode), StateLabel: ar.v.T(a.State.Label()),
		Overdue: approval.Overdue(a.Case, ar.now), Waiting: len(a.Allowed) > 0 && approval.Owner(a.State) == ar.role}
	if !a.Due.IsZero() {
		row.DueAt = chinaClock(a.Due)
	}
	return row
}

// stateChoices labels the workflow's states for the filter.
func stateChoices(v *view) []choice {
	out := make([]choice, len(approval.States))
	for i, s := range approval.States {
		out[i] = choice{Value: string(s), Label: v.T(s.Label())}
	}
	return out
}

// span says how long d is in the page's language: minutes under an hour,
// hours under two days, days beyond, to one decimal.
func span(v *view, d time.Duration) string {
	switch {
	case d < time.Hour:
		return v.T("approval.span.minutes", "N", int(math.Round(d.Minutes())))
	case d < 48*time.Hour:
		return v.T("approval.span.hours", "N", oneDecimal(d.Hours()))
	}
	return v.T("approval.span.days", "N", oneDecimal(d.Hours()/24))
}

func oneDecimal(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// percent is share (0 to 1) as a whole percentage in the page's language.
func percent(v *view, share float64) string {
	return v.T("approval.percent", "N", int(math.Round(share*100)))
}
