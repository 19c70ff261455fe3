package store_test

import (
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

func TestLoginLockoutAndIdle(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		ctx := t.Context()
		token, u, err := e.db.Login(ctx, "vw_a", "correct-horse-1", store.WebSession)
		if err != nil || u.Username != "vw_a" {
			t.Fatalf("login: %v", err)
		}
		if got, err := e.db.SessionUser(ctx, token); err != nil || got.ID != u.ID {
			t.Fatalf("session: %v", err)
		}
		e.clock.Add(store.IdleTimeout + time.Minute)
		if _, err := e.db.SessionUser(ctx, token); errs.CodeOf(err) != errs.Unauthenticated {
			t.Fatalf("idle session: %v, want unauthenticated", err)
		}
		if _, _, err := e.db.Login(ctx, "nobody", "x", store.WebSession); errs.CodeOf(err) != errs.Unauthenticated {
			t.Fatalf("unknown user: %v", err)
		}
		for i := 0; i < 5; i++ {
			if _, _, err := e.db.Login(ctx, "vw_a", "wrong-password-1", store.WebSession); errs.CodeOf(err) != errs.Unauthenticated {
				t.Fatalf("wrong password %d: %v", i, err)
			}
		}
		if _, _, err := e.db.Login(ctx, "vw_a", "correct-horse-1", store.WebSession); errs.CodeOf(err) != errs.TooMany {
			t.Fatalf("locked account: %v, want too many", err)
		}
		e.clock.Add(16 * time.Minute)
		if _, _, err := e.db.Login(ctx, "vw_a", "correct-horse-1", store.APISession); err != nil {
			t.Fatalf("after lockout: %v", err)
		}
	})
}
