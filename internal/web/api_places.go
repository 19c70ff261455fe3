package web

import (
	"net/http"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
)

func mustCan(r *http.Request, p auth.Permission) error {
	if !auth.ActorFrom(r.Context()).Can(p) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return nil
}

// apiPlaceRoots handles GET /api/v1/places: the top of the tree the caller
// may see. With ?under=CODE&depth=LEVEL it returns that subtree, flat, in
// code order (parents first).
func (s *Server) apiPlaceRoots(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadPlaces); err != nil {
		return err
	}
	if under := r.URL.Query().Get("under"); under != "" {
		lvl := place.Township
		switch r.URL.Query().Get("depth") {
		case "county":
			lvl = place.County
		case "village":
			lvl = place.Village
		case "", "township":
		default:
			return errs.InvalidField("depth", "err.invalid", nil)
		}
		ps, err := s.db.PlacesUnder(r.Context(), under, lvl)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(ps)})
	}
	ps, err := s.db.PlaceChildren(r.Context(), "")
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(ps)})
}

// apiPlace handles GET /api/v1/places/{code}.
func (s *Server) apiPlace(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadPlaces); err != nil {
		return err
	}
	p, err := s.db.Place(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// apiPlaceChildren handles GET /api/v1/places/{code}/children.
func (s *Server) apiPlaceChildren(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadPlaces); err != nil {
		return err
	}
	if _, err := s.db.Place(r.Context(), r.PathValue("code")); err != nil {
		return err
	}
	ps, err := s.db.PlaceChildren(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(ps)})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
