package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/person"
	"jiuzhu/internal/place"
	"jiuzhu/internal/survey"
)

// taskBatch is the number of visit tasks one INSERT writes. The statement is
// prepared once and run for every full batch: parsing a long multi-row
// statement is what costs on SQLite, not running it. A prefecture's census
// (thousands of people) takes a few dozen runs, well inside both databases'
// limits on parameters (8 per row).
const taskBatch = 100

// startRound makes a scheduled round's visit tasks inside tx and marks it
// active; a round already started is left alone, so a job that runs twice
// makes no second set. Open tasks of the series' earlier occurrences become
// missed, and a routine round schedules its next occurrence, whose start
// job is written in this same transaction.
func (tx *Tx) startRound(r *survey.Round) error {
	res, err := tx.Exec(`UPDATE survey_rounds SET status = $1, started_at = $2 WHERE id = $3 AND status = $4`,
		string(survey.Active), tx.now, r.ID, string(survey.Scheduled))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return err
	}
	people, err := tx.surveyPeople(r)
	if err != nil {
		return err
	}
	workers, err := tx.surveyWorkers(r.PlaceCode)
	if err != nil {
		return err
	}
	tasks := survey.Plan(r, people, workers, tx.now)
	if err := tx.insertTasks(tasks); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE survey_rounds SET task_count = $1 WHERE id = $2`, len(tasks), r.ID); err != nil {
		return err
	}
	res, err = tx.Exec(`UPDATE survey_tasks SET status = $1 WHERE status = $2 AND round_id IN
		(SELECT id FROM survey_rounds WHERE series_id = $3 AND seq < $4)`, string(survey.Missed), string(survey.Open), r.SeriesID, r.Seq)
	if err != nil {
		return err
	}
	missed, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if err := tx.audit("survey.round.start", "survey_round", r.ID, r.PlaceCode, map[string]any{"tasks": len(tasks), "missed": missed}); err != nil {
		return err
	}
	if r.Kind != survey.Routine {
		return nil
	}
	starts, err := survey.NextStart(r.StartsOn, r.FrequencyDays, survey.Today(tx.now))
	if err != nil {
		return err
	}
	next := *r
	next.ID, next.Seq, next.StartsOn, next.Status, next.StartedAt = uuid.Must(uuid.NewV7()).String(), r.Seq+1, starts, survey.Scheduled, nil
	if err := tx.insertRound(&next); err != nil {
		return err
	}
	at, err := survey.StartTime(starts)
	if err != nil {
		return err
	}
	return tx.enqueue(surveyRoundStart{RoundID: next.ID}, at)
}

// surveyPeople reads the people in a round's area who belong to one of its
// target categories, with those categories.
func (tx *Tx) surveyPeople(r *survey.Round) ([]survey.PersonRef, error) {
	q := &query{}
	q.raw(`SELECT p.id, p.place_code, c.category FROM persons p JOIN person_categories c ON c.person_id = p.id WHERE c.category IN (`)
	for i, c := range r.TargetCategories {
		if i > 0 {
			q.raw(", ")
		}
		q.add("%s", q.arg(string(c)))
	}
	q.raw(")")
	q.inScope("p.place_code", r.PlaceCode)
	q.raw(` ORDER BY p.place_code, p.id`)
	rows, err := tx.Query(q.String(), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []survey.PersonRef
	for rows.Next() {
		var id, code string
		var c person.Category
		if err := rows.Scan(&id, &code, &c); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].ID == id {
			out[n-1].Categories = append(out[n-1].Categories, c)
			continue
		}
		out = append(out, survey.PersonRef{ID: id, PlaceCode: code, Categories: []person.Category{c}})
	}
	return out, rows.Err()
}

// surveyWorkers maps each village in the area to its active village
// workers' user ids.
func (tx *Tx) surveyWorkers(area string) (map[string][]string, error) {
	q := &query{}
	q.add(`SELECT id, place_code FROM users WHERE role = %s AND disabled = `+tx.db.falseLit(), q.arg(string(auth.VillageWorker)))
	q.inScope("place_code", area)
	q.raw(` ORDER BY id`)
	rows, err := tx.Query(q.String(), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var id, code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		if lvl, err := place.LevelOf(code); err == nil && lvl == place.Village {
			out[code] = append(out[code], id)
		}
	}
	return out, rows.Err()
}

// insertTasks writes tasks in batches of taskBatch rows.
func (tx *Tx) insertTasks(tasks []survey.Task) error {
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for start := 0; start < len(tasks); start += taskBatch {
		batch := tasks[start:min(start+taskBatch, len(tasks))]
		q := &query{}
		q.raw(`INSERT INTO survey_tasks (id, round_id, person_id, place_code, assigned_to, due, status, created_at) VALUES `)
		for i, t := range batch {
			if i > 0 {
				q.raw(", ")
			}
			q.add("(%s, %s, %s, %s, %s, %s, %s, %s)", q.arg(uuid.Must(uuid.NewV7()).String()), q.arg(t.RoundID), q.arg(t.PersonID),
				q.arg(t.PlaceCode), q.arg(nullable(t.AssignedTo)), q.arg(t.Due), q.arg(string(t.Status)), q.arg(t.CreatedAt))
		}
		var err error
		switch {
		case len(batch) < taskBatch:
			_, err = tx.Exec(q.String(), q.args...)
		case full == nil:
			if full, err = tx.Prepare(q.String()); err == nil {
				_, err = full.Exec(q.args...)
			}
		default:
			_, err = full.Exec(q.args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// surveyRoundStart starts a scheduled round on its day.
type surveyRoundStart struct {
	RoundID string `json:"round_id"`
}

func (surveyRoundStart) Kind() string { return "survey_round_start" }

func (surveyRoundStart) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 10} }

type surveyWorker struct {
	river.WorkerDefaults[surveyRoundStart]
	db *DB
}

func (w *surveyWorker) Work(ctx context.Context, j *river.Job[surveyRoundStart]) error {
	return w.db.startSurveyRound(System(ctx), j.Args.RoundID)
}

// startSurveyRound runs when a scheduled round's day comes. A round that is
// gone or already started is left alone.
func (db *DB) startSurveyRound(ctx context.Context, id string) error {
	r, err := db.surveyRoundTx(ctx, db.r, id)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.Status != survey.Scheduled {
		return nil
	}
	at, err := survey.StartTime(r.StartsOn)
	if err != nil {
		return err
	}
	if now := db.clock(); now.Before(at) {
		// Clocks differ between hosts: try again just after the start.
		return river.JobSnooze(at.Sub(now) + time.Second)
	}
	return db.inTx(ctx, func(tx *Tx) error { return tx.startRound(r) })
}
