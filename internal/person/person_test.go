package person

import (
	"errors"
	"testing"
	"time"

	"jiuzhu/internal/errs"
)

func TestSearchKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Nurlan Ahmet", "nurlanahmet"},
		{"NURLAN-AHMET", "nurlanahmet"},
		{"努尔兰·阿合买提", "努尔兰阿合买提"},
		{"نۇرلان ئەھمەت", "نۇرلانئەھمەت"},
		{"  张 三 ", "张三"},
	} {
		if got := SearchKey(tc.in); got != tc.want {
			t.Errorf("SearchKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSimilarNames(t *testing.T) {
	for _, tc := range []struct {
		a, b Person
		want bool
	}{
		{Person{Name: "张三"}, Person{Name: "张三"}, true},
		{Person{Name: "张三"}, Person{Name: "张三丰"}, true},
		{Person{Name: "阿合买提"}, Person{Name: "阿合买堤"}, true},
		{Person{Name: "张三"}, Person{Name: "李四"}, false},
		{Person{Name: "努尔兰", NameLatin: "Nurlan Ahmet"}, Person{Name: "奴尔兰", NameLatin: "nurlan ahmet"}, true},
		{Person{Name: "王芳"}, Person{Name: "王磊"}, false},
	} {
		if got := SimilarNames(&tc.a, &tc.b); got != tc.want {
			t.Errorf("SimilarNames(%v, %v) = %v, want %v", tc.a.Name, tc.b.Name, got, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := func() Person {
		return Person{Name: "张三", IDNumber: valid("65230119800101123"), PlaceCode: "652301001001", Ethnicity: "han", Language: "zh"}
	}
	for _, tc := range []struct {
		name   string
		mutate func(*Person)
		fields []string
	}{
		{"valid", func(p *Person) {}, nil},
		{"everything wrong", func(p *Person) {
			p.Name, p.IDNumber, p.PlaceCode, p.Ethnicity, p.Language = "", "123", "652301", "martian", "xx"
			p.DisabilityGrade, p.Phone, p.Lat = 9, "12345", 100
			p.Categories = []Category{"rich"}
		}, []string{"name", "id_number", "place_code", "ethnicity", "language", "categories", "disability_grade", "phone", "lat"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ok()
			tc.mutate(&p)
			err := p.Validate(today)
			var e *errs.Error
			if tc.fields == nil {
				if err != nil {
					t.Fatal(err)
				}
				if p.BirthDate != "1980-01-01" || p.Sex != Male {
					t.Fatalf("derived %s %s", p.BirthDate, p.Sex)
				}
				return
			}
			if !errors.As(err, &e) || len(e.Fields) != len(tc.fields) {
				t.Fatalf("err = %v, want fields %v", err, tc.fields)
			}
			for i, f := range e.Fields {
				if f.Name != tc.fields[i] {
					t.Errorf("field %d = %s, want %s", i, f.Name, tc.fields[i])
				}
			}
		})
	}
}

func TestAge(t *testing.T) {
	p := Person{BirthDate: "1940-11-29"}
	if got := p.Age(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); got != 85 {
		t.Fatalf("age day before birthday = %d, want 85", got)
	}
	if got := p.Age(time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)); got != 86 {
		t.Fatalf("age on birthday = %d, want 86", got)
	}
}
