package mcf

import "math"

// Solve returns a minimum-cost solution of in. The same instance always yields the same
// solution.
//
// It is successive shortest paths specialised to the bipartite shape. Demands are added
// one at a time, each routed to the sink along a shortest path of the residual graph (its
// arcs to workers, a worker's assigned demands through reverse arcs, a worker's next
// capacity tier, a demand's penalty arc) under reduced costs with node potentials, by a
// Dijkstra search that stops as soon as the sink is settled. Only the nodes the search
// settled get their potential lowered (by how much closer they were than the sink), which
// keeps every reduced cost nonnegative, so the flow stays optimal for the demands added so
// far. An assigned arc always has reduced cost 0, so a worker's demands are settled
// together with the worker and only workers and the sink go through the heap. A demand
// whose cheapest arc leads to a worker with free capacity at no extra reduced cost is
// assigned without a search: a first pass does that for every demand it can.
func Solve(in *Instance) (*Solution, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	s := newSolver(in)
	var rest []int32
	for i := 0; i < in.N; i++ {
		if e := s.inv[i]; !s.assignDirect(e) {
			rest = append(rest, e)
		}
	}
	for _, i := range rest {
		if !s.assignDirect(i) {
			s.search(i)
		}
	}
	return s.solution(), nil
}

// solver is the state of Solve; potentials are dpi (demands), wpi (workers) and 0 for the
// sink.
type solver struct {
	in  *Instance
	dpi []int64
	w   []wnode

	asgArc []int32 // per demand: its arc in use, or -1 when it goes to the sink
	slotOf []int32 // per demand: its index in slots
	wOff   []int32 // worker j's demands are slots[wOff[j]:wOff[j]+load[j]]
	load   []int32
	slots  []int32

	tOff  []int32 // worker j's tiers are tEnd/tCost[tOff[j]:tOff[j+1]]
	tEnd  []int32 // cumulative capacity at the end of each tier
	tCost []int64

	wpred    []wpred
	dpred    []int32 // worker a settled demand was reached from, -1 for the new demand
	sinkDist int64
	sinkPred int32 // demand (>= 0) or ^worker (< 0) the sink was reached from
	sinkSeen bool
	touched  []int32 // workers reached in this search, whose dist is reset after it
	doneW    []int32 // workers settled in this search
	doneWd   []int64 // and their distances
	doneD    []int32 // demands settled in this search
	doneDd   []int64 // and their distances
	heap     nodeHeap

	// Demands are renumbered so that those sharing a cheapest worker sit together: a
	// search settles a worker's demands in a row, and their arcs are then close in memory.
	// Demand e is the input's orig[e], and inv is the inverse; all other per-demand arrays
	// and arc indices are in the new numbering. Processing order and arc order within a
	// demand are the input's, so the result does not depend on the renumbering.
	orig, inv []int32
	start     []int32
	pen       []int64
	arcs      []arc   // Worker and Cost interleaved: 8 bytes an arc in the hot loop, not 12
	wide      []int64 // the costs, when some cost does not fit arc.c
}

type arc struct{ w, c int32 }

// Sentinel distances of a worker outside a search (unreached) and once settled, so that a
// relaxation needs a single comparison.
const (
	unreached = math.MaxInt64
	settledW  = math.MinInt64
)

// wnode is a worker's potential and tentative distance, kept together because a
// relaxation reads them together.
type wnode struct{ pi, dist int64 }

// wpred is the demand a worker was reached from, and by which arc.
type wpred struct{ e, a int32 }

func newSolver(in *Instance) *solver {
	n, m := in.N, in.M
	s := &solver{in: in,
		dpi: make([]int64, n), w: make([]wnode, m),
		asgArc: make([]int32, n), slotOf: make([]int32, n),
		wOff: make([]int32, m+1), load: make([]int32, m),
		tOff: make([]int32, m+1), wpred: make([]wpred, m),
		dpred: make([]int32, n),
	}
	for j := 0; j < m; j++ {
		s.wOff[j+1] = s.wOff[j] + in.Capacity[j]
		var end int32
		for _, t := range in.tiers(j) {
			if t.Cap == 0 {
				continue
			}
			end += t.Cap
			s.tEnd = append(s.tEnd, end)
			s.tCost = append(s.tCost, t.Cost)
		}
		s.tOff[j+1] = int32(len(s.tEnd))
	}
	s.slots = make([]int32, s.wOff[m])
	s.renumber()
	for i := range s.asgArc {
		s.asgArc[i] = -1
	}
	for j := range s.w {
		s.w[j].dist = unreached
	}
	return s
}

