package store

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/provider"
)

// CreateWorker adds a worker to an organisation the actor may manage. Its
// items must be active catalogue items the worker's kind may deliver, its
// base and coverage places must exist inside the actor's scope. A base
// location of 0, 0 takes the base place's centre. Certificates may be
// expired: matching checks them on the day, pages show them.
func (db *DB) CreateWorker(ctx context.Context, w provider.Worker) (*provider.Worker, error) {
	a := actorOf(ctx)
	if w.ID == "" {
		w.ID = uuid.Must(uuid.NewV7()).String()
	}
	if err := w.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		org, err := readProvider(tx.ctx, tx, a, w.ProviderID)
		if errs.Is(err, errs.NotFound) {
			return errs.InvalidField("provider_id", "err.provider.unknown", nil)
		} else if err != nil {
			return err
		}
		if err := mayManageProvider(a, org); err != nil {
			return err
		}
		if err := tx.checkWorker(&w, nil); err != nil {
			return err
		}
		if err := tx.insertWorker(&w); err != nil {
			return err
		}
		return tx.audit("worker.create", "worker", w.ID, w.PlaceCode, map[string]any{"provider_id": w.ProviderID, "kind": w.Kind})
	})
	if err != nil {
		return nil, err
	}
	return readWorker(ctx, db.w, a, w.ID)
}

// UpdateWorker saves a worker; w.Version must be the version read (else
// Conflict). The organisation does not change. Coverage and items the actor
// cannot see (another manager's county) are kept as they are.
func (db *DB) UpdateWorker(ctx context.Context, w provider.Worker) (*provider.Worker, error) {
	a := actorOf(ctx)
	err := db.inTx(ctx, func(tx *Tx) error {
		cur, err := readWorker(tx.ctx, tx, a, w.ID)
		if err != nil {
			return err
		}
		org, err := readProvider(tx.ctx, tx, a, cur.ProviderID)
		if err != nil {
			return err
		}
		if err := mayManageProvider(a, org); err != nil {
			return err
		}
		if w.Version != cur.Version {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int{"current_version": cur.Version}}
		}
		w.ProviderID = cur.ProviderID
		for _, c := range cur.Coverage {
			if !a.Sees(c) && !slices.Contains(w.Coverage, c) {
				w.Coverage = append(w.Coverage, c)
			}
		}
		if err := w.Validate(); err != nil {
			return err
		}
		if err := tx.checkWorker(&w, cur); err != nil {
			return err
		}
		changed := workerChanges(cur, &w)
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE workers SET name = $1, kind = $2, sex = $3, languages = $4, capacity = $5, place_code = $6, lat = $7,
			lon = $8, rating = $9, phone = $10, active = $11, version = version + 1, updated_at = $12 WHERE id = $13`,
			w.Name, string(w.Kind), w.Sex, jsonList(w.Languages), w.Capacity, w.PlaceCode, w.Lat, w.Lon, w.Rating, w.Phone, w.Active,
			tx.now, w.ID); err != nil {
			return err
		}
		for _, t := range []string{"worker_items", "worker_coverage", "worker_certs"} {
			if _, err := tx.Exec(`DELETE FROM `+t+` WHERE worker_id = $1`, w.ID); err != nil {
				return err
			}
		}
		if err := tx.putWorkerSets(&w); err != nil {
			return err
		}
		return tx.audit("worker.update", "worker", w.ID, w.PlaceCode, map[string]any{"changed": changed})
	})
	if err != nil {
		return nil, err
	}
	return readWorker(ctx, db.w, a, w.ID)
}

// checkWorker checks what needs the database: the items against the
// current catalogue and the worker's kind, and the places. Places a worker
// already had (cur) stay allowed.
func (tx *Tx) checkWorker(w *provider.Worker, cur *provider.Worker) error {
	var fs errs.Fields
	for _, code := range w.Items {
		it, err := tx.catalogItem(code)
		switch {
		case errs.Is(translate(err), errs.NotFound):
			fs.Add("items", "err.provider.item_unknown", map[string]any{"Code": code})
		case err != nil:
			return err
		case !it.Active:
			fs.Add("items", "err.provider.item_inactive", map[string]any{"Code": code})
		case !it.DoneBy(w.Kind):
			fs.Add("items", "err.provider.item_kind", map[string]any{"Code": code})
		}
	}
	if cur == nil || w.PlaceCode != cur.PlaceCode {
		if err := tx.checkPlaceIn(&fs, "place_code", w.PlaceCode); err != nil {
			return err
		}
	}
	for _, c := range w.Coverage {
		if cur != nil && slices.Contains(cur.Coverage, c) {
			continue
		}
		if err := tx.checkPlaceIn(&fs, "coverage", c); err != nil {
			return err
		}
	}
	if err := fs.Err(); err != nil {
		return err
	}
	if w.Lat == 0 && w.Lon == 0 {
		return tx.QueryRow(`SELECT lat, lon FROM places WHERE code = $1`, w.PlaceCode).Scan(&w.Lat, &w.Lon)
	}
	return nil
}

// insertWorker writes a new worker with its items, coverage and certificates.
func (tx *Tx) insertWorker(w *provider.Worker) error {
	if _, err := tx.Exec(`INSERT INTO workers (id, provider_id, name, kind, sex, languages, capacity, place_code, lat, lon, rating, phone,
		active, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)`,
		w.ID, w.ProviderID, w.Name, string(w.Kind), w.Sex, jsonList(w.Languages), w.Capacity, w.PlaceCode, w.Lat, w.Lon, w.Rating,
		w.Phone, w.Active, tx.now); err != nil {
		return err
	}
	return tx.putWorkerSets(w)
}

func (tx *Tx) putWorkerSets(w *provider.Worker) error {
	for _, code := range w.Items {
		if _, err := tx.Exec(`INSERT INTO worker_items (worker_id, item_code) VALUES ($1, $2)`, w.ID, code); err != nil {
			return err
		}
	}
	for _, code := range w.Coverage {
		if _, err := tx.Exec(`INSERT INTO worker_coverage (worker_id, place_code) VALUES ($1, $2)`, w.ID, code); err != nil {
			return err
		}
	}
	for _, c := range w.Certs {
		if _, err := tx.Exec(`INSERT INTO worker_certs (worker_id, cert, number, expires) VALUES ($1, $2, $3, $4)`,
			w.ID, string(c.Cert), c.Number, c.Expires); err != nil {
			return err
		}
	}
	return nil
}

// workerChanges names the fields an edit changes, for the audit log.
func workerChanges(was, now *provider.Worker) []string {
	var out []string
	for _, f := range []struct {
		name string
		same bool
	}{
		{"name", was.Name == now.Name}, {"kind", was.Kind == now.Kind}, {"sex", was.Sex == now.Sex},
		{"languages", slices.Equal(was.Languages, now.Languages)}, {"capacity", was.Capacity == now.Capacity},
		{"place_code", was.PlaceCode == now.PlaceCode}, {"location", was.Lat == now.Lat && was.Lon == now.Lon},
		{"rating", was.Rating == now.Rating}, {"phone", was.Phone == now.Phone}, {"active", was.Active == now.Active},
		{"items", slices.Equal(was.Items, now.Items)}, {"coverage", slices.Equal(was.Coverage, now.Coverage)},
		{"certs", slices.Equal(was.Certs, now.Certs)},
	} {
		if !f.same {
			out = append(out, f.name)
		}
	}
	return out
}
