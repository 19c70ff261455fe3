package web

import (
	"net/http"
	"net/url"
	"strconv"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
	"jiuzhu/internal/provider"
)

// resPlaceParam reads a place code parameter, reporting a malformed one.
func resPlaceParam(q url.Values, name string, fs *errs.Fields) *string {
	v := q.Get(name)
	if v == "" {
		return nil
	}
	if _, err := place.LevelOf(v); err != nil {
		fs.Add(name, "err.place.unknown", nil)
	}
	return &v
}

// resBoolParam reads true or false.
func resBoolParam(q url.Values, name string, fs *errs.Fields) *bool {
	v := q.Get(name)
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		fs.Add(name, "err.bool", nil)
	}
	return &b
}

func resStrParam(q url.Values, name string) *string {
	if v := q.Get(name); v != "" {
		return &v
	}
	return nil
}

// orgFilter reads the provider list's query.
func orgFilter(q url.Values) (provider.OrgFilter, error) {
	var fs errs.Fields
	f := provider.OrgFilter{Place: resPlaceParam(q, "place", &fs), Item: resStrParam(q, "item"), Query: resStrParam(q, "q"), Active: resBoolParam(q, "active", &fs)}
	if v := q.Get("kind"); v != "" {
		k := provider.OrgKind(v)
		if !k.Valid() {
			fs.Add("kind", "err.provider.kind", nil)
		}
		f.Kind = &k
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// workerFilter reads the worker list's query.
func workerFilter(q url.Values) (provider.WorkerFilter, error) {
	var fs errs.Fields
	f := provider.WorkerFilter{Provider: resStrParam(q, "provider"), Place: resPlaceParam(q, "place", &fs), Item: resStrParam(q, "item"),
		Language: resStrParam(q, "language"), Active: resBoolParam(q, "active", &fs)}
	if v := q.Get("kind"); v != "" {
		k := provider.WorkerKind(v)
		if !k.Valid() {
			fs.Add("kind", "err.provider.worker_kind", nil)
		}
		f.Kind = &k
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// apiListProviders handles GET /api/v1/providers.
func (s *Server) apiListProviders(w http.ResponseWriter, r *http.Request) error {
	f, err := orgFilter(r.URL.Query())
	if err != nil {
		return err
	}
	list, total, err := s.db.ListProviders(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiCreateProvider handles POST /api/v1/providers: 201 with the organisation.
func (s *Server) apiCreateProvider(w http.ResponseWriter, r *http.Request) error {
	var o provider.Org
	if err := readJSON(r, &o); err != nil {
		return err
	}
	saved, err := s.db.CreateProvider(r.Context(), o)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, saved)
}

// apiGetProvider handles GET /api/v1/providers/{id}.
func (s *Server) apiGetProvider(w http.ResponseWriter, r *http.Request) error {
	o, err := s.db.Provider(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, o)
}

// apiUpdateProvider handles PUT /api/v1/providers/{id}: the whole
// organisation with the version it was read at.
func (s *Server) apiUpdateProvider(w http.ResponseWriter, r *http.Request) error {
	var o provider.Org
	if err := readJSON(r, &o); err != nil {
		return err
	}
	if o.Version < 1 {
		return errs.InvalidField("version", "err.required", nil)
	}
	o.ID = r.PathValue("id")
	saved, err := s.db.UpdateProvider(r.Context(), o)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, saved)
}

// apiListProviderWorkers handles GET /api/v1/providers/{id}/workers.
func (s *Server) apiListProviderWorkers(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.db.Provider(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	q := r.URL.Query()
	q.Set("provider", r.PathValue("id"))
	return s.listWorkers(w, r, q)
}

// apiListWorkers handles GET /api/v1/workers.
func (s *Server) apiListWorkers(w http.ResponseWriter, r *http.Request) error {
	return s.listWorkers(w, r, r.URL.Query())
}

func (s *Server) listWorkers(w http.ResponseWriter, r *http.Request, q url.Values) error {
	f, err := workerFilter(q)
	if err != nil {
		return err
	}
	list, total, err := s.db.ListWorkers(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiCreateWorker handles POST /api/v1/providers/{id}/workers: 201 with
// the worker.
func (s *Server) apiCreateWorker(w http.ResponseWriter, r *http.Request) error {
	var wk provider.Worker
	if err := readJSON(r, &wk); err != nil {
		return err
	}
	wk.ProviderID = r.PathValue("id")
	saved, err := s.db.CreateWorker(r.Context(), wk)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, saved)
}

// apiGetWorker handles GET /api/v1/workers/{id}.
func (s *Server) apiGetWorker(w http.ResponseWriter, r *http.Request) error {
	wk, err := s.db.Worker(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, wk)
}

// apiUpdateWorker handles PUT /api/v1/workers/{id}: the whole worker with
// the version it was read at.
func (s *Server) apiUpdateWorker(w http.ResponseWriter, r *http.Request) error {
	var wk provider.Worker
	if err := readJSON(r, &wk); err != nil {
		return err
	}
	if wk.Version < 1 {
		return errs.InvalidField("version", "err.required", nil)
	}
	wk.ID = r.PathValue("id")
	saved, err := s.db.UpdateWorker(r.Context(), wk)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, saved)
}
