package store

import "context"

// SeedCatalogForTest runs the catalogue seeding of Open again.
func (db *DB) SeedCatalogForTest(ctx context.Context) error { return db.seedCatalog(ctx) }
