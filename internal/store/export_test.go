package store

import "context"

// ExecForTest runs raw SQL, for tests that tamper with rows.
func (db *DB) ExecForTest(ctx context.Context, q string) error {
	_, err := db.w.ExecContext(ctx, q)
	return err
}

// QueryStringsForTest returns the first column of every row of q.
func (db *DB) QueryStringsForTest(ctx context.Context, q string) ([]string, error) {
	rows, err := db.w.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
