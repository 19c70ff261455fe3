package store

import (
	"context"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
	"jiuzhu/internal/plan"
)

// dayStart is when a worker leaves base: 08:00 local.
const dayStart = 8 * time.Hour

// scheduleDay orders one worker's assigned visits of a day into a route
// from the worker's base and writes each stop's position, ETA and travel
// from the previous stop. A visit goes to the person's home, or to the
// village's centre when the home has no coordinates.
func (tx *Tx) scheduleDay(workerID, day string) error {
	var base plan.Point
	err := tx.QueryRow(`SELECT lat, lon FROM workers WHERE id = $1`, workerID).Scan(&base.Lat, &base.Lon)
	if errs.Is(translate(err), errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	rows, err := tx.Query(`SELECT o.id, o.window_start, o.window_end, o.minutes, pe.lat, pe.lon, pl.lat, pl.lon, pl.kind
		FROM orders o JOIN persons pe ON pe.id = o.person_id JOIN places pl ON pl.code = o.place_code
		WHERE o.worker_id = $1 AND o.day = $2 AND o.state = 'assigned' ORDER BY o.id`, workerID, day)
	if err != nil {
		return err
	}
	var vs []plan.Visit
	for rows.Next() {
		var v plan.Visit
		var minutes int
		var home, village plan.Point
		if err := rows.Scan(&v.ID, &v.From, &v.To, &minutes, &home.Lat, &home.Lon, &village.Lat, &village.Lon, &v.Kind); err != nil {
			rows.Close()
			return err
		}
		v.At, v.Service = home, time.Duration(minutes)*time.Minute
		if home.Lat == 0 && home.Lon == 0 {
			v.At = village
		}
		if !v.Kind.Valid() {
			v.Kind = place.Rural
		}
		vs = append(vs, v)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if base.Lat == 0 && base.Lon == 0 && len(vs) > 0 {
		base = vs[0].At // a worker without a base starts at the first home
	}
	start, err := plan.ParseDay(day)
	if err != nil {
		return err
	}
	r := plan.Schedule(base, start.Add(dayStart).UTC(), vs)
	for _, s := range r.Stops {
		if _, err := tx.Exec(`UPDATE orders SET route_seq = $1, eta = $2, travel_m = $3, travel_s = $4 WHERE id = $5`,
			s.Seq, s.ETA.UTC(), s.DistanceM, s.TravelS, s.ID); err != nil {
			return err
		}
	}
	return nil
}

// DaySchedule returns a worker's route on a day: the assigned visits in
// route order with ETA and travel, and totals. Staff see workers' days in
// their area; provider administrators only their own organisation's
// workers, service workers only their own day.
func (db *DB) DaySchedule(ctx context.Context, workerID, day string) (*plan.Day, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadServices) && !a.Can(auth.RespondOrders) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if _, err := plan.ParseDay(day); err != nil {
		return nil, errs.InvalidField("day", "err.date.format", nil)
	}
	d := &plan.Day{WorkerID: workerID, Day: day, Stops: []*plan.Order{}}
	err := db.r.QueryRowContext(ctx, `SELECT w.name, w.provider_id, p.name FROM workers w JOIN providers p ON p.id = w.provider_id WHERE w.id = $1`,
		workerID).Scan(&d.WorkerName, &d.ProviderID, &d.ProviderName)
	if err != nil {
		return nil, translate(err)
	}
	if a.ProviderSide() && (d.ProviderID != a.ProviderID || (a.Role == auth.ServiceWorker && workerID != a.WorkerID)) {
		return nil, errs.New(errs.NotFound, "err.not_found")
	}
	worker := workerID
	list, _, err := db.Orders(ctx, plan.OrderFilter{WorkerID: &worker, From: &day, To: &day, Limit: MaxPageSize})
	if err != nil {
		return nil, err
	}
	// The day holds the visits still to make and those made or missed, so
	// a worker's day does not empty itself as it goes.
	for _, o := range list {
		switch o.State {
		case plan.Assigned, plan.InProgress, plan.Done, plan.Missed:
			d.Stops = append(d.Stops, o)
		}
	}
	for _, o := range d.Stops {
		d.DistanceM += o.TravelM
		d.TravelS += o.TravelS
		if o.Late {
			d.Late++
		}
	}
	return d, nil
}

// MyDay is the signed-in service worker's route on a day.
func (db *DB) MyDay(ctx context.Context, day string) (*plan.Day, error) {
	a := actorOf(ctx)
	if a.Role != auth.ServiceWorker || a.WorkerID == "" {
		return nil, errs.New(errs.Forbidden, "err.plan.not_worker")
	}
	return db.DaySchedule(ctx, a.WorkerID, day)
}
