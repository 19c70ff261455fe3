package store_test

import (
	"errors"
	"testing"

	"jiuzhu/internal/audit"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

func TestAuditChain(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		mustCreate(t, e, newPerson("甲", villageA, idFor("652301", "19500101", "091")))
		ctx := store.System(t.Context())
		n, _, err := e.db.VerifyAudit(ctx)
		if err != nil || n < 7 {
			t.Fatalf("intact chain: n=%d err=%v", n, err)
		}
		if err := e.db.ExecForTest(ctx, `UPDATE audit_log SET actor = 'mallory' WHERE seq = 3`); err != nil {
			t.Fatal(err)
		}
		var b *audit.Break
		if _, _, err := e.db.VerifyAudit(ctx); !errors.As(err, &b) || b.Seq != 3 {
			t.Fatalf("edited row: err=%v, want break at 3", err)
		}
	})
}
