package web

import (
	"net/http"
	"slices"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/store"
)

// turnaroundData is the turnaround page: the query form and one table row
// per place and step.
type turnaroundData struct {
	turnaroundQuery
	Bys    []choice
	Errors []string
	Fields map[string]string
	Rows   []turnaroundRow
}

// turnaroundRow is one figure with its labels in the page's language. The
// first row of a place carries its name and the number of rows it spans.
type turnaroundRow struct {
	Place    string
	Span     int
	Step     string
	Overall  bool
	Count    int
	P50, P90 string
	InTime   string // "2 / 3"
	Share    string // "67%"
	Low      bool   // under the on-time target
}

// onTimeTarget is the on-time rate (达标率) below which a figure is marked.
const onTimeTarget = 0.9

// showTurnaroundPage handles GET /stats/turnaround: per county, or township
// with by=township, the p50 and p90 time to decision of each approval step
// and of whole cases, and the share decided within the time limit.
func (s *Server) showTurnaroundPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	ctx := r.Context()
	v := s.newView(w, r, "approval.turnaround.title")
	v.Nav = "approval"
	d := turnaroundData{turnaroundQuery: turnaroundQueryOf(r.URL.Query()),
		Bys: []choice{{Value: "county", Label: v.T("approval.turnaround.by.county")},
			{Value: "township", Label: v.T("approval.turnaround.by.township")}}}
	status := http.StatusOK
	f, err := d.filter()
	if err != nil {
		p := s.problemFor(r, err)
		d.Fields = problemFields(p)
		for _, e := range p.Errors {
			d.Errors = append(d.Errors, e.Detail)
		}
		status = p.Status
	} else {
		places, err := s.db.Turnaround(ctx, f)
		if err != nil {
			return err
		}
		name := s.placeNamer(ctx, v.Lang.Tag)
		for _, p := range places {
			figs := slices.Concat(p.Steps, []store.Figure{p.Overall})
			for i, fg := range figs {
				row := turnaroundFigureRow(v, fg)
				if i == 0 {
					row.Place, row.Span = name(p.PlaceCode), len(figs)
				}
				d.Rows = append(d.Rows, row)
			}
		}
	}
	v.Data = d
	s.render(w, r, status, "approval_stats", v)
	return nil
}

func turnaroundFigureRow(v *view, f store.Figure) turnaroundRow {
	row := turnaroundRow{Overall: f.Step == "", Count: f.Count}
	if row.Overall {
		row.Step = v.T("approval.turnaround.overall")
	} else {
		row.Step = v.T(f.Step.Label())
	}
	if f.Count == 0 {
		row.P50, row.P90, row.InTime, row.Share = "—", "—", "—", "—"
		return row
	}
	row.P50, row.P90 = span(v, f.P50), span(v, f.P90)
	row.InTime = v.T("approval.turnaround.of", "N", f.InTime, "Total", f.Count)
	row.Share, row.Low = percent(v, f.Share()), f.Share() < onTimeTarget
	return row
}
