package grid

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomZonal returns a small random zonal system of nz zones over hours
// hours drawn from r: each zone has two or three unit entries (some with
// counts, some with partial outages), a load of about 0.8 of its own
// capacity with a daily shape, and the zones are joined in a path or, for
// three zones, a triangle, by interfaces of failing and fixed elements
// of unequal forward and backward capacities.
func randomZonal(r *rand.Rand, nz, hours int, triangle bool) *System {
	sys := &System{Name: "random zonal"}
	for z := range nz {
		name := fmt.Sprintf("z%d", z)
		capMW := 0.0
		for u := range 2 + r.IntN(2) {
			unit := Unit{
				Name: fmt.Sprintf("%s-u%d", name, u), Zone: name,
				CapacityMW: float64(5 * (2 + r.IntN(8))), Count: 1 + r.IntN(3),
				MTTFHours: 300 + float64(r.IntN(1500)), MTTRHours: 20 + float64(r.IntN(100)),
			}
			if r.IntN(3) == 0 {
				unit.DeratedMW = unit.CapacityMW / 5
				unit.PartialMTTFHours, unit.PartialMTTRHours = 200, 50
			}
			capMW += unit.CapacityMW * float64(unit.Count)
			sys.Units = append(sys.Units, unit)
		}
		zone := Zone{Name: name, Load: make([]float64, hours)}
		level := (0.6 + 0.3*r.Float64()) * capMW
		for h := range hours {
			zone.Load[h] = math.Round(level*(0.85+0.15*math.Sin(2*math.Pi*float64(h%24)/24+float64(z)))*1000) / 1000
		}
		sys.Zones = append(sys.Zones, zone)
	}
	link := func(a, b int) Interface {
		f := float64(5 * (1 + r.IntN(4)))
		return Interface{From: fmt.Sprintf("z%d", a), To: fmt.Sprintf("z%d", b), Elements: []Element{
			{Name: fmt.Sprintf("l%d%d", a, b), Count: 1 + r.IntN(2), ForwardMW: f, BackwardMW: f + 5, FOR: 0.02 + 0.1*r.Float64(), MTTRHours: 10 + float64(r.IntN(40))},
			{Name: fmt.Sprintf("f%d%d", a, b), ForwardMW: 2.5, BackwardMW: 0},
		}}
	}
	for z := 1; z < nz; z++ {
		sys.Interfaces = append(sys.Interfaces, link(z-1, z))
	}
	if triangle && nz == 3 {
		sys.Interfaces = append(sys.Interfaces, link(2, 0))
	}
	return sys
}

// TestInvariantZonalExactRandom: on small random two- and three-zone
// systems with interface outages, the Monte Carlo's LOLE and EUE, of the
// system and of each zone, lie within 4 SE of the exact enumeration.
func TestInvariantZonalExactRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 7))
	for i, c := range []struct {
		zones    int
		triangle bool
	}{{2, false}, {3, false}, {3, true}, {3, true}} {
		sys := randomZonal(r, c.zones, 72, c.triangle)
		t.Run(fmt.Sprintf("%d:%dzones,triangle=%v", i, c.zones, c.triangle), func(t *testing.T) {
			checkZonalMC(t, sys, 80000, 0.1)
		})
	}
}

