package store

import (
	"context"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/provider"
)

// ImportProviders loads organisations and their workers all or nothing, in
// one transaction with one audit entry, for the demo loader and data
// migrations; only the system may import. Every row is validated as
// CreateProvider and CreateWorker would.
func (db *DB) ImportProviders(ctx context.Context, orgs []provider.Org, workers []provider.Worker, action string) error {
	if !actorOf(ctx).System {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		for i := range orgs {
			o := orgs[i]
			if err := o.Validate(); err != nil {
				return importRow(err, "provider", i, o.ID)
			}
			if err := tx.insertProvider(&o); err != nil {
				return err
			}
		}
		for i := range workers {
			w := workers[i]
			if err := w.Validate(); err != nil {
				return importRow(err, "worker", i, w.ID)
			}
			if err := tx.checkWorker(&w, nil); err != nil {
				return importRow(err, "worker", i, w.ID)
			}
			if err := tx.insertWorker(&w); err != nil {
				return err
			}
		}
		return tx.audit(action, "providers", "", "", map[string]int{"providers": len(orgs), "workers": len(workers)})
	})
}

// importRow adds which row of an import failed to a validation error.
func importRow(err error, kind string, i int, id string) error {
	if e, ok := err.(*errs.Error); ok && e.Code == errs.Invalid {
		return &errs.Error{Code: errs.Invalid, Key: e.Key, Fields: e.Fields, Extra: map[string]any{kind: i + 1, "id": id}}
	}
	return err
}
