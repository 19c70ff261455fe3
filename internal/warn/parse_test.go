package warn

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestParseSampleFiles(t *testing.T) {
	for _, tc := range []struct {
		kind  FeedKind
		file  string
		count int
	}{
		{MedicalExpense, "medical_expense.csv", 5},
		{DisabilityGrade, "disability_grade_excel.csv", 3},
		{SchoolDropout, "school_dropout.csv", 2},
		{ElderlyAlone, "elderly_alone.csv", 3},
		{UtilityArrears, "utility_arrears.csv", 2},
		{HospitalStay, "hospital_stay.csv", 4},
		{Death, "death.csv", 2},
	} {
		t.Run(tc.file, func(t *testing.T) {
			recs := MustParseFile(t, tc.kind, tc.file)
			if got, want := len(recs), tc.count; got != want {
				t.Fatalf("len(records)=%d, want %d", got, want)
			}
			for i, r := range recs {
				if r.Kind != tc.kind || r.Line != i+2 || r.IDNumber == "" || r.Date.IsZero() {
					t.Errorf("record %d = %+v", i, r)
				}
			}
		})
	}
}

// The Excel sample has a BOM, CRLF line ends, Chinese headers, a YYYY/M/D
// date, a quoted comma and a trailing row of empty cells.
func TestParseExcelFile(t *testing.T) {
	recs := MustParseFile(t, DisabilityGrade, "disability_grade_excel.csv")
	want := []Record{
		{Kind: DisabilityGrade, Line: 2, IDNumber: idA, Date: day("2026-09-12"), Grade: 1, Name: "张某", Note: "肢体"},
		{Kind: DisabilityGrade, Line: 3, IDNumber: idD, Date: day("2026-10-05"), Grade: 3, Name: "李某"},
		{Kind: DisabilityGrade, Line: 4, IDNumber: idB, Date: day("2026-11-01"), Grade: 2, Name: "王某", Note: "视力,二级"},
	}
	if !slices.Equal(recs, want) {
		t.Fatalf("records=%+v\nwant     %+v", recs, want)
	}
}

// The fact feeds: a stay without a discharge day is still going on, the
// hospital is the record's Ref, and a death is dated by its day.
func TestParseFactFiles(t *testing.T) {
	stays := MustParseFile(t, HospitalStay, "hospital_stay.csv")
	want := []Record{
		{Kind: HospitalStay, Line: 2, IDNumber: idA, Date: day("2026-10-03"), EndDate: day("2026-10-12"), Ref: "昌吉州人民医院", Name: "张某"},
		{Kind: HospitalStay, Line: 3, IDNumber: idA, Date: day("2026-11-20"), Ref: "昌吉州人民医院", Name: "张某", Note: "仍在住院"},
		{Kind: HospitalStay, Line: 4, IDNumber: idE, Date: day("2026-11-05"), EndDate: day("2026-11-05"), Ref: "呼图壁县人民医院", Name: "赵某", Note: "日间手术"},
		{Kind: HospitalStay, Line: 5, IDNumber: idF, Date: day("2026-11-28"), Ref: "昌吉市中医医院", Name: "马某"},
	}
	if !slices.Equal(stays, want) {
		t.Fatalf("stays=%+v\nwant   %+v", stays, want)
	}
	deaths := MustParseFile(t, Death, "death.csv")
	wantDeaths := []Record{
		{Kind: Death, Line: 2, IDNumber: idD, Date: day("2026-11-25"), Ref: "HZ-2026-0113", Name: "李某"},
		{Kind: Death, Line: 3, IDNumber: idF, Date: day("2026-11-30"), Ref: "HZ-2026-0120", Name: "马某"},
	}
	if !slices.Equal(deaths, wantDeaths) {
		t.Fatalf("deaths=%+v\nwant    %+v", deaths, wantDeaths)
	}
}

