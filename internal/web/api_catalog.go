package web

import (
	"net/http"
	"strconv"

	"jiuzhu/internal/catalog"
	"jiuzhu/internal/errs"
)

// apiListCatalogItems handles GET /api/v1/catalog/items: the current
// version of every item.
func (s *Server) apiListCatalogItems(w http.ResponseWriter, r *http.Request) error {
	items, err := s.db.CurrentItems(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// apiGetCatalogItem handles GET /api/v1/catalog/items/{code}: the current
// version, or with ?version=N that version.
func (s *Server) apiGetCatalogItem(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if v := r.URL.Query().Get("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return errs.InvalidField("version", "err.range", map[string]any{"Min": 1, "Max": 1 << 30})
		}
		it, err := s.db.ItemAt(r.Context(), code, n)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, it)
	}
	it, err := s.db.Item(r.Context(), code)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, it)
}

// apiCatalogItemHistory handles GET /api/v1/catalog/items/{code}/history:
// every version, newest first.
func (s *Server) apiCatalogItemHistory(w http.ResponseWriter, r *http.Request) error {
	items, err := s.db.ItemHistory(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// apiAddCatalogItem handles POST /api/v1/catalog/items: 201 with version 1
// of a new item.
func (s *Server) apiAddCatalogItem(w http.ResponseWriter, r *http.Request) error {
	var it catalog.Item
	if err := readJSON(r, &it); err != nil {
		return err
	}
	saved, err := s.db.AddItem(r.Context(), it)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, saved)
}

// reviseRequest is a revision: the version it was made from, the changed
// fields and why.
type reviseRequest struct {
	Version int    `json:"version"`
	Note    string `json:"note"`
	catalog.Changes
}

// apiReviseCatalogItem handles PUT /api/v1/catalog/items/{code}: 200 with
// the new version.
func (s *Server) apiReviseCatalogItem(w http.ResponseWriter, r *http.Request) error {
	var req reviseRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if req.Version < 1 {
		return errs.InvalidField("version", "err.required", nil)
	}
	saved, err := s.db.ReviseItem(r.Context(), r.PathValue("code"), req.Version, req.Changes, req.Note)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, saved)
}

// apiListCatalogPackages handles GET /api/v1/catalog/packages: which items
// each assessment package becomes, with frequencies; ?package= narrows.
func (s *Server) apiListCatalogPackages(w http.ResponseWriter, r *http.Request) error {
	var list []catalog.PackageItem
	var err error
	if p := r.URL.Query().Get("package"); p != "" {
		list, err = s.db.PackageItems(r.Context(), p)
	} else {
		list, err = s.db.Packages(r.Context())
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list})
}
