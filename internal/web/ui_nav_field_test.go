package web

import (
	"net/http"
	"testing"
)

// TestNavFieldApp: the "my day" item leads a service worker to the field
// app and is not offered to a provider's administrator, for whom the
// worker's day would answer 403.
func TestNavFieldApp(t *testing.T) {
	e := newUIEnv(t)
	for _, c := range []struct {
		user string
		has  bool
	}{{"worker", true}, {"provider", false}, {"county", false}} {
		t.Run(c.user, func(t *testing.T) {
			page := "/orders"
			body := mustPage(t, e.client(t, c.user), e.ts.URL+page, http.StatusOK)
			if c.has {
				uiHas(t, body, `href="/field/"`)
			} else {
				uiLacks(t, body, `href="/field/"`, `href="/my-day"`)
			}
		})
	}
}
