package person

import (
	"fmt"
	"time"
)

// IDError explains why a resident ID number is not valid. Key is a message
// key; Args fill its placeholders.
type IDError struct {
	Key  string
	Args map[string]any
}

func (e *IDError) Error() string { return fmt.Sprintf("resident ID: %s %v", e.Key, e.Args) }

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// CheckDigit returns the ISO 7064 MOD 11-2 check character for the first 17
// digits of a resident ID number.
func CheckDigit(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// ParseID validates an 18-character resident ID number (GB 11643-1999) and
// returns its birth date and sex. Each kind of failure has its own message
// key, so a clerk knows which part to re-read. A lowercase x is accepted.
// today bounds the birth date: nobody is born in the future.
func ParseID(id string, today time.Time) (birth time.Time, sex Sex, err error) {
	if len(id) != 18 {
		return time.Time{}, "", &IDError{Key: "err.id.length", Args: map[string]any{"Got": len([]rune(id))}}
	}
	for i := 0; i < 18; i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9':
		case (c == 'X' || c == 'x') && i == 17:
		case c == 'X' || c == 'x':
			return time.Time{}, "", &IDError{Key: "err.id.x_position", Args: map[string]any{"Pos": i + 1}}
		default:
			return time.Time{}, "", &IDError{Key: "err.id.character", Args: map[string]any{"Pos": i + 1}}
		}
	}
	birth, perr := time.Parse("20060102", id[6:14])
	if perr != nil {
		return time.Time{}, "", &IDError{Key: "err.id.birth_date", Args: map[string]any{"Date": id[6:14]}}
	}
	if birth.After(today) || birth.Year() < 1880 {
		return time.Time{}, "", &IDError{Key: "err.id.birth_range", Args: map[string]any{"Date": birth.Format(time.DateOnly)}}
	}
	last := id[17]
	if last == 'x' {
		last = 'X'
	}
	if want := CheckDigit(id); want != last {
		return time.Time{}, "", &IDError{Key: "err.id.checksum", Args: map[string]any{"Want": string(want), "Got": string(last)}}
	}
	sex = Female
	if (id[16]-'0')%2 == 1 {
		sex = Male
	}
	return birth, sex, nil
}

// NormalizeID upper-cases a trailing x so equal numbers compare equal.
func NormalizeID(id string) string {
	if len(id) == 18 && id[17] == 'x' {
		return id[:17] + "X"
	}
	return id
}
