package store

import "time"

// timeUTC is a time truncated to microseconds in UTC: both databases keep
// exactly this, so a value read back equals the value written.
type timeUTC = time.Time

func (db *DB) clock() timeUTC { return db.now().UTC().Truncate(time.Microsecond) }
