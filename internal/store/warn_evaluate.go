package store

import (
	"time"

	"jiuzhu/internal/need"
	"jiuzhu/internal/warn"
)

// evaluate applies the enabled rules to the stored records of the file's
// people of the last two windows (as warn.Evaluate asks, so that an episode
// reads the same each time) and files the warnings.
func (tx *Tx) evaluate(imp *FeedImport, up *FeedUpload, m *matched) error {
	if up.Kind.Facts() {
		// No rule reads these feeds; their records are for verification.
		imp.Unmatched = warn.UnmatchedFacts(up.Records, func(id string) (warn.PersonRef, bool) {
			r, ok := m.byNumber[id]
			return r, ok
		})
		imp.UnmatchedCount = len(imp.Unmatched)
		return nil
	}
	rules, err := tx.enabledRules()
	if err != nil {
		return err
	}
	window := 0
	feedOf := map[string]warn.FeedKind{}
	for _, r := range rules {
		feedOf[r.Code] = r.Feed
		if r.Feed == up.Kind {
			window = max(window, r.WindowDays)
		}
	}
	if window == 0 {
		return nil // no rule reads this feed
	}
	now := tx.now.In(shanghai) // event dates are days in Beijing time
	history, err := tx.history(up.Kind, m, now.AddDate(0, 0, -2*window).Format(time.DateOnly))
	if err != nil {
		return err
	}
	hits, unmatched := warn.Evaluate(rules, history, func(id string) (warn.PersonRef, bool) {
		r, ok := m.byNumber[id]
		return r, ok
	}, now)
	imp.Hits = len(hits)

	// Report the lines of this file, and the name it gives, for each
	// unmatched number: older records belong to other files.
	lines, names := map[string][]int{}, map[string]string{}
	for _, r := range up.Records {
		lines[r.IDNumber] = append(lines[r.IDNumber], r.Line)
		if r.Name != "" {
			names[r.IDNumber] = r.Name
		}
	}
	for i := range unmatched {
		u := &unmatched[i]
		u.Lines = lines[u.IDNumber]
		if n := names[u.IDNumber]; n != "" {
			u.Name = n
		}
	}
	imp.Unmatched, imp.UnmatchedCount = unmatched, len(unmatched)
	category := func(h warn.Hit) need.Category { return feedOf[h.RuleCode].NeedCategory() }
	return tx.fileWarnings(hits, category, m.byID, up.Note, &imp.NeedsFiled, &imp.NeedsMerged, &imp.AlreadyFiled)
}

// history reads the stored records of one feed for the file's people dated
// from the day given (YYYY-MM-DD), this file's included.
func (tx *Tx) history(kind warn.FeedKind, m *matched, from string) ([]warn.Record, error) {
	number := make(map[string]string, len(m.index))
	idx := make([]string, 0, len(m.index))
	for n, i := range m.index {
		number[i] = n
		idx = append(idx, i)
	}
	var out []warn.Record
	for start := 0; start < len(idx); start += idChunk {
		q := &query{}
		q.add(`SELECT id_index, line, event_date, amount_fen, grade, household_size, months, ref FROM feed_records
			WHERE kind = %s AND event_date >= %s`, q.arg(string(kind)), q.arg(from))
		q.inStrings("id_index", idx[start:min(start+idChunk, len(idx))])
		rows, err := tx.Query(q.String(), q.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r := warn.Record{Kind: kind}
			var i, date string
			if err := rows.Scan(&i, &r.Line, &date, &r.AmountFen, &r.Grade, &r.HouseholdSize, &r.Months, &r.Ref); err != nil {
				rows.Close()
				return nil, err
			}
			if r.Date, err = time.Parse(time.DateOnly, date); err != nil {
				rows.Close()
				return nil, err
			}
			r.IDNumber = number[i]
			out = append(out, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
