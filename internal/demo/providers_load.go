package demo

import (
	"context"
	"fmt"
	"time"

	"jiuzhu/internal/store"
)

// loadProviders imports the demo resource library of d and links the demo
// accounts "provider" to the first organisation (in Changji City) and
// "worker" to that organisation's first worker. ctx acts as the system.
func loadProviders(ctx context.Context, db *store.DB, d *Dataset, today time.Time) error {
	orgs, workers := Providers(d, Seed, today)
	if err := db.ImportProviders(ctx, orgs, workers, "demo.providers"); err != nil {
		return fmt.Errorf("demo: providers: %w", err)
	}
	if err := db.LinkUsername(ctx, "provider", orgs[0].ID, ""); err != nil {
		return fmt.Errorf("demo: link provider: %w", err)
	}
	for _, w := range workers {
		if w.ProviderID == orgs[0].ID {
			if err := db.LinkUsername(ctx, "worker", orgs[0].ID, w.ID); err != nil {
				return fmt.Errorf("demo: link worker: %w", err)
			}
			break
		}
	}
	return nil
}
