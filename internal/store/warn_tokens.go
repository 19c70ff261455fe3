package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/warn"
)

// DepartmentTokenPrefix starts every department token, so the API can tell
// one from a session token at a glance.
const DepartmentTokenPrefix = "dept_"

// maxTokenLabel bounds a token's label, in characters.
const maxTokenLabel = 100

// DepartmentToken lets a department's system upload its feeds without a
// staff account. Only a hash of the secret is stored; the secret is shown
// once, when the token is made. PlaceCode is the area of the administrator
// who made it: uploads with the token match people there.
type DepartmentToken struct {
	ID         string          `json:"id"`
	Department warn.Department `json:"department"`
	Label      string          `json:"label"`
	PlaceCode  string          `json:"place_code"`
	CreatedBy  string          `json:"created_by"`
	CreatedAt  time.Time       `json:"created_at"`
	LastUsedAt *time.Time      `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time      `json:"revoked_at,omitempty"`
}

const tokenCols = `id, department, label, place_code, created_by, created_at, last_used_at, revoked_at`

func scanToken(s interface{ Scan(...any) error }) (*DepartmentToken, error) {
	var t DepartmentToken
	var used, revoked sql.NullTime
	if err := s.Scan(&t.ID, &t.Department, &t.Label, &t.PlaceCode, &t.CreatedBy, &t.CreatedAt, &used, &revoked); err != nil {
		return nil, err
	}
	t.CreatedAt = t.CreatedAt.UTC()
	t.LastUsedAt, t.RevokedAt = utcPtr(used), utcPtr(revoked)
	return &t, nil
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// CreateDepartmentToken makes a token for a department's feeds and returns it
// with its secret, which is never shown again. Prefecture administrators only.
func (db *DB) CreateDepartmentToken(ctx context.Context, dept warn.Department, label string) (*DepartmentToken, string, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageWarnings) {
		return nil, "", errs.New(errs.Forbidden, "err.forbidden")
	}
	var fs errs.Fields
	if len(dept.Feeds()) == 0 {
		fs.Add("department", "err.dept.unknown", nil)
	}
	label = strings.TrimSpace(label)
	if utf8.RuneCountInString(label) > maxTokenLabel {
		fs.Add("label", "err.text.too_long", map[string]any{"Max": maxTokenLabel})
	}
	if err := fs.Err(); err != nil {
		return nil, "", err
	}
	secret := DepartmentTokenPrefix + newToken()
	t := &DepartmentToken{ID: uuid.Must(uuid.NewV7()).String(), Department: dept, Label: label, PlaceCode: a.Scope, CreatedBy: a.Username}
	err := db.inTx(ctx, func(tx *Tx) error {
		t.CreatedAt = tx.now
		if _, err := tx.Exec(`INSERT INTO department_tokens (id, department, label, token_hash, place_code, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, t.ID, string(dept), label, hashToken(secret), t.PlaceCode, t.CreatedBy, tx.now); err != nil {
			return err
		}
		return tx.audit("department_token.create", "department_token", t.ID, t.PlaceCode, map[string]any{"department": dept})
	})
	if err != nil {
		return nil, "", err
	}
	return t, secret, nil
}

// DepartmentTokens lists the tokens made in the actor's area, newest first,
// revoked ones included.
func (db *DB) DepartmentTokens(ctx context.Context) ([]DepartmentToken, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageWarnings) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	q := &query{}
	q.raw(`SELECT ` + tokenCols + ` FROM department_tokens WHERE 1=1`)
	q.scoped("place_code", a)
	q.raw(` ORDER BY created_at DESC, id DESC`)
	rows, err := db.r.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []DepartmentToken{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, *t)
	}
	return out, translate(rows.Err())
}

// RevokeDepartmentToken ends a token at once; revoking it again changes
// nothing. A token outside the actor's area is not found.
func (db *DB) RevokeDepartmentToken(ctx context.Context, id string) (*DepartmentToken, error) {
	a := actorOf(ctx)
	if !a.Can(auth.ManageWarnings) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	var t *DepartmentToken
	err := db.inTx(ctx, func(tx *Tx) error {
		q := &query{}
		q.add(`SELECT `+tokenCols+` FROM department_tokens WHERE id = %s`, q.arg(id))
		q.scoped("place_code", a)
		var err error
		if t, err = scanToken(tx.QueryRow(q.String(), q.args...)); err != nil || t.RevokedAt != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE department_tokens SET revoked_at = $1 WHERE id = $2`, tx.now, id); err != nil {
			return err
		}
		now := tx.now
		t.RevokedAt = &now
		return tx.audit("department_token.revoke", "department_token", id, t.PlaceCode, map[string]any{"department": t.Department})
	})
	return t, err
}

type tokenKey struct{}

// DepartmentContext authenticates a department token: the returned context
// acts for the token (a department liaison in the token's area) and may
// upload only that department's feeds. An unknown or revoked token is
// Unauthenticated.
func (db *DB) DepartmentContext(ctx context.Context, secret string) (context.Context, error) {
	unauth := errs.New(errs.Unauthenticated, "err.feed.token")
	if !strings.HasPrefix(secret, DepartmentTokenPrefix) {
		return nil, unauth
	}
	t, err := scanToken(db.w.QueryRowContext(ctx, `SELECT `+tokenCols+` FROM department_tokens WHERE token_hash = $1`, hashToken(secret)))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, unauth
	case err != nil:
		return nil, translate(err)
	case t.RevokedAt != nil:
		return nil, unauth
	}
	if _, err := db.w.ExecContext(ctx, `UPDATE department_tokens SET last_used_at = $1 WHERE id = $2`, db.clock(), t.ID); err != nil {
		return nil, translate(err)
	}
	actor := &auth.Actor{Username: "token:" + string(t.Department) + ":" + t.ID, Role: auth.DepartmentLiaison, Scope: t.PlaceCode}
	return context.WithValue(auth.WithActor(ctx, actor), tokenKey{}, t), nil
}

// tokenOf returns the department token a context acts for, or nil.
func tokenOf(ctx context.Context) *DepartmentToken {
	t, _ := ctx.Value(tokenKey{}).(*DepartmentToken)
	return t
}
