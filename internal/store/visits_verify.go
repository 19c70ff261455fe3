package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/photo"
	"jiuzhu/internal/plan"
	"jiuzhu/internal/visit"
)

// orderStateOf is the work order's state for a visit state.
var orderStateOf = map[visit.State]plan.OrderState{
	visit.Planned:    plan.Assigned,
	visit.InProgress: plan.InProgress,
	visit.Done:       plan.Done,
	visit.NotDone:    plan.Missed,
}

// refreshVisit folds an order's events, e being the one just stored, into
// its visit, verifies a finished visit and writes both the visit row and the
// order's state. A visit a supervisor has decided keeps the decision; its
// flags are still updated.
func (tx *Tx) refreshVisit(o *plan.Order, e *visit.Event) (*VisitResult, error) {
	if o.State == plan.Assigned {
		// Most often the first event of the visit, such as a check-in.
		if res, err := tx.firstVisit(o, e); err != nil || res != nil {
			return res, err
		}
	}
	events, err := tx.orderEvents(o.ID)
	if err != nil {
		return nil, err
	}
	v := visit.Fold(o.ID, events)
	outcome, flags := visit.Pending, []visit.Flag{}
	if v.State == visit.Done || v.State == visit.NotDone {
		in, err := tx.verifyInput(o, v)
		if err != nil {
			return nil, err
		}
		rules, err := tx.visitRules()
		if err != nil {
			return nil, err
		}
		outcome, flags = visit.Evaluate(v, in, rules, tx.now.UTC())
		if flags == nil {
			flags = []visit.Flag{}
		}
	}
	var decided string
	err = tx.QueryRowContext(tx.ctx, `SELECT outcome FROM visits WHERE order_id = $1 AND decision <> ''`, o.ID).Scan(&decided)
	if err == nil {
		outcome = visit.Outcome(decided)
	} else if errs.CodeOf(translate(err)) != errs.NotFound {
		return nil, err
	}
	if err := tx.writeVisit(o, v, outcome, flags, true); err != nil {
		return nil, err
	}
	return &VisitResult{Visit: v, Outcome: outcome, Flags: flags}, nil
}

// firstVisit writes the visit of an order whose first event e is: as every
// event writes its visit row in the transaction that stores it, an order
// without a visit row has no other event, and folding e alone gives the
// visit without reading the events back. It returns nil when the order
// already has a visit row, or when e alone ends the visit (a missed report
// or a check-out), which is verified on the full path.
func (tx *Tx) firstVisit(o *plan.Order, e *visit.Event) (*VisitResult, error) {
	v := visit.Fold(o.ID, []visit.Event{*e})
	if v.State != visit.Planned && v.State != visit.InProgress {
		return nil, nil
	}
	flags := []visit.Flag{}
	if err := tx.writeVisit(o, v, visit.Pending, flags, false); err != nil {
		if errors.Is(err, errVisitExists) {
			return nil, nil
		}
		return nil, err
	}
	return &VisitResult{Visit: v, Outcome: visit.Pending, Flags: flags}, nil
}

// errVisitExists is writeVisit's answer when it may not replace a row.
var errVisitExists = errors.New("store: visit row exists")

