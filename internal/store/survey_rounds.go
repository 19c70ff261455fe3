package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
	"jiuzhu/internal/survey"
)

const roundCols = `r.id, r.series_id, r.seq, r.kind, r.name, r.place_code, r.categories, r.frequency_days, r.starts_on,
	r.due_days, r.status, r.created_by, r.created_at, r.started_at`

func scanRound(s interface{ Scan(...any) error }) (*survey.Round, error) {
	var r survey.Round
	var cats string
	var started sql.NullTime
	if err := s.Scan(&r.ID, &r.SeriesID, &r.Seq, &r.Kind, &r.Name, &r.PlaceCode, &cats, &r.FrequencyDays, &r.StartsOn,
		&r.DueDays, &r.Status, &r.CreatedBy, &r.CreatedAt, &started); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cats), &r.TargetCategories); err != nil {
		return nil, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	if started.Valid {
		t := started.Time.UTC()
		r.StartedAt = &t
	}
	return &r, nil
}

// roundScope restricts q to the rounds an actor sees: those of places in
// its area, and those of the places above it, whose visits reach into it.
func roundScope(q *query, a *auth.Actor) {
	switch {
	case a.System:
		return
	case a.Scope == "" || a.Scope == "-":
		q.add(" AND 1=0")
		return
	}
	lo, hi := place.Range(a.Scope)
	q.add(" AND ((r.place_code >= %s AND r.place_code < %s)", q.arg(lo), q.arg(hi))
	for c := place.ParentCode(a.Scope); c != ""; c = place.ParentCode(c) {
		q.add(" OR r.place_code = %s", q.arg(c))
	}
	q.add(")")
}

// CreateSurveyRound plans a survey round in the actor's area. A round
// starting today makes its visit tasks at once, in the same transaction; a
// later one is started by a background job on its day. Township officers,
// county reviewers and prefecture administrators plan rounds.
func (db *DB) CreateSurveyRound(ctx context.Context, r *survey.Round) (*survey.Round, error) {
	a := actorOf(ctx)
	if !survey.CanPlan(a) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := r.Validate(db.clock()); err != nil {
		return nil, err
	}
	if !a.Sees(r.PlaceCode) {
		return nil, errs.InvalidField("place_code", "err.place.out_of_scope", nil)
	}
	r.ID = uuid.Must(uuid.NewV7()).String()
	r.SeriesID, r.Seq, r.Status, r.CreatedBy = r.ID, 1, survey.Scheduled, a.Username
	err := db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM places WHERE code = $1`, r.PlaceCode).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.InvalidField("place_code", "err.place.unknown", nil)
		}
		r.CreatedAt = tx.now
		if err := tx.insertRound(r); err != nil {
			return err
		}
		if err := tx.audit("survey.round.create", "survey_round", r.ID, r.PlaceCode,
			map[string]any{"kind": r.Kind, "starts_on": r.StartsOn, "frequency_days": r.FrequencyDays}); err != nil {
			return err
		}
		if r.StartsOn <= survey.Today(tx.now) {
			return tx.startRound(r)
		}
		at, err := survey.StartTime(r.StartsOn)
		if err != nil {
			return err
		}
		return tx.enqueue(surveyRoundStart{RoundID: r.ID}, at)
	})
	if err != nil {
		return nil, err
	}
	return db.SurveyRound(ctx, r.ID)
}

func (tx *Tx) insertRound(r *survey.Round) error {
	_, err := tx.Exec(`INSERT INTO survey_rounds (id, series_id, seq, kind, name, place_code, categories, frequency_days, starts_on,
		due_days, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		r.ID, r.SeriesID, r.Seq, string(r.Kind), r.Name, r.PlaceCode, mustJSON(r.TargetCategories), r.FrequencyDays, r.StartsOn,
		r.DueDays, string(r.Status), r.CreatedBy, tx.now)
	return err
}

// SurveyRounds lists the rounds the actor sees, latest start first, each
// with the progress of its tasks inside the actor's area.
func (db *DB) SurveyRounds(ctx context.Context, f survey.RoundFilter) ([]*survey.Round, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	where := &query{}
	where.raw(` FROM survey_rounds r WHERE 1=1`)
	roundScope(where, a)
	if f.Kind != nil {
		where.add(` AND r.kind = %s`, where.arg(string(*f.Kind)))
	}
	if f.Status != nil {
		where.add(` AND r.status = %s`, where.arg(string(*f.Status)))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + roundCols + where.String())
	list.add(` ORDER BY r.starts_on DESC, r.created_at DESC, r.id LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []*survey.Round{}
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err)
	}
	rows.Close()
	return out, total, db.loadProgress(ctx, a, out)
}

// SurveyRound returns one round the actor sees, with its progress.
func (db *DB) SurveyRound(ctx context.Context, id string) (*survey.Round, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	r, err := db.surveyRoundTx(ctx, db.r, id)
	if err != nil {
		return nil, err
	}
	return r, db.loadProgress(ctx, a, []*survey.Round{r})
}

func (db *DB) surveyRoundTx(ctx context.Context, q querier, id string) (*survey.Round, error) {
	s := &query{}
	s.add(`SELECT `+roundCols+` FROM survey_rounds r WHERE r.id = %s`, s.arg(id))
	roundScope(s, actorOf(ctx))
	r, err := scanRound(q.QueryRowContext(ctx, s.String(), s.args...))
	return r, translate(err)
}

// loadProgress counts the tasks of rounds by status, inside a's area.
func (db *DB) loadProgress(ctx context.Context, a *auth.Actor, rs []*survey.Round) error {
	if len(rs) == 0 {
		return nil
	}
	byID := map[string]*survey.Round{}
	q := &query{}
	now := q.arg(db.clock())
	q.add(`SELECT t.round_id, t.status, COUNT(*), SUM(CASE WHEN t.due < %s THEN 1 ELSE 0 END) FROM survey_tasks t WHERE t.round_id IN (`, now)
	for i, r := range rs {
		byID[r.ID] = r
		r.Progress = survey.Progress{}
		if i > 0 {
			q.raw(", ")
		}
		q.add("%s", q.arg(r.ID))
	}
	q.raw(")")
	q.scoped("t.place_code", a)
	q.raw(` GROUP BY t.round_id, t.status`)
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var status survey.TaskStatus
		var n, late int
		if err := rows.Scan(&id, &status, &n, &late); err != nil {
			return translate(err)
		}
		p := &byID[id].Progress
		p.Total += n
		switch status {
		case survey.Open:
			p.Open, p.Overdue = n, late
		case survey.Done:
			p.Done = n
		case survey.Missed:
			p.Missed = n
		}
	}
	return translate(rows.Err())
}
