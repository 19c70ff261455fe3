package store

import (
	"time"

	"jiuzhu/internal/plan"
)

// workerDay names one worker's route on one day.
type workerDay struct{ worker, day string }

// workerDays collects the routes a change touched, to plan each once.
type workerDays map[workerDay]bool

func (d workerDays) add(worker, day string) {
	if worker != "" {
		d[workerDay{worker, day}] = true
	}
}

// reschedule plans every touched route again.
func (tx *Tx) reschedule(d workerDays) error {
	for wd := range d {
		if err := tx.scheduleDay(wd.worker, wd.day); err != nil {
			return err
		}
	}
	return nil
}

// collectDays adds the (worker, day) pairs a query returns to d.
func (tx *Tx) collectDays(d workerDays, q string, args ...any) error {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var w, day string
		if err := rows.Scan(&w, &day); err != nil {
			return err
		}
		d.add(w, day)
	}
	return rows.Err()
}

// itemUnits is the number of weekly units of a plan item now.
func (tx *Tx) itemUnits(planItemID string) (int, error) {
	var times, every int
	if err := tx.QueryRow(`SELECT times, every_weeks FROM plan_items WHERE id = $1`, planItemID).Scan(&times, &every); err != nil {
		return 0, err
	}
	return max(1, plan.WeeklyUnits(times, every)), nil
}

// assignOpenOrders gives the open orders of one unit of a plan item, from
// today on, to the worker of an assignment that has just become current,
// and plans that worker's days again. Matching calls it in the transaction
// that makes the assignment current.
func (tx *Tx) assignOpenOrders(planItemID string, unit int, providerID, workerID, assignmentID string) error {
	units, err := tx.itemUnits(planItemID)
	if err != nil {
		return err
	}
	const where = ` WHERE plan_item_id = $1 AND state = 'open' AND day >= $2 AND seq_in_week % $3 = $4`
	days, err := tx.column(`SELECT DISTINCT day FROM orders`+where, planItemID, tx.today(), units, unit)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE orders SET provider_id = $5, worker_id = $6, assignment_id = $7, state = 'assigned', updated_at = $8`+where,
		planItemID, tx.today(), units, unit, providerID, workerID, assignmentID, tx.now); err != nil {
		return err
	}
	d := workerDays{}
	for _, day := range days {
		d.add(workerID, day)
	}
	return tx.reschedule(d)
}

// releaseFutureOrders takes the worker off the orders of one unit of a plan
// item from today on (not done or cancelled ones): they are open again, and
// the worker's days are planned without them. Matching calls it when an
// assignment stops being current (declined, overridden, superseded).
func (tx *Tx) releaseFutureOrders(planItemID string, unit int) error {
	units, err := tx.itemUnits(planItemID)
	if err != nil {
		return err
	}
	const where = ` WHERE plan_item_id = $1 AND state = 'assigned' AND day >= $2 AND seq_in_week % $3 = $4`
	d := workerDays{}
	if err := tx.collectDays(d, `SELECT DISTINCT worker_id, day FROM orders`+where, planItemID, tx.today(), units, unit); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE orders SET state = 'open', provider_id = '', worker_id = '', assignment_id = '', route_seq = 0, eta = NULL,
		travel_m = 0, travel_s = 0, updated_at = $5`+where, planItemID, tx.today(), units, unit, tx.now); err != nil {
		return err
	}
	return tx.reschedule(d)
}

