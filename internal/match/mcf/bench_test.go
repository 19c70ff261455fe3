package mcf

import (
	"fmt"
	"testing"
)

var benchSizes = []struct{ needs, workers int }{{3000, 300}, {30000, 2000}, {300000, 10000}}

// BenchmarkSolve measures the engine on generated instances with 50 nearest feasible
// workers per demand; generation is outside the timer.
func BenchmarkSolve(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.needs, sz.workers), func(b *testing.B) {
			in := Generate(sz.needs, sz.workers, 1, 50)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Solve(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGreedy(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.needs, sz.workers), func(b *testing.B) {
			in := Generate(sz.needs, sz.workers, 1, 50)
			b.ResetTimer()
			for b.Loop() {
				Greedy(in)
			}
		})
	}
}
