package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/width"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/need"
	"jiuzhu/internal/pii"
)

// Self-application (SPEC §2, channel 2): a resident or a relative signs in
// with a phone number and a one-time code sent by SMS, files a need for a
// person linked to that number, and later checks its status. Neither the
// number nor the code is stored in clear (keyed hashes only), so a copy of
// these tables reveals neither.
const (
	CodeLifetime     = 10 * time.Minute // a code is good for this long
	CodeMaxTries     = 5                // wrong entries that spend a code
	CodeInterval     = time.Minute      // at most one code per number per minute
	CodesPerHour     = 5                // and at most this many per hour
	ResidentLifetime = 30 * time.Minute // a resident session ends this long after sign-in
)

// Applicant is a person a resident session may file for. The name is masked
// to its first character, in Chinese characters and in Arabic script, and the
// birth year tells family members apart: phone numbers are recycled in
// China, and a stranger holding an old number should learn next to nothing.
type Applicant struct {
	ID         string
	Name       string // masked: 张**
	NameArabic string // masked, "" when the file has no Arabic spelling
	BirthYear  string
	Own        bool // the number is the person's own, not a guardian's
}

// SelfNeed is what a resident sees of a ledger entry: no notes (staff add
// theirs to the same entry), no worker, no deadline.
type SelfNeed struct {
	ID        string
	PersonID  string
	Category  need.Category
	Status    need.Status
	ViaSelf   bool // filed, at least in part, through the self-application page
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NormalizePhone returns the 11-digit mainland mobile number in s, which may
// hold spaces, dashes, full-width digits or a +86 prefix.
func NormalizePhone(s string) (string, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, width.Narrow.String(s))
	s = strings.TrimPrefix(s, "+")
	if len(s) == 13 && strings.HasPrefix(s, "86") {
		s = s[2:]
	}
	if len(s) != 11 || s[0] != '1' || !digits(s) {
		return "", errs.InvalidField("phone", "err.phone.format", nil)
	}
	return s, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (db *DB) codeHash(id, code string) string { return db.keys.Index("otp|" + id + "|" + code) }

// lockPhone serialises the code and sign-in steps of one number on
// PostgreSQL, so parallel requests cannot overrun the limits. SQLite has
// one writer already.
func (tx *Tx) lockPhone(phoneHash string) error {
	if tx.db.dialect != Postgres {
		return nil
	}
	_, err := tx.Exec(`SELECT pg_advisory_xact_lock(7010002, hashtext($1))`, phoneHash)
	return err
}

// RequestCode makes a one-time code for a phone number, for the caller to
// send by SMS. It returns "" (and no error) when no person file carries the
// number: nothing is sent then, but the attempt is recorded and limited
// exactly like one for a known number, so neither the answer nor the limits
// tell a visitor whose number is registered. More than one request per
// number a minute, or CodesPerHour an hour, is TooMany.
func (db *DB) RequestCode(ctx context.Context, phone string) (string, error) {
	phone, err := NormalizePhone(phone)
	if err != nil {
		return "", err
	}
	ph := db.keys.Index(phone)
	id := uuid.Must(uuid.NewV7()).String()
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", errs.Wrap(err, "err.internal")
	}
	code := fmt.Sprintf("%06d", n.Int64())
	var known bool
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockPhone(ph); err != nil {
			return err
		}
		hourAgo := tx.now.Add(-time.Hour)
		if _, err := tx.Exec(`DELETE FROM resident_codes WHERE created_at < $1`, hourAgo); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT created_at FROM resident_codes WHERE phone_hash = $1 ORDER BY created_at DESC`, ph)
		if err != nil {
			return err
		}
		var recent []time.Time
		for rows.Next() {
			var t time.Time
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return err
			}
			recent = append(recent, t)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if len(recent) > 0 && tx.now.Sub(recent[0]) < CodeInterval {
			wait := int((CodeInterval - tx.now.Sub(recent[0]) + time.Second - 1) / time.Second)
			return &errs.Error{Code: errs.TooMany, Key: "err.apply.code_wait", Args: map[string]any{"Seconds": wait}}
		}
		if len(recent) >= CodesPerHour {
			return errs.New(errs.TooMany, "err.apply.code_hourly")
		}
		var count int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM persons WHERE phone = $1`, phone).Scan(&count); err != nil {
			return err
		}
		known = count > 0
		_, err = tx.Exec(`INSERT INTO resident_codes (id, phone_hash, code_hash, attempts, used, created_at, expires_at)
			VALUES ($1, $2, $3, 0, $4, $5, $6)`, id, ph, db.codeHash(id, code), false, tx.now, tx.now.Add(CodeLifetime))
		return err
	})
	if err != nil || !known {
		return "", err
	}
	return code, nil
}

