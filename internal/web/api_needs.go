package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
)

// needFilter reads ledger filters from a query string, reporting each bad
// parameter by name.
func needFilter(r *http.Request) (need.Filter, error) {
	q := r.URL.Query()
	f := need.Filter{Limit: 50}
	var fs errs.Fields
	if v := q.Get("place"); v != "" {
		if _, err := placeLevel(v); err != nil {
			fs.Add("place", "err.place.unknown", nil)
		}
		f.PlaceCode = &v
	}
	if v := q.Get("category"); v != "" {
		c := need.Category(v)
		if !slices.Contains(need.Categories, c) {
			fs.Add("category", "err.need.category", nil)
		}
		f.Category = &c
	}
	if v := q.Get("status"); v != "" {
		s := need.Status(v)
		if !slices.Contains(need.Statuses, s) {
			fs.Add("status", "err.need.status", nil)
		}
		f.Status = &s
	}
	if v := q.Get("channel"); v != "" {
		c := need.Channel(v)
		if !slices.Contains(need.Channels, c) {
			fs.Add("channel", "err.need.channel", nil)
		}
		f.Channel = &c
	}
	if v := q.Get("person"); v != "" {
		f.PersonID = &v
	}
	if v := q.Get("overdue"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fs.Add("overdue", "err.bool", nil)
		}
		f.Overdue = b
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	return f, fs.Err()
}

// apiListNeeds handles GET /api/v1/needs.
func (s *Server) apiListNeeds(w http.ResponseWriter, r *http.Request) error {
	f, err := needFilter(r)
	if err != nil {
		return err
	}
	list, total, err := s.db.Needs(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// apiFileNeed handles POST /api/v1/needs: 201 with a new entry, or 200 when
// the need was merged into the person's open entry of the same category.
func (s *Server) apiFileNeed(w http.ResponseWriter, r *http.Request) error {
	var f need.Filing
	if err := readJSON(r, &f); err != nil {
		return err
	}
	n, merged, err := s.db.FileNeed(r.Context(), f)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if merged {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/v1/needs/"+n.ID)
	return writeJSON(w, status, map[string]any{"need": n, "merged": merged})
}

// apiGetNeed handles GET /api/v1/needs/{id}: the entry and its history.
func (s *Server) apiGetNeed(w http.ResponseWriter, r *http.Request) error {
	n, err := s.db.Need(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	hist, err := s.db.NeedHistory(r.Context(), n.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"need": n, "history": hist})
}

type assignRequest struct {
	UserID   string     `json:"user_id"`
	Deadline *time.Time `json:"deadline"`
	Version  int        `json:"version"`
}

// apiAssignNeed handles POST /api/v1/needs/{id}/assign.
func (s *Server) apiAssignNeed(w http.ResponseWriter, r *http.Request) error {
	var req assignRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if req.Version <= 0 {
		return errs.InvalidField("version", "err.required", nil)
	}
	n, err := s.db.AssignNeed(r.Context(), r.PathValue("id"), req.UserID, req.Deadline, req.Version)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, n)
}

type closeRequest struct {
	Status  need.Status `json:"status"`
	Reason  string      `json:"reason"`
	Version int         `json:"version"`
}

// apiCloseNeed handles POST /api/v1/needs/{id}/close.
func (s *Server) apiCloseNeed(w http.ResponseWriter, r *http.Request) error {
	var req closeRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if req.Version <= 0 {
		return errs.InvalidField("version", "err.required", nil)
	}
	n, err := s.db.CloseNeed(r.Context(), r.PathValue("id"), req.Status, req.Reason, req.Version)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, n)
}