// renumber orders the demands by the worker of their cheapest arc (a stable counting
// sort; demands without arcs come first) and lays out their arcs in that order.
func (s *solver) renumber() {
	in := s.in
	n, m := in.N, in.M
	key := make([]int32, n)
	cnt := make([]int32, m+2)
	wide := false
	for i := 0; i < n; i++ {
		k, best := int32(0), int64(-1)
		for a := in.Start[i]; a < in.Start[i+1]; a++ {
			if c := in.Cost[a]; best < 0 || c < best {
				k, best = in.Worker[a]+1, c
			}
			wide = wide || in.Cost[a] > math.MaxInt32
		}
		key[i] = k
		cnt[k+1]++
	}
	for k := 1; k < len(cnt); k++ {
		cnt[k] += cnt[k-1]
	}
	s.orig, s.inv = make([]int32, n), make([]int32, n)
	for i, k := range key {
		s.orig[cnt[k]], s.inv[i] = int32(i), cnt[k]
		cnt[k]++
	}
	s.start, s.pen = make([]int32, n+1), make([]int64, n)
	s.arcs = make([]arc, len(in.Worker))
	if wide {
		s.wide = make([]int64, len(in.Cost))
	}
	var a int32
	for e, i := range s.orig {
		s.start[e], s.pen[e] = a, in.Penalty[i]
		lo, hi := in.Start[i], in.Start[i+1]
		for b := lo; b < hi; b++ {
			s.arcs[a+b-lo] = arc{in.Worker[b], int32(in.Cost[b])}
		}
		if wide {
			copy(s.wide[a:], in.Cost[lo:hi])
		}
		a += hi - lo
	}
	s.start[n] = a
}

// cost is the cost of arc a.
func (s *solver) cost(a int32) int64 {
	if s.wide != nil {
		return s.wide[a]
	}
	return int64(s.arcs[a].c)
}

// marginal is the tier cost of worker j's next unit; j must have capacity left.
func (s *solver) marginal(j int32) int64 {
	l := s.load[j]
	for t := s.tOff[j]; ; t++ {
		if l < s.tEnd[t] {
			return s.tCost[t]
		}
	}
}

// enter sets the new demand i's potential as high as its arcs allow (every arc out of i
// then has reduced cost >= 0, the tightest 0) and reports the first tight arc, or -1 when
// the penalty arc is the tightest.
func (s *solver) enter(i int32) int32 {
	best, bestArc := -s.pen[i], int32(-1)
	for a := s.start[i]; a < s.start[i+1]; a++ {
		if v := s.w[s.arcs[a].w].pi - s.cost(a); v > best {
			best, bestArc = v, a
		}
	}
	s.dpi[i] = best
	return bestArc
}

// assignDirect assigns demand i along its tightest arc when that worker's next unit is
// tight too, which is then a shortest path of length 0.
func (s *solver) assignDirect(i int32) bool {
	a := s.enter(i)
	if a < 0 {
		return false
	}
	j := s.arcs[a].w
	if s.load[j] == s.in.Capacity[j] || s.marginal(j)+s.w[j].pi != 0 {
		return false
	}
	slot := s.wOff[j] + s.load[j]
	s.load[j]++
	s.slots[slot], s.slotOf[i], s.asgArc[i] = i, slot, a
	return true
}

// reachSink records a tentative sink distance d from a demand (from >= 0) or ^worker.
func (s *solver) reachSink(d int64, from int32) {
	if s.sinkSeen && d >= s.sinkDist {
		return
	}
	s.sinkSeen, s.sinkDist, s.sinkPred = true, d, from
	s.heap.push(d, -1) // the sink wins ties, which ends a search on a plateau early
}

