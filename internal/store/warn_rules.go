package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/warn"
)

// WarningRule is a rule as stored: Version counts its edits (0 for a default
// rule not yet written), UpdatedBy and UpdatedAt name the last edit.
type WarningRule struct {
	warn.Rule
	Version   int        `json:"version"`
	UpdatedBy string     `json:"updated_by,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

const ruleCols = `code, feed, threshold, window_days, target, category, urgency, visit_within_days, enabled, version, updated_by, updated_at`

// readRules returns the stored rules, or warn.DefaultRules (version 0) while
// none has been edited, in feed order, then by code.
func readRules(ctx context.Context, q querier) ([]WarningRule, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+ruleCols+` FROM warning_rules`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WarningRule
	for rows.Next() {
		var r WarningRule
		var target string
		var at time.Time
		if err := rows.Scan(&r.Code, &r.Feed, &r.Threshold, &r.WindowDays, &target, &r.Category, &r.Urgency, &r.VisitWithinDays,
			&r.Enabled, &r.Version, &r.UpdatedBy, &at); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(target), &r.Target); err != nil {
			return nil, err
		}
		at = at.UTC()
		r.UpdatedAt = &at
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		for _, r := range warn.DefaultRules() {
			out = append(out, WarningRule{Rule: r})
		}
	}
	slices.SortStableFunc(out, func(a, b WarningRule) int {
		if d := slices.Index(warn.FeedKinds, a.Feed) - slices.Index(warn.FeedKinds, b.Feed); d != 0 {
			return d
		}
		return cmp.Compare(a.Code, b.Code)
	})
	return out, nil
}

// WarningRules lists the rules that turn feed records into warnings.
func (db *DB) WarningRules(ctx context.Context) ([]WarningRule, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ReadNeeds) && !a.Can(auth.UploadFeeds) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	rs, err := readRules(ctx, db.r)
	return rs, translate(err)
}

// PutWarningRule saves a rule, creating it when its code is new (created is
// true). A rule's feed cannot change: its code is in the fingerprints of
// the warnings it raised. version, when not 0, must be the version read.
// The first edit writes the default rules first, so the table then holds
// every rule. Every change is audited with the fields it changed.
func (db *DB) PutWarningRule(ctx context.Context, r warn.Rule, version int) (saved *WarningRule, created bool, err error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageWarnings) {
		return nil, false, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := r.Validate(); err != nil {
		return nil, false, err
	}
	if len(r.Target.Categories) == 0 {
		r.Target.Categories = nil // as stored: an empty list is no list
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		rules, err := readRules(ctx, tx)
		if err != nil {
			return err
		}
		if rules[0].Version == 0 {
			for _, d := range rules {
				if err := tx.insertRule(d.Rule); err != nil {
					return err
				}
			}
		}
		i := slices.IndexFunc(rules, func(x WarningRule) bool { return x.Code == r.Code })
		if i < 0 {
			created = true
			if err := tx.insertRule(r); err != nil {
				return err
			}
			return tx.audit("warning_rule.create", "warning_rule", r.Code, "", map[string]any{"feed": r.Feed})
		}
		old := rules[i]
		cur := max(old.Version, 1)
		switch {
		case old.Feed != r.Feed:
			return errs.InvalidField("feed", "err.rule.feed_fixed", nil)
		case version != 0 && version != cur:
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": cur}}
		}
		changed := ruleChanges(&old.Rule, &r)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE warning_rules SET threshold = $1, window_days = $2, target = $3, category = $4, urgency = $5,
			visit_within_days = $6, enabled = $7, version = version + 1, updated_by = $8, updated_at = $9 WHERE code = $10`,
			r.Threshold, r.WindowDays, mustJSON(r.Target), string(r.Category), string(r.Urgency), r.VisitWithinDays, r.Enabled,
			tx.actor.Username, tx.now, r.Code); err != nil {
			return err
		}
		return tx.audit("warning_rule.update", "warning_rule", r.Code, "", map[string]any{"changed": changed})
	})
	if err != nil {
		return nil, false, err
	}
	rules, err := readRules(ctx, db.w)
	if err != nil {
		return nil, false, translate(err)
	}
	for _, x := range rules {
		if x.Code == r.Code {
			return &x, created, nil
		}
	}
	return nil, false, errs.Wrap(errors.New("saved rule not found"), "err.internal")
}

func (tx *Tx) insertRule(r warn.Rule) error {
	_, err := tx.Exec(`INSERT INTO warning_rules (`+ruleCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11)`,
		r.Code, string(r.Feed), r.Threshold, r.WindowDays, mustJSON(r.Target), string(r.Category), string(r.Urgency),
		r.VisitWithinDays, r.Enabled, tx.actor.Username, tx.now)
	return err
}

// ruleChanges names the fields of a rule an edit changes, for the audit log.
func ruleChanges(old, r *warn.Rule) []string {
	var changed []string
	for _, f := range []struct {
		name     string
		was, now any
	}{
		{"threshold", old.Threshold, r.Threshold}, {"window_days", old.WindowDays, r.WindowDays},
		{"target", old.Target, r.Target}, {"category", old.Category, r.Category}, {"urgency", old.Urgency, r.Urgency},
		{"visit_within_days", old.VisitWithinDays, r.VisitWithinDays}, {"enabled", old.Enabled, r.Enabled},
	} {
		if !reflect.DeepEqual(f.was, f.now) {
			changed = append(changed, f.name)
		}
	}
	return changed
}

// enabledRules returns the rules inside tx for evaluation.
func (tx *Tx) enabledRules() ([]warn.Rule, error) {
	rs, err := readRules(tx.ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []warn.Rule
	for _, r := range rs {
		if r.Enabled {
			out = append(out, r.Rule)
		}
	}
	return out, nil
}
