package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// dayData is one worker's route on one day, phone first.
type dayData struct {
	Day                        *plan.Day
	Date                       string
	Stops                      []orderRow
	Distance, Travel           string
	PrevURL, NextURL, TodayURL string
	Self                       bool // the signed-in worker's own day
	Errors                     []string
}

// showMyDayPage handles GET /my-day: the signed-in service worker's stops
// of a day in route order, with a day switcher.
func (s *Server) showMyDayPage(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	if u.Role != auth.ServiceWorker || u.WorkerID == "" {
		return errs.New(errs.Forbidden, "err.plan.not_worker")
	}
	return s.renderDay(w, r, u.WorkerID, "/my-day", true)
}

// showWorkerDayPage handles GET /workers/{id}/day: a worker's route, for
// staff and the worker's provider.
func (s *Server) showWorkerDayPage(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	return s.renderDay(w, r, id, "/workers/"+id+"/day", false)
}

func (s *Server) renderDay(w http.ResponseWriter, r *http.Request, workerID, base string, self bool) error {
	v := s.newView(w, r, "myday.title")
	v.Nav = "myday"
	if !self {
		v.Nav = "orders"
	}
	day, err := s.dayParam(r)
	if err != nil {
		return err
	}
	d, err := s.db.DaySchedule(r.Context(), workerID, day)
	if err != nil {
		return err
	}
	if !self {
		v.Title = v.T("myday.worker_title", "Name", d.WorkerName)
	}
	t, _ := plan.ParseDay(day)
	data := &dayData{Day: d, Date: day, Self: self, Stops: s.orderRows(r.Context(), v, d.Stops),
		Distance: fmt.Sprintf("%.1f", float64(d.DistanceM)/1000), Travel: strconv.Itoa((d.TravelS + 59) / 60),
		PrevURL:  base + "?day=" + t.AddDate(0, 0, -1).Format(time.DateOnly),
		NextURL:  base + "?day=" + t.AddDate(0, 0, 1).Format(time.DateOnly),
		TodayURL: base}
	v.Data = data
	s.render(w, r, http.StatusOK, "myday", v)
	return nil
}
