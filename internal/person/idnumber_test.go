package person

import (
	"errors"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// valid builds a valid number from its first 17 characters.
func valid(first17 string) string { return first17 + string(CheckDigit(first17)) }

func TestParseID(t *testing.T) {
	good := valid("65230119800101123")
	wrongCheck := good[:17] + "1"
	if good[17] == '1' {
		wrongCheck = good[:17] + "2"
	}
	for _, tc := range []struct {
		name, id, key string
	}{
		{"valid", good, ""},
		{"lowercase x", lowerX(), ""},
		{"too short", good[:17], "err.id.length"},
		{"too long", good + "1", "err.id.length"},
		{"letter", "6523A1198001011234", "err.id.character"},
		{"X in the middle", "65230X198001011234", "err.id.x_position"},
		{"no such date", valid("65230119800231123"), "err.id.birth_date"},
		{"month 13", valid("65230119801301123"), "err.id.birth_date"},
		{"future", valid("65230120300101123"), "err.id.birth_range"},
		{"before 1880", valid("65230118700101123"), "err.id.birth_range"},
		{"check digit", wrongCheck, "err.id.checksum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ParseID(tc.id, today)
			if tc.key == "" {
				if err != nil {
					t.Fatalf("ParseID(%q) = %v, want ok", tc.id, err)
				}
				return
			}
			var ie *IDError
			if !errors.As(err, &ie) || ie.Key != tc.key {
				t.Fatalf("ParseID(%q) = %v, want %s", tc.id, err, tc.key)
			}
		})
	}
}

// lowerX returns a valid number whose check character is X, written x.
func lowerX() string {
	for seq := 100; seq < 1000; seq++ {
		first := "652301198001" + "01" + string(rune('0'+seq/100)) + string(rune('0'+seq/10%10)) + string(rune('0'+seq%10))
		if CheckDigit(first) == 'X' {
			return first + "x"
		}
	}
	panic("no X check digit found")
}

func TestParseIDDerivesBirthAndSex(t *testing.T) {
	for _, tc := range []struct {
		first17 string
		birth   string
		sex     Sex
	}{
		{"65230119400315121", "1940-03-15", Male},
		{"65232820120229002", "2012-02-29", Female},
	} {
		b, s, err := ParseID(valid(tc.first17), today)
		if err != nil {
			t.Fatal(err)
		}
		if got := b.Format(time.DateOnly); got != tc.birth || s != tc.sex {
			t.Errorf("%s: birth=%s sex=%s, want %s %s", tc.first17, got, s, tc.birth, tc.sex)
		}
	}
	// The published example number 11010519491231002X.
	if _, _, err := ParseID("11010519491231002X", today); err != nil {
		t.Fatalf("GB 11643 example: %v", err)
	}
}

func TestCheckArgs(t *testing.T) {
	good := valid("65230119800101123")
	bad := []byte(good)
	bad[17] = '0'
	if good[17] == '0' {
		bad[17] = '1'
	}
	_, _, err := ParseID(string(bad), today)
	ie := err.(*IDError)
	if ie.Args["Want"] != string(good[17]) || ie.Args["Got"] != string(bad[17]) {
		t.Fatalf("checksum args = %v, want Want=%c Got=%c", ie.Args, good[17], bad[17])
	}
}
