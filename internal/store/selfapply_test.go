package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

const (
	phoneGran  = "13800001111" // a grandmother, guardian of a grandchild
	phoneOther = "13900002222" // someone else
)

// selfEnv holds a grandmother with her own phone and a grandchild in her
// care without one, and a stranger with another phone.
type selfEnv struct {
	*env
	gran, child, other string // person ids
}

func newSelfEnv(t *testing.T, d store.Dialect) *selfEnv {
	t.Helper()
	e := newEnv(t, d)
	g := newPerson("王秀英", villageA, idFor("652301", "19480305", "022"))
	g.Phone = phoneGran
	gran := mustCreate(t, e, g)
	c := newPerson("王小明", villageA, idFor("652301", "20150601", "031"))
	c.GuardianID = gran.ID
	child := mustCreate(t, e, c)
	o := newPerson("李建国", villageM, idFor("652328", "19600101", "041"))
	o.Phone = phoneOther
	other := mustCreate(t, e, o)
	return &selfEnv{env: e, gran: gran.ID, child: child.ID, other: other.ID}
}

// signIn requests a code for phone and verifies it, returning the session token.
func (e *selfEnv) signIn(t *testing.T, phone string) string {
	t.Helper()
	ctx := context.Background()
	code, err := e.db.RequestCode(ctx, phone)
	if err != nil || len(code) != 6 {
		t.Fatalf("RequestCode(%s) = %q, %v", phone, code, err)
	}
	token, err := e.db.VerifyCode(ctx, phone, code)
	if err != nil || token == "" {
		t.Fatalf("VerifyCode: %v", err)
	}
	return token
}

func TestSelfApplyFilesIntoLedger(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newSelfEnv(t, d)
		ctx := context.Background()
		token := e.signIn(t, "+86 138-0000-1111")
		if h, err := e.db.ResidentSession(ctx, token); err != nil || len(h) != 64 || strings.Contains(h, phoneGran) {
			t.Fatalf("ResidentSession = %q, %v", h, err)
		}
		ps, err := e.db.ResidentPersons(ctx, token)
		if err != nil || len(ps) != 2 {
			t.Fatalf("ResidentPersons = %+v, %v; want grandmother and grandchild", ps, err)
		}
		if ps[0].ID != e.gran || !ps[0].Own || ps[1].ID != e.child || ps[1].Own {
			t.Fatalf("persons = %+v; want own number first", ps)
		}
		if got, want := ps[0].Name, "王**"; got != want {
			t.Fatalf("Name=%q, want %q (masked)", got, want)
		}
		if got, want := ps[1].BirthYear, "2015"; got != want {
			t.Fatalf("BirthYear=%q, want %q", got, want)
		}

		n, merged, err := e.db.SelfApply(ctx, token, e.child, need.Child, "孩子放学后无人照看")
		if err != nil || merged {
			t.Fatalf("SelfApply: merged=%v err=%v", merged, err)
		}
		full, err := e.db.Need(e.as("admin"), n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Channels) != 1 || full.Channels[0] != need.SelfApplication || full.OnBehalf || full.FiledBy != "system" {
			t.Fatalf("ledger entry = %+v; want self_application, not on behalf, filed by the system", full)
		}
		// Staff survey of the same need merges; the resident sees one entry.
		if _, merged, err := e.db.FileNeed(e.as("vw_a"), need.Filing{PersonID: e.child, Channel: need.FieldSurvey, Category: need.Child, Note: "监护人年老"}); err != nil || !merged {
			t.Fatalf("staff filing: merged=%v err=%v", merged, err)
		}
		list, err := e.db.SelfApplications(ctx, token)
		if err != nil || len(list) != 1 || list[0].ID != n.ID || !list[0].ViaSelf || list[0].Status != need.New {
			t.Fatalf("SelfApplications = %+v, %v", list, err)
		}

		t.Run("ErrOtherPerson", func(t *testing.T) {
			if _, _, err := e.db.SelfApply(ctx, token, e.other, need.Care, ""); errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("filing for a stranger: %v, want invalid", err)
			}
			if _, _, err := e.db.FileNeed(e.as("admin"), need.Filing{PersonID: e.other, Channel: need.FieldSurvey, Category: need.Care}); err != nil {
				t.Fatal(err)
			}
			list, _ := e.db.SelfApplications(ctx, token)
			for _, s := range list {
				if s.PersonID == e.other {
					t.Fatalf("a stranger's need is listed: %+v", s)
				}
			}
		})
		t.Run("ErrBadCategory", func(t *testing.T) {
			if _, _, err := e.db.SelfApply(ctx, token, e.gran, "cash", ""); errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("unknown category: %v", err)
			}
		})
		t.Run("Expired", func(t *testing.T) {
			e.clock.Add(store.ResidentLifetime + time.Second)
			if _, err := e.db.SelfApplications(ctx, token); errs.CodeOf(err) != errs.Unauthenticated {
				t.Fatalf("after the lifetime: %v, want unauthenticated", err)
			}
		})
	})
}

