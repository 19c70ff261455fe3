package store

import (
	"context"
	"database/sql"
	"time"

	"jiuzhu/internal/plan"
	"jiuzhu/internal/visit"
	"jiuzhu/internal/warn"
)

// personFacts returns a person's hospital stays and reported death date from
// department feeds, for visit verification. Internal: no actor check
// (callers are the store's own verification code).
//
// Records are found by the person's ID-number blind index, so that those
// imported before the person was on file, or by an uploader of another area,
// count as well. Days are local days in Beijing time, returned as UTC
// instants. A stay runs from the start of its admission day to the end of
// its discharge day (the start of the next day); To is zero while no
// discharge is on file. An admission is the person and the admission day: a
// later file that reports the discharge adds a record of the same
// admission, and the latest discharge day on file ends the stay. Stays are
// in admission order. diedOn is the start of the earliest reported day of
// death, zero when none is reported.
func (db *DB) personFacts(ctx context.Context, q querier, personID string) (stays []visit.Span, diedOn time.Time, err error) {
	var idx string
	if err := q.QueryRowContext(ctx, `SELECT id_index FROM persons WHERE id = $1`, personID).Scan(&idx); err != nil {
		return nil, time.Time{}, err
	}
	// An open stay's end_date is '', below every day, so MAX picks the
	// discharge once one is on file.
	rows, err := q.QueryContext(ctx, `SELECT kind, event_date, MAX(end_date) FROM feed_records
		WHERE id_index = $1 AND kind IN ($2, $3) GROUP BY kind, event_date ORDER BY kind, event_date`,
		idx, string(warn.HospitalStay), string(warn.Death))
	if err != nil {
		return nil, time.Time{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, from string
		var to sql.NullString
		if err := rows.Scan(&kind, &from, &to); err != nil {
			return nil, time.Time{}, err
		}
		start, err := plan.ParseDay(from)
		if err != nil {
			return nil, time.Time{}, err
		}
		if warn.FeedKind(kind) == warn.Death {
			if diedOn.IsZero() { // rows are in day order
				diedOn = start.UTC()
			}
			continue
		}
		s := visit.Span{From: start.UTC()}
		if to.String != "" {
			end, err := plan.ParseDay(to.String)
			if err != nil {
				return nil, time.Time{}, err
			}
			s.To = end.AddDate(0, 0, 1).UTC()
		}
		stays = append(stays, s)
	}
	return stays, diedOn, rows.Err()
}