// TestInvariantZonalSums: in every state an hour's unserved energy is
// shared out among the zones, so the zones' EUEs add up to the system's,
// a zone's LOLE is at most the system's and the system's at most their
// sum; exactly and, trial by trial, in the Monte Carlo.
func TestInvariantZonalSums(t *testing.T) {
	r := rand.New(rand.NewPCG(99, 1))
	for i, sys := range []*System{rbtsTwoZones(t), randomZonal(r, 3, 72, true)} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			for _, res := range []*AdequacyResult{exactOf(t, sys), mcOf(t, sys, 3000)} {
				sum, loleSum := 0.0, 0.0
				for _, z := range res.Zones {
					sum += z.EUEMWh.Mean
					loleSum += z.LOLEHours.Mean
					if z.LOLEHours.Mean > res.Indices.LOLEHours.Mean*(1+1e-12) {
						t.Errorf("%s: zone %s LOLE %v above the system's %v", res.Method, z.Name, z.LOLEHours.Mean, res.Indices.LOLEHours.Mean)
					}
				}
				if !closeRel(sum, res.Indices.EUEMWh.Mean, 1e-9) {
					t.Errorf("%s: zones' EUE add up to %.12g, system EUE %.12g", res.Method, sum, res.Indices.EUEMWh.Mean)
				}
				if res.Indices.LOLEHours.Mean > loleSum*(1+1e-12) {
					t.Errorf("%s: system LOLE %v above the zones' sum %v", res.Method, res.Indices.LOLEHours.Mean, loleSum)
				}
				t.Logf("%s: LOLE %.5f (zones sum %.5f), EUE %.5f", res.Method, res.Indices.LOLEHours.Mean, loleSum, res.Indices.EUEMWh.Mean)
			}
		})
	}
}

// reverseInterfaces returns sys with every interface declared the other
// way round: From and To swapped and each element's forward and
// backward capacities with them.
func reverseInterfaces(sys *System) *System {
	s := *sys
	s.Interfaces = nil
	for _, f := range sys.Interfaces {
		g := Interface{From: f.To, To: f.From, Elements: slices.Clone(f.Elements)}
		for j := range g.Elements {
			g.Elements[j].ForwardMW, g.Elements[j].BackwardMW = g.Elements[j].BackwardMW, g.Elements[j].ForwardMW
		}
		s.Interfaces = append(s.Interfaces, g)
	}
	return &s
}

// splitElements returns sys with every element row of count k > 1
// written as k rows named as expansion names them.
func splitElements(sys *System) *System {
	s := *sys
	s.Interfaces = nil
	for _, f := range sys.Interfaces {
		g := Interface{From: f.From, To: f.To}
		for _, e := range f.Elements {
			if e.Count <= 1 {
				g.Elements = append(g.Elements, e)
				continue
			}
			for k := 1; k <= e.Count; k++ {
				x := e
				x.Count = 0
				x.Name = fmt.Sprintf("%s#%d", e.Name, k)
				g.Elements = append(g.Elements, x)
			}
		}
		s.Interfaces = append(s.Interfaces, g)
	}
	return &s
}

// sameResults fails t unless a and b give the same system and zone
// indices: within rel for exact results, and the same tallies to the bit
// for Monte Carlo ones.
func sameResults(t *testing.T, what string, a, b *AdequacyResult, rel float64) {
	t.Helper()
	if a.Tally != nil {
		if a.Tally.IndexAcc != b.Tally.IndexAcc || a.Tally.MonthHour != b.Tally.MonthHour || !slices.Equal(a.Tally.Zones, b.Tally.Zones) {
			t.Errorf("%s: Monte Carlo LOLE %v EUE %v, other %v %v", what, a.Indices.LOLEHours.Mean, a.Indices.EUEMWh.Mean, b.Indices.LOLEHours.Mean, b.Indices.EUEMWh.Mean)
		}
		return
	}
	xs := []Indices{a.Indices}
	ys := []Indices{b.Indices}
	for k := range a.Zones {
		xs, ys = append(xs, a.Zones[k].Indices), append(ys, b.Zones[k].Indices)
	}
	for k := range xs {
		if !closeRel(xs[k].LOLEHours.Mean, ys[k].LOLEHours.Mean, rel) || !closeRel(xs[k].EUEMWh.Mean, ys[k].EUEMWh.Mean, rel) {
			t.Errorf("%s [%d]: exact LOLE %.15g EUE %.15g, other %.15g %.15g", what, k, xs[k].LOLEHours.Mean, xs[k].EUEMWh.Mean, ys[k].LOLEHours.Mean, ys[k].EUEMWh.Mean)
		}
	}
}

