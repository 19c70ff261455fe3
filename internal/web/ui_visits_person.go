package web

import (
	"net/http"

	"jiuzhu/internal/visit"
)

// personVisitsLimit is how many of a person's latest visits the person page
// lists.
const personVisitsLimit = 20

// personVisits is the "visits received" part of a person's page.
type personVisits struct {
	Rows  []visitListRow
	Total int
}

// personVisits reads the person's latest visits. The store decides who may
// read visits; a forbidden error tells the page to leave the part out.
func (s *Server) personVisits(r *http.Request, v *view, personID string) (*personVisits, error) {
	list, total, err := s.db.Visits(r.Context(), visit.Filter{PersonID: &personID, Limit: personVisitsLimit})
	if err != nil {
		return nil, err
	}
	rows, err := s.visitListRows(r, v, list)
	if err != nil {
		return nil, err
	}
	return &personVisits{Rows: rows, Total: total}, nil
}
