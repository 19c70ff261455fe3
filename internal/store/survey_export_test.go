package store

import "context"

// StartSurveyRoundForTest runs the job that starts a scheduled survey round,
// as the job runner would on the round's day.
func (db *DB) StartSurveyRoundForTest(ctx context.Context, id string) error {
	return db.startSurveyRound(System(ctx), id)
}
