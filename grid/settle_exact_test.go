package grid

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// settleOracle settles a's capacities (a.hcap, a.hfw, a.hbw) against
// the loads scale·load by the priority rule of [Network] in exact
// rational arithmetic, rounding each share once at the end, with
// settlePart's test of a tie; it fills unserved and returns the total,
// the shares added in zone order.
func settleOracle(a *NetworkAvailability, load []float64, scale float64, unserved []float64) float64 {
	n := a.n
	rat := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	mw := func(units int64) *big.Rat { return new(big.Rat).SetFrac(big.NewInt(units), big.NewInt(int64(n.scale))) }
	l := make([]float64, len(load))
	short := make([]bool, len(load))
	for z := range load {
		l[z] = scale * load[z]
		short[z] = n.MW(a.hcap[z]) < l[z]
		unserved[z] = 0
	}
	for _, part := range n.parts {
		if len(part) == 1 {
			if z := part[0]; short[z] {
				unserved[z] = l[z] - n.MW(a.hcap[z])
			}
			continue
		}
		m := len(part)
		// value returns L(S) − C(S) − T(S), S the members of s counted.
		value := func(s, counted int) *big.Rat {
			v := new(big.Rat)
			for k, z := range part {
				if s&counted&(1<<k) != 0 {
					v.Add(v, rat(l[z]))
					v.Sub(v, mw(a.hcap[z]))
				}
			}
			for i, f := range n.ifaces {
				if n.partOf[f.from] != n.partOf[part[0]] {
					continue
				}
				in, out := s&(1<<n.local[f.to]) != 0, s&(1<<n.local[f.from]) != 0
				switch {
				case in && !out:
					v.Sub(v, mw(a.hfw[i]))
				case out && !in:
					v.Sub(v, mw(a.hbw[i]))
				}
			}
			return v
		}
		counted := 0
		lall, call := 0.0, int64(0)
		for k, z := range part {
			lall += l[z]
			call += a.hcap[z]
			if !short[z] {
				counted |= 1 << k
			}
		}
		tie := 1e-12 * (lall + n.MW(call))
		prev := new(big.Rat)
		for k, z := range part {
			if !short[z] {
				continue
			}
			counted |= 1 << k
			best := new(big.Rat)
			for s := 1; s < 1<<m; s++ {
				if v := value(s, counted); v.Cmp(best) > 0 {
					best = v
				}
			}
			share, _ := new(big.Rat).Sub(best, prev).Float64()
			if share > tie {
				unserved[z] = share
			}
			prev = best
		}
	}
	total := 0.0
	for _, u := range unserved {
		total += u
	}
	return total
}

// randomMesh returns a network of nz zones, one unit each, on a grid of
// hundredths of a MW, joined by interfaces between random pairs (radial,
// meshed or in several parts).
func randomMesh(t *testing.T, r *rand.Rand, nz int) (*Network, []float64) {
	var zones []string
	var units []Unit
	var capMW []float64
	for z := range nz {
		zones = append(zones, fmt.Sprintf("z%d", z))
		capMW = append(capMW, float64(4000+r.IntN(4000))/100)
		units = append(units, Unit{Name: fmt.Sprintf("u%d", z), Zone: zones[z], CapacityMW: capMW[z], MTTFHours: 1000, MTTRHours: 50})
	}
	var ifaces []Interface
	for a := range nz {
		for b := a + 1; b < nz; b++ {
			if r.IntN(3) == 0 {
				continue
			}
			ifaces = append(ifaces, Interface{From: zones[a], To: zones[b], Elements: []Element{{Name: fmt.Sprintf("l%d%d", a, b), ForwardMW: float64(500+r.IntN(2000)) / 100, BackwardMW: float64(500+r.IntN(2000)) / 100}}})
		}
	}
	n, err := NewNetwork(zones, units, nil, ifaces, 1)
	if err != nil {
		t.Fatal(err)
	}
	return n, capMW
}

// Every settlement is the exact priority rule, each zone's share rounded
// once: settleCaps agrees to the bit with a
// settlement in rational arithmetic, on random networks of two to six
// zones (meshed, radial or in parts), random capacities on a grid of
// hundredths of a MW, loads of three decimals and load scales, states
// in which several zones are short and compete for imports.
func TestSettleExactOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 13))
	several, settled := 0, 0
	for net := range 40 {
		nz := 2 + net%5
		n, capMW := randomMesh(t, r, nz)
		a, err := n.NewAvailability()
		if err != nil {
			t.Fatal(err)
		}
		load := make([]float64, nz)
		got, want := make([]float64, nz), make([]float64, nz)
		for range 100 {
			for z := range nz {
				full := capMW[z]
				a.hcap[z] = int64(r.IntN(int(math.Round(full*n.scale)) + 1))
				load[z] = math.Round((0.3+0.7*r.Float64())*full*1000) / 1000
			}
			for i := range n.ifaces {
				a.hfw[i], a.hbw[i] = int64(r.IntN(2000)), int64(r.IntN(2000))
			}
			scale := 1.0
			if r.IntN(2) == 0 {
				scale = 0.9 + 0.2*r.Float64()
			}
			clear(got)
			u := a.settleCaps(load, scale, got)
			w := settleOracle(a, load, scale, want)
			for z := range nz {
				if got[z] != want[z] {
					t.Fatalf("network %d, loads %v × %v, capacities %v: zone %d's share %.17g, exactly %.17g", net, load, scale, a.hcap, z, got[z], want[z])
				}
			}
			if u != w {
				t.Fatalf("network %d, loads %v × %v: total %.17g, want the shares added in zone order, %.17g", net, load, scale, u, w)
			}
			if u > 0 {
				settled++
			}
			k := 0
			for _, v := range got {
				if v > 0 {
					k++
				}
			}
			if k >= 2 {
				several++
			}
		}
	}
	if several < 1000 {
		t.Errorf("only %d of %d short states had several zones shed", several, settled)
	}
	t.Logf("%d short states, %d with several zones shed", settled, several)
}
