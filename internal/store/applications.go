package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

// Application is a need going through the four-level approval.
type Application struct {
	ID         string `json:"id"`
	NeedID     string `json:"need_id"`
	PersonID   string `json:"person_id"`
	PersonName string `json:"person_name"`
	PlaceCode  string `json:"place_code"`
	approval.Case
	Allowed   []approval.Action `json:"allowed"` // what the reader may do now
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
}

const appCols = `a.id, a.need_id, a.person_id, p.name, a.place_code, a.state, a.urgent, a.applicant, a.version, a.entered, a.started,
	a.due, a.notice_ends, a.open_objections, a.appeals, a.created_at, a.updated_at`

func scanApplication(s interface{ Scan(...any) error }) (*Application, error) {
	var a Application
	var due, notice sql.NullTime
	if err := s.Scan(&a.ID, &a.NeedID, &a.PersonID, &a.PersonName, &a.PlaceCode, &a.State, &a.Urgent, &a.Applicant, &a.Version,
		&a.Entered, &a.Started, &due, &notice, &a.OpenObjections, &a.Appeals, &a.CreatedAt, &a.UpdatedAt); err != nil {
		return nil, err
	}
	a.Due, a.NoticeEnds = due.Time.UTC(), notice.Time.UTC()
	a.Entered, a.Started, a.CreatedAt, a.UpdatedAt = a.Entered.UTC(), a.Started.UTC(), a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

func zeroNull(t time.Time) sql.NullTime { return sql.NullTime{Time: t.UTC(), Valid: !t.IsZero()} }

// OpenApplication starts the approval of an open need, submitted by the
// acting staff member on the resident's behalf. A need has at most one
// application at a time.
func (db *DB) OpenApplication(ctx context.Context, needID string, urgent bool) (*Application, error) {
	a := actorOf(ctx)
	if !a.Can(auth.WriteNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	id := uuid.Must(uuid.NewV7()).String()
	err := db.inTx(ctx, func(tx *Tx) error {
		n, err := db.needTx(ctx, tx, needID)
		if err != nil {
			return err
		}
		if !n.Status.Open() || n.Status == need.InReview {
			return &errs.Error{Code: errs.Conflict, Key: "err.application.exists"}
		}
		c := approval.New("", urgent)
		c.Version = 0
		next, eff, err := approval.Apply(c, approval.Submit, approval.ActorOf(a), "", tx.now, db.approval)
		if err != nil {
			return err
		}
		_, err = tx.Exec(`INSERT INTO applications (id, need_id, person_id, place_code, state, urgent, applicant, version, entered, started,
			due, notice_ends, open_objections, appeals, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
			id, n.ID, n.PersonID, n.PlaceCode, string(next.State), next.Urgent, next.Applicant, next.Version, next.Entered, next.Started,
			zeroNull(next.Due), zeroNull(next.NoticeEnds), next.OpenObjections, next.Appeals, tx.now)
		if err != nil {
			return err
		}
		return tx.afterStep(id, n.ID, n.PlaceCode, next, eff)
	})
	if err != nil {
		return nil, err
	}
	return db.Application(ctx, id)
}

// Act takes an approval action on an application in the actor's scope.
// version is the version the officer read: when two act on the same step at
// once, one wins and the other gets err.version_conflict.
func (db *DB) Act(ctx context.Context, id string, action approval.Action, reason string, version int) (*Application, error) {
	a := actorOf(ctx)
	err := db.inTx(ctx, func(tx *Tx) error {
		app, err := db.applicationTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if app.Version != version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": app.Version}}
		}
		next, eff, err := approval.Apply(app.Case, action, approval.ActorOf(a), reason, tx.now, db.approval)
		if err != nil {
			return err
		}
		if app.State == approval.Assessment && action == approval.Pass {
			// The professional assessment passes only on a recorded
			// assessment, whichever route the pass comes through.
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM assessments WHERE application_id = $1`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return &errs.Error{Code: errs.Conflict, Key: "err.assess.required"}
			}
		}
		res, err := tx.Exec(`UPDATE applications SET state = $1, version = $2, entered = $3, started = $4, due = $5, notice_ends = $6,
			open_objections = $7, appeals = $8, updated_at = $9 WHERE id = $10 AND version = $11`,
			string(next.State), next.Version, next.Entered, next.Started, zeroNull(next.Due), zeroNull(next.NoticeEnds),
			next.OpenObjections, next.Appeals, tx.now, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.New(errs.Conflict, "err.version_conflict")
		}
		return tx.afterStep(id, app.NeedID, app.PlaceCode, next, eff)
	})
	if err != nil {
		return nil, err
	}
	return db.Application(ctx, id)
}

// afterStep records the step, schedules the new step's deadline and
// reminder, files the notifications and keeps the need's status in line,
// all in the step's transaction.
func (tx *Tx) afterStep(id, needID, placeCode string, c approval.Case, eff approval.Effect) error {
	st := eff.Step
	if _, err := tx.Exec(`INSERT INTO application_steps (application_id, from_state, to_state, action, role, actor_id, reason, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, string(st.From), string(st.To), string(st.Action), string(st.Role), st.ActorID, st.Reason, st.At); err != nil {
		return err
	}
	if eff.Moved && !eff.Due.IsZero() {
		if err := tx.enqueue(approvalDeadline{ApplicationID: id, Due: eff.Due}, eff.Due); err != nil {
			return err
		}
		if !eff.Remind.IsZero() {
			if err := tx.enqueue(approvalDeadline{ApplicationID: id, Due: eff.Due, Remind: true}, eff.Remind); err != nil {
				return err
			}
		}
	}
	if eff.Notify != "" {
		if err := tx.notify(placeCode, eff.Notify, id, "action_needed", c.State.Label()); err != nil {
			return err
		}
	}
	if eff.NotifyApplicant {
		if err := tx.notify(placeCode, auth.Resident, id, "decision", st.Action.Label()); err != nil {
			return err
		}
		if err := tx.enqueue(decisionSMS{ApplicationID: id, Action: st.Action, State: c.State}, time.Time{}); err != nil {
			return err
		}
	}
	if err := tx.syncNeed(needID, c.State); err != nil {
		return err
	}
	if eff.Moved && c.State == approval.Approved {
		if _, err := tx.createPlanForApplication(id); err != nil {
			return err
		}
	}
	return tx.audit("application."+string(st.Action), "application", id, placeCode, map[string]any{"from": st.From, "to": st.To})
}

// syncNeed mirrors an application's state on its ledger entry; a decided
// need no longer takes merges.
func (tx *Tx) syncNeed(needID string, s approval.State) error {
	status := need.InReview
	switch s {
	case approval.Approved:
		status = need.Approved
	case approval.Rejected:
		status = need.Rejected
	case approval.Withdrawn:
		status = need.Closed
	}
	q := `UPDATE needs SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3`
	if !status.Open() {
		q = `UPDATE needs SET status = $1, open_key = NULL, version = version + 1, updated_at = $2 WHERE id = $3`
	}
	_, err := tx.Exec(q, string(status), tx.now, needID)
	return err
}

func (tx *Tx) notify(placeCode string, role auth.Role, appID, kind, key string) error {
	_, err := tx.Exec(`INSERT INTO notifications (at, place_code, role, application_id, kind, msg_key) VALUES ($1, $2, $3, $4, $5, $6)`,
		tx.now, placeCode, string(role), appID, kind, key)
	return err
}

func (db *DB) applicationTx(ctx context.Context, q querier, id string) (*Application, error) {
	s := &query{}
	s.add(`SELECT `+appCols+` FROM applications a JOIN persons p ON p.id = a.person_id WHERE a.id = %s`, s.arg(id))
	s.scoped("a.place_code", actorOf(ctx))
	app, err := scanApplication(q.QueryRowContext(ctx, s.String(), s.args...))
	return app, translate(err)
}

// Application returns an application in the actor's scope with its history
// and the actions the actor may take now.
func (db *DB) Application(ctx context.Context, id string) (*Application, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	app, err := db.applicationTx(ctx, db.r, id)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT from_state, to_state, action, role, actor_id, reason, at FROM application_steps
		WHERE application_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	app.History = []approval.Step{}
	for rows.Next() {
		var st approval.Step
		if err := rows.Scan(&st.From, &st.To, &st.Action, &st.Role, &st.ActorID, &st.Reason, &st.At); err != nil {
			return nil, translate(err)
		}
		st.At = st.At.UTC()
		app.History = append(app.History, st)
	}
	app.Allowed = nonNilActions(approval.Allowed(app.Case, approval.ActorOf(a), db.clock(), db.approval))
	return app, translate(rows.Err())
}

func nonNilActions(a []approval.Action) []approval.Action {
	if a == nil {
		return []approval.Action{}
	}
	return a
}

// fireDeadline runs when a step's reminder or deadline comes. A case that
// has moved on since (its Due changed) is left alone.
func (db *DB) fireDeadline(ctx context.Context, j approvalDeadline) error {
	app, err := db.applicationTx(ctx, db.r, j.ApplicationID)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !app.Due.Equal(j.Due.UTC().Truncate(time.Microsecond)) {
		return nil
	}
	now := db.clock()
	if !j.Remind && !approval.Overdue(app.Case, now) {
		// Clocks differ between hosts: try again just after the deadline.
		return river.JobSnooze(app.Due.Sub(now) + time.Second)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if j.Remind {
			return tx.notify(app.PlaceCode, approval.Owner(app.State), app.ID, "reminder", app.State.Label())
		}
		if to, ok := approval.Escalation(app.Case, now); ok {
			if err := tx.notify(app.PlaceCode, to, app.ID, "overdue", app.State.Label()); err != nil {
				return err
			}
		}
		return tx.audit("application.overdue", "application", app.ID, app.PlaceCode, map[string]any{"state": app.State, "due": app.Due})
	})
}
