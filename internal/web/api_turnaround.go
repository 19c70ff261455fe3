package web

import (
	"net/http"
	"net/url"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
)

// turnaroundQuery is the turnaround figures' query as typed: by county or
// township, and a period of whole days in Beijing time, both ends included.
type turnaroundQuery struct {
	By, From, To string
}

// filter reads the query by the API's rules, reporting each bad parameter
// by name.
func (tq turnaroundQuery) filter() (store.TurnaroundFilter, error) {
	var f store.TurnaroundFilter
	var fs errs.Fields
	switch tq.By {
	case "", "county":
	case "township":
		f.ByTownship = true
	default:
		fs.Add("by", "err.turnaround.by", nil)
	}
	for _, p := range []struct {
		name, value string
		dst         **time.Time
		days        int // "to" counts its whole day
	}{{"from", tq.From, &f.From, 0}, {"to", tq.To, &f.To, 1}} {
		if p.value == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", p.value, chinaTime)
		if err != nil {
			fs.Add(p.name, "err.date.format", nil)
			continue
		}
		t = t.AddDate(0, 0, p.days)
		*p.dst = &t
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		fs.Add("to", "err.date.order", nil)
	}
	return f, fs.Err()
}

func turnaroundQueryOf(q url.Values) turnaroundQuery {
	return turnaroundQuery{By: q.Get("by"), From: q.Get("from"), To: q.Get("to")}
}

// turnaroundFigure is a figure as the API reports it, durations in seconds.
type turnaroundFigure struct {
	Step             string  `json:"step"`
	Count            int     `json:"count"`
	P50Seconds       int64   `json:"p50_seconds"`
	P90Seconds       int64   `json:"p90_seconds"`
	WithinLimit      int     `json:"within_limit"`
	ShareWithinLimit float64 `json:"share_within_limit"`
}

type turnaroundPlace struct {
	PlaceCode string             `json:"place_code"`
	Steps     []turnaroundFigure `json:"steps"`
	Overall   turnaroundFigure   `json:"overall"`
}

func figureJSON(f store.Figure) turnaroundFigure {
	step := string(f.Step)
	if step == "" {
		step = "overall"
	}
	return turnaroundFigure{Step: step, Count: f.Count, P50Seconds: int64(f.P50 / time.Second), P90Seconds: int64(f.P90 / time.Second),
		WithinLimit: f.InTime, ShareWithinLimit: f.Share()}
}

// apiTurnaround handles GET /api/v1/stats/turnaround: per county (or
// township with by=township) in the caller's scope, the p50 and p90 time to
// decision of each approval step and overall, and the share decided within
// the time limit.
func (s *Server) apiTurnaround(w http.ResponseWriter, r *http.Request) error {
	tq := turnaroundQueryOf(r.URL.Query())
	f, err := tq.filter()
	if err != nil {
		return err
	}
	places, err := s.db.Turnaround(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]turnaroundPlace, 0, len(places))
	for _, p := range places {
		tp := turnaroundPlace{PlaceCode: p.PlaceCode, Steps: []turnaroundFigure{}, Overall: figureJSON(p.Overall)}
		for _, st := range p.Steps {
			tp.Steps = append(tp.Steps, figureJSON(st))
		}
		out = append(out, tp)
	}
	by := "county"
	if f.ByTownship {
		by = "township"
	}
	return writeJSON(w, http.StatusOK, map[string]any{"by": by, "from": tq.From, "to": tq.To, "places": out})
}