// TestInvariantZonalEquivalent: ways of writing the same network give
// the same indices: interfaces declared the other way round, element
// rows of count k as k rows, and an extra interface of zero capacity.
func TestInvariantZonalEquivalent(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for i, sys := range []*System{rbtsTwoZones(t), randomZonal(r, 3, 48, true)} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			zero := *sys
			zero.Interfaces = append(slices.Clone(sys.Interfaces), Interface{From: sys.Zones[0].Name, To: sys.Zones[1].Name,
				Elements: []Element{{Name: "nothing", ForwardMW: 0, BackwardMW: 0}}})
			for _, c := range []struct {
				name string
				sys  *System
			}{{"reversed interfaces", reverseInterfaces(sys)}, {"split elements", splitElements(sys)}, {"zero interface", &zero}} {
				sameResults(t, c.name, exactOf(t, sys), exactOf(t, c.sys), 1e-12)
				sameResults(t, c.name, mcOf(t, sys, 1000), mcOf(t, c.sys, 1000), 0)
			}
		})
	}
}

// TestInvariantZonalPriority: the system's indices do not depend on the
// order of the zones (the least total unserved energy is a min-cut), and
// a zone moved to the front is served as fully as the network allows, so
// its EUE and LOLE do not rise; exactly and, on the same draws, in the
// Monte Carlo's sums.
func TestInvariantZonalPriority(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 4))
	sys := randomZonal(r, 3, 72, true)
	for k := 1; k < len(sys.Zones); k++ {
		moved := *sys
		moved.Zones = append([]Zone{sys.Zones[k]}, slices.Delete(slices.Clone(sys.Zones), k, k+1)...)
		a, b := exactOf(t, sys), exactOf(t, &moved)
		if !closeRel(a.Indices.LOLEHours.Mean, b.Indices.LOLEHours.Mean, 1e-12) || !closeRel(a.Indices.EUEMWh.Mean, b.Indices.EUEMWh.Mean, 1e-12) {
			t.Errorf("zone %s first: exact system LOLE %.15g EUE %.15g, declared order %.15g %.15g", sys.Zones[k].Name,
				b.Indices.LOLEHours.Mean, b.Indices.EUEMWh.Mean, a.Indices.LOLEHours.Mean, a.Indices.EUEMWh.Mean)
		}
		was, now := a.Zones[k].Indices, b.Zones[0].Indices
		if now.EUEMWh.Mean > was.EUEMWh.Mean*(1+1e-12) || now.LOLEHours.Mean > was.LOLEHours.Mean*(1+1e-12) {
			t.Errorf("zone %s first: exact LOLE %v EUE %v, above %v %v in declared order", sys.Zones[k].Name, now.LOLEHours.Mean, now.EUEMWh.Mean, was.LOLEHours.Mean, was.EUEMWh.Mean)
		}
		ma, mb := mcOf(t, sys, 2000), mcOf(t, &moved, 2000)
		if ma.Tally.LOLE != mb.Tally.LOLE || !closeRel(ma.Tally.EUE.Sum.Float64(), mb.Tally.EUE.Sum.Float64(), 1e-12) {
			t.Errorf("zone %s first: Monte Carlo system LOLE %v EUE %v, declared order %v %v", sys.Zones[k].Name,
				mb.Indices.LOLEHours.Mean, mb.Indices.EUEMWh.Mean, ma.Indices.LOLEHours.Mean, ma.Indices.EUEMWh.Mean)
		}
		if mb.Tally.Zones[0].EUE.Sum.Float64() > ma.Tally.Zones[k].EUE.Sum.Float64()*(1+1e-12) || mb.Tally.Zones[0].LOLE.Sum.Float64() > ma.Tally.Zones[k].LOLE.Sum.Float64() {
			t.Errorf("zone %s first: Monte Carlo LOLE %v EUE %v, above %v %v in declared order", sys.Zones[k].Name,
				mb.Zones[0].LOLEHours.Mean, mb.Zones[0].EUEMWh.Mean, ma.Zones[k].LOLEHours.Mean, ma.Zones[k].EUEMWh.Mean)
		}
		t.Logf("zone %s: EUE %.4f declared %d, %.4f first (exact)", sys.Zones[k].Name, was.EUEMWh.Mean, k, now.EUEMWh.Mean)
	}
}

