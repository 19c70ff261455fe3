package store

import (
	"context"

	"jiuzhu/internal/approval"
)

// SelfPackages returns, for a resident session, the assessment each approved
// application of the session's people rests on, by need id: the package,
// tier and visits per month the resident was granted, for the status page.
// Needs without an approved, assessed application are absent.
func (db *DB) SelfPackages(ctx context.Context, token string) (map[string]*Assessment, error) {
	sid, _, err := db.residentSession(ctx, token)
	if err != nil {
		return nil, err
	}
	q := &query{}
	q.add(`SELECT ap.need_id, `+assessmentCols+` FROM assessments a JOIN persons p ON p.id = a.person_id
		JOIN applications ap ON ap.id = a.application_id
		JOIN resident_session_persons sp ON sp.person_id = a.person_id
		WHERE sp.session_id = %s AND ap.state = %s ORDER BY a.at, a.id`, q.arg(sid), q.arg(string(approval.Approved)))
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]*Assessment{}
	for rows.Next() {
		var needID string
		as, err := scanAssessment(prefixScanner{rows, &needID})
		if err != nil {
			return nil, translate(err)
		}
		out[needID] = as // ordered by time: the newest wins
	}
	return out, translate(rows.Err())
}

// prefixScanner scans a leading column into first, then the rest as s would.
type prefixScanner struct {
	s     interface{ Scan(...any) error }
	first any
}

func (p prefixScanner) Scan(dest ...any) error { return p.s.Scan(append([]any{p.first}, dest...)...) }
