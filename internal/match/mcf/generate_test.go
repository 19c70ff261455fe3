package mcf

import (
	"reflect"
	"testing"
)

func TestGenerate(t *testing.T) {
	a := Generate(3000, 200, 9, 20)
	if err := a.Validate(); err != nil {
		t.Fatalf("generated instance invalid: %v", err)
	}
	if got, want := len(a.Worker), 3000*20; got != want {
		t.Fatalf("arcs=%d, want %d", got, want)
	}
	var total int64
	for _, c := range a.Capacity {
		total += int64(c)
	}
	if r := float64(total) / 3000; r < 1.0 || r > 1.25 {
		t.Fatalf("capacity/needs=%.2f, want about 1.05–1.15", r)
	}
	if b := Generate(3000, 200, 9, 20); !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave a different instance")
	}
	if c := Generate(3000, 200, 10, 20); reflect.DeepEqual(a.Cost, c.Cost) {
		t.Fatal("another seed gave the same instance")
	}
	for _, sz := range [][2]int{{0, 0}, {5, 0}, {0, 5}, {10, 3}} {
		if err := Generate(sz[0], sz[1], 1, 50).Validate(); err != nil {
			t.Errorf("Generate(%d, %d): %v", sz[0], sz[1], err)
		}
	}
}