// TestInvariantMoreTransfer: a further element that never fails, added
// to an interface, can only lower the least unserved energy of every
// hour: on the same draws (it has no stream of its own to draw from) the
// Monte Carlo's sums of system hours and energy do not rise, nor the
// exact indices.
func TestInvariantMoreTransfer(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for i, sys := range []*System{rbtsTwoZones(t), randomZonal(r, 3, 72, false)} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			more := *sys
			more.Interfaces = slices.Clone(sys.Interfaces)
			f := more.Interfaces[0]
			f.Elements = append(slices.Clone(f.Elements), Element{Name: "new", ForwardMW: 10, BackwardMW: 10})
			more.Interfaces[0] = f
			a, b := exactOf(t, sys), exactOf(t, &more)
			if b.Indices.LOLEHours.Mean > a.Indices.LOLEHours.Mean*(1+1e-12) || b.Indices.EUEMWh.Mean > a.Indices.EUEMWh.Mean*(1+1e-12) {
				t.Errorf("exact: LOLE %v EUE %v with more transfer, %v %v without", b.Indices.LOLEHours.Mean, b.Indices.EUEMWh.Mean, a.Indices.LOLEHours.Mean, a.Indices.EUEMWh.Mean)
			}
			ma, mb := mcOf(t, sys, 2000), mcOf(t, &more, 2000)
			if mb.Tally.LOLE.Sum.Float64() > ma.Tally.LOLE.Sum.Float64() || mb.Tally.EUE.Sum.Float64() > ma.Tally.EUE.Sum.Float64()*(1+1e-12) {
				t.Errorf("Monte Carlo: LOLE %v EUE %v with more transfer, %v %v without", mb.Indices.LOLEHours.Mean, mb.Indices.EUEMWh.Mean, ma.Indices.LOLEHours.Mean, ma.Indices.EUEMWh.Mean)
			}
			t.Logf("exact LOLE %.5f → %.5f, EUE %.5f → %.5f", a.Indices.LOLEHours.Mean, b.Indices.LOLEHours.Mean, a.Indices.EUEMWh.Mean, b.Indices.EUEMWh.Mean)
		})
	}
}

// TestInvariantOneZoneIsCOPT: a zonal system of one zone is a copper
// plate: the exact zonal method gives the COPT's indices, and the Monte
// Carlo the same tally to the bit.
func TestInvariantOneZoneIsCOPT(t *testing.T) {
	sys := rbts(t)
	one := &System{Zones: []Zone{{Name: "only", Load: sys.Load}}}
	for _, u := range sys.Units {
		u.Zone = "only"
		one.Units = append(one.Units, u)
	}
	a, b := exactOf(t, sys), exactOf(t, one)
	if !closeRel(a.Indices.LOLEHours.Mean, b.Indices.LOLEHours.Mean, 1e-12) || !closeRel(a.Indices.EUEMWh.Mean, b.Indices.EUEMWh.Mean, 1e-12) ||
		!closeRel(b.Zones[0].EUEMWh.Mean, b.Indices.EUEMWh.Mean, 1e-12) {
		t.Errorf("one zone: exact LOLE %.15g EUE %.15g (zone %.15g), COPT %.15g %.15g", b.Indices.LOLEHours.Mean, b.Indices.EUEMWh.Mean,
			b.Zones[0].EUEMWh.Mean, a.Indices.LOLEHours.Mean, a.Indices.EUEMWh.Mean)
	}
	ma, mb := mcOf(t, sys, 1000), mcOf(t, one, 1000)
	if ma.Tally.IndexAcc != mb.Tally.IndexAcc {
		t.Errorf("one zone: Monte Carlo LOLE %v EUE %v, copper plate %v %v", mb.Indices.LOLEHours.Mean, mb.Indices.EUEMWh.Mean, ma.Indices.LOLEHours.Mean, ma.Indices.EUEMWh.Mean)
	}
}
