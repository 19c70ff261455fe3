package store

import (
	"context"
	"time"

	"jiuzhu/internal/match"
	"jiuzhu/internal/plan"
)

// OneClick is what MatchAndGenerate did.
type OneClick struct {
	PlansCreated int             `json:"plans_created"`
	Run          *match.Run      `json:"run"`
	Orders       plan.WeekReport `json:"orders"`
}

// MatchAndGenerate is the one click for all approved needs under placeCode:
// plans for approved applications that have none yet, a full matching run
// confirmed at once, and the work orders of the week starting week ("" =
// next Monday) with the new workers.
func (db *DB) MatchAndGenerate(ctx context.Context, placeCode, week string) (*OneClick, error) {
	if err := canRunMatching(actorOf(ctx), placeCode); err != nil {
		return nil, err
	}
	week, err := db.checkWeek(week)
	if err != nil {
		return nil, err
	}
	out := &OneClick{}
	if out.PlansCreated, err = db.CreatePlansForApproved(ctx, placeCode); err != nil {
		return nil, err
	}
	run, err := db.PreviewMatching(ctx, placeCode, week)
	if err != nil {
		return nil, err
	}
	if out.Run, err = db.ConfirmRun(ctx, run.ID); err != nil {
		return nil, err
	}
	monday, _ := time.Parse(time.DateOnly, week)
	out.Orders, err = db.GenerateWeek(ctx, monday, placeCode)
	return out, err
}
