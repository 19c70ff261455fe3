package store

import (
	"context"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/warn"
)

// FeedImportFilter narrows the list of imports. A nil Kind does not filter.
type FeedImportFilter struct {
	Kind          *warn.FeedKind
	Offset, Limit int
}

// FeedImports lists the imports made in the actor's area, newest first, with
// the total number of matches; unmatched ID numbers are left out (counts only).
func (db *DB) FeedImports(ctx context.Context, f FeedImportFilter) ([]FeedImport, int, error) {
	a := actorOf(ctx)
	if !a.Can(auth.UploadFeeds) && !a.Can(auth.ManageWarnings) {
		return nil, 0, errs.New(errs.Forbidden, "err.forbidden")
	}
	if f.Limit <= 0 || f.Limit > MaxPageSize {
		f.Limit = 50
	}
	where := &query{}
	where.raw(` FROM feed_imports WHERE 1=1`)
	where.scoped("place_code", a)
	if f.Kind != nil {
		where.add(` AND kind = %s`, where.arg(string(*f.Kind)))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where.String(), where.args...).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	list := &query{args: where.args}
	list.raw(`SELECT ` + importCols + where.String())
	list.add(` ORDER BY at DESC, id DESC LIMIT %s OFFSET %s`, list.arg(f.Limit), list.arg(f.Offset))
	rows, err := db.r.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []FeedImport{}
	for rows.Next() {
		imp, err := scanImport(rows)
		if err != nil {
			return nil, 0, translate(err)
		}
		out = append(out, *imp)
	}
	return out, total, translate(rows.Err())
}
