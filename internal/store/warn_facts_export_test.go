package store

import (
	"context"
	"time"

	"jiuzhu/internal/visit"
)

// PersonFactsForTest runs personFacts on the read pool.
func (db *DB) PersonFactsForTest(ctx context.Context, personID string) ([]visit.Span, time.Time, error) {
	return db.personFacts(ctx, db.r, personID)
}
