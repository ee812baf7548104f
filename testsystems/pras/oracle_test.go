package pras

import (
	"math"
	"testing"

	"github.com/carveout/carveout/grid"
)

// exactHour is the exact result of one hour of a zonal system, found by
// enumerating every joint state of its units and interface elements.
type exactHour struct {
	// LOLP and EUE are the probability of unserved load and the expected
	// unserved energy (MWh) of the system: the least the network allows.
	LOLP, EUE float64
	// ZoneLOLP and ZoneEUE are each zone's, the least total being shared
	// by priority in declaration order.
	ZoneLOLP, ZoneEUE []float64
	// LOLPFixed[z] reports whether zone z is short, and EUEFixed[z]
	// whether its unserved energy is what it is, in every state of the hour
	// under every allocation of the least total in which no zone gives up
	// its own capacity while short of its own load: then ZoneLOLP[z] or
	// ZoneEUE[z] holds whatever rule picks the allocation.
	LOLPFixed, EUEFixed []bool
}

// component is a unit or interface element that fails: its capacity in
// the hour and its probability of being out.
type component struct {
	zone     int // zone of a unit, -1 for an element
	iface    int // interface of an element
	mw       float64
	fwd, bwd float64
	q        float64
}

// monthLengths are the month lengths of a non-leap year, the calendar of
// [grid.Class] factors.
var monthLengths = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// monthHour returns the month and hour of day of hour h of a series that
// starts on 1 January 00:00.
func monthHour(h int) (month, hour int) {
	day := h / 24 % 365
	for day >= monthLengths[month] {
		day -= monthLengths[month]
		month++
	}
	return month, h % 24
}

// unitMW returns the capacity of an up unit u of sys in hour h: its
// capacity times its class's factors for the month and hour of day.
func unitMW(sys *grid.System, u grid.Unit, h int) float64 {
	mw := u.CapacityMW
	m, hod := monthHour(h)
	for _, c := range sys.Classes {
		if c.Name != u.Class {
			continue
		}
		if len(c.Monthly) > 0 {
			mw *= c.Monthly[m]
		}
		if len(c.Profile) > 0 {
			mw *= c.Profile[m][hod]
		}
	}
	return mw
}

// exactZonal returns the exact result of each hour of the zonal system
// sys, from its two-state units (stationary unavailability
// MTTR/(MTTF+MTTR)), their class factors and its interface elements: every
// joint state of the hour's components is settled by max-flow min-cut over
// the sets of zones, and shared among zones by augmenting paths zone by
// zone in priority order (a method independent of [grid.Network]'s).
func exactZonal(tb testing.TB, sys *grid.System) []exactHour {
	tb.Helper()
	nz := len(sys.Zones)
	zone := map[string]int{}
	for i, z := range sys.Zones {
		zone[z.Name] = i
	}
	hours := len(sys.Zones[0].Load)
	out := make([]exactHour, hours)
	for h := range hours {
		var comps []component
		for _, u := range sys.Units {
			if u.DeratedMW != 0 {
				tb.Fatalf("unit %q: partial outages are not enumerated", u.Name)
			}
			mw := unitMW(sys, u, h)
			if mw == 0 {
				continue
			}
			for range max(u.Count, 1) {
				comps = append(comps, component{zone: zone[u.Zone], mw: mw, q: u.FOR()})
			}
		}
		fixedFwd := make([]float64, len(sys.Interfaces))
		fixedBwd := make([]float64, len(sys.Interfaces))
		for i, f := range sys.Interfaces {
			for _, e := range f.Elements {
				k := float64(max(e.Count, 1))
				if !e.Fails() {
					fixedFwd[i] += k * e.ForwardMW
					fixedBwd[i] += k * e.BackwardMW
					continue
				}
				q := e.FOR
				if q == 0 {
					q = e.MTTRHours / (e.MTTFHours + e.MTTRHours)
				}
				for range max(e.Count, 1) {
					comps = append(comps, component{zone: -1, iface: i, fwd: e.ForwardMW, bwd: e.BackwardMW, q: q})
				}
			}
		}
		if len(comps) > 20 {
			tb.Fatalf("hour %d: %d components, too many to enumerate", h, len(comps))
		}
		res := exactHour{ZoneLOLP: make([]float64, nz), ZoneEUE: make([]float64, nz), LOLPFixed: make([]bool, nz), EUEFixed: make([]bool, nz)}
		for z := range nz {
			res.LOLPFixed[z], res.EUEFixed[z] = true, true
		}
		load := make([]float64, nz)
		for z := range nz {
			load[z] = sys.Zones[z].Load[h]
		}
		capMW := make([]float64, nz)
		fwd := make([]float64, len(sys.Interfaces))
		bwd := make([]float64, len(sys.Interfaces))
		for state := range 1 << len(comps) {
			p := 1.0
			clear(capMW)
			copy(fwd, fixedFwd)
			copy(bwd, fixedBwd)
			for k, c := range comps {
				if state>>k&1 == 1 { // out
					p *= c.q
					continue
				}
				p *= 1 - c.q
				if c.zone >= 0 {
					capMW[c.zone] += c.mw
				} else {
					fwd[c.iface] += c.fwd
					bwd[c.iface] += c.bwd
				}
			}
			total := minCut(sys, load, capMW, fwd, bwd)
			if total <= 0 {
				continue
			}
			res.LOLP += p
			res.EUE += p * total
			prio := make([]int, nz)
			for z := range prio {
				prio[z] = z
			}
			u := share(sys, prio, load, capMW, fwd, bwd)
			sum := 0.0
			for z, x := range u {
				sum += x
				if x > 0 {
					res.ZoneLOLP[z] += p
				}
				res.ZoneEUE[z] += p * x
			}
			if math.Abs(sum-total) > 1e-9*max(1, total) {
				tb.Fatalf("hour %d, state %b: shares add up to %v, min cut %v", h, state, sum, total)
			}
			// Zone z's least and most unserved energy over the
			// allocations of the least total: first and last in priority.
			for z := range nz {
				first := append([]int{z}, without(prio, z)...)
				last := append(without(prio, z), z)
				lo := share(sys, first, load, capMW, fwd, bwd)[z]
				hi := share(sys, last, load, capMW, fwd, bwd)[z]
				if hi-lo > 1e-9 {
					res.EUEFixed[z] = false
				}
				if (lo > 0) != (hi > 0) {
					res.LOLPFixed[z] = false
				}
			}
		}
		out[h] = res
	}
	return out
}

