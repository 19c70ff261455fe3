package auth

import (
	"time"
	"unicode"

	"golang.org/x/crypto/bcrypt"

	"jiuzhu/internal/errs"
)

// User is a login account.
type User struct {
	ID           string    `json:"id"`
	Username     string    `json:"username"`
	DisplayName  string    `json:"display_name"`
	Role         Role      `json:"role"`
	PlaceCode    string    `json:"place_code"` // root of the data scope
	Language     string    `json:"language"`
	ProviderID   string    `json:"provider_id,omitempty"` // provider staff: their organisation
	WorkerID     string    `json:"worker_id,omitempty"`   // field staff: their worker record
	PasswordHash string    `json:"-"`
	Disabled     bool      `json:"disabled"`
	FailedLogins int       `json:"-"`
	LockedUntil  time.Time `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// Actor returns the user as an actor.
func (u *User) Actor() *Actor {
	return &Actor{UserID: u.ID, Username: u.Username, Role: u.Role, Scope: u.PlaceCode, ProviderID: u.ProviderID, WorkerID: u.WorkerID}
}

// Lockout policy: after MaxFailedLogins wrong passwords in a row the account
// is locked for LockoutFor (MLPS level 3 asks for lockout).
const (
	MaxFailedLogins = 5
	LockoutFor      = 15 * time.Minute
)

// bcryptCost is a variable so tests can lower it.
var bcryptCost = bcrypt.DefaultCost

// HashPassword checks the password policy and returns a bcrypt hash.
func HashPassword(pw string) (string, error) {
	if err := CheckPassword(pw); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcryptCost)
	if err != nil {
		return "", errs.Wrap(err, "err.internal")
	}
	return string(h), nil
}

// VerifyPassword reports whether pw matches hash.
func VerifyPassword(hash, pw string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// CheckPassword enforces the complexity rule: at least 10 characters from at
// least two of letters, digits and symbols, and at most 72 bytes (bcrypt's limit).
func CheckPassword(pw string) error {
	if len(pw) > 72 {
		return errs.InvalidField("password", "err.password.too_long", nil)
	}
	var letter, digit, other bool
	n := 0
	for _, r := range pw {
		n++
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, b := range []bool{letter, digit, other} {
		if b {
			classes++
		}
	}
	if n < 10 || classes < 2 {
		return errs.InvalidField("password", "err.password.weak", map[string]any{"Min": 10})
	}
	return nil
}