// writeVisit writes the visit row of o and moves the order to the visit's
// state. Without replace it only inserts, and answers errVisitExists,
// changing nothing, when the order has a visit row.
func (tx *Tx) writeVisit(o *plan.Order, v *visit.Visit, outcome visit.Outcome, flags []visit.Flag, replace bool) error {
	var started, ended sql.NullTime
	var lat, lon float64
	if v.CheckIn != nil {
		started = sql.NullTime{Time: v.CheckIn.DeviceTime.UTC(), Valid: true}
		if v.CheckIn.Pos.Valid() {
			lat, lon = v.CheckIn.Pos.Lat, v.CheckIn.Pos.Lon
		}
	}
	if v.CheckOut != nil {
		ended = sql.NullTime{Time: v.CheckOut.DeviceTime.UTC(), Valid: true}
	}
	missed := ""
	if v.Missed != nil {
		missed = v.Missed.Reason
	}
	onConflict := `DO NOTHING`
	if replace {
		onConflict = `DO UPDATE SET state = excluded.state, outcome = excluded.outcome, started_at = excluded.started_at,
			ended_at = excluded.ended_at, lat = excluded.lat, lon = excluded.lon, missed_reason = excluded.missed_reason,
			conflicts = excluded.conflicts, rating = excluded.rating, flags = excluded.flags, detail = excluded.detail,
			version = visits.version + 1, updated_at = excluded.updated_at`
	}
	r, err := tx.ExecContext(tx.ctx, `INSERT INTO visits (order_id, place_code, person_id, worker_id, provider_id, day, state, outcome,
			started_at, ended_at, lat, lon, missed_reason, conflicts, rating, flags, detail, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
		ON CONFLICT (order_id) `+onConflict,
		o.ID, o.PlaceCode, o.PersonID, o.WorkerID, o.ProviderID, o.Day, string(v.State), string(outcome),
		started, ended, lat, lon, missed, len(v.Conflicts), v.Rating, mustJSON(flags), mustJSON(v), tx.now.UTC())
	if err != nil {
		return err
	}
	if !replace {
		if n, err := r.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errVisitExists
		}
	}
	if st := orderStateOf[v.State]; st != o.State {
		if _, err := tx.ExecContext(tx.ctx, `UPDATE orders SET state = $1, updated_at = $2 WHERE id = $3`, string(st), tx.now.UTC(), o.ID); err != nil {
			return err
		}
	}
	return nil
}

// visitResult reads a visit as stored, for a replayed event.
func (tx *Tx) visitResult(orderID string) (*VisitResult, error) {
	var detail, flags, outcome string
	err := tx.QueryRowContext(tx.ctx, `SELECT detail, flags, outcome FROM visits WHERE order_id = $1`, orderID).Scan(&detail, &flags, &outcome)
	if err != nil {
		return nil, err
	}
	res := &VisitResult{Outcome: visit.Outcome(outcome)}
	if err := json.Unmarshal([]byte(detail), &res.Visit); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(flags), &res.Flags); err != nil {
		return nil, err
	}
	return res, nil
}