// residentActor is who acts for a resident session in the audit log.
func residentActor(sessionID string) *auth.Actor {
	return &auth.Actor{Username: "resident:" + sessionID, Role: auth.Resident, Scope: "-"}
}

// VerifyCode checks the number's latest code and opens a resident session,
// returning its token (only its hash is stored). The session may file for
// the people whose phone is the number, and for those whose guardian's
// phone is, as registered at this moment. A wrong code is Invalid and
// counts; the CodeMaxTries-th wrong entry spends the code (TooMany).
func (db *DB) VerifyCode(ctx context.Context, phone, code string) (string, error) {
	phone, err := NormalizePhone(phone)
	if err != nil {
		return "", err
	}
	code = strings.TrimSpace(width.Narrow.String(code))
	if len(code) != 6 || !digits(code) {
		return "", errs.InvalidField("code", "err.apply.code_format", nil)
	}
	ph := db.keys.Index(phone)
	sid := uuid.Must(uuid.NewV7()).String()
	token := newToken()
	var refused error // a refusal whose counting must still commit
	err = db.inTx(auth.WithActor(ctx, residentActor(sid)), func(tx *Tx) error {
		if err := tx.lockPhone(ph); err != nil {
			return err
		}
		var id, hash string
		var attempts int
		var used bool
		var expires time.Time
		err := tx.QueryRow(`SELECT id, code_hash, attempts, used, expires_at FROM resident_codes WHERE phone_hash = $1
			ORDER BY created_at DESC, id DESC LIMIT 1`, ph).Scan(&id, &hash, &attempts, &used, &expires)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			refused = errs.InvalidField("code", "err.apply.code_none", nil)
			return nil
		case err != nil:
			return err
		case used || tx.now.After(expires):
			refused = errs.InvalidField("code", "err.apply.code_expired", nil)
			return nil
		case attempts >= CodeMaxTries:
			refused = errs.New(errs.TooMany, "err.apply.code_locked")
			return nil
		}
		if _, err := tx.Exec(`UPDATE resident_codes SET attempts = attempts + 1 WHERE id = $1`, id); err != nil {
			return err
		}
		if !hmac.Equal([]byte(hash), []byte(db.codeHash(id, code))) {
			if left := CodeMaxTries - attempts - 1; left > 0 {
				refused = &errs.Error{Code: errs.Invalid, Key: "err.invalid",
					Fields: []errs.Field{{Name: "code", Key: "err.apply.code_wrong", Args: map[string]any{"Left": left}}}}
			} else {
				refused = errs.New(errs.TooMany, "err.apply.code_locked")
			}
			return nil
		}
		if _, err := tx.Exec(`UPDATE resident_codes SET used = $1 WHERE id = $2`, true, id); err != nil {
			return err
		}
		return tx.openResidentSession(sid, token, ph, phone)
	})
	if err != nil {
		return "", err
	}
	if refused != nil {
		return "", refused
	}
	return token, nil
}

