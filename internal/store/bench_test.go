package store_test

import (
	"context"
	"testing"
	"time"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/demo"
	"jiuzhu/internal/person"
	"jiuzhu/internal/store"
	"jiuzhu/internal/testdb"
)

// BenchmarkPersons measures the person list a county reviewer pages through,
// over the demo dataset, on both databases:
//
//	go test ./internal/store -run '^$' -bench Persons -benchmem
func BenchmarkPersons(b *testing.B) {
	for _, d := range testdb.Dialects {
		b.Run(string(d), func(b *testing.B) {
			db := testdb.Open(b, d, nil)
			ctx := context.Background()
			if _, _, err := demo.Load(ctx, db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
				b.Fatal(err)
			}
			county := auth.WithActor(ctx, &auth.Actor{Username: "bench", Role: auth.CountyReviewer, Scope: "652301"})
			q, cat := "阿", person.MinimumLiving
			for _, tc := range []struct {
				name string
				f    person.Filter
			}{
				{"page", person.Filter{Limit: 50}},
				{"search", person.Filter{Query: &q, Limit: 50}},
				{"category", person.Filter{Category: &cat, Limit: 50, Offset: 100}},
			} {
				b.Run(tc.name, func(b *testing.B) {
					for b.Loop() {
						if _, _, err := db.Persons(county, tc.f); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("get", func(b *testing.B) {
				list, _, err := db.Persons(county, person.Filter{Limit: 1})
				if err != nil || len(list) == 0 {
					b.Fatal(err)
				}
				for b.Loop() {
					if _, err := db.Person(county, list[0].ID, "bench"); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkCreatePerson measures one validated, encrypted, audited insert.
func BenchmarkCreatePerson(b *testing.B) {
	for _, d := range testdb.Dialects {
		b.Run(string(d), func(b *testing.B) {
			db := testdb.Open(b, d, nil)
			ctx := store.System(context.Background())
			if err := db.PutPlaces(ctx, fixturePlaces()); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				seq := []byte{byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)}
				day := 1 + i/1000%28
				birth := "195001" + string([]byte{byte('0' + day/10), byte('0' + day%10)})
				p := newPerson("测试", villageA, idFor("652301", birth, string(seq)))
				if _, err := db.CreatePerson(ctx, p, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
