package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/survey"
)

// CompleteSurveyTask records a home visit's result on an open task in the
// actor's area and files every need found into the demand ledger (channel
// field_survey, source reference "survey:"+id), all in one transaction:
// either the task is done and its needs are in the ledger, or nothing
// changed. So a retry after a failure files each need once, and a second
// completion of a done task is refused (err.survey.task_done) without
// touching the ledger. "No need" closes the task with no ledger entry.
func (db *DB) CompleteSurveyTask(ctx context.Context, id string, res survey.Result) (*survey.Task, error) {
	a := actorOf(ctx)
	if !a.Can(auth.WriteNeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := res.Validate(db.clock()); err != nil {
		return nil, err
	}
	complete := func(tx *Tx) error {
		t, err := db.surveyTaskTx(ctx, tx, id)
		if err != nil {
			return err
		}
		claimed, err := tx.Exec(`UPDATE survey_tasks SET status = $1, result = $2, done_by = $3, done_at = $4 WHERE id = $5 AND status = $6`,
			string(survey.Done), mustJSON(res), a.Username, tx.now, id, string(survey.Open))
		if err != nil {
			return err
		}
		if n, err := claimed.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			if t.Status == survey.Missed {
				return errs.New(errs.Conflict, "err.survey.task_missed")
			}
			return errs.New(errs.Conflict, "err.survey.task_done")
		}
		needIDs := []string{}
		for _, found := range res.Found {
			f := found.Filing(id, t.PersonID)
			nid, err := tx.fileSurveyNeed(ctx, &f)
			if err != nil {
				return err
			}
			needIDs = append(needIDs, nid)
		}
		if _, err := tx.Exec(`UPDATE survey_tasks SET need_ids = $1 WHERE id = $2`, mustJSON(needIDs), id); err != nil {
			return err
		}
		return tx.audit("survey.task.done", "survey_task", id, t.PlaceCode, map[string]any{"no_need": res.NoNeed, "found": len(needIDs)})
	}
	err := db.inTx(ctx, complete)
	if e := (*errs.Error)(nil); errors.As(err, &e) && e.Key == "err.conflict" {
		// A ledger entry this visit merges into was closed between our
		// insert and read (PostgreSQL); the rerun sees it closed.
		err = db.inTx(ctx, complete)
	}
	if err != nil {
		return nil, err
	}
	return db.SurveyTask(ctx, id)
}

// fileSurveyNeed files one need found on a visit inside tx, as FileNeed
// does on its own: a new ledger entry, or a merge into the person's open
// entry of the same category. The insert skips on the open key, so a
// simultaneous filing elsewhere makes this a merge instead of aborting the
// visit's transaction. It returns the entry's id.
func (tx *Tx) fileSurveyNeed(ctx context.Context, f *need.Filing) (string, error) {
	if err := f.Validate(); err != nil {
		return "", err
	}
	placeCode, err := tx.db.personPlace(ctx, tx, f.PersonID)
	if errs.Is(err, errs.NotFound) {
		return "", errs.InvalidField("person_id", "err.need.person", nil)
	}
	if err != nil {
		return "", err
	}
	id, key := uuid.Must(uuid.NewV7()).String(), openKey(f.PersonID, f.Category)
	res, err := tx.Exec(`INSERT INTO needs (id, person_id, place_code, category, items, status, urgency, note, on_behalf, filed_by,
		open_key, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)
		ON CONFLICT (open_key) DO NOTHING`,
		id, f.PersonID, placeCode, string(f.Category), mustJSON(f.Items), string(need.New), string(f.Urgency), f.Note, false,
		tx.actor.Username, key, tx.now)
	if err != nil {
		return "", err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return "", err
	}
	merged := n == 0
	if merged {
		err := tx.QueryRow(`SELECT id FROM needs WHERE open_key = $1`, key).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return "", errs.New(errs.Conflict, "err.conflict")
		}
		if err != nil {
			return "", err
		}
		if err := tx.mergeNeed(ctx, id, f); err != nil {
			return "", err
		}
	} else if err := tx.needEvent(id, "created", map[string]any{"channel": f.Channel, "urgency": f.Urgency, "on_behalf": false,
		"source_ref": f.SourceRef}); err != nil {
		return "", err
	}
	if _, err := tx.Exec(`INSERT INTO need_channels (need_id, channel, source_ref, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
		id, string(f.Channel), f.SourceRef, tx.now); err != nil {
		return "", err
	}
	return id, tx.audit("need.file", "need", id, placeCode, map[string]any{"channel": f.Channel, "merged": merged})
}
