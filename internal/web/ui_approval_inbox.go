package web

import (
	"net/http"
	"slices"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/auth"
)

// inboxSize is how many of the newest messages the inbox shows.
const inboxSize = 100

// inboxKinds are the kinds of message the approval flow files.
var inboxKinds = []string{"action_needed", "decision", "reminder", "overdue"}

// inboxItem is one message as the inbox shows it.
type inboxItem struct {
	At            string
	Kind          string // for the badge's colour
	KindLabel     string
	What          string // the step or decision concerned
	Village       string
	ApplicationID string
	Unread        bool
}

// showInboxPage handles GET /inbox: the newest messages for the user's role
// in the user's area, each linking to its application.
func (s *Server) showInboxPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	ctx := r.Context()
	list, err := s.db.Notifications(ctx, inboxSize)
	if err != nil {
		return err
	}
	v := s.newView(w, r, "approval.inbox.title")
	v.Nav = "approval"
	name := s.placeNamer(ctx, v.Lang.Tag)
	items := []inboxItem{}
	for _, n := range list {
		kind := n.Kind
		if !slices.Contains(inboxKinds, kind) {
			kind = "other"
		}
		items = append(items, inboxItem{At: chinaClock(n.At), Kind: kind, KindLabel: v.T("approval.inbox.kind." + kind),
			What: v.T(messageKey(n.Key)), Village: name(n.PlaceCode), ApplicationID: n.ApplicationID, Unread: !n.Read})
	}
	v.Data = items
	s.render(w, r, http.StatusOK, "approval_inbox", v)
	return nil
}

// messageKey keeps a notification's key to the state and action names it is
// made of, so a stored key can never show a raw or unrelated message.
func messageKey(key string) string {
	for _, st := range approval.States {
		if key == st.Label() {
			return key
		}
	}
	for _, a := range approval.Actions {
		if key == a.Label() {
			return key
		}
	}
	return "approval.inbox.kind.other"
}
