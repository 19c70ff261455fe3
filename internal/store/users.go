package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/place"
)

const userCols = `id, username, display_name, role, place_code, language, password_hash, disabled, failed_logins, locked_until, created_at, provider_id, worker_id`

func scanUser(s interface{ Scan(...any) error }) (*auth.User, error) {
	var u auth.User
	var locked sql.NullTime
	if err := s.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.PlaceCode, &u.Language, &u.PasswordHash, &u.Disabled, &u.FailedLogins, &locked, &u.CreatedAt, &u.ProviderID, &u.WorkerID); err != nil {
		return nil, err
	}
	u.LockedUntil = locked.Time
	return &u, nil
}

// PutUser creates a user, or resets the password, role, place and name of an
// existing one with the same username. Only the system (CLI, demo loader) and
// user managers may call it.
func (db *DB) PutUser(ctx context.Context, u *auth.User, password string, demo bool) (*auth.User, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageUsers) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	var fs errs.Fields
	u.Username = strings.TrimSpace(u.Username)
	if u.Username == "" {
		fs.Add("username", "err.required", nil)
	}
	if !u.Role.Valid() {
		fs.Add("role", "err.invalid", nil)
	}
	if !a.Sees(u.PlaceCode) {
		fs.Add("place_code", "err.place.out_of_scope", nil)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	if u.Language == "" {
		u.Language = "zh-Hans"
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM places WHERE code = $1`, u.PlaceCode).Scan(&n); err != nil || n == 0 {
			return errs.InvalidField("place_code", "err.place.unknown", nil)
		}
		err := tx.QueryRow(`SELECT id FROM users WHERE username = $1`, u.Username).Scan(&u.ID)
		switch {
		case err == sql.ErrNoRows:
			u.ID = uuid.Must(uuid.NewV7()).String()
			u.CreatedAt = tx.now
			_, err = tx.Exec(`INSERT INTO users (id, username, display_name, role, place_code, language, password_hash, demo, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, u.ID, u.Username, u.DisplayName, string(u.Role), u.PlaceCode, u.Language, hash, demo, tx.now)
			if err != nil {
				return err
			}
			return tx.audit("user.create", "user", u.ID, u.PlaceCode, map[string]any{"username": u.Username, "role": u.Role})
		case err != nil:
			return err
		}
		_, err = tx.Exec(`UPDATE users SET display_name = $1, role = $2, place_code = $3, password_hash = $4, failed_logins = 0,
			locked_until = NULL, disabled = $5 WHERE id = $6`, u.DisplayName, string(u.Role), u.PlaceCode, hash, false, u.ID)
		if err != nil {
			return err
		}
		// A reset password ends every session of the user.
		if _, err := tx.Exec(`DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
			return err
		}
		return tx.audit("user.reset", "user", u.ID, u.PlaceCode, map[string]any{"username": u.Username, "role": u.Role})
	})
	if err != nil {
		return nil, err
	}
	return db.userBy(ctx, "id", u.ID)
}

func (db *DB) userBy(ctx context.Context, col, v string) (*auth.User, error) {
	return userOn(ctx, db.w, col, v)
}

// userOn reads a user through q: the writer where a write just happened,
// the read pool on the hot path of every request.
func userOn(ctx context.Context, q querier, col, v string) (*auth.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE `+col+` = $1`, v))
	return u, translate(err)
}

// Session kinds and lifetimes. Console sessions also end after IdleTimeout
// without a request (MLPS level 3 asks for an idle timeout).
const (
	WebSession  = "web"
	APISession  = "api"
	IdleTimeout = 30 * time.Minute
	WebLifetime = 12 * time.Hour
	APILifetime = 12 * time.Hour
)

