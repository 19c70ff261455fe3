package store

import (
	"context"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/catalog"
	"jiuzhu/internal/errs"
)

// seedCatalog writes catalog.Defaults and catalog.Packages into an empty
// catalogue at Open. It is idempotent (two instances starting at once both
// insert with ON CONFLICT DO NOTHING) and not audited: like the schema, it is
// the installation's starting point, and its rows say created_by 'system'.
func (db *DB) seedCatalog(ctx context.Context) error {
	var n int
	if err := db.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM catalog_items LIMIT 1) x`).Scan(&n); err != nil || n > 0 {
		return translate(err)
	}
	return db.inTx(auth.WithActor(ctx, auth.SystemActor), func(tx *Tx) error {
		for _, it := range catalog.Defaults() {
			it.CreatedAt = tx.now
			if err := tx.insertItem(&it, ` ON CONFLICT (code, version) DO NOTHING`); err != nil {
				return err
			}
		}
		for _, p := range catalog.Packages() {
			if _, err := tx.Exec(`INSERT INTO catalog_packages (package, item_code, times, every_weeks) VALUES ($1, $2, $3, $4)
				ON CONFLICT (package, item_code) DO NOTHING`, p.Package, p.ItemCode, p.Times, p.EveryWeeks); err != nil {
				return err
			}
		}
		return nil
	})
}

func (tx *Tx) insertItem(it *catalog.Item, onConflict string) error {
	names := it.Names
	if names == nil {
		names = map[string]string{}
	}
	_, err := tx.Exec(`INSERT INTO catalog_items (`+catalogCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`+onConflict,
		it.Code, it.Version, string(it.Project), string(it.Kind), it.Name, mustJSON(names), it.Content, it.Standard, string(it.Unit), it.PriceFen,
		it.Minutes, it.Times, it.EveryWeeks, jsonList(it.PersonGroups), jsonList(it.Tiers), jsonList(it.WorkerKinds), it.Funding, string(it.Cert),
		it.Food, it.Active, it.Note, it.CreatedBy, it.CreatedAt)
	return err
}

// jsonList marshals a list, nil as [] so every row reads back the same.
func jsonList[T any](xs []T) string {
	if xs == nil {
		return "[]"
	}
	return mustJSON(xs)
}

// AddItem adds a new item to the catalogue as its version 1. A code already
// in use is a conflict: revise that item instead.
func (db *DB) AddItem(ctx context.Context, it catalog.Item) (*catalog.Item, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageCatalog) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	it.Version, it.Active = 1, true
	if err := it.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM catalog_items WHERE code = $1`, it.Code).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &errs.Error{Code: errs.Conflict, Key: "err.catalog.code_taken", Args: map[string]any{"Code": it.Code}}
		}
		it.CreatedBy, it.CreatedAt = tx.actor.Username, tx.now
		if err := tx.insertItem(&it, ""); err != nil {
			return err
		}
		return tx.audit("catalog.add", "catalog_item", it.Code, "", map[string]any{"version": 1, "price_fen": it.PriceFen})
	})
	if err != nil {
		return nil, err
	}
	return db.Item(ctx, it.Code)
}

// ReviseItem makes the next version of an item with the changes, keeping
// every earlier version as it was: orders made under an earlier version keep
// its price. expectedVersion must be the current version (the one the editor
// read), else Conflict with the current version in the error's Extra. A
// revision that changes nothing is refused as invalid.
func (db *DB) ReviseItem(ctx context.Context, code string, expectedVersion int, c catalog.Changes, note string) (*catalog.Item, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageCatalog) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	var saved catalog.Item
	err := db.inTx(ctx, func(tx *Tx) error {
		cur, err := tx.catalogItem(code)
		if err != nil {
			return err
		}
		if expectedVersion != cur.Version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": cur.Version}}
		}
		next, changed := c.Apply(*cur)
		if len(changed) == 0 {
			return errs.InvalidField("price_fen", "err.catalog.unchanged", nil)
		}
		next.Version, next.Note, next.CreatedBy, next.CreatedAt = cur.Version+1, note, tx.actor.Username, tx.now
		if err := next.Validate(); err != nil {
			return err
		}
		// Two revisions of the same version race for the same primary key;
		// the loser gets a conflict.
		if err := tx.insertItem(&next, ""); err != nil {
			return err
		}
		saved = next
		return tx.audit("catalog.revise", "catalog_item", code, "", map[string]any{"version": next.Version, "changed": changed})
	})
	if err != nil {
		return nil, err
	}
	return &saved, nil
}
