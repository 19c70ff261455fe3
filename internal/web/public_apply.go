package web

import (
	"net/http"
	"strings"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
)

// applyStartData is the first resident page: what the service is, and the
// phone number form.
type applyStartData struct {
	Phone    string
	Error    string
	Fields   map[string]string
	SignedIn bool
}

// applyCodeData is the code form.
type applyCodeData struct {
	Phone   string // as typed or normalised, shown so a typo can be seen
	Grouped string // 138 0000 1111
	Error   string
	Fields  map[string]string
}

// showStartPage handles GET /apply.
func (p *residentSite) showStartPage(w http.ResponseWriter, r *http.Request) {
	_, err := p.s.db.ResidentSession(r.Context(), residentToken(r))
	p.renderStart(w, r, http.StatusOK, applyStartData{SignedIn: err == nil})
}

func (p *residentSite) renderStart(w http.ResponseWriter, r *http.Request, status int, d applyStartData) {
	v := p.newView(w, r, "apply.title", "/apply")
	v.Data = d
	p.render(w, r, status, "public_start", v)
}

// requestCode handles POST /apply/code: it asks the store for a code and
// sends it by SMS. The answer is the same whether or not the number is
// registered (an unregistered one gets no SMS), so the page cannot be used
// to find out who receives assistance.
func (p *residentSite) requestCode(w http.ResponseWriter, r *http.Request) {
	ctx, ip, now := r.Context(), clientIP(r), p.s.now()
	if !p.codes.allowed(ip, now) {
		p.fail(w, r, tooMany, "/apply")
		return
	}
	p.codes.fail(ip, now)
	raw := strings.TrimSpace(r.PostFormValue("phone"))
	phone, err := store.NormalizePhone(raw)
	var code string
	if err == nil {
		code, err = p.s.db.RequestCode(ctx, phone)
	}
	switch {
	case errs.Is(err, errs.Invalid):
		prob := p.s.problemFor(r, err)
		p.renderStart(w, r, prob.Status, applyStartData{Phone: raw, Error: prob.Title, Fields: problemFields(prob)})
		return
	case errs.Is(err, errs.TooMany):
		// A code sent a moment ago is still good: the way back leads to
		// the code form for this number.
		p.setCookie(w, applyPhone, phone, store.CodeLifetime)
		p.fail(w, r, err, "/apply/verify")
		return
	case err != nil:
		p.fail(w, r, err, "/apply")
		return
	}
	if code != "" {
		text := p.s.localizer(r).T("apply.sms", map[string]any{"Code": code})
		if err := p.sms.Send(ctx, phone, text); err != nil {
			// Said to no one: an error here would tell that the number is
			// registered. The resident may ask again in a minute.
			p.s.log.Error("sms", "err", err, "request_id", requestID(ctx))
		}
	}
	p.setCookie(w, applyPhone, phone, store.CodeLifetime)
	http.Redirect(w, r, "/apply/verify", http.StatusSeeOther)
}

// showCodePage handles GET /apply/verify, the code form for the number a
// code was just asked for.
func (p *residentSite) showCodePage(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(applyPhone)
	if err != nil {
		http.Redirect(w, r, "/apply", http.StatusSeeOther)
		return
	}
	phone, err := store.NormalizePhone(c.Value)
	if err != nil {
		http.Redirect(w, r, "/apply", http.StatusSeeOther)
		return
	}
	p.renderCode(w, r, http.StatusOK, applyCodeData{Phone: phone})
}

func (p *residentSite) renderCode(w http.ResponseWriter, r *http.Request, status int, d applyCodeData) {
	d.Grouped = groupPhone(d.Phone)
	v := p.newView(w, r, "apply.code_title", "/apply/verify")
	v.Data = d
	p.render(w, r, status, "public_code", v)
}

// verifyCode handles POST /apply/verify: a right code opens a resident
// session (cookie jiuzhu_resident, for /apply only) and shows the status
// page; a wrong one shows the form again with the tries left.
func (p *residentSite) verifyCode(w http.ResponseWriter, r *http.Request) {
	ctx, ip, now := r.Context(), clientIP(r), p.s.now()
	if !p.guesses.allowed(ip, now) {
		p.fail(w, r, tooMany, "/apply")
		return
	}
	phone := strings.TrimSpace(r.PostFormValue("phone"))
	if c, err := r.Cookie(applyPhone); err == nil && phone == "" {
		phone = c.Value
	}
	token, err := p.s.db.VerifyCode(ctx, phone, r.PostFormValue("code"))
	switch {
	case errs.Is(err, errs.Invalid):
		p.guesses.fail(ip, now)
		prob := p.s.problemFor(r, err)
		if n, err := store.NormalizePhone(phone); err == nil {
			phone = n
		}
		p.renderCode(w, r, prob.Status, applyCodeData{Phone: phone, Error: prob.Title, Fields: problemFields(prob)})
		return
	case err != nil:
		if errs.Is(err, errs.TooMany) {
			p.guesses.fail(ip, now)
		}
		p.fail(w, r, err, "/apply")
		return
	}
	p.setCookie(w, residentCookie, token, store.ResidentLifetime)
	p.setCookie(w, applyPhone, "", -1)
	http.Redirect(w, r, "/apply/status", http.StatusSeeOther)
}

// endSession handles POST /apply/logout.
func (p *residentSite) endSession(w http.ResponseWriter, r *http.Request) {
	if token := residentToken(r); token != "" {
		if err := p.s.db.EndResidentSession(r.Context(), token); err != nil {
			p.s.log.Warn("resident logout", "err", err, "request_id", requestID(r.Context()))
		}
	}
	p.setCookie(w, residentCookie, "", -1)
	http.Redirect(w, r, "/apply", http.StatusSeeOther)
}

// groupPhone writes an 11-digit number as 138 0000 1111, easier to check,
// isolated left to right (U+2066 … U+2069) so that a Uyghur or Kazakh
// sentence around it cannot reorder the groups.
func groupPhone(s string) string {
	if len(s) == 11 {
		s = s[:3] + " " + s[3:7] + " " + s[7:]
	}
	return "\u2066" + s + "\u2069"
}
