package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiuzhu/internal/demo"
	"jiuzhu/internal/i18n"
)

func TestUILogin(t *testing.T) {
	e := newUIEnv(t)

	t.Run("AnonymousGoesToLogin", func(t *testing.T) {
		c := e.client(t, "")
		res, _ := uiGet(t, c, e.ts.URL+"/persons?q=%E6%9D%8E")
		if got, want := res.StatusCode, http.StatusSeeOther; got != want {
			t.Fatalf("Status=%v, want %v", got, want)
		}
		if got, want := res.Header.Get("Location"), "/login?next="+url.QueryEscape("/persons?q=%E6%9D%8E"); got != want {
			t.Errorf("Location=%q, want %q", got, want)
		}
		body := mustPage(t, c, e.ts.URL+"/login?next=/persons", http.StatusOK)
		uiHas(t, body, `<html lang="zh-Hans" dir="ltr">`, `name="next" value="/persons"`, i18n.For("zh-Hans").T("login.title", nil))
	})

	t.Run("WrongPassword", func(t *testing.T) {
		for _, l := range i18n.Langs {
			t.Run(l.Tag, func(t *testing.T) {
				req, _ := http.NewRequest("POST", e.ts.URL+"/login", strings.NewReader(url.Values{"username": {"county"}, "password": {"not-the-password"}}.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Accept-Language", l.Tag)
				res, err := e.client(t, "").Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body := uiBody(t, res)
				if got, want := res.StatusCode, http.StatusUnauthorized; got != want {
					t.Fatalf("Status=%v, want %v", got, want)
				}
				uiHas(t, body, i18n.For(l.Tag).T("err.login.failed", nil), `value="county"`, `dir="`+l.Dir+`"`)
				if res.Header.Get("Set-Cookie") != "" && strings.Contains(res.Header.Get("Set-Cookie"), sessionCookie) {
					t.Errorf("a failed login set the session cookie")
				}
			})
		}
	})

	t.Run("Missing", func(t *testing.T) {
		res, body := uiPost(t, e.client(t, ""), e.ts.URL+"/login", url.Values{"username": {""}, "password": {""}})
		if got, want := res.StatusCode, http.StatusUnprocessableEntity; got != want {
			t.Fatalf("Status=%v, want %v", got, want)
		}
		uiHas(t, body, i18n.For("zh-Hans").T("err.required", nil))
	})

	t.Run("SuccessRedirects", func(t *testing.T) {
		for _, tc := range []struct{ next, want string }{
			{"", "/"},
			{"/persons?q=x", "/persons?q=x"},
			{"//evil.example/", "/"},
			{"https://evil.example/", "/"},
			{"/\\evil.example", "/"},
		} {
			c := e.client(t, "")
			res, body := uiPost(t, c, e.ts.URL+"/login", url.Values{"username": {"county"}, "password": {demo.Password}, "next": {tc.next}})
			if got, want := res.StatusCode, http.StatusSeeOther; got != want {
				t.Fatalf("next=%q: Status=%v, want %v; body: %s", tc.next, got, want, body)
			}
			if got := res.Header.Get("Location"); got != tc.want {
				t.Errorf("next=%q: Location=%q, want %q", tc.next, got, tc.want)
			}
		}
	})

	t.Run("Logout", func(t *testing.T) {
		c := e.client(t, "county")
		mustPage(t, c, e.ts.URL+"/", http.StatusOK)
		res, _ := uiPost(t, c, e.ts.URL+"/logout", nil)
		if got, want := res.Header.Get("Location"), "/login"; res.StatusCode != http.StatusSeeOther || got != want {
			t.Fatalf("logout: Status=%v Location=%q, want 303 %q", res.StatusCode, got, want)
		}
		res, _ = uiGet(t, c, e.ts.URL+"/")
		if got, want := res.Header.Get("Location"), "/login"; got != want {
			t.Errorf("after logout GET / went to %q, want %q", got, want)
		}
	})

	t.Run("Locked", func(t *testing.T) {
		c := e.client(t, "")
		for range 5 {
			uiPost(t, c, e.ts.URL+"/login", url.Values{"username": {"auditor"}, "password": {"wrong-password-1"}})
		}
		res, body := uiPost(t, c, e.ts.URL+"/login", url.Values{"username": {"auditor"}, "password": {demo.Password}})
		if got, want := res.StatusCode, http.StatusTooManyRequests; got != want {
			t.Fatalf("Status=%v, want %v", got, want)
		}
		uiHas(t, body, "账号已锁定")
	})
}

func TestUILocalPath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "/"}, {"/", "/"}, {"/persons?page=2", "/persons?page=2"}, {"persons", "/"},
		{"//x.example", "/"}, {"/\\x.example", "/"}, {"http://x.example/a", "/"}, {"/a\r\nSet-Cookie: x", "/"},
	} {
		if got := localPath(tc.in); got != tc.want {
			t.Errorf("localPath(%q)=%q, want %q", tc.in, got, tc.want)
		}
	}
}