// settleDemand settles demand e at distance d and relaxes its arcs.
func (s *solver) settleDemand(e int32, d int64, from int32) {
	in := s.in
	s.dpred[e] = from
	s.doneD = append(s.doneD, e)
	s.doneDd = append(s.doneDd, d)
	pe := d + s.dpi[e]
	// e's own arc needs no exclusion: it leads to the settled worker e was reached from.
	lo := s.start[e]
	for k, ar := range s.arcs[lo:s.start[e+1]] {
		w, c := ar.w, int64(ar.c)
		if s.wide != nil {
			c = s.wide[lo+int32(k)]
		}
		wn := &s.w[w]
		nd := pe + c - wn.pi
		if nd >= wn.dist {
			continue
		}
		if wn.dist == unreached {
			s.touched = append(s.touched, w)
		}
		wn.dist = nd
		s.wpred[w] = wpred{e, lo + int32(k)}
		s.heap.push(nd, w)
		if nd == d && s.load[w] < in.Capacity[w] && s.marginal(w)+wn.pi == 0 {
			s.reachSink(d, ^w) // a free worker at the current distance: the search is over
			return
		}
	}
	s.reachSink(pe+s.pen[e], e)
}

// search routes demand i to the sink along a shortest residual path and updates the
// potentials of the settled nodes.
func (s *solver) search(i int32) {
	in := s.in
	s.doneW, s.doneWd, s.doneD, s.doneDd = s.doneW[:0], s.doneWd[:0], s.doneD[:0], s.doneDd[:0]
	s.touched = s.touched[:0]
	s.heap.reset()
	s.sinkSeen = false
	s.settleDemand(i, 0, -1)
	for {
		d, j := s.heap.pop()
		if j < 0 {
			if d == s.sinkDist {
				break
			}
			continue
		}
		wn := &s.w[j]
		if d > wn.dist {
			continue // stale, or settled
		}
		wn.dist = settledW
		s.doneW = append(s.doneW, j)
		s.doneWd = append(s.doneWd, d)
		if s.load[j] < in.Capacity[j] {
			s.reachSink(d+s.marginal(j)+wn.pi, ^j)
		}
		// Once the sink is at the current distance nothing settled later could change the
		// path or the potentials (they move by the sink's distance minus their own, 0).
		for _, e := range s.slots[s.wOff[j] : s.wOff[j]+s.load[j]] {
			if s.sinkSeen && s.sinkDist == d {
				break
			}
			s.settleDemand(e, d, j)
		}
		if s.sinkSeen && s.sinkDist == d {
			break
		}
	}
	dt := s.sinkDist
	for k, j := range s.doneW {
		s.w[j].pi -= dt - s.doneWd[k]
	}
	for _, j := range s.touched {
		s.w[j].dist = unreached
	}
	for k, e := range s.doneD {
		s.dpi[e] -= dt - s.doneDd[k]
	}
	s.augment(i)
}

// augment moves one unit along the path the search found from i to the sink: each worker
// on it swaps the demand it leaves for the demand arriving, the last worker takes one more
// unit, or the last demand goes to its penalty arc.
func (s *solver) augment(i int32) {
	from := s.sinkPred
	if from == i {
		return // the penalty arc of i itself
	}
	var j, slot int32
	if from >= 0 {
		slot = s.slotOf[from]
		s.asgArc[from] = -1
		j = s.dpred[from]
	} else {
		j = ^from
		slot = s.wOff[j] + s.load[j]
		s.load[j]++
	}
	for {
		e, a := s.wpred[j].e, s.wpred[j].a
		oldSlot := s.slotOf[e]
		s.slots[slot], s.slotOf[e], s.asgArc[e] = e, slot, a
		if e == i {
			return
		}
		j, slot = s.dpred[e], oldSlot
	}
}

func (s *solver) solution() *Solution {
	in := s.in
	sol := &Solution{Assign: make([]int32, in.N)}
	for e, a := range s.asgArc {
		i := s.orig[e]
		if a < 0 {
			sol.Assign[i] = -1
			sol.Cost += s.pen[e]
			continue
		}
		sol.Assign[i] = s.arcs[a].w
		sol.Cost += s.cost(a)
	}
	for j, l := range s.load {
		sol.Cost += in.tierCost(j, l)
	}
	return sol
}