func TestParseBadFile(t *testing.T) {
	recs, rep := parseFile(t, MedicalExpense, "medical_expense_bad.csv")
	if recs != nil {
		t.Fatalf("records=%d, want none from a file with bad rows", len(recs))
	}
	want := []string{
		"3 id_number err.id.checksum",
		"4 event_date err.feed.date",
		"5 event_date err.feed.date_future",
		"6 amount_fen err.feed.amount",
		"7 amount_fen err.feed.amount",
		"8 id_number err.required",
		"9 err.feed.duplicate_row",
		"10 err.feed.field_count",
		"11 id_number err.feed.id_scientific",
		"12 err.feed.quote",
		"13 id_number err.id.length",
		"15 event_date err.feed.date",
		"15 amount_fen err.feed.amount",
	}
	if got := keys(rep); !slices.Equal(got, want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := rep.BadRows, 12; got != want {
		t.Errorf("BadRows=%d, want %d", got, want)
	}
	if got, want := rep.Rows, 14; got != want {
		t.Errorf("Rows=%d, want %d", got, want)
	}
	if got := rep.Problems[6].Args["FirstLine"]; got != 2 {
		t.Errorf("duplicate FirstLine=%v, want 2", got)
	}
	if rep.Err() == nil {
		t.Error("Err()=nil for a rejected file")
	}
}

func TestParseRejectedSamples(t *testing.T) {
	for _, tc := range []struct {
		kind FeedKind
		file string
		want []string
	}{
		{MedicalExpense, "header_yuan.csv", []string{"1 金额(元) err.feed.amount_unit", "1 amount_fen err.feed.column_missing"}},
		// An unknown column does not stop the rows from being checked.
		{MedicalExpense, "unknown_column.csv", []string{"1 hospital err.feed.column_unknown", "3 event_date err.feed.date"}},
		{MedicalExpense, "medical_expense_gbk.csv", []string{"1 err.feed.encoding"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			recs, rep := parseFile(t, tc.kind, tc.file)
			if got := keys(rep); recs != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("records=%d problems=%q, want none and %q", len(recs), got, tc.want)
			}
		})
	}
}

func TestParseOneBadRowRejectsAll(t *testing.T) {
	good := "id_number,event_date,amount_fen\n" + idC + ",2026-03-01,100\n" + idD + ",2026-03-02,200\n"
	if recs, rep := parseString(MedicalExpense, good); len(recs) != 2 || !rep.OK() || rep.Err() != nil {
		t.Fatalf("good file: %d records, problems %v", len(recs), keys(rep))
	}
	bad := good + idE + ",2026-03-03,2.00\n" + idA + ",2026-03-04,400\n"
	recs, rep := parseString(MedicalExpense, bad)
	if recs != nil {
		t.Fatalf("records=%d, want none", len(recs))
	}
	if got, want := keys(rep), []string{"4 amount_fen err.feed.amount"}; !slices.Equal(got, want) {
		t.Fatalf("problems=%v, want %v", got, want)
	}
}

