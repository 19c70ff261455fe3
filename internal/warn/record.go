package warn

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Record is one validated feed row. Only the fields of its kind's layout are
// set; the others stay zero.
type Record struct {
	Kind          FeedKind  `json:"kind"`
	Line          int       `json:"line"` // line in the imported file, for reports
	IDNumber      string    `json:"id_number"`
	Date          time.Time `json:"date"`                     // event day, UTC midnight; hospital_stay: admission, death: day of death
	EndDate       time.Time `json:"end_date,omitzero"`        // hospital_stay: discharge day, UTC midnight; zero while in hospital
	AmountFen     int64     `json:"amount_fen,omitempty"`     // medical_expense, utility_arrears
	Grade         int       `json:"grade,omitempty"`          // disability_grade
	HouseholdSize int       `json:"household_size,omitempty"` // elderly_alone
	Months        int       `json:"months,omitempty"`         // utility_arrears
	Ref           string    `json:"ref,omitempty"`            // the department's record number; hospital_stay: the hospital
	Name          string    `json:"name,omitempty"`
	Note          string    `json:"note,omitempty"`
}

// Fingerprint identifies the event a record reports: the SHA-256, in hex, of
// the kind and every field that describes the event. Line, Name and Note are
// left out, so the same event re-exported in another order, with a spelling
// fix or another comment, is still the same event. The store keeps a unique
// index on it; importing the same file twice then adds nothing.
//
// A discharge day makes another event than the open stay it ends: the later
// file adds a record and the reader of stays takes, per admission, the
// latest discharge day. It is appended only when set, so the fingerprints
// of records without one, every other feed's included, stay as they were.
func (r *Record) Fingerprint() string {
	f := []string{
		"warn.record.v1",
		string(r.Kind),
		r.IDNumber,
		r.Date.Format(time.DateOnly),
		strconv.FormatInt(r.AmountFen, 10),
		strconv.Itoa(r.Grade),
		strconv.Itoa(r.HouseholdSize),
		strconv.Itoa(r.Months),
		r.Ref,
	}
	if !r.EndDate.IsZero() {
		f = append(f, r.EndDate.Format(time.DateOnly))
	}
	return digest(f...)
}

// digest hashes fields separated by a byte no field can hold (fields are
// valid UTF-8, where 0xFF never occurs), so ("a|b", "c") and ("a", "b|c")
// differ.
func digest(fields ...string) string {
	h := sha256.New()
	for _, f := range fields {
		h.Write([]byte(f))
		h.Write([]byte{0xFF})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FileDigest is the SHA-256, in hex, of a file's bytes as uploaded. The store
// can tell a clerk that this very file was already imported, and when.
func FileDigest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// formatYuan renders fen as yuan with two decimals, e.g. 5200000 → "52000.00".
func formatYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	cents := strconv.FormatInt(fen%100, 10)
	return sign + strconv.FormatInt(fen/100, 10) + "." + strings.Repeat("0", 2-len(cents)) + cents
}
