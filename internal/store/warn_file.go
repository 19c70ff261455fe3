package store

import (
	"jiuzhu/internal/need"
	"jiuzhu/internal/warn"
)

// fileWarnings files each hit as a data-warning ledger entry of the hit's
// category, urgency and deadline, with its fingerprint as the source
// reference (a warning is filed once), assigned to the village worker when
// exactly one covers the person's village. It counts new entries, merges
// into open ones, and warnings filed before.
func (tx *Tx) fileWarnings(hits []warn.Hit, category func(warn.Hit) need.Category, people map[string]warn.PersonRef, note NoteFunc,
	filed, merged, already *int) error {
	workers := tx.villageWorkers()
	for _, h := range hits {
		ref, ok := people[h.PersonID]
		if !ok {
			continue
		}
		due := h.Due.UTC()
		f := need.Filing{PersonID: h.PersonID, Channel: need.DataWarning, Category: category(h), Urgency: h.Urgency.NeedUrgency(),
			Deadline: &due, SourceRef: h.Fingerprint}
		if note != nil {
			f.Note = note(h.ReasonKey, h.ReasonArgs)
		}
		worker, err := workers.of(ref.PlaceCode)
		if err != nil {
			return err
		}
		outcome, _, err := tx.fileNeed(&f, ref.PlaceCode, worker)
		if err != nil {
			return err
		}
		switch outcome {
		case filedNew:
			*filed++
		case filedMerged:
			*merged++
		default:
			*already++
		}
	}
	return nil
}
