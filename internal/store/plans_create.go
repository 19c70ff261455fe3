package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/plan"
)

// packageItem is one catalogue item of an assessment package, as a plan
// item starts with it.
type packageItem struct {
	Code              string
	Times, EveryWeeks int
	Minutes           int
}

// createPlanForApplication turns an approved application into a service
// plan in tx: the package of its newest assessment becomes plan items, as
// often as the package says, starting the next Monday (local) and
// open-ended. It is idempotent: an application that has a plan returns it.
// An application whose package is unknown or not in the catalogue gets no
// plan (planID ""), so an approval never fails for want of one.
func (tx *Tx) createPlanForApplication(appID string) (planID string, err error) {
	err = tx.QueryRow(`SELECT id FROM plans WHERE application_id = $1`, appID).Scan(&planID)
	if err == nil {
		return planID, nil
	}
	if !errs.Is(translate(err), errs.NotFound) {
		return "", err
	}
	var personID, placeCode, pkg string
	err = tx.QueryRow(`SELECT a.person_id, a.place_code, COALESCE((SELECT s.package FROM assessments s WHERE s.application_id = a.id
		ORDER BY s.at DESC, s.id DESC LIMIT 1), '') FROM applications a WHERE a.id = $1`, appID).Scan(&personID, &placeCode, &pkg)
	if err != nil {
		return "", err
	}
	items, err := tx.packageItems(pkg)
	if err != nil || len(items) == 0 {
		return "", err
	}
	planID = uuid.Must(uuid.NewV7()).String()
	starts := plan.NextMonday(tx.now).Format(time.DateOnly)
	if _, err := tx.Exec(`INSERT INTO plans (id, person_id, place_code, application_id, package, state, starts_on, ends_on, version, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, '', 1, $8, $9, $9)`,
		planID, personID, placeCode, appID, pkg, string(plan.Active), starts, tx.actor.Username, tx.now); err != nil {
		return "", err
	}
	for _, it := range items {
		if _, err := tx.insertPlanItem(planID, it.Code, it.Minutes, plan.Frequency{Times: it.Times, EveryWeeks: it.EveryWeeks,
			WindowFrom: plan.DefaultFrom, WindowTo: plan.DefaultTo}); err != nil {
			return "", err
		}
	}
	if err := tx.enqueue(matchNew{PlanID: planID}, time.Time{}); err != nil {
		return "", err
	}
	if err := tx.planChange(planID, "create", "", map[string]any{}, map[string]any{"package": pkg, "starts_on": starts, "items": items}); err != nil {
		return "", err
	}
	return planID, tx.audit("plan.create", "plan", planID, placeCode, map[string]any{"application_id": appID, "package": pkg, "items": len(items)})
}

// packageItems reads a package's items with the current catalogue version's
// length of a visit; inactive catalogue items are left out.
func (tx *Tx) packageItems(pkg string) ([]packageItem, error) {
	if pkg == "" {
		return nil, nil
	}
	rows, err := tx.Query(`SELECT cp.item_code, cp.times, cp.every_weeks, c.minutes, c.active FROM catalog_packages cp
		JOIN catalog_items c ON c.code = cp.item_code AND c.version = (SELECT MAX(v.version) FROM catalog_items v WHERE v.code = cp.item_code)
		WHERE cp.package = $1 ORDER BY cp.item_code`, pkg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []packageItem
	for rows.Next() {
		var it packageItem
		var active bool
		if err := rows.Scan(&it.Code, &it.Times, &it.EveryWeeks, &it.Minutes, &active); err != nil {
			return nil, err
		}
		if active {
			out = append(out, it)
		}
	}
	return out, rows.Err()
}

// insertPlanItem adds an item to a plan and returns its id.
func (tx *Tx) insertPlanItem(planID, code string, minutes int, f plan.Frequency) (string, error) {
	id := uuid.Must(uuid.NewV7()).String()
	_, err := tx.Exec(`INSERT INTO plan_items (id, plan_id, item_code, times, every_weeks, minutes, window_from, window_to, active, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
		id, planID, code, f.Times, f.EveryWeeks, minutes, f.WindowFrom, f.WindowTo, true, tx.now)
	return id, err
}

// CreatePlansForApproved makes the plans of applications in the actor's
// scope (and under placeCode, if given) that were approved before plans
// existed, or whose package had no catalogue items then. It returns how
// many plans it made.
func (db *DB) CreatePlansForApproved(ctx context.Context, placeCode string) (n int, err error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManagePlans) {
		return 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.add(`SELECT a.id FROM applications a WHERE a.state = %s AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.application_id = a.id)`,
		q.arg(string(approval.Approved)))
	q.scoped("a.place_code", a)
	if placeCode != "" {
		q.inScope("a.place_code", placeCode)
	}
	q.raw(` ORDER BY a.id`)
	err = db.inTx(ctx, func(tx *Tx) error {
		ids, err := tx.column(q.String(), q.args...)
		if err != nil {
			return err
		}
		for _, id := range ids {
			planID, err := tx.createPlanForApplication(id)
			if err != nil {
				return err
			}
			if planID != "" {
				n++
			}
		}
		return nil
	})
	return n, err
}

// column returns the first column of every row of a query, as strings.
func (tx *Tx) column(q string, args ...any) ([]string, error) {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