func TestParseHeader(t *testing.T) {
	for _, tc := range []struct {
		name, kind, input string
		want              []string
	}{
		{"duplicate column", "school_dropout", "身份证号,id_number,日期\n",
			[]string{"1 id_number err.feed.column_duplicate"}},
		{"empty file", "school_dropout", "", []string{"1 err.feed.header_missing"}},
		{"only a BOM", "school_dropout", "\uFEFF", []string{"1 err.feed.header_missing"}},
		{"header only is an empty import", "school_dropout", "id_number,event_date\n", nil},
		{"full-width parentheses, star, case", "medical_expense", "ID_Number *,日期,金额（分）\n", nil},
		{"blank header cell must stay blank", "school_dropout", "id_number,,event_date\n" + idB + ",x,2026-03-01\n",
			[]string{"2 err.feed.unnamed_cell"}},
		{"trailing empty cells are fine", "school_dropout", "id_number,event_date\n" + idB + ",2026-03-01,,\n", nil},
		{"blank rows above the header", "school_dropout", ",,\r\n\r\nid_number,event_date\r\n" + idB + ",2026-1-1\r\n",
			[]string{"4 event_date err.feed.date"}},
		{"unknown kind", "pension", "id_number\n", []string{"0 err.feed.kind"}},
		{"stay without admission day", "hospital_stay", "id_number,discharge_date\n",
			[]string{"1 admission_date err.feed.column_missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, rep := parseString(FeedKind(tc.kind), tc.input)
			if got := keys(rep); !slices.Equal(got, tc.want) {
				t.Fatalf("problems=%q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseCells(t *testing.T) {
	for _, tc := range []struct {
		name, kind, header, row, want string
	}{
		{"grade 0", "disability_grade", "id_number,event_date,grade", idA + ",2026-01-01,0", "2 grade err.feed.grade"},
		{"grade 5", "disability_grade", "id_number,event_date,grade", idA + ",2026-01-01,5", "2 grade err.feed.grade"},
		{"household 0", "elderly_alone", "id_number,event_date,household_size", idA + ",2026-01-01,0", "2 household_size err.feed.number"},
		{"months negative", "utility_arrears", "id_number,event_date,months", idA + ",2026-01-01,-3", "2 months err.feed.number"},
		{"amount with separator", "utility_arrears", "id_number,event_date,months,amount_fen", idA + ",2026-01-01,3,\"1,000\"", "2 amount_fen err.feed.amount"},
		{"amount too big", "medical_expense", "id_number,event_date,amount_fen", idA + ",2026-01-01,9999999999999", "2 amount_fen err.feed.amount"},
		{"required grade", "disability_grade", "id_number,event_date,grade", idA + ",2026-01-01,", "2 grade err.required"},
		{"date with time", "school_dropout", "id_number,event_date", idB + ",2026-01-01 00:00:00", "2 event_date err.feed.date"},
		{"date tomorrow", "school_dropout", "id_number,event_date", idB + ",2026-12-02", "2 event_date err.feed.date_future"},
		{"date today", "school_dropout", "id_number,event_date", idB + ",2026-12-01", ""},
		{"id lowercase x is fine", "school_dropout", "id_number,event_date", "11010519491231002x,2026-01-01", ""},
		{"id with X inside", "school_dropout", "id_number,event_date", "65230X201305201046,2026-01-01", "2 id_number err.id.x_position"},
		{"note too long", "school_dropout", "id_number,event_date,note", idB + ",2026-01-01," + strings.Repeat("字", 201), "2 note err.feed.too_long"},
		{"bare quote", "school_dropout", "id_number,event_date", idB + ",2026\"-01-01", "2 err.feed.quote"},
		{"short row", "school_dropout", "id_number,event_date", idB, "2 err.feed.field_count"},
		{"extra cell with data", "school_dropout", "id_number,event_date", idB + ",2026-01-01,x", "2 err.feed.field_count"},
		{"stay still in hospital", "hospital_stay", "id_number,admission_date,discharge_date", idA + ",2026-11-20,", ""},
		{"stay of one day", "hospital_stay", "身份证号,入院日期,出院日期", idA + ",2026-11-20,2026/11/20", ""},
		{"stay with generic date header", "hospital_stay", "身份证号,日期,出院日期,医院", idA + ",2026-11-20,2026-11-22,州医院", ""},
		{"discharge before admission", "hospital_stay", "id_number,admission_date,discharge_date", idA + ",2026-11-20,2026-11-19", "2 discharge_date err.feed.discharge_before"},
		{"discharge bad date", "hospital_stay", "id_number,admission_date,discharge_date", idA + ",2026-11-20,2026-11-31", "2 discharge_date err.feed.date"},
		{"discharge tomorrow", "hospital_stay", "id_number,admission_date,discharge_date", idA + ",2026-11-20,2026-12-02", "2 discharge_date err.feed.date_future"},
		{"admission bad date only", "hospital_stay", "id_number,admission_date,discharge_date", idA + ",20261120,2026-11-19", "2 admission_date err.feed.date"},
		{"admission required", "hospital_stay", "id_number,admission_date,discharge_date", idA + ",,2026-11-19", "2 admission_date err.required"},
		{"hospital too long", "hospital_stay", "id_number,admission_date,hospital", idA + ",2026-11-20," + strings.Repeat("院", 65), "2 hospital err.feed.too_long"},
		{"no discharge column in a death", "death", "id_number,death_date,discharge_date", idD + ",2026-11-25,2026-11-26", "1 discharge_date err.feed.column_unknown"},
		{"death", "death", "身份证号,死亡日期,业务编号", idD + ",2026-11-25,HZ-1", ""},
		{"death bad date", "death", "id_number,death_date", idD + ",2026-02-29", "2 death_date err.feed.date"},
		{"death tomorrow", "death", "id_number,date", idD + ",2026-12-02", "2 death_date err.feed.date_future"},
		{"death required", "death", "id_number,death_date", idD + ",", "2 death_date err.required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, rep := parseString(FeedKind(tc.kind), tc.header+"\n"+tc.row+"\n")
			got := strings.Join(keys(rep), "; ")
			if got != tc.want {
				t.Fatalf("problems=%q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	t.Run("GBK in line 3", func(t *testing.T) {
		in := "id_number,event_date,note\r\n" + idB + ",2026-01-01,ok\r\n" + idB + ",2026-01-02,\xb2\xe2\xca\xd4\r\n"
		if got, want := keys(mustReport(parseString(SchoolDropout, in))), []string{"3 err.feed.encoding"}; !slices.Equal(got, want) {
			t.Fatalf("problems=%v, want %v", got, want)
		}
	})
	t.Run("UTF-16", func(t *testing.T) {
		in := "\xff\xfei\x00d\x00"
		if got, want := keys(mustReport(parseString(SchoolDropout, in))), []string{"1 err.feed.encoding"}; !slices.Equal(got, want) {
			t.Fatalf("problems=%v, want %v", got, want)
		}
	})
}

func mustReport(_ []Record, rep *Report) *Report { return rep }

func TestParseLimits(t *testing.T) {
	rows := "id_number,event_date\n" + idB + ",2026-01-01\n" + idB + ",2026-01-02\n" + idB + ",2026-01-03\n"
	t.Run("rows", func(t *testing.T) {
		recs, rep := parse(SchoolDropout, strings.NewReader(rows), today, limits{bytes: 1 << 20, rows: 2, problems: 10})
		if got, want := keys(rep), []string{"4 err.feed.too_many_rows"}; recs != nil || !slices.Equal(got, want) {
			t.Fatalf("records=%d problems=%v, want none and %v", len(recs), got, want)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		_, rep := parse(SchoolDropout, strings.NewReader(rows), today, limits{bytes: 20, rows: 10, problems: 10})
		if got, want := keys(rep), []string{"0 err.feed.too_large"}; !slices.Equal(got, want) {
			t.Fatalf("problems=%v, want %v", got, want)
		}
	})
	t.Run("read error", func(t *testing.T) {
		recs, rep := Parse(SchoolDropout, iotest.ErrReader(errors.New("reset")), today)
		if got, want := keys(rep), []string{"0 err.feed.read"}; recs != nil || !slices.Equal(got, want) {
			t.Fatalf("problems=%v, want %v", got, want)
		}
	})
	t.Run("problems", func(t *testing.T) {
		bad := "id_number,event_date\n" + strings.Repeat("x,y\n", 5)
		_, rep := parse(SchoolDropout, strings.NewReader(bad), today, limits{bytes: 1 << 20, rows: 10, problems: 3})
		if len(rep.Problems) != 3 || rep.More != 7 || rep.BadRows != 5 {
			t.Fatalf("listed=%d More=%d BadRows=%d, want 3, 7, 5", len(rep.Problems), rep.More, rep.BadRows)
		}
	})
}

func TestParseDigest(t *testing.T) {
	in := "id_number,event_date\n" + idB + ",2026-01-01\n"
	_, rep := parseString(SchoolDropout, in)
	if got, want := rep.Digest, FileDigest([]byte(in)); got != want {
		t.Fatalf("Digest=%s, want %s", got, want)
	}
}