// Login checks a username and password and opens a session, returning its
// token (shown once; only its hash is stored). Wrong passwords count towards
// a lockout; the error does not say whether the user exists.
func (db *DB) Login(ctx context.Context, username, password, kind string) (string, *auth.User, error) {
	failed := errs.New(errs.Unauthenticated, "err.login.failed")
	u, err := db.userBy(ctx, "username", strings.TrimSpace(username))
	if errs.Is(err, errs.NotFound) {
		// Spend the time a hash check takes, so timing does not reveal
		// which usernames exist.
		auth.VerifyPassword(dummyHash(), password)
		return "", nil, failed
	}
	if err != nil {
		return "", nil, err
	}
	now := db.clock()
	if u.LockedUntil.After(now) {
		return "", nil, &errs.Error{Code: errs.TooMany, Key: "err.login.locked", Args: map[string]any{"Until": u.LockedUntil.In(shanghai).Format("15:04")}}
	}
	if u.Disabled || !auth.VerifyPassword(u.PasswordHash, password) {
		err := db.inTx(ctx, func(tx *Tx) error {
			n := u.FailedLogins + 1
			var until sql.NullTime
			if n >= auth.MaxFailedLogins {
				until = sql.NullTime{Time: tx.now.Add(auth.LockoutFor), Valid: true}
				n = 0
			}
			_, err := tx.Exec(`UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3`, n, until, u.ID)
			return err
		})
		if err != nil {
			return "", nil, err
		}
		return "", nil, failed
	}
	token := newToken()
	lifetime := WebLifetime
	if kind == APISession {
		lifetime = APILifetime
	}
	err = db.inTx(auth.WithActor(ctx, u.Actor()), func(tx *Tx) error {
		if _, err := tx.Exec(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, u.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			hashToken(token), u.ID, kind, tx.now, tx.now, tx.now.Add(lifetime)); err != nil {
			return err
		}
		return tx.audit("user.login", "user", u.ID, u.PlaceCode, map[string]any{"kind": kind})
	})
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// SessionUser returns the user of a live session and marks it used. Expired,
// idle web sessions and disabled users are unauthenticated.
func (db *DB) SessionUser(ctx context.Context, token string) (*auth.User, error) {
	unauth := errs.New(errs.Unauthenticated, "err.unauthenticated")
	if token == "" {
		return nil, unauth
	}
	var userID, kind string
	var lastSeen, expires time.Time
	h := hashToken(token)
	err := db.r.QueryRowContext(ctx, `SELECT user_id, kind, last_seen, expires_at FROM sessions WHERE token_hash = $1`, h).Scan(&userID, &kind, &lastSeen, &expires)
	if err != nil {
		return nil, unauth
	}
	now := db.clock()
	if now.After(expires) || (kind == WebSession && now.Sub(lastSeen) > IdleTimeout) {
		db.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, h)
		return nil, unauth
	}
	// Every request comes here: read from the pool, never queue behind
	// SQLite's single writer.
	u, err := userOn(ctx, db.r, "id", userID)
	if err != nil || u.Disabled {
		return nil, unauth
	}
	// Touch at most once a minute: one write per request would queue every
	// reader behind SQLite's single writer.
	if now.Sub(lastSeen) > time.Minute {
		if _, err := db.w.ExecContext(ctx, `UPDATE sessions SET last_seen = $1 WHERE token_hash = $2`, now, h); err != nil {
			return nil, translate(err)
		}
	}
	return u, nil
}

// Logout ends a session.
func (db *DB) Logout(ctx context.Context, token string) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashToken(token))
	return translate(err)
}

// SetUserLanguage stores a user's preferred interface language.
func (db *DB) SetUserLanguage(ctx context.Context, userID, lang string) error {
	_, err := db.w.ExecContext(ctx, `UPDATE users SET language = $1 WHERE id = $2`, lang, userID)
	return translate(err)
}

// dummyHash is a real hash of a random password, made once.
var dummyHash = sync.OnceValue(func() string {
	h, _ := bcrypt.GenerateFromPassword([]byte(newToken()), bcrypt.DefaultCost)
	return string(h)
})

func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// shanghai is the display zone for times shown in messages.
var shanghai = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}()

func (db *DB) userByTx(tx *Tx, id string) (*auth.User, error) {
	u, err := scanUser(tx.QueryRow(`SELECT `+userCols+` FROM users WHERE id = $1`, id))
	return u, translate(err)
}

// UsersCovering lists active users holding perm whose area contains the
// village code and lies inside the actor's own area: the people a need
// there may be assigned to. Village workers come first.
func (db *DB) UsersCovering(ctx context.Context, code string, perm auth.Permission) ([]*auth.User, error) {
	a := actorOf(ctx)
	if !a.Can(auth.WriteNeeds) && !a.Can(auth.ManageUsers) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.raw(`SELECT ` + userCols + ` FROM users WHERE disabled = ` + db.falseLit() + ` AND place_code IN (`)
	var chain []string // the village, then its ancestors
	for c := code; c != ""; c = place.ParentCode(c) {
		if len(chain) > 0 {
			q.add(", ")
		}
		chain = append(chain, c)
		q.add("%s", q.arg(c))
	}
	q.add(")")
	q.scoped("place_code", a)
	q.add(` ORDER BY username`)
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []*auth.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, translate(err)
		}
		if u.Role.Can(perm) {
			out = append(out, u)
		}
	}
	// Nearest first: village workers, then township, county, prefecture.
	slices.SortStableFunc(out, func(x, y *auth.User) int {
		return slices.Index(chain, x.PlaceCode) - slices.Index(chain, y.PlaceCode)
	})
	return out, translate(rows.Err())
}

// falseLit is the literal for false in the dialect's boolean columns.
func (db *DB) falseLit() string {
	if db.dialect == Postgres {
		return "FALSE"
	}
	return "0"
}
