package web

import (
	"context"

	"jiuzhu/internal/need"
)

// needCounts are the ledger's headline numbers on the overview.
type needCounts struct{ Open, Overdue int }

// countNeeds counts the open entries (new, assigned, in review) and the
// overdue ones in the user's scope, from the list's totals.
func (s *Server) countNeeds(ctx context.Context) (*needCounts, error) {
	var c needCounts
	for _, st := range need.Statuses {
		if !st.Open() {
			continue
		}
		_, n, err := s.db.Needs(ctx, need.Filter{Status: &st, Limit: 1})
		if err != nil {
			return nil, err
		}
		c.Open += n
	}
	_, n, err := s.db.Needs(ctx, need.Filter{Overdue: true, Limit: 1})
	if err != nil {
		return nil, err
	}
	c.Overdue = n
	return &c, nil
}
