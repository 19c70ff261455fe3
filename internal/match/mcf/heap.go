package mcf

// nodeHeap is a 4-ary min-heap of (distance, node) with lazy deletion: a node may be pushed
// again with a smaller distance and stale entries are skipped by the caller. Among equal
// distances node −1 (the sink) comes first, then the latest push, which ends searches on
// zero-cost plateaus sooner; the order depends only on the input, so runs are repeatable.
type nodeHeap struct {
	d    []int64
	node []int32
	seq  []int32 // push order, the tie-break
	n    int32
}

func (h *nodeHeap) reset() { h.d, h.node, h.seq, h.n = h.d[:0], h.node[:0], h.seq[:0], 0 }

func less(d1 int64, q1 int32, d2 int64, q2 int32) bool {
	return d1 < d2 || d1 == d2 && q1 > q2
}

func (h *nodeHeap) push(d int64, v int32) {
	h.n++
	q := h.n
	if v < 0 {
		q = 1 << 30
	}
	h.d = append(h.d, d)
	h.node = append(h.node, v)
	h.seq = append(h.seq, q)
	k := len(h.d) - 1
	for k > 0 {
		p := (k - 1) / 4
		if !less(d, q, h.d[p], h.seq[p]) {
			break
		}
		h.d[k], h.node[k], h.seq[k] = h.d[p], h.node[p], h.seq[p]
		k = p
	}
	h.d[k], h.node[k], h.seq[k] = d, v, q
}

func (h *nodeHeap) pop() (int64, int32) {
	d0, v0 := h.d[0], h.node[0]
	last := len(h.d) - 1
	d, v, q := h.d[last], h.node[last], h.seq[last]
	h.d, h.node, h.seq = h.d[:last], h.node[:last], h.seq[:last]
	if last == 0 {
		return d0, v0
	}
	k := 0
	for {
		c := 4*k + 1
		if c >= last {
			break
		}
		best := c
		for x := c + 1; x < c+4 && x < last; x++ {
			if less(h.d[x], h.seq[x], h.d[best], h.seq[best]) {
				best = x
			}
		}
		if !less(h.d[best], h.seq[best], d, q) {
			break
		}
		h.d[k], h.node[k], h.seq[k] = h.d[best], h.node[best], h.seq[best]
		k = best
	}
	h.d[k], h.node[k], h.seq[k] = d, v, q
	return d0, v0
}
