package store

import (
	"context"
	"encoding/json"
	"slices"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/catalog"
	"jiuzhu/internal/errs"
)

const catalogCols = `code, version, project, kind, name, names, content, standard, unit, price_fen, minutes, times, every_weeks,
	person_groups, tiers, worker_kinds, funding, cert, food, active, note, created_by, created_at`

// currentVersion restricts catalog_items c to the newest version of each code.
const currentVersion = ` c.version = (SELECT MAX(v.version) FROM catalog_items v WHERE v.code = c.code)`

func scanItem(s interface{ Scan(...any) error }) (*catalog.Item, error) {
	var it catalog.Item
	var names, groups, tiers, kinds string
	if err := s.Scan(&it.Code, &it.Version, &it.Project, &it.Kind, &it.Name, &names, &it.Content, &it.Standard, &it.Unit, &it.PriceFen,
		&it.Minutes, &it.Times, &it.EveryWeeks, &groups, &tiers, &kinds, &it.Funding, &it.Cert, &it.Food, &it.Active, &it.Note,
		&it.CreatedBy, &it.CreatedAt); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		s string
		v any
	}{{names, &it.Names}, {groups, &it.PersonGroups}, {tiers, &it.Tiers}, {kinds, &it.WorkerKinds}} {
		if err := json.Unmarshal([]byte(f.s), f.v); err != nil {
			return nil, err
		}
	}
	it.CreatedAt = it.CreatedAt.UTC()
	return &it, nil
}

func readItems(ctx context.Context, q querier, sql string, args ...any) ([]*catalog.Item, error) {
	rows, err := q.QueryContext(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*catalog.Item{}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// mayReadCatalog: the catalogue is no secret among staff, and field staff
// need item names and standards for their visits.
func mayReadCatalog(a *auth.Actor) error {
	if a.Can(auth.ReadServices) || a.Can(auth.RespondOrders) || a.Can(auth.ManagePlans) {
		return nil
	}
	return errs.New(errs.Forbidden, "err.forbidden")
}

// CurrentItems returns the newest version of every item, active or not, in
// project order and then by code.
func (db *DB) CurrentItems(ctx context.Context) ([]*catalog.Item, error) {
	if err := mayReadCatalog(actorOf(ctx)); err != nil {
		return nil, err
	}
	items, err := readItems(ctx, db.r, `SELECT `+catalogCols+` FROM catalog_items c WHERE`+currentVersion+` ORDER BY c.code`)
	if err != nil {
		return nil, translate(err)
	}
	slices.SortStableFunc(items, func(a, b *catalog.Item) int {
		if d := slices.Index(catalog.Projects, a.Project) - slices.Index(catalog.Projects, b.Project); d != 0 {
			return d
		}
		return defaultOrder(a.Code) - defaultOrder(b.Code)
	})
	return items, nil
}

// defaultOrder sorts the pilot's items as catalog.Defaults lists them and
// items added later after them, by code.
func defaultOrder(code string) int {
	if i := slices.IndexFunc(catalog.Defaults(), func(it catalog.Item) bool { return it.Code == code }); i >= 0 {
		return i
	}
	return 1000 + int(code[0])
}

// Item returns the current version of the item with code.
func (db *DB) Item(ctx context.Context, code string) (*catalog.Item, error) {
	if err := mayReadCatalog(actorOf(ctx)); err != nil {
		return nil, err
	}
	it, err := currentItem(ctx, db.r, code)
	return it, translate(err)
}

// currentItem reads the newest version of an item, on the pool or inside a
// transaction (orders copy its version and price when they are made).
func currentItem(ctx context.Context, q querier, code string) (*catalog.Item, error) {
	return scanItem(q.QueryRowContext(ctx, `SELECT `+catalogCols+` FROM catalog_items c WHERE c.code = $1 AND`+currentVersion, code))
}

// catalogItem is currentItem inside tx.
func (tx *Tx) catalogItem(code string) (*catalog.Item, error) { return currentItem(tx.ctx, tx, code) }

// ItemAt returns one version of an item, as it was when that version was in
// force: an order made with version 1 reads its price here.
func (db *DB) ItemAt(ctx context.Context, code string, version int) (*catalog.Item, error) {
	if err := mayReadCatalog(actorOf(ctx)); err != nil {
		return nil, err
	}
	it, err := scanItem(db.r.QueryRowContext(ctx, `SELECT `+catalogCols+` FROM catalog_items c WHERE c.code = $1 AND c.version = $2`, code, version))
	return it, translate(err)
}

// ItemHistory returns every version of an item, newest first; NotFound for
// an unknown code.
func (db *DB) ItemHistory(ctx context.Context, code string) ([]*catalog.Item, error) {
	if err := mayReadCatalog(actorOf(ctx)); err != nil {
		return nil, err
	}
	items, err := readItems(ctx, db.r, `SELECT `+catalogCols+` FROM catalog_items c WHERE c.code = $1 ORDER BY c.version DESC`, code)
	if err == nil && len(items) == 0 {
		return nil, errs.New(errs.NotFound, "err.not_found")
	}
	return items, translate(err)
}

// PackageItems returns the items an assessment package becomes in a plan,
// with their frequencies, in the order of the catalogue.
func (db *DB) PackageItems(ctx context.Context, pkg string) ([]catalog.PackageItem, error) {
	if err := mayReadCatalog(actorOf(ctx)); err != nil {
		return nil, err
	}
	out, err := packageItems(ctx, db.r, pkg)
	return out, translate(err)
}

// Packages returns every package's items.
func (db *DB) Packages(ctx context.Context) ([]catalog.PackageItem, error) {
	if err := mayReadCatalog(actorOf(ctx)); err != nil {
		return nil, err
	}
	out, err := packageItems(ctx, db.r, "")
	return out, translate(err)
}

// packageItems reads one package's items, or all packages' for pkg "".
func packageItems(ctx context.Context, q querier, pkg string) ([]catalog.PackageItem, error) {
	sql := `SELECT package, item_code, times, every_weeks FROM catalog_packages`
	order := ` ORDER BY package, item_code`
	var args []any
	if pkg != "" {
		sql += ` WHERE package = $1`
		args = append(args, pkg)
	}
	rows, err := q.QueryContext(ctx, sql+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []catalog.PackageItem{}
	for rows.Next() {
		var p catalog.PackageItem
		if err := rows.Scan(&p.Package, &p.ItemCode, &p.Times, &p.EveryWeeks); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b catalog.PackageItem) int {
		if a.Package != b.Package {
			return packageOrder(a.Package) - packageOrder(b.Package)
		}
		return defaultOrder(a.ItemCode) - defaultOrder(b.ItemCode)
	})
	return out, rows.Err()
}

func packageOrder(pkg string) int {
	if i := slices.IndexFunc(catalog.Packages(), func(p catalog.PackageItem) bool { return p.Package == pkg }); i >= 0 {
		return i
	}
	return 1000
}
