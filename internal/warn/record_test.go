package warn

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFingerprint(t *testing.T) {
	base := Record{Kind: UtilityArrears, Line: 2, IDNumber: idD, Date: day("2026-11-30"), Months: 4, AmountFen: 86000, Ref: "HEAT-1"}
	fp := base.Fingerprint()
	// A stored fingerprint must never change meaning: this pins the format.
	if got, want := fp, goldenFingerprint; got != want {
		t.Fatalf("Fingerprint()=%s, want %s (changing it breaks re-import detection)", got, want)
	}
	t.Run("same event", func(t *testing.T) {
		for name, change := range map[string]func(*Record){
			"line": func(r *Record) { r.Line = 99 },
			"name": func(r *Record) { r.Name = "李某" },
			"note": func(r *Record) { r.Note = "已联系" },
		} {
			r := base
			change(&r)
			if r.Fingerprint() != fp {
				t.Errorf("changing %s changed the fingerprint", name)
			}
		}
	})
	t.Run("other event", func(t *testing.T) {
		seen := map[string]string{fp: "base"}
		for name, change := range map[string]func(*Record){
			"kind":      func(r *Record) { r.Kind = MedicalExpense },
			"id":        func(r *Record) { r.IDNumber = idA },
			"date":      func(r *Record) { r.Date = day("2026-11-29") },
			"amount":    func(r *Record) { r.AmountFen++ },
			"grade":     func(r *Record) { r.Grade = 1 },
			"household": func(r *Record) { r.HouseholdSize = 1 },
			"months":    func(r *Record) { r.Months++ },
			"ref":       func(r *Record) { r.Ref = "HEAT-2" },
			"ref shift": func(r *Record) { r.Ref, r.IDNumber = r.IDNumber+"HEAT-1", "" },
			"end date":  func(r *Record) { r.EndDate = day("2026-11-30") },
		} {
			r := base
			change(&r)
			got := r.Fingerprint()
			if other, dup := seen[got]; dup {
				t.Errorf("changing %s gives the fingerprint of %s", name, other)
			}
			seen[got] = name
		}
	})
}

// A discharge day found in a later file makes a new record of the same
// admission: the stay's reader then takes the latest discharge day.
func TestFingerprintDischarge(t *testing.T) {
	open := Record{Kind: HospitalStay, IDNumber: idA, Date: day("2026-11-20"), Ref: "昌吉州人民医院"}
	closed := open
	closed.EndDate = day("2026-11-26")
	later := open
	later.EndDate = day("2026-11-27")
	if a, b, c := open.Fingerprint(), closed.Fingerprint(), later.Fingerprint(); a == b || b == c || a == c {
		t.Fatal("a discharge day does not change the fingerprint")
	}
}

const goldenFingerprint = "8e9a90397bd6d002cae59ea892608aac596e0f7028b9fbad585f0d3bd657b35a"

// Re-importing a file yields the same fingerprints, so the store's unique
// index adds nothing the second time; reordering the rows changes nothing.
func TestReimportSameFingerprints(t *testing.T) {
	first := MustParseFile(t, MedicalExpense, "medical_expense.csv")
	again := MustParseFile(t, MedicalExpense, "medical_expense.csv")
	for i := range first {
		if first[i].Fingerprint() != again[i].Fingerprint() {
			t.Fatalf("record %d: fingerprint differs between imports", i)
		}
	}
	data, err := os.ReadFile(filepath.Join("testdata", "medical_expense.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if FileDigest(data) != FileDigest(append([]byte(nil), data...)) || FileDigest(data) == FileDigest(data[1:]) {
		t.Fatal("FileDigest is not a digest of the bytes")
	}
}

func TestFormatYuan(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00", 5: "0.05", 100: "1.00", 5_200_000: "52000.00", -150: "-1.50"} {
		if got := formatYuan(fen); got != want {
			t.Errorf("formatYuan(%d)=%q, want %q", fen, got, want)
		}
	}
}