// minCut returns the least unserved energy of the hour: the largest over
// sets S of zones of L(S) − C(S) − T(S), T(S) being the transfer capacity
// into S, or 0.
func minCut(sys *grid.System, load, capMW, fwd, bwd []float64) float64 {
	idx := zoneIndex(sys)
	best := 0.0
	for s := 1; s < 1<<len(load); s++ {
		v := 0.0
		for z := range load {
			if s>>z&1 == 1 {
				v += load[z] - capMW[z]
			}
		}
		for i, f := range sys.Interfaces {
			in, out := s>>idx[f.To]&1 == 1, s>>idx[f.From]&1 == 1
			switch {
			case in && !out:
				v -= fwd[i]
			case out && !in:
				v -= bwd[i]
			}
		}
		best = max(best, v)
	}
	return best
}

// share returns each zone's unserved energy when the short zones are
// served in the order prio, each as fully as the network allows without
// taking from those before it: every zone first serves its own load from
// its own capacity; the surpluses then flow to the deficits over the
// interfaces, found by augmenting paths (Edmonds–Karp) from a source
// feeding each zone its surplus to one zone at a time.
func share(sys *grid.System, prio []int, load, capMW, fwd, bwd []float64) []float64 {
	idx := zoneIndex(sys)
	n := len(load)
	src := n
	r := make([][]float64, n+1) // residual capacities
	for i := range r {
		r[i] = make([]float64, n+1)
	}
	deficit := make([]float64, n)
	for z := range n {
		if d := load[z] - capMW[z]; d > 0 {
			deficit[z] = d
		} else {
			r[src][z] = -d
		}
	}
	for i, f := range sys.Interfaces {
		r[idx[f.From]][idx[f.To]] += fwd[i]
		r[idx[f.To]][idx[f.From]] += bwd[i]
	}
	unserved := make([]float64, n)
	prev := make([]int, n+1)
	for _, k := range prio {
		need := deficit[k]
		for need > 1e-12 {
			// Breadth-first search from the source to zone k.
			for i := range prev {
				prev[i] = -1
			}
			prev[src] = src
			queue := []int{src}
			for len(queue) > 0 && prev[k] < 0 {
				u := queue[0]
				queue = queue[1:]
				for v := range n {
					if prev[v] < 0 && r[u][v] > 1e-12 {
						prev[v] = u
						queue = append(queue, v)
					}
				}
			}
			if prev[k] < 0 {
				break
			}
			b := need
			for v := k; v != src; v = prev[v] {
				b = min(b, r[prev[v]][v])
			}
			for v := k; v != src; v = prev[v] {
				r[prev[v]][v] -= b
				r[v][prev[v]] += b
			}
			need -= b
		}
		unserved[k] = max(0, need)
	}
	return unserved
}

// zoneIndex returns the index of each zone of sys by name.
func zoneIndex(sys *grid.System) map[string]int {
	idx := make(map[string]int, len(sys.Zones))
	for i, z := range sys.Zones {
		idx[z.Name] = i
	}
	return idx
}

// without returns the elements of s other than x.
func without(s []int, x int) []int {
	var out []int
	for _, v := range s {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// copperExact returns the exact hourly LOLP and EUE of a system without
// zones, by the same enumeration on one zone.
func copperExact(tb testing.TB, sys *grid.System) []exactHour {
	tb.Helper()
	one := &grid.System{Classes: sys.Classes, Zones: []grid.Zone{{Name: "all", Load: sys.Load}}}
	for _, u := range sys.Units {
		u.Zone = "all"
		one.Units = append(one.Units, u)
	}
	return exactZonal(tb, one)
}
