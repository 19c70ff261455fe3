package mcf

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Generate builds a reproducible benchmark instance shaped like the prefecture: towns with
// dense villages, sparse pastoral areas, workers near the towns with small weekly
// capacities (about 1.05–1.15 × needs in total, so the instance is tight), and arcs from
// each demand to its k nearest workers that offer the demand's item kind. Arc cost is road
// distance (km × road factor × 10, rounded) plus a rating term; the penalty for leaving a
// demand unassigned is 100000.
func Generate(needs, workers int, seed int64, k int) *Instance {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6a69757a6875))
	const (
		side    = 400.0 // km, a square about the size of the prefecture
		kinds   = 4     // item kinds (care, housekeeping, children, skills)
		penalty = 100000
	)
	type cluster struct {
		x, y, r, weight, road float64
	}
	nc := max(4, min(60, 6+needs/2000))
	cl := make([]cluster, nc)
	for c := range cl {
		cl[c] = cluster{x: rng.Float64() * side, y: rng.Float64() * side,
			r: 3 + rng.Float64()*12, weight: 0.5 + rng.Float64()*2, road: 1.5}
		switch {
		case c == 0:
			cl[c].road, cl[c].r, cl[c].weight = 1.3, 8, 4 // the prefecture seat
		case rng.Float64() < 0.3: // pastoral: wide, thin, slow roads
			cl[c].road, cl[c].r, cl[c].weight = 2.0, 25+rng.Float64()*35, cl[c].weight*0.4
		}
	}
	pick := func(weight func(c int) float64) int {
		var total float64
		for c := range cl {
			total += weight(c)
		}
		u := rng.Float64() * total
		for c := range cl {
			if u -= weight(c); u < 0 {
				return c
			}
		}
		return nc - 1
	}
	clamp := func(v float64) float64 { return math.Max(0, math.Min(side, v)) }

	// Villages belong to clusters; demands live in villages.
	nv := max(1, needs/15)
	vx, vy, vroad := make([]float64, nv), make([]float64, nv), make([]float64, nv)
	vcl := make([]int, nv)
	for v := range nv {
		c := pick(func(c int) float64 { return cl[c].weight })
		vx[v] = clamp(cl[c].x + rng.NormFloat64()*cl[c].r)
		vy[v] = clamp(cl[c].y + rng.NormFloat64()*cl[c].r)
		vroad[v], vcl[v] = cl[c].road, c
	}
	dv := make([]int32, needs)
	dkind := make([]int8, needs)
	demand := make([]int, nc)
	for i := range dv {
		dv[i] = int32(rng.IntN(nv))
		dkind[i] = int8(rng.IntN(kinds))
		demand[vcl[dv[i]]]++
	}

	// Workers are shared out to the clusters in proportion to their demand (so thinner in
	// pastoral areas) and offer one to four item kinds; each cluster's capacity is the same
	// 1.05–1.15 multiple of its demand, so the instance is tight but a full assignment
	// usually exists.
	share := make([]int, nc)
	given := 0
	for c := range nc {
		share[c] = workers * demand[c] / max(1, needs)
		given += share[c]
	}
	for c := 0; given < workers; c = (c + 1) % nc { // the rounding remainder, one each
		share[c]++
		given++
	}
	factor := 1.05 + 0.1*rng.Float64()
	wx, wy := make([]float64, workers), make([]float64, workers)
	wcl := make([]int, workers)
	offers := make([]uint8, workers)
	rating := make([]int64, workers)
	base := make([]float64, workers)
	baseSum := make([]float64, nc)
	for j, c := 0, 0; j < workers; j++ {
		for share[c] == 0 {
			c++
		}
		share[c]--
		wcl[j] = c
		wx[j] = clamp(cl[c].x + rng.NormFloat64()*cl[c].r*0.7)
		wy[j] = clamp(cl[c].y + rng.NormFloat64()*cl[c].r*0.7)
		for offers[j] == 0 {
			for kd := range kinds {
				if rng.Float64() < 0.55 {
					offers[j] |= 1 << kd
				}
			}
		}
		rating[j] = 300 + rng.Int64N(201)
		base[j] = 5 + rng.Float64()*20
		baseSum[c] += base[j]
	}
	in := &Instance{N: needs, M: workers, Capacity: make([]int32, workers),
		Penalty: make([]int64, needs), Start: make([]int32, needs+1)}
	for j := range workers {
		c := wcl[j]
		in.Capacity[j] = int32(max(1, math.Round(base[j]*factor*float64(demand[c])/baseSum[c])))
	}

	// k nearest workers of the right kind, through a uniform grid per kind.
	grids := make([]*pointGrid, kinds)
	for kd := range kinds {
		var ids []int32
		for j := range workers {
			if offers[j]&(1<<kd) != 0 {
				ids = append(ids, int32(j))
			}
		}
		grids[kd] = newPointGrid(wx, wy, ids, side)
	}
	in.Worker = make([]int32, 0, needs*k)
	in.Cost = make([]int64, 0, needs*k)
	var near []neighbor
	for i := range needs {
		v := dv[i]
		near = grids[dkind[i]].nearest(vx[v], vy[v], k, near[:0])
		for _, nb := range near {
			cost := int64(math.Round(math.Sqrt(nb.d2)*vroad[v]*10)) + (500-rating[nb.id])/5
			in.Worker = append(in.Worker, nb.id)
			in.Cost = append(in.Cost, cost)
		}
		in.Start[i+1] = int32(len(in.Worker))
		in.Penalty[i] = penalty
	}
	return in
}

