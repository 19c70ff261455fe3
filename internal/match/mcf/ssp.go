package mcf

import "container/heap"

// solveSSP is the plain reference solver: successive shortest paths with Dijkstra and
// node potentials over an explicit residual graph, one unit per augmentation. It is slow
// (one Dijkstra per demand) and kept as the yardstick the fast solver is tested against.
func solveSSP(in *Instance) *Solution {
	n, m := in.N, in.M
	sink, src := int32(n+m), int32(n+m+1)
	g := newResidual(n+m+2, len(in.Worker)+2*n+m)
	arcEdge := make([]int32, len(in.Worker))
	for i := 0; i < n; i++ {
		for a := in.Start[i]; a < in.Start[i+1]; a++ {
			arcEdge[a] = g.add(int32(i), int32(n)+in.Worker[a], 1, in.Cost[a])
		}
	}
	penEdge := make([]int32, n)
	for i := 0; i < n; i++ {
		penEdge[i] = g.add(int32(i), sink, 1, in.Penalty[i])
	}
	for j := 0; j < m; j++ {
		for _, t := range in.tiers(j) {
			g.add(int32(n+j), sink, t.Cap, t.Cost)
		}
	}
	for i := 0; i < n; i++ {
		g.add(src, int32(i), 1, 0)
	}

	nodes := n + m + 2
	pi := make([]int64, nodes)
	dist := make([]int64, nodes)
	prev := make([]int32, nodes)
	done := make([]bool, nodes)
	const inf = int64(1) << 62
	for range n {
		for v := range dist {
			dist[v], prev[v], done[v] = inf, -1, false
		}
		dist[src] = 0
		h := &distHeap{{0, src}}
		for h.Len() > 0 {
			it := heap.Pop(h).(distItem)
			u := it.node
			if done[u] {
				continue
			}
			done[u] = true
			if u == sink {
				break
			}
			for e := g.head[u]; e >= 0; e = g.next[e] {
				if g.cap[e] == 0 {
					continue
				}
				v := g.to[e]
				d := dist[u] + g.cost[e] + pi[u] - pi[v]
				if d < dist[v] {
					dist[v], prev[v] = d, e
					heap.Push(h, distItem{d, v})
				}
			}
		}
		dt := dist[sink]
		for v := range pi {
			pi[v] += min(dist[v], dt)
		}
		for v := sink; v != src; v = g.to[prev[v]^1] {
			g.cap[prev[v]]--
			g.cap[prev[v]^1]++
		}
	}

	sol := &Solution{Assign: make([]int32, n)}
	for i := 0; i < n; i++ {
		sol.Assign[i] = -1
		if g.cap[penEdge[i]] == 0 {
			sol.Cost += in.Penalty[i]
		}
		for a := in.Start[i]; a < in.Start[i+1]; a++ {
			if g.cap[arcEdge[a]] == 0 {
				sol.Assign[i] = in.Worker[a]
				sol.Cost += in.Cost[a]
			}
		}
	}
	load := make([]int32, m)
	for _, w := range sol.Assign {
		if w >= 0 {
			load[w]++
		}
	}
	for j, l := range load {
		sol.Cost += in.tierCost(j, l)
	}
	return sol
}

// residual is an adjacency-list residual graph; edge e's reverse is e^1.
type residual struct {
	head, next, to, cap []int32
	cost                []int64
}

func newResidual(nodes, edges int) *residual {
	g := &residual{head: make([]int32, nodes)}
	for i := range g.head {
		g.head[i] = -1
	}
	g.next = make([]int32, 0, 2*edges)
	g.to = make([]int32, 0, 2*edges)
	g.cap = make([]int32, 0, 2*edges)
	g.cost = make([]int64, 0, 2*edges)
	return g
}

// add inserts u→v with capacity c and cost w, and its empty reverse; it returns the forward edge.
func (g *residual) add(u, v, c int32, w int64) int32 {
	e := int32(len(g.to))
	g.to = append(g.to, v, u)
	g.cap = append(g.cap, c, 0)
	g.cost = append(g.cost, w, -w)
	g.next = append(g.next, g.head[u], g.head[v])
	g.head[u], g.head[v] = e, e+1
	return e
}

type distItem struct {
	d    int64
	node int32
}

type distHeap []distItem

func (h distHeap) Len() int { return len(h) }
func (h distHeap) Less(a, b int) bool {
	if h[a].d != h[b].d {
		return h[a].d < h[b].d
	}
	return h[a].node < h[b].node
}
func (h distHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *distHeap) Push(x any)   { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
