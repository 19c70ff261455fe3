package store

import (
	"context"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/errs"
)

// ApplicationAssessment returns the newest assessment linked to an
// application in the actor's scope: the package the decision grants. An
// application without one is not found.
func (db *DB) ApplicationAssessment(ctx context.Context, appID string) (*Assessment, error) {
	a := actorOf(ctx)
	if _, err := db.Application(ctx, appID); err != nil {
		return nil, err
	}
	q := &query{}
	q.add(`SELECT `+assessmentCols+` FROM assessments a JOIN persons p ON p.id = a.person_id WHERE a.application_id = %s`, q.arg(appID))
	q.scoped("p.place_code", a)
	q.raw(` ORDER BY a.at DESC, a.id DESC LIMIT 1`)
	list, err := db.queryAssessments(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errs.New(errs.NotFound, "err.not_found")
	}
	return list[0], nil
}

// PassAssessment passes the approval's professional assessment step of an
// application, which needs an assessment of that application on record
// (err.assess.required); version is the application version the assessor
// read. Approval rules decide the rest (only the assessor may pass the step).
func (db *DB) PassAssessment(ctx context.Context, appID string, version int) (*Application, error) {
	app, err := db.Application(ctx, appID)
	if err != nil {
		return nil, err
	}
	if app.State != approval.Assessment {
		return nil, errs.New(errs.Conflict, "err.assess.step")
	}
	// Assessments are never deleted, so one seen here is still there when
	// Act records the step.
	if _, err := db.ApplicationAssessment(ctx, appID); errs.Is(err, errs.NotFound) {
		return nil, errs.New(errs.Conflict, "err.assess.required")
	} else if err != nil {
		return nil, err
	}
	return db.Act(ctx, appID, approval.Pass, "", version)
}
