package mcf

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// WriteDIMACS writes in as a DIMACS min-cost-flow problem: nodes 1..N the demands (supply 1),
// N+1..N+M the workers, N+M+1 the sink (supply −N); arcs demand→worker (0, 1, cost),
// demand→sink (0, 1, penalty), and one worker→sink (0, cap, cost) per capacity tier.
func (in *Instance) WriteDIMACS(w io.Writer) error {
	if err := in.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	sink := in.N + in.M + 1
	arcs := len(in.Worker) + in.N
	for j := 0; j < in.M; j++ {
		arcs += len(in.tiers(j))
	}
	fmt.Fprintf(bw, "c jiuzhu matching instance: %d demands, %d workers\n", in.N, in.M)
	fmt.Fprintf(bw, "p min %d %d\n", sink, arcs)
	var buf []byte
	for i := 1; i <= in.N; i++ {
		buf = append(buf[:0], "n "...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, " 1\n"...)
		bw.Write(buf)
	}
	fmt.Fprintf(bw, "n %d %d\n", sink, -in.N)
	arc := func(u, v int, c int32, cost int64) {
		buf = append(buf[:0], "a "...)
		buf = strconv.AppendInt(buf, int64(u), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(v), 10)
		buf = append(buf, " 0 "...)
		buf = strconv.AppendInt(buf, int64(c), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, cost, 10)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	for i := 0; i < in.N; i++ {
		for a := in.Start[i]; a < in.Start[i+1]; a++ {
			arc(i+1, in.N+1+int(in.Worker[a]), 1, in.Cost[a])
		}
	}
	for i := 0; i < in.N; i++ {
		arc(i+1, sink, 1, in.Penalty[i])
	}
	for j := 0; j < in.M; j++ {
		for _, t := range in.tiers(j) {
			arc(in.N+1+j, sink, t.Cap, t.Cost)
		}
	}
	return bw.Flush()
}

// ReadDIMACS reads a DIMACS min-cost-flow problem of the shape WriteDIMACS writes. As the
// format requires, node lines come before arc lines; arcs may come in any order and a
// demand's arcs keep their file order. Errors name the offending line.
func ReadDIMACS(r io.Reader) (*Instance, error) {
	rd := dimacsReader{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	var fields []string
	for sc.Scan() {
		rd.line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == 'c' {
			continue
		}
		fields = appendFields(fields[:0], text)
		if err := rd.parse(fields, text); err != nil {
			return nil, fmt.Errorf("dimacs line %d: %w", rd.line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dimacs line %d: %w", rd.line+1, err)
	}
	if rd.supply == nil {
		return nil, fmt.Errorf("dimacs: no problem line")
	}
	if !rd.shaped {
		if err := rd.shape(); err != nil {
			return nil, fmt.Errorf("dimacs: %w", err)
		}
	}
	return rd.instance()
}

// dimacsReader holds the state of ReadDIMACS between lines.
type dimacsReader struct {
	line, nodes, n, m int
	supply            []int64 // by node id, nil until the problem line
	shaped            bool    // node lines are over and N, M are known
	dem, wk           []int32 // demand→worker arcs in file order
	cost              []int64
	penalty           []int64
	hasPen            []bool
	tiers             [][]Tier
}

func (rd *dimacsReader) parse(f []string, text string) error {
	switch f[0] {
	case "p":
		if rd.supply != nil {
			return fmt.Errorf("second problem line")
		}
		if len(f) != 4 || f[1] != "min" {
			return fmt.Errorf("want \"p min <nodes> <arcs>\", got %q", text)
		}
		v, err := strconv.Atoi(f[2])
		if err != nil || v < 1 || v > 1<<30 {
			return fmt.Errorf("bad node count %q", f[2])
		}
		a, err := strconv.Atoi(f[3])
		if err != nil || a < 0 {
			return fmt.Errorf("bad arc count %q", f[3])
		}
		rd.nodes, rd.supply = v, make([]int64, v+1)
		rd.dem = make([]int32, 0, min(a, 1<<24))
		rd.wk = make([]int32, 0, min(a, 1<<24))
		rd.cost = make([]int64, 0, min(a, 1<<24))
	case "n":
		if rd.supply == nil {
			return fmt.Errorf("node line before the problem line")
		}
		if rd.shaped {
			return fmt.Errorf("node line after an arc line")
		}
		if len(f) != 3 {
			return fmt.Errorf("want \"n <node> <supply>\", got %q", text)
		}
		id, err1 := strconv.Atoi(f[1])
		s, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil || id < 1 || id > rd.nodes {
			return fmt.Errorf("bad node line %q", text)
		}
		rd.supply[id] = s
	case "a":
		if rd.supply == nil {
			return fmt.Errorf("arc line before the problem line")
		}
		if !rd.shaped {
			if err := rd.shape(); err != nil {
				return err
			}
		}
		if len(f) != 6 {
			return fmt.Errorf("want \"a <from> <to> <low> <cap> <cost>\", got %q", text)
		}
		var v [5]int64
		for k := range v {
			x, err := strconv.ParseInt(f[k+1], 10, 64)
			if err != nil {
				return fmt.Errorf("bad number %q", f[k+1])
			}
			v[k] = x
		}
		return rd.arc(v[0], v[1], v[2], v[3], v[4])
	default:
		return fmt.Errorf("unknown line type %q", f[0])
	}
	return nil
}

// shape fixes N and M from the supplies: demands are the leading nodes with supply 1, the
// last node is the sink with supply −N, the nodes between are workers with supply 0.
func (rd *dimacsReader) shape() error {
	n, nodes := 0, rd.nodes
	for n < nodes && rd.supply[n+1] == 1 {
		n++
	}
	if n == nodes || rd.supply[nodes] != -int64(n) {
		return fmt.Errorf("node %d must be the sink with supply %d", nodes, -n)
	}
	for id := n + 1; id < nodes; id++ {
		if rd.supply[id] != 0 {
			return fmt.Errorf("node %d has supply %d; workers (nodes %d..%d) must have 0", id, rd.supply[id], n+1, nodes-1)
		}
	}
	rd.n, rd.m, rd.shaped = n, nodes-n-1, true
	rd.penalty = make([]int64, n)
	rd.hasPen = make([]bool, n)
	rd.tiers = make([][]Tier, rd.m)
	return nil
}

func (rd *dimacsReader) arc(u, v, low, capa, cost int64) error {
	n, sink := int64(rd.n), int64(rd.nodes)
	switch {
	case low != 0:
		return fmt.Errorf("lower bound %d; only 0 is supported", low)
	case cost < 0 || cost > MaxCost:
		return fmt.Errorf("cost %d out of range 0..%d", cost, int64(MaxCost))
	case u < 1 || u > sink || v < 1 || v > sink:
		return fmt.Errorf("node out of range 1..%d", sink)
	case u <= n && v > n && v < sink:
		if capa < 1 {
			return fmt.Errorf("demand→worker arc must have capacity >= 1, got %d", capa)
		}
		rd.dem = append(rd.dem, int32(u-1))
		rd.wk = append(rd.wk, int32(v-n-1))
		rd.cost = append(rd.cost, cost)
	case u <= n && v == sink:
		if capa < 1 {
			return fmt.Errorf("demand→sink arc must have capacity >= 1, got %d", capa)
		}
		if d := u - 1; !rd.hasPen[d] || cost < rd.penalty[d] {
			rd.penalty[d], rd.hasPen[d] = cost, true
		}
	case u > n && u < sink && v == sink:
		if capa < 0 || capa > 1<<30 {
			return fmt.Errorf("worker capacity %d out of range", capa)
		}
		j := u - n - 1
		rd.tiers[j] = append(rd.tiers[j], Tier{Cap: int32(capa), Cost: cost})
	default:
		return fmt.Errorf("arc %d→%d is not demand→worker, demand→sink or worker→sink", u, v)
	}
	return nil
}

// instance builds the Instance: arcs grouped per demand (stable), tiers sorted by cost.
func (rd *dimacsReader) instance() (*Instance, error) {
	n, m := rd.n, rd.m
	for i, ok := range rd.hasPen {
		if !ok {
			return nil, fmt.Errorf("dimacs: demand node %d has no arc to the sink (penalty)", i+1)
		}
	}
	in := &Instance{N: n, M: m, Capacity: make([]int32, m), Penalty: rd.penalty, Start: make([]int32, n+1)}
	plain := true
	for j, ts := range rd.tiers {
		slices.SortStableFunc(ts, func(a, b Tier) int { return cmpInt64(a.Cost, b.Cost) })
		var c int64
		for _, t := range ts {
			c += int64(t.Cap)
		}
		if c > 1<<30 {
			return nil, fmt.Errorf("dimacs: worker node %d capacity %d too large", n+1+j, c)
		}
		in.Capacity[j] = int32(c)
		if len(ts) != 1 || ts[0].Cost != 0 {
			plain = false
		}
	}
	if !plain {
		in.Tiers = rd.tiers
		for j := range in.Tiers {
			if in.Tiers[j] == nil {
				in.Tiers[j] = []Tier{}
			}
		}
	}
	for _, d := range rd.dem {
		in.Start[d+1]++
	}
	for i := 1; i <= n; i++ {
		in.Start[i] += in.Start[i-1]
	}
	in.Worker = make([]int32, len(rd.dem))
	in.Cost = make([]int64, len(rd.dem))
	pos := slices.Clone(in.Start[:n])
	for k, d := range rd.dem {
		p := pos[d]
		in.Worker[p], in.Cost[p] = rd.wk[k], rd.cost[k]
		pos[d]++
	}
	return in, in.Validate()
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// appendFields splits s at blanks into dst without allocating new strings per call site.
func appendFields(dst []string, s string) []string {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return dst
		}
		k := strings.IndexAny(s, " \t")
		if k < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:k])
		s = s[k:]
	}
}
