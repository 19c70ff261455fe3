package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/survey"
)

const taskCols = `t.id, t.round_id, r.name, r.kind, t.person_id, p.name, t.place_code, COALESCE(t.assigned_to, ''),
	COALESCE(NULLIF(u.display_name, ''), u.username, ''), t.due, t.status, t.result, t.need_ids, t.done_by, t.done_at, t.created_at`

const taskFrom = ` FROM survey_tasks t JOIN survey_rounds r ON r.id = t.round_id JOIN persons p ON p.id = t.person_id
	LEFT JOIN users u ON u.id = t.assigned_to WHERE 1=1`

func scanTask(s interface{ Scan(...any) error }, now time.Time) (*survey.Task, error) {
	var t survey.Task
	var result sql.NullString
	var needIDs string
	var done sql.NullTime
	if err := s.Scan(&t.ID, &t.RoundID, &t.RoundName, &t.RoundKind, &t.PersonID, &t.PersonName, &t.PlaceCode, &t.AssignedTo,
		&t.AssigneeName, &t.Due, &t.Status, &result, &needIDs, &t.DoneBy, &done, &t.CreatedAt); err != nil {
		return nil, err
	}
	if result.Valid {
		t.Result = &survey.Result{}
		if err := json.Unmarshal([]byte(result.String), t.Result); err != nil {
			return nil, err
		}
	}
	if err := json.Unmarshal([]byte(needIDs), &t.NeedIDs); err != nil {
		return nil, err
	}
	if done.Valid {
		d := done.Time.UTC()
		t.DoneAt = &d
	}
	t.Due, t.CreatedAt = t.Due.UTC(), t.CreatedAt.UTC()
	t.Overdue = t.IsOverdue(now)
	return &t, nil
}

// taskWhere builds the FROM and WHERE of a task query for f.
func taskWhere(a *auth.Actor, f survey.TaskFilter, now time.Time) *query {
	q := &query{}
	q.raw(taskFrom)
	q.scoped("t.place_code", a)
	if f.RoundID != nil {
		q.add(` AND t.round_id = %s`, q.arg(*f.RoundID))
	}
	if f.PlaceCode != nil && *f.PlaceCode != "" {
		q.inScope("t.place_code", *f.PlaceCode)
	}
	if f.Status != nil {
		q.add(` AND t.status = %s`, q.arg(string(*f.Status)))
	}
	if f.Overdue {
		q.add(` AND t.status = %s AND t.due < %s`, q.arg(string(survey.Open)), q.arg(now))
	}
	if f.Mine {
		if a.UserID == "" {
			q.raw(` AND 1=0`)
		} else {
			q.add(` AND t.assigned_to = %s`, q.arg(a.UserID))
		}
	}
	return q
}

// SurveyTasks lists visit tasks in the actor's area: open ones first, the
// soonest due first, with the total number of matches.
func (db *DB) SurveyTasks(ctx context.Context, f survey.TaskFilter) ([]*survey.Task, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	now := db.clock()
	where := taskWhere(a, f, now)
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + taskCols + where.String())
	list.add(` ORDER BY CASE t.status WHEN 'open' THEN 0 ELSE 1 END, t.due, t.place_code, p.name, t.id LIMIT %s OFFSET %s`,
		list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*survey.Task{}
	for rows.Next() {
		t, err := scanTask(rows, now)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, t)
	}
	return out, total, translate(rows.Err())
}

// SurveyTask returns one visit task in the actor's area.
func (db *DB) SurveyTask(ctx context.Context, id string) (*survey.Task, error) {
	if !actorOf(ctx).Can(auth.ReadNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	return db.surveyTaskTx(ctx, db.r, id)
}

func (db *DB) surveyTaskTx(ctx context.Context, q querier, id string) (*survey.Task, error) {
	s := &query{}
	s.raw(`SELECT ` + taskCols + taskFrom)
	s.add(` AND t.id = %s`, s.arg(id))
	s.scoped("t.place_code", actorOf(ctx))
	t, err := scanTask(q.QueryRowContext(ctx, s.String(), s.args...), db.clock())
	return t, translate(err)
}