type neighbor struct {
	d2 float64
	id int32
}

// pointGrid buckets points into square cells for nearest-neighbour queries.
type pointGrid struct {
	x, y  []float64
	cells [][]int32
	g     int
	cell  float64
}

func newPointGrid(x, y []float64, ids []int32, side float64) *pointGrid {
	g := max(1, int(math.Sqrt(float64(len(ids))/4)))
	pg := &pointGrid{x: x, y: y, cells: make([][]int32, g*g), g: g, cell: side / float64(g)}
	for _, id := range ids {
		c := pg.cellOf(x[id], y[id])
		pg.cells[c] = append(pg.cells[c], id)
	}
	return pg
}

func (pg *pointGrid) coord(v float64) int {
	return min(pg.g-1, max(0, int(v/pg.cell)))
}

func (pg *pointGrid) cellOf(x, y float64) int { return pg.coord(y)*pg.g + pg.coord(x) }

// nearest appends the k points nearest to (x, y), nearest first, ties by id.
func (pg *pointGrid) nearest(x, y float64, k int, out []neighbor) []neighbor {
	cx, cy := pg.coord(x), pg.coord(y)
	for ring := 0; ring <= pg.g; ring++ {
		for gy := cy - ring; gy <= cy+ring; gy++ {
			for gx := cx - ring; gx <= cx+ring; gx++ {
				if gy < 0 || gx < 0 || gy >= pg.g || gx >= pg.g {
					continue
				}
				if max(abs(gx-cx), abs(gy-cy)) != ring {
					continue
				}
				for _, id := range pg.cells[gy*pg.g+gx] {
					dx, dy := pg.x[id]-x, pg.y[id]-y
					out = append(out, neighbor{dx*dx + dy*dy, id})
				}
			}
		}
		// Every point outside the rings searched so far is at least ring×cell away.
		if len(out) >= k {
			reach := float64(ring) * pg.cell
			slices.SortFunc(out, func(a, b neighbor) int {
				if a.d2 != b.d2 {
					if a.d2 < b.d2 {
						return -1
					}
					return 1
				}
				return int(a.id - b.id)
			})
			if out[k-1].d2 <= reach*reach {
				return out[:k]
			}
		}
	}
	slices.SortFunc(out, func(a, b neighbor) int {
		if a.d2 != b.d2 {
			if a.d2 < b.d2 {
				return -1
			}
			return 1
		}
		return int(a.id - b.id)
	})
	return out[:min(k, len(out))]
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