// verifyInput loads what the rules need: where the person was that day and
// the fence for its kind of place, the worker's neighbouring visits, photo
// matches, repeated coordinates and the person's department facts.
func (tx *Tx) verifyInput(o *plan.Order, v *visit.Visit) (visit.Input, error) {
	in := visit.Input{PlannedMinutes: o.Minutes}
	home, kind, err := tx.placeOfVisit(o)
	if err != nil {
		return in, err
	}
	in.Home, in.RadiusM = home, tx.db.radii.For(kind)
	day, err := plan.ParseDay(o.Day)
	if err != nil {
		return in, err
	}
	in.Day = day
	from, to := day.AddDate(0, 0, -1).Format(time.DateOnly), day.AddDate(0, 0, 1).Format(time.DateOnly)
	rows, err := tx.QueryContext(tx.ctx, `SELECT order_id, started_at, ended_at, lat, lon FROM visits
		WHERE worker_id = $1 AND day >= $2 AND day <= $3 AND order_id <> $4 AND started_at IS NOT NULL`, o.WorkerID, from, to, o.ID)
	if err != nil {
		return in, err
	}
	for rows.Next() {
		var ot visit.Other
		var end sql.NullTime
		var pos visit.Position
		if err := rows.Scan(&ot.OrderID, &ot.Start, &end, &pos.Lat, &pos.Lon); err != nil {
			rows.Close()
			return in, err
		}
		ot.Start, ot.End = ot.Start.UTC(), ot.Start.UTC()
		if end.Valid {
			ot.End = end.Time.UTC()
		}
		if pos.Valid() {
			ot.Pos = &pos
		}
		in.Others = append(in.Others, ot)
	}
	if err := rows.Close(); err != nil {
		return in, err
	}
	if in.PhotoMatches, err = tx.photoMatches(o); err != nil {
		return in, err
	}
	if v.CheckIn != nil && v.CheckIn.Pos.Valid() {
		err := tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM visits WHERE lat = $1 AND lon = $2 AND person_id <> $3`,
			v.CheckIn.Pos.Lat, v.CheckIn.Pos.Lon, o.PersonID).Scan(&in.SameCoordCount)
		if err != nil {
			return in, err
		}
	}
	in.Hospital, in.DiedOn, err = tx.db.personFacts(tx.ctx, tx, o.PersonID)
	return in, err
}

// placeOfVisit is where the person is on the order's day: the declared
// seasonal location in force, else the home, else the village centre; and
// the kind of that place, which sets the fence radius.
func (tx *Tx) placeOfVisit(o *plan.Order) (visit.Position, string, error) {
	var p visit.Position
	var code string
	err := tx.QueryRowContext(tx.ctx, `SELECT lat, lon, place_code FROM person_locations
		WHERE person_id = $1 AND valid_from <= $2 AND (valid_to = '' OR valid_to >= $2) ORDER BY valid_from DESC LIMIT 1`,
		o.PersonID, o.Day).Scan(&p.Lat, &p.Lon, &code)
	if errs.CodeOf(translate(err)) == errs.NotFound {
		err = tx.QueryRowContext(tx.ctx, `SELECT lat, lon, place_code FROM persons WHERE id = $1`, o.PersonID).Scan(&p.Lat, &p.Lon, &code)
	}
	if err != nil {
		return p, "", err
	}
	var kind string
	var clat, clon float64
	if err := tx.QueryRowContext(tx.ctx, `SELECT kind, lat, lon FROM places WHERE code = $1`, code).Scan(&kind, &clat, &clon); err != nil {
		return p, "", err
	}
	if p.Lat == 0 && p.Lon == 0 {
		p.Lat, p.Lon = clat, clon
	}
	return p, kind, nil
}

// photoMatches finds this visit's photos on other visits: the same content,
// or a near-identical picture among the same worker's and the same
// person's photos.
func (tx *Tx) photoMatches(o *plan.Order) ([]visit.PhotoMatch, error) {
	type ph struct {
		sha   string
		phash int64
	}
	var mine []ph
	rows, err := tx.QueryContext(tx.ctx, `SELECT sha, phash FROM visit_photos WHERE order_id = $1 AND stage <> 'signature'`, o.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p ph
		if err := rows.Scan(&p.sha, &p.phash); err != nil {
			rows.Close()
			return nil, err
		}
		mine = append(mine, p)
	}
	if err := rows.Close(); err != nil || len(mine) == 0 {
		return nil, err
	}
	rows, err = tx.QueryContext(tx.ctx, `SELECT DISTINCT vp.order_id, vp.sha, vp.phash FROM visit_photos vp JOIN orders x ON x.id = vp.order_id
		WHERE vp.order_id <> $1 AND vp.stage <> 'signature' AND (vp.worker_id = $2 OR x.person_id = $3)`, o.ID, o.WorkerID, o.PersonID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []visit.PhotoMatch
	for rows.Next() {
		var other string
		var p ph
		if err := rows.Scan(&other, &p.sha, &p.phash); err != nil {
			return nil, err
		}
		for _, m := range mine {
			switch {
			case m.sha == p.sha:
				out = append(out, visit.PhotoMatch{SHA: m.sha, OrderID: other, Exact: true})
			case m.phash != 0 && p.phash != 0:
				if d := photo.Distance(uint64(m.phash), uint64(p.phash)); d <= photo.NearDuplicate {
					out = append(out, visit.PhotoMatch{SHA: m.sha, OrderID: other, Distance: d})
				}
			}
		}
	}
	return out, rows.Err()
}

// visitRules returns the verification rules: the stored ones, or the
// defaults until an administrator first edits one.
func (tx *Tx) visitRules() ([]visit.Rule, error) { return readVisitRules(tx.ctx, tx) }

// VisitRules returns the verification rules in force, for anyone who reads
// visits (the messages explain each flag).
func (db *DB) VisitRules(ctx context.Context) ([]visit.Rule, error) {
	if !canReadVisits(actorOf(ctx)) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	rules, err := readVisitRules(ctx, db.r)
	return rules, translate(err)
}

func readVisitRules(ctx context.Context, q querier) ([]visit.Rule, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, severity, enabled, params, messages FROM visit_rules ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []visit.Rule
	for rows.Next() {
		var r visit.Rule
		var params, msgs string
		if err := rows.Scan(&r.Code, &r.Severity, &r.Enabled, &params, &msgs); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(params), &r.Params); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(msgs), &r.Messages); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return visit.DefaultRules(), nil
	}
	return out, nil
}