func (tx *Tx) openResidentSession(sid, token, phoneHash, phone string) error {
	if _, err := tx.Exec(`DELETE FROM resident_sessions WHERE expires_at < $1`, tx.now); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO resident_sessions (token_hash, id, phone_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		hashToken(token), sid, phoneHash, tx.now, tx.now.Add(ResidentLifetime)); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO resident_session_persons (session_id, person_id, own)
		SELECT $1, id, $2 FROM persons WHERE phone = $3`, sid, true, phone); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO resident_session_persons (session_id, person_id, own)
		SELECT $1, c.id, $2 FROM persons c JOIN persons g ON g.id = c.guardian_id WHERE g.phone = $3
		ON CONFLICT DO NOTHING`, sid, false, phone); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM resident_session_persons WHERE session_id = $1`, sid).Scan(&n); err != nil {
		return err
	}
	return tx.audit("resident.sign_in", "resident_session", sid, "", map[string]any{"persons": n})
}

// residentSession returns the id of a live resident session, and its
// number's hash.
func (db *DB) residentSession(ctx context.Context, token string) (id, phoneHash string, err error) {
	unauth := errs.New(errs.Unauthenticated, "err.apply.session")
	if token == "" {
		return "", "", unauth
	}
	var expires time.Time
	err = db.r.QueryRowContext(ctx, `SELECT id, phone_hash, expires_at FROM resident_sessions WHERE token_hash = $1`,
		hashToken(token)).Scan(&id, &phoneHash, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", "", unauth
	case err != nil:
		return "", "", translate(err)
	case db.clock().After(expires):
		return "", "", unauth
	}
	return id, phoneHash, nil
}

// ResidentSession returns the phone-number hash of a live resident session;
// an unknown or expired token is Unauthenticated.
func (db *DB) ResidentSession(ctx context.Context, token string) (phoneHash string, err error) {
	_, phoneHash, err = db.residentSession(ctx, token)
	return phoneHash, err
}

// EndResidentSession signs a resident out.
func (db *DB) EndResidentSession(ctx context.Context, token string) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM resident_sessions WHERE token_hash = $1`, hashToken(token))
	return translate(err)
}

// ResidentPersons lists the people a resident session may file for: the
// number's owners first, then their wards, oldest first.
func (db *DB) ResidentPersons(ctx context.Context, token string) ([]Applicant, error) {
	sid, _, err := db.residentSession(ctx, token)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT p.id, p.name, p.name_arabic, p.birth_date, sp.own
		FROM resident_session_persons sp JOIN persons p ON p.id = sp.person_id
		WHERE sp.session_id = $1 ORDER BY sp.own DESC, p.birth_date, p.id`, sid)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []Applicant{}
	for rows.Next() {
		var a Applicant
		var birth string
		if err := rows.Scan(&a.ID, &a.Name, &a.NameArabic, &birth, &a.Own); err != nil {
			return nil, translate(err)
		}
		a.Name, a.NameArabic = pii.MaskName(a.Name), pii.MaskName(a.NameArabic)
		if len(birth) >= 4 {
			a.BirthYear = birth[:4]
		}
		out = append(out, a)
	}
	return out, translate(rows.Err())
}

// SelfApply files a need through the self-application channel for a person
// the session may file for, as the system (the resident has no staff
// account); the session id is the filing's source reference. An open need of
// the same person and category takes it in (merged).
func (db *DB) SelfApply(ctx context.Context, token, personID string, c need.Category, note string) (*SelfNeed, bool, error) {
	sid, _, err := db.residentSession(ctx, token)
	if err != nil {
		return nil, false, err
	}
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM resident_session_persons WHERE session_id = $1 AND person_id = $2`,
		sid, personID).Scan(&n); err != nil {
		return nil, false, translate(err)
	}
	if n == 0 {
		return nil, false, errs.InvalidField("person_id", "err.apply.person", nil)
	}
	got, merged, err := db.FileNeed(System(ctx), need.Filing{PersonID: personID, Channel: need.SelfApplication, Category: c,
		Note: note, OnBehalf: false, SourceRef: "self:" + sid})
	if err != nil {
		return nil, false, err
	}
	return &SelfNeed{ID: got.ID, PersonID: got.PersonID, Category: got.Category, Status: got.Status, ViaSelf: true,
		CreatedAt: got.CreatedAt, UpdatedAt: got.UpdatedAt}, merged, nil
}

// SelfApplications lists the ledger entries of the people a resident session
// may file for, newest first, whichever channel they came through.
func (db *DB) SelfApplications(ctx context.Context, token string) ([]SelfNeed, error) {
	sid, _, err := db.residentSession(ctx, token)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT n.id, n.person_id, n.category, n.status, n.created_at, n.updated_at,
		EXISTS (SELECT 1 FROM need_channels c WHERE c.need_id = n.id AND c.channel = $2)
		FROM needs n JOIN resident_session_persons sp ON sp.person_id = n.person_id
		WHERE sp.session_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT 100`, sid, string(need.SelfApplication))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []SelfNeed{}
	for rows.Next() {
		var s SelfNeed
		if err := rows.Scan(&s.ID, &s.PersonID, &s.Category, &s.Status, &s.CreatedAt, &s.UpdatedAt, &s.ViaSelf); err != nil {
			return nil, translate(err)
		}
		s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
		out = append(out, s)
	}
	return out, translate(rows.Err())
}
