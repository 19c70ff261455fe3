package store

import "database/sql"

// WritePoolForBench returns the pool the store writes through: on SQLite
// its single writer connection, which River and the audit sealer share; on
// PostgreSQL the pool of up to 20 connections. Load benchmarks and their
// seeding use it to insert fixture rows the product has no call for and to
// measure plain inserts through exactly the connections and durability
// settings the store uses. Product code never calls it.
func (db *DB) WritePoolForBench() *sql.DB { return db.w }
