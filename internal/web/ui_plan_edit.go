package web

import (
	"net/http"
	"strings"

	"jiuzhu/internal/plan"
)

// savePlanItem handles POST /plans/{id}/items/{item}: a new frequency or
// window, with a reason.
func (s *Server) savePlanItem(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	id, item := r.PathValue("id"), r.PathValue("item")
	if _, err := s.db.UpdatePlanItem(r.Context(), id, item, formVersion(r), formFrequency(r), r.PostForm.Get("reason")); err != nil {
		return s.planFailed(w, r, id, item, err)
	}
	http.Redirect(w, r, "/plans/"+id+"?done=item_saved", http.StatusSeeOther)
	return nil
}

// addPlanItem handles POST /plans/{id}/items: a catalogue item added with
// its typical frequency, or the one given.
func (s *Server) addPlanItem(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	id := r.PathValue("id")
	var f plan.Frequency
	if r.PostForm.Get("times") != "" {
		f = formFrequency(r)
	}
	code := strings.TrimSpace(r.PostForm.Get("item_code"))
	if _, err := s.db.AddPlanItem(r.Context(), id, formVersion(r), code, f, r.PostForm.Get("reason")); err != nil {
		return s.planFailed(w, r, id, "new", err)
	}
	http.Redirect(w, r, "/plans/"+id+"?done=item_added", http.StatusSeeOther)
	return nil
}

// removePlanItem handles POST /plans/{id}/items/{item}/remove.
func (s *Server) removePlanItem(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	id, item := r.PathValue("id"), r.PathValue("item")
	if _, err := s.db.RemovePlanItem(r.Context(), id, item, formVersion(r), r.PostForm.Get("reason")); err != nil {
		return s.planFailed(w, r, id, item, err)
	}
	http.Redirect(w, r, "/plans/"+id+"?done=item_removed", http.StatusSeeOther)
	return nil
}

// changePlanStatePage handles POST /plans/{id}/state: pause, resume,
// cancel or end, with a reason.
func (s *Server) changePlanStatePage(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	id, action := r.PathValue("id"), r.PostForm.Get("action")
	if _, err := s.changePlanState(r, id, action, formVersion(r), r.PostForm.Get("reason")); err != nil {
		return s.planFailed(w, r, id, "state", err)
	}
	done := map[string]string{"pause": "paused", "resume": "resumed", "cancel": "cancelled", "end": "ended"}[action]
	http.Redirect(w, r, "/plans/"+id+"?done="+done, http.StatusSeeOther)
	return nil
}