// cancelFutureOrders cancels the open and assigned orders from today on
// selected by cond (orders columns, $1 bound to arg), with a reason code,
// and plans the touched days again.
func (tx *Tx) cancelFutureOrders(cond, arg, reason string) error {
	where := ` WHERE ` + cond + ` AND state IN ('open', 'assigned') AND day >= $2`
	d := workerDays{}
	if err := tx.collectDays(d, `SELECT DISTINCT worker_id, day FROM orders`+where, arg, tx.today()); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE orders SET state = 'cancelled', cancel_reason = $3, route_seq = 0, eta = NULL, travel_m = 0, travel_s = 0,
		updated_at = $4`+where, arg, tx.today(), reason, tx.now); err != nil {
		return err
	}
	return tx.reschedule(d)
}

// futureOrder is what syncItemOrders needs of an order.
type futureOrder struct {
	id, week, day, worker, provider, assignment string
	seq                                         int
	from, to                                    time.Time
}

// syncItemOrders brings an item's future open and assigned orders in line
// with the item as it is now: orders no longer due (fewer times, a longer
// period, a removed item) are cancelled; the others move to the day and
// window the frequency gives and take the current worker of their unit.
func (tx *Tx) syncItemOrders(startsOn, itemID string) error {
	var it plan.Item
	if err := tx.QueryRow(`SELECT times, every_weeks, window_from, window_to, active FROM plan_items WHERE id = $1`, itemID).
		Scan(&it.Times, &it.EveryWeeks, &it.WindowFrom, &it.WindowTo, &it.Active); err != nil {
		return err
	}
	units := max(1, plan.WeeklyUnits(it.Times, it.EveryWeeks))
	cur, err := tx.currentAssignees(itemID)
	if err != nil {
		return err
	}
	rows, err := tx.Query(`SELECT id, week, day, worker_id, provider_id, assignment_id, seq_in_week, window_start, window_end FROM orders
		WHERE plan_item_id = $1 AND state IN ('open', 'assigned') AND day >= $2 ORDER BY week, seq_in_week`, itemID, tx.today())
	if err != nil {
		return err
	}
	var list []futureOrder
	for rows.Next() {
		var o futureOrder
		if err := rows.Scan(&o.id, &o.week, &o.day, &o.worker, &o.provider, &o.assignment, &o.seq, &o.from, &o.to); err != nil {
			rows.Close()
			return err
		}
		list = append(list, o)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	d := workerDays{}
	today := tx.today()
	for _, o := range list {
		d.add(o.worker, o.day)
		if !it.Active || o.seq >= it.Times || !plan.Due(startsOn, o.week, it.EveryWeeks) {
			if _, err := tx.Exec(`UPDATE orders SET state = 'cancelled', cancel_reason = $1, route_seq = 0, eta = NULL, travel_m = 0, travel_s = 0,
				updated_at = $2 WHERE id = $3`, plan.ReasonReduced, tx.now, o.id); err != nil {
				return err
			}
			continue
		}
		day := plan.VisitDays(o.week, it.Times)[o.seq]
		if day < today {
			day = o.day
		}
		from, to, err := plan.Window(day, it.WindowFrom, it.WindowTo)
		if err != nil {
			return err
		}
		a := cur[plan.UnitOf(o.seq, units)]
		if a.AssignmentID == o.assignment && day == o.day && from.Equal(o.from) && to.Equal(o.to) {
			continue
		}
		state := plan.Open
		if a.WorkerID != "" {
			state = plan.Assigned
		}
		if _, err := tx.Exec(`UPDATE orders SET day = $1, window_start = $2, window_end = $3, provider_id = $4, worker_id = $5, assignment_id = $6,
			state = $7, route_seq = 0, eta = NULL, travel_m = 0, travel_s = 0, updated_at = $8 WHERE id = $9`,
			day, from, to, a.ProviderID, a.WorkerID, a.AssignmentID, string(state), tx.now, o.id); err != nil {
			return err
		}
		d.add(a.WorkerID, day)
	}
	return tx.reschedule(d)
}

// currentAssignees maps each unit of a plan item to its current assignment.
func (tx *Tx) currentAssignees(itemID string) (map[int]plan.Assignee, error) {
	rows, err := tx.Query(`SELECT unit, id, provider_id, worker_id FROM assignments WHERE plan_item_id = $1 AND state = 'current'`, itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]plan.Assignee{}
	for rows.Next() {
		var a plan.Assignee
		if err := rows.Scan(&a.Unit, &a.AssignmentID, &a.ProviderID, &a.WorkerID); err != nil {
			return nil, err
		}
		out[a.Unit] = a
	}
	return out, rows.Err()
}