func TestResidentCodeLimits(t *testing.T) {
	testdb.Run(t, func(t *testing.T, d store.Dialect) {
		e := newSelfEnv(t, d)
		ctx := context.Background()

		t.Run("WrongCodeSpendsIt", func(t *testing.T) {
			code, err := e.db.RequestCode(ctx, phoneOther)
			if err != nil {
				t.Fatal(err)
			}
			wrong := "000000"
			if code == wrong {
				wrong = "111111"
			}
			for i := 1; i < store.CodeMaxTries; i++ {
				if _, err := e.db.VerifyCode(ctx, phoneOther, wrong); errs.CodeOf(err) != errs.Invalid {
					t.Fatalf("wrong code #%d: %v, want invalid", i, err)
				}
			}
			if _, err := e.db.VerifyCode(ctx, phoneOther, wrong); errs.CodeOf(err) != errs.TooMany {
				t.Fatalf("wrong code #%d: %v, want too many", store.CodeMaxTries, err)
			}
			if _, err := e.db.VerifyCode(ctx, phoneOther, code); errs.CodeOf(err) != errs.TooMany {
				t.Fatalf("right code after the limit: %v, want too many", err)
			}
		})
		t.Run("OnePerMinuteFivePerHour", func(t *testing.T) {
			if _, err := e.db.RequestCode(ctx, phoneOther); errs.CodeOf(err) != errs.TooMany {
				t.Fatalf("second code within a minute: %v, want too many", err)
			}
			for i := 2; i <= store.CodesPerHour; i++ {
				e.clock.Add(store.CodeInterval)
				if _, err := e.db.RequestCode(ctx, phoneOther); err != nil {
					t.Fatalf("code #%d: %v", i, err)
				}
			}
			e.clock.Add(store.CodeInterval)
			if _, err := e.db.RequestCode(ctx, phoneOther); errs.CodeOf(err) != errs.TooMany {
				t.Fatalf("code #%d within the hour: %v, want too many", store.CodesPerHour+1, err)
			}
			e.clock.Add(time.Hour)
			if _, err := e.db.RequestCode(ctx, phoneOther); err != nil {
				t.Fatalf("an hour later: %v", err)
			}
		})
		t.Run("Expires", func(t *testing.T) {
			e.clock.Add(store.CodeInterval)
			code, err := e.db.RequestCode(ctx, phoneOther)
			if err != nil {
				t.Fatal(err)
			}
			e.clock.Add(store.CodeLifetime + time.Second)
			if _, err := e.db.VerifyCode(ctx, phoneOther, code); errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("expired code: %v, want invalid", err)
			}
		})
		t.Run("UsedOnce", func(t *testing.T) {
			e.clock.Add(store.CodeInterval)
			code, _ := e.db.RequestCode(ctx, phoneOther)
			if _, err := e.db.VerifyCode(ctx, phoneOther, code); err != nil {
				t.Fatal(err)
			}
			if _, err := e.db.VerifyCode(ctx, phoneOther, code); errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("code used twice: %v, want invalid", err)
			}
		})
		t.Run("UnknownNumber", func(t *testing.T) {
			code, err := e.db.RequestCode(ctx, "13700003333")
			if err != nil || code != "" {
				t.Fatalf("unknown number: code %q, err %v; want nothing to send", code, err)
			}
			if _, err := e.db.RequestCode(ctx, "13700003333"); errs.CodeOf(err) != errs.TooMany {
				t.Fatalf("unknown number, second request: %v; want the same limit as a known one", err)
			}
		})
		t.Run("ErrFormat", func(t *testing.T) {
			if _, err := e.db.RequestCode(ctx, "12345"); errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("short number: %v", err)
			}
			if _, err := e.db.VerifyCode(ctx, phoneOther, "12ab56"); errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("letters in the code: %v", err)
			}
		})
		t.Run("NothingInClear", func(t *testing.T) {
			rows, err := e.db.QueryStringsForTest(ctx, `SELECT phone_hash || ' ' || code_hash FROM resident_codes`)
			if err != nil || len(rows) == 0 {
				t.Fatalf("codes: %v %v", rows, err)
			}
			for _, r := range rows {
				if strings.Contains(r, phoneOther) {
					t.Fatalf("phone number in clear: %s", r)
				}
			}
		})
	})
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"13800001111":       "13800001111",
		"138 0000 1111":     "13800001111",
		"+86-138-0000-1111": "13800001111",
		"１３８００００１１１１":       "13800001111",
		"8613800001111":     "13800001111",
		"23800001111":       "",
		"1380000111":        "",
	} {
		got, err := store.NormalizePhone(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
