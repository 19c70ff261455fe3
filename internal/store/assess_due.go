package store

import (
	"context"
	"time"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

// DueReassessment is a person whose latest assessment calls for a new one.
type DueReassessment struct {
	AssessmentID    string    `json:"assessment_id"`
	PersonID        string    `json:"person_id"`
	PersonName      string    `json:"person_name"`
	PlaceCode       string    `json:"place_code"`
	TemplateCode    string    `json:"template_code"`
	TemplateVersion int       `json:"template_version"`
	Tier            int       `json:"tier"`
	Package         string    `json:"package"`
	AssessedAt      time.Time `json:"assessed_at"`
	NextDue         time.Time `json:"next_due"`
	Reason          string    `json:"reason"` // assess.DueChange or assess.DueCycle
}

// changeChannels are the channels that report a change in a person's
// situation: a department's data warning and a home visit of a field survey.
var changeChannels = []need.Channel{need.DataWarning, need.FieldSurvey}

// dueWhere builds the FROM and WHERE of the reassessment query: the latest
// assessment of each person in the actor's scope whose cycle has passed at
// now, or after which a warning or a field survey was filed for the person
// (a new channel entry on any of the person's needs).
func dueWhere(ctx context.Context, now time.Time) (*query, string) {
	q := &query{}
	change := `EXISTS (SELECT 1 FROM needs n JOIN need_channels c ON c.need_id = n.id
		WHERE n.person_id = a.person_id AND c.channel IN (` + q.arg(string(changeChannels[0])) + `, ` + q.arg(string(changeChannels[1])) + `)
		AND c.at > a.at)`
	q.add(` FROM assessments a JOIN persons p ON p.id = a.person_id
		WHERE NOT EXISTS (SELECT 1 FROM assessments b WHERE b.person_id = a.person_id AND (b.at > a.at OR (b.at = a.at AND b.id > a.id)))`)
	q.scoped("p.place_code", actorOf(ctx))
	q.add(` AND (a.next_due <= %s OR %s)`, q.arg(now), change)
	return q, change
}

// ReassessmentsDue lists the people in the actor's scope whose reassessment
// is due at now, soonest due first, with the total number; a reported change
// is given as the reason before a passed cycle.
func (db *DB) ReassessmentsDue(ctx context.Context, now time.Time, offset, limit int) ([]DueReassessment, int, error) {
	if !mayReadAssessments(actorOf(ctx)) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if limit <= 0 || limit > MaxPageSize {
		limit = 50
	}
	where, change := dueWhere(ctx, now.UTC())
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	l := &query{args: where.args}
	l.raw(`SELECT a.id, a.person_id, p.name, p.place_code, a.template_code, a.template_version, a.tier, a.package, a.at, a.next_due, ` +
		change + where.String())
	l.add(` ORDER BY a.next_due, a.id LIMIT %s OFFSET %s`, l.arg(limit), l.arg(offset))
	rows, err := db.r.QueryContext(ctx, l.String(), l.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []DueReassessment{}
	for rows.Next() {
		var d DueReassessment
		var changed bool
		if err := rows.Scan(&d.AssessmentID, &d.PersonID, &d.PersonName, &d.PlaceCode, &d.TemplateCode, &d.TemplateVersion,
			&d.Tier, &d.Package, &d.AssessedAt, &d.NextDue, &changed); err != nil {
			return nil, 0, translate(err)
		}
		d.AssessedAt, d.NextDue, d.Reason = d.AssessedAt.UTC(), d.NextDue.UTC(), assess.DueCycle
		if changed {
			d.Reason = assess.DueChange
		}
		out = append(out, d)
	}
	return out, total, translate(rows.Err())
}
