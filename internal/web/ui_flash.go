package web

import (
	"net/http"
	"slices"
)

// flashCookie carries a one-time notice across the redirect after a save.
const flashCookie = "jiuzhu_flash"

// flashKeys are the only messages a flash may show, so a forged cookie can
// show nothing else.
var flashKeys = []string{
	"flash.person_created", "flash.person_saved",
	"flash.need_filed", "flash.need_merged", "flash.need_assigned", "flash.need_closed",
	"flash.application_opened", "flash.application_acted",
	"flash.survey_round_created", "flash.survey_recorded", "flash.survey_no_need",
	"match.flash.one_click", "match.flash.confirmed", "match.flash.discarded", "match.flash.overridden", "match.flash.declined",
	"visit.flash.cleared", "visit.flash.rejected",
}

// setFlash leaves a notice (a message key) for the next page.
func (s *Server) setFlash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", MaxAge: 60, HttpOnly: true,
		Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// takeFlash returns the pending notice's key, if any, and clears it.
func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	if !slices.Contains(flashKeys, c.Value) {
		return ""
	}
	return c.Value
}
