package mcf

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func roundTrip(t *testing.T, in *Instance) *Instance {
	t.Helper()
	var buf bytes.Buffer
	if err := in.WriteDIMACS(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := ReadDIMACS(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// normalTiers returns in's tiers with the implicit single free tier written out.
func normalTiers(in *Instance) [][]Tier {
	ts := make([][]Tier, in.M)
	for j := range in.M {
		ts[j] = append([]Tier{}, in.tiers(j)...)
	}
	return ts
}

func TestDIMACSRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	cases := []*Instance{Generate(300, 30, 1, 10), {Start: []int32{0}}}
	for trial := range 50 {
		cases = append(cases, randomInstance(rng, rng.IntN(20), rng.IntN(6), trial%2 == 0))
	}
	for k, in := range cases {
		out := roundTrip(t, in)
		if out.N != in.N || out.M != in.M ||
			!reflect.DeepEqual(out.Capacity, in.Capacity) && len(in.Capacity)+len(out.Capacity) > 0 ||
			!reflect.DeepEqual(out.Penalty, in.Penalty) && in.N > 0 ||
			!reflect.DeepEqual(out.Start, in.Start) ||
			!reflect.DeepEqual(out.Worker, in.Worker) && len(in.Worker) > 0 ||
			!reflect.DeepEqual(out.Cost, in.Cost) && len(in.Cost) > 0 ||
			!reflect.DeepEqual(normalTiers(out), normalTiers(in)) {
			t.Fatalf("case %d: round trip changed the instance", k)
		}
	}
}

func TestReadDIMACSErrors(t *testing.T) {
	const good = "p min 3 3\nn 1 1\nn 3 -1\na 1 2 0 1 7\na 1 3 0 1 100\na 2 3 0 1 0\n"
	if _, err := ReadDIMACS(strings.NewReader(good)); err != nil {
		t.Fatalf("good input rejected: %v", err)
	}
	tests := []struct{ name, input, want string }{
		{"no problem line", "c nothing\n", "no problem line"},
		{"bad problem", "p max 3 3\n", "line 1"},
		{"node before problem", "n 1 1\n", "line 1"},
		{"bad number", "p min 3 3\nn 1 1\nn 3 -1\na 1 2 0 x 7\n", "line 4"},
		{"short arc", "p min 3 3\nn 1 1\nn 3 -1\na 1 2 0 1\n", "line 4"},
		{"lower bound", "p min 3 3\nn 1 1\nn 3 -1\na 1 3 0 1 5\na 1 2 1 1 7\n", "line 5"},
		{"negative cost", "p min 3 3\nn 1 1\nn 3 -1\na 1 2 0 1 -7\n", "line 4"},
		{"wrong direction", "p min 3 3\nn 1 1\nn 3 -1\na 2 1 0 1 7\n", "line 4"},
		{"node out of range", "p min 3 3\nn 1 1\nn 3 -1\na 1 9 0 1 7\n", "line 4"},
		{"bad sink", "p min 3 3\nn 1 1\nn 3 -2\na 1 2 0 1 7\n", "line 4"},
		{"worker supply", "p min 4 1\nn 1 1\nn 3 5\nn 4 -1\na 1 4 0 1 7\n", "supply"},
		{"node after arc", "p min 3 3\nn 1 1\nn 3 -1\na 1 3 0 1 5\nn 2 0\n", "line 5"},
		{"unknown line", "p min 3 3\nx 1\n", "line 2"},
		{"no penalty", "p min 3 3\nn 1 1\nn 3 -1\na 1 2 0 1 7\n", "no arc to the sink"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadDIMACS(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
