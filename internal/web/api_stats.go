package web

import (
	"errors"
	"net/http"
	"time"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/place"
)

// chinaTime is the zone days are counted in for users.
var chinaTime = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}()

func placeLevel(code string) (place.Level, error) { return place.LevelOf(code) }

// apiAssistedCounts handles GET /api/v1/stats/assisted: people under
// assistance in the caller's scope, in total and by county and category.
func (s *Server) apiAssistedCounts(w http.ResponseWriter, r *http.Request) error {
	total, err := s.db.CountAssisted(r.Context())
	if err != nil {
		return err
	}
	counts, err := s.db.CountsByCounty(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"total": total, "by_county_category": nonNil(counts)})
}

// apiVerifyAudit handles GET /api/v1/audit/verify: walks the hash chain.
func (s *Server) apiVerifyAudit(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadAudit); err != nil {
		return err
	}
	n, last, err := s.db.VerifyAudit(r.Context())
	out := map[string]any{"ok": err == nil, "entries": n, "last_hash": last}
	var b *audit.Break
	if errors.As(err, &b) {
		out["break"] = map[string]any{"seq": b.Seq, "reason": b.Reason}
	} else if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}
