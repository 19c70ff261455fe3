package store

import (
	"cmp"
	"context"
	"slices"
	"time"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// TurnaroundFilter chooses how the turnaround figures are grouped and over
// which period.
type TurnaroundFilter struct {
	ByTownship bool       // group by township (9-digit code) instead of county (6)
	From, To   *time.Time // count decisions at or after From and before To
}

// Figure is the time to decision of one step, or of whole cases, at one place.
type Figure struct {
	Step   approval.State // the step; "" for whole cases, from submission to decision
	Count  int            // decisions measured
	P50    time.Duration  // median
	P90    time.Duration
	InTime int // decided by the step's deadline
}

// Share is the share of decisions made within the time limit, 0 to 1.
func (f Figure) Share() float64 {
	if f.Count == 0 {
		return 0
	}
	return float64(f.InTime) / float64(f.Count)
}

// TurnaroundPlace holds the figures of one county or township.
type TurnaroundPlace struct {
	PlaceCode string
	Steps     []Figure // in workflow order (approval.Timed), only steps with decisions
	Overall   Figure   // whole cases; Count 0 when none was decided
}

// Turnaround computes, per place in the actor's scope, the p50 and p90 time
// to decision of each approval step and of whole cases, and the share
// decided within the time limit (SPEC §9).
//
// A step's time runs from the transition that entered it to the one that
// left it (application_steps); its limit is the deadline it had under the
// store's approval config (approval.Stays). A whole case runs from its first
// submission to approval or rejection, limited by Config.TotalLimit. A
// decision counts in the period when it was made.
//
// The percentiles are exact (nearest rank), computed in Go over the scoped
// rows: the steps are read in one ordered pass and only the durations are
// kept, a few numbers per application — thousands at county or prefecture
// scale. For the whole region, PostgreSQL's percentile_disc or a streaming
// sketch would take over.
func (db *DB) Turnaround(ctx context.Context, f TurnaroundFilter) ([]TurnaroundPlace, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT a.id, a.place_code, a.urgent, s.from_state, s.to_state, s.action, s.at
		FROM applications a JOIN application_steps s ON s.application_id = a.id WHERE 1=1`)
	q.scoped("a.place_code", a)
	// A case decided in the period was changed at or after its start and
	// created before its end.
	if f.From != nil {
		q.add(` AND a.updated_at >= %s`, q.arg(f.From.UTC()))
	}
	if f.To != nil {
		q.add(` AND a.created_at < %s`, q.arg(f.To.UTC()))
	}
	q.add(` ORDER BY a.id, s.id`)
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()

	t := newTally(db.approval, f)
	var cur struct {
		id, place string
		urgent    bool
		history   []approval.Step
	}
	for rows.Next() {
		var id, code string
		var urgent bool
		var st approval.Step
		if err := rows.Scan(&id, &code, &urgent, &st.From, &st.To, &st.Action, &st.At); err != nil {
			return nil, translate(err)
		}
		if id != cur.id {
			t.add(cur.place, cur.urgent, cur.history)
			cur.id, cur.place, cur.urgent, cur.history = id, groupCode(code, f.ByTownship), urgent, cur.history[:0]
		}
		st.At = st.At.UTC()
		cur.history = append(cur.history, st)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	t.add(cur.place, cur.urgent, cur.history)
	return t.figures(), nil
}

// groupCode is the county or township a village code belongs to.
func groupCode(code string, township bool) string {
	n := 6
	if township {
		n = 9
	}
	if len(code) < n {
		return code
	}
	return code[:n]
}

// sample is the durations of one step at one place, and how many were in time.
type sample struct {
	d      []time.Duration
	inTime int
}

// tally collects durations by place and step ("" for whole cases).
type tally struct {
	cfg     approval.Config
	f       TurnaroundFilter
	byPlace map[string]map[approval.State]*sample
}

func newTally(cfg approval.Config, f TurnaroundFilter) *tally {
	return &tally{cfg: cfg, f: f, byPlace: map[string]map[approval.State]*sample{}}
}

// in reports whether a decision at t falls in the period.
func (t *tally) in(at time.Time) bool {
	return (t.f.From == nil || !at.Before(*t.f.From)) && (t.f.To == nil || at.Before(*t.f.To))
}

func (t *tally) put(place string, s approval.Stay) {
	if !t.in(s.Left) {
		return
	}
	m := t.byPlace[place]
	if m == nil {
		m = map[approval.State]*sample{}
		t.byPlace[place] = m
	}
	sm := m[s.State]
	if sm == nil {
		sm = &sample{}
		m[s.State] = sm
	}
	sm.d = append(sm.d, s.Duration())
	if s.InTime() {
		sm.inTime++
	}
}

// add measures one application's history.
func (t *tally) add(place string, urgent bool, history []approval.Step) {
	if len(history) == 0 {
		return
	}
	for _, s := range approval.Stays(history, urgent, t.cfg) {
		if slices.Contains(approval.Timed, s.State) {
			t.put(place, s)
		}
	}
	if o, ok := approval.Overall(history, urgent, t.cfg); ok {
		t.put(place, o)
	}
}

// figures turns the samples into figures, places in code order.
func (t *tally) figures() []TurnaroundPlace {
	out := []TurnaroundPlace{}
	for code, m := range t.byPlace {
		p := TurnaroundPlace{PlaceCode: code, Steps: []Figure{}, Overall: figure("", m[""])}
		for _, s := range approval.Timed {
			if m[s] != nil {
				p.Steps = append(p.Steps, figure(s, m[s]))
			}
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b TurnaroundPlace) int { return cmp.Compare(a.PlaceCode, b.PlaceCode) })
	return out
}

func figure(step approval.State, s *sample) Figure {
	f := Figure{Step: step}
	if s == nil {
		return f
	}
	slices.Sort(s.d)
	f.Count, f.InTime = len(s.d), s.inTime
	f.P50, f.P90 = nearestRank(s.d, 50), nearestRank(s.d, 90)
	return f
}

// nearestRank is the p-th percentile of sorted d by the nearest-rank
// method: the smallest value with at least p% of the values at or below it.
func nearestRank(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := (p*len(d)+99)/100 - 1
	return d[max(i, 0)]
}
