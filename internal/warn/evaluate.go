package warn

import (
	"cmp"
	"slices"
	"time"

	"jiuzhu/internal/person"
)

// Hit is a warning about one person: the store turns it into a ledger entry
// assigned to the person's village worker, unless an entry with the same
// Fingerprint exists.
type Hit struct {
	RuleCode    string          `json:"rule_code"`
	PersonID    string          `json:"person_id"`
	Category    person.Category `json:"category,omitempty"`
	Urgency     Urgency         `json:"urgency"`
	Since       time.Time       `json:"since"` // first day the rule was met in this episode
	Due         time.Time       `json:"due"`   // visit deadline
	ReasonKey   string          `json:"reason_key"`
	ReasonArgs  map[string]any  `json:"reason_args,omitempty"`
	Fingerprint string          `json:"fingerprint"` // rule, person and Since: stable across re-evaluations
}

// Unmatched is an ID number whose records meet a rule but who is not on
// file: judged on the feed alone (threshold, window, and age from the ID
// number; categories cannot be known). These are the people active discovery
// (主动发现) is for, so they are reported, never dropped.
type Unmatched struct {
	Kind     FeedKind `json:"kind"`
	IDNumber string   `json:"id_number"`
	Name     string   `json:"name,omitempty"` // as the department wrote it
	Lines    []int    `json:"lines"`          // of the records, in their import files
	Rules    []string `json:"rules"`
}

// Evaluate applies the enabled, valid rules to the records and returns the
// hits, ordered by rule and person, and the unmatched ID numbers. people
// looks a person up by normalized ID number. The result depends only on its
// inputs, not on the order of records, so evaluating again — or later within
// the window — yields the same fingerprints.
//
// Per person and rule, the days on which the rule is met are grouped into
// episodes: an episode starts on such a day and lasts WindowDays; the next
// day the rule is met after that starts a new one. The latest episode raises
// a hit while it started within the last WindowDays days. For the history to
// be read the same way each time, pass each person's records of at least the
// last two windows.
func Evaluate(rules []Rule, records []Record, people func(idNumber string) (PersonRef, bool), now time.Time) ([]Hit, []Unmatched) {
	today := dateOf(now)
	feeds := groupRecords(records, today)
	found := map[string]*PersonRef{}
	lookup := func(id string) *PersonRef {
		if ref, ok := found[id]; ok {
			return ref
		}
		var ref *PersonRef
		if p, ok := people(id); ok {
			ref = &p
		}
		found[id] = ref
		return ref
	}
	var hits []Hit
	unmatched := map[string]*Unmatched{}
	for i := range rules {
		r := &rules[i]
		if !r.Enabled || r.Validate() != nil {
			continue
		}
		for id, recs := range feeds[r.Feed] {
			ep, ok := episode(r, recs, today)
			if !ok {
				continue
			}
			ref := lookup(id)
			if ref == nil {
				if r.Target.ageMatches(ageFromID(id, ep.last.Date)) {
					u := unmatched[string(r.Feed)+"|"+id]
					if u == nil {
						u = &Unmatched{Kind: r.Feed, IDNumber: id, Name: recs[len(recs)-1].Name}
						for _, rec := range recs {
							u.Lines = append(u.Lines, rec.Line)
						}
						unmatched[string(r.Feed)+"|"+id] = u
					}
					u.Rules = append(u.Rules, r.Code)
				}
				continue
			}
			if !r.Target.matches(ref, ep.last.Date) {
				continue
			}
			hits = append(hits, Hit{
				RuleCode:    r.Code,
				PersonID:    ref.ID,
				Category:    r.Category,
				Urgency:     r.Urgency,
				Since:       ep.start,
				Due:         now.AddDate(0, 0, r.VisitWithinDays),
				ReasonKey:   "warn.reason." + string(r.Feed),
				ReasonArgs:  reasonArgs(r, ref, ep),
				Fingerprint: digest("warn.hit.v1", r.Code, ref.ID, ep.start.Format(time.DateOnly)),
			})
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(a.RuleCode, b.RuleCode), cmp.Compare(a.PersonID, b.PersonID))
	})
	var us []Unmatched
	for _, u := range unmatched {
		slices.Sort(u.Rules)
		us = append(us, *u)
	}
	slices.SortFunc(us, func(a, b Unmatched) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.IDNumber, b.IDNumber))
	})
	return hits, us
}

// UnmatchedFacts lists the ID numbers of fact-feed records (FeedKind.Facts)
// that people does not find, ordered by feed and number, with no rules: no
// rule reads these feeds, so every number not on file is reported, as for
// the other feeds those whose records meet a rule. Records of other feeds
// are left out.
func UnmatchedFacts(records []Record, people func(idNumber string) (PersonRef, bool)) []Unmatched {
	found := map[string]bool{}
	byKey := map[string]*Unmatched{}
	var us []*Unmatched
	for _, rec := range records {
		if !rec.Kind.Facts() {
			continue
		}
		id := person.NormalizeID(rec.IDNumber)
		known, seen := found[id]
		if !seen {
			_, known = people(id)
			found[id] = known
		}
		if known {
			continue
		}
		u := byKey[string(rec.Kind)+"|"+id]
		if u == nil {
			u = &Unmatched{Kind: rec.Kind, IDNumber: id, Rules: []string{}}
			byKey[string(rec.Kind)+"|"+id] = u
			us = append(us, u)
		}
		u.Lines = append(u.Lines, rec.Line)
		if rec.Name != "" {
			u.Name = rec.Name
		}
	}
	var out []Unmatched
	for _, u := range us {
		slices.Sort(u.Lines)
		out = append(out, *u)
	}
	slices.SortFunc(out, func(a, b Unmatched) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.IDNumber, b.IDNumber))
	})
	return out
}

// groupRecords indexes records by feed and normalized ID number, each list in
// a total order (date, then fingerprint) so that input order does not matter.
// Records dated after today are left out.
func groupRecords(records []Record, today time.Time) map[FeedKind]map[string][]Record {
	type keyed struct {
		rec Record
		fp  string
	}
	byID := map[FeedKind]map[string][]keyed{}
	for _, rec := range records {
		if rec.Date.After(today) {
			continue
		}
		rec.IDNumber = person.NormalizeID(rec.IDNumber)
		if byID[rec.Kind] == nil {
			byID[rec.Kind] = map[string][]keyed{}
		}
		byID[rec.Kind][rec.IDNumber] = append(byID[rec.Kind][rec.IDNumber], keyed{rec, rec.Fingerprint()})
	}
	out := map[FeedKind]map[string][]Record{}
	for kind, ids := range byID {
		out[kind] = map[string][]Record{}
		for id, ks := range ids {
			slices.SortFunc(ks, func(a, b keyed) int {
				return cmp.Or(a.rec.Date.Compare(b.rec.Date), cmp.Compare(a.fp, b.fp))
			})
			recs := make([]Record, len(ks))
			for i, k := range ks {
				recs[i] = k.rec
			}
			out[kind][id] = recs
		}
	}
	return out
}
