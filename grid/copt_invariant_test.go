package grid

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// These tests check properties the model guarantees whatever the data,
// on the exact methods and on the Monte Carlo with common random
// numbers: equalities where the model makes two systems the same, and
// orderings where it makes one no less adequate than another.

// exactOf returns the exact system indices of sys (COPT or zonal
// enumeration), failing t on error.
func exactOf(t *testing.T, sys *System) *AdequacyResult {
	t.Helper()
	r, err := AdequacyExact(sys)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mcOf runs trials trial-years of sys from seed 11 on two workers.
func mcOf(t *testing.T, sys *System, trials int64) *AdequacyResult {
	t.Helper()
	r, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(trials), montecarlo.WithSeed(11), montecarlo.WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// closeRel reports whether a and b agree within rel of the larger.
func closeRel(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))
}

// splitCounts returns the fleet with every entry of count k > 1 written
// as k rows of count 1 named as Expand names them ("Name#1" …), so that
// each physical unit keeps its random stream.
func splitCounts(units []Unit) []Unit {
	var out []Unit
	for _, u := range units {
		if u.Count <= 1 {
			out = append(out, u)
			continue
		}
		for k := 1; k <= u.Count; k++ {
			v := u
			v.Count = 0
			v.Name = fmt.Sprintf("%s#%d", u.Name, k)
			out = append(out, v)
		}
	}
	return out
}

// TestInvariantCountEqualsRows: an entry of count k and k identical rows
// of count 1 are the same fleet: the COPT gives the same indices, and
// the Monte Carlo, each physical unit keeping its name and so its
// stream, the same tally bit for bit.
func TestInvariantCountEqualsRows(t *testing.T) {
	sys := rbts(t)
	split := &System{Units: splitCounts(sys.Units), Load: sys.Load}
	if len(split.Units) == len(sys.Units) {
		t.Fatal("RBTS has no entry with a count")
	}
	a, b := exactOf(t, sys).Indices, exactOf(t, split).Indices
	for _, c := range []struct {
		name string
		x, y float64
	}{{"LOLE", a.LOLEHours.Mean, b.LOLEHours.Mean}, {"EUE", a.EUEMWh.Mean, b.EUEMWh.Mean}, {"LOLP", a.LOLP.Mean, b.LOLP.Mean}} {
		if !closeRel(c.x, c.y, 1e-12) {
			t.Errorf("COPT %s: counts %.15g, rows %.15g", c.name, c.x, c.y)
		}
	}
	ma, mb := mcOf(t, sys, 2000), mcOf(t, split, 2000)
	if ma.Tally.IndexAcc != mb.Tally.IndexAcc || ma.Tally.MonthHour != mb.Tally.MonthHour {
		t.Errorf("Monte Carlo: counts LOLE %v EUE %v, rows LOLE %v EUE %v",
			ma.Indices.LOLEHours.Mean, ma.Indices.EUEMWh.Mean, mb.Indices.LOLEHours.Mean, mb.Indices.EUEMWh.Mean)
	}
	t.Logf("LOLE exact %.9f, MC %.5f", a.LOLEHours.Mean, ma.Indices.LOLEHours.Mean)
}

// TestInvariantUnitOrder: the order in which units are listed changes
// nothing: the COPT's indices agree to rounding and the Monte Carlo's
// tally, every unit drawing from the stream of its name, to the bit.
func TestInvariantUnitOrder(t *testing.T) {
	sys := rtsRef.system(t)
	rev := &System{Units: slices.Clone(sys.Units), Load: sys.Load}
	slices.Reverse(rev.Units)
	a, b := exactOf(t, sys).Indices, exactOf(t, rev).Indices
	if !closeRel(a.LOLEHours.Mean, b.LOLEHours.Mean, 1e-9) || !closeRel(a.EUEMWh.Mean, b.EUEMWh.Mean, 1e-9) {
		t.Errorf("COPT: LOLE %.15g EUE %.15g, reversed %.15g %.15g", a.LOLEHours.Mean, a.EUEMWh.Mean, b.LOLEHours.Mean, b.EUEMWh.Mean)
	}
	ma, mb := mcOf(t, sys, 300), mcOf(t, rev, 300)
	if ma.Tally.IndexAcc != mb.Tally.IndexAcc || ma.Tally.MonthHour != mb.Tally.MonthHour {
		t.Errorf("Monte Carlo: LOLE %v EUE %v, reversed %v %v",
			ma.Indices.LOLEHours.Mean, ma.Indices.EUEMWh.Mean, mb.Indices.LOLEHours.Mean, mb.Indices.EUEMWh.Mean)
	}
}

// scaleSystem returns sys with every capacity, derate, interface
// capacity and load multiplied by k.
func scaleSystem(sys *System, k float64) *System {
	s := *sys
	s.Units = slices.Clone(sys.Units)
	for i := range s.Units {
		s.Units[i].CapacityMW *= k
		s.Units[i].DeratedMW *= k
	}
	s.Load = nil
	for _, x := range sys.Load {
		s.Load = append(s.Load, k*x)
	}
	s.Zones = nil
	for _, z := range sys.Zones {
		zz := Zone{Name: z.Name}
		for _, x := range z.Load {
			zz.Load = append(zz.Load, k*x)
		}
		s.Zones = append(s.Zones, zz)
	}
	s.Interfaces = nil
	for _, f := range sys.Interfaces {
		g := f
		g.Elements = slices.Clone(f.Elements)
		for j := range g.Elements {
			g.Elements[j].ForwardMW *= k
			g.Elements[j].BackwardMW *= k
		}
		s.Interfaces = append(s.Interfaces, g)
	}
	return &s
}

// TestInvariantScale: multiplying every capacity and every load by 10
// leaves the LOLE and LOLP unchanged and multiplies the EUE by 10, for
// the COPT, the exact zonal method and the Monte Carlo on the same
// draws (durations do not depend on capacities). No RBTS load lies on a
// capacity level, so rounding of the scaled loads cannot move an hour.
func TestInvariantScale(t *testing.T) {
	for _, c := range []struct {
		name string
		sys  *System
	}{{"RBTS", rbts(t)}, {"RBTS two zones", rbtsTwoZones(t)}} {
		t.Run(c.name, func(t *testing.T) {
			big := scaleSystem(c.sys, 10)
			a, b := exactOf(t, c.sys), exactOf(t, big)
			check := func(what string, x, y Indices) {
				if !closeRel(x.LOLEHours.Mean, y.LOLEHours.Mean, 1e-12) || !closeRel(x.LOLP.Mean, y.LOLP.Mean, 1e-12) {
					t.Errorf("%s: LOLE %.15g LOLP %.15g, scaled %.15g %.15g", what, x.LOLEHours.Mean, x.LOLP.Mean, y.LOLEHours.Mean, y.LOLP.Mean)
				}
				if !closeRel(10*x.EUEMWh.Mean, y.EUEMWh.Mean, 1e-12) {
					t.Errorf("%s: EUE %.15g, scaled %.15g, want 10 times", what, x.EUEMWh.Mean, y.EUEMWh.Mean)
				}
				if !closeRel(x.NEUEPPM.Mean, y.NEUEPPM.Mean, 1e-12) {
					t.Errorf("%s: NEUE %.15g, scaled %.15g", what, x.NEUEPPM.Mean, y.NEUEPPM.Mean)
				}
			}
			check("exact", a.Indices, b.Indices)
			for k := range a.Zones {
				check("exact zone "+a.Zones[k].Name, a.Zones[k].Indices, b.Zones[k].Indices)
			}
			ma, mb := mcOf(t, c.sys, 1000), mcOf(t, big, 1000)
			if ma.Tally.LOLE != mb.Tally.LOLE || ma.Tally.Events != mb.Tally.Events || ma.Tally.Any != mb.Tally.Any || ma.Tally.MonthHour != mb.Tally.MonthHour {
				t.Errorf("Monte Carlo LOLE %v LOLF %v, scaled %v %v", ma.Indices.LOLEHours.Mean, ma.Indices.LOLF.Mean, mb.Indices.LOLEHours.Mean, mb.Indices.LOLF.Mean)
			}
			if !closeRel(10*ma.Indices.EUEMWh.Mean, mb.Indices.EUEMWh.Mean, 1e-12) {
				t.Errorf("Monte Carlo EUE %.15g, scaled %.15g, want 10 times", ma.Indices.EUEMWh.Mean, mb.Indices.EUEMWh.Mean)
			}
			for k := range ma.Zones {
				x, y := ma.Tally.Zones[k], mb.Tally.Zones[k]
				if x.LOLE != y.LOLE || !closeRel(10*ma.Zones[k].EUEMWh.Mean, mb.Zones[k].EUEMWh.Mean, 1e-12) {
					t.Errorf("Monte Carlo zone %s: LOLE %v EUE %v, scaled %v %v", ma.Zones[k].Name,
						ma.Zones[k].LOLEHours.Mean, ma.Zones[k].EUEMWh.Mean, mb.Zones[k].LOLEHours.Mean, mb.Zones[k].EUEMWh.Mean)
				}
			}
			t.Logf("exact LOLE %.9f EUE %.6f; MC LOLE %.4f", a.Indices.LOLEHours.Mean, a.Indices.EUEMWh.Mean, ma.Indices.LOLEHours.Mean)
		})
	}
}

// TestInvariantMonotone: the COPT's hourly LOLP and expected unserved
// energy never rise when a unit is added and never fall as the load
// rises; and on common random numbers a Monte Carlo run of a system with
// one unit more has, trial by trial, no more shortfall, so its sums of
// hours and unserved energy are no larger; nor are a run's at a lower
// load.
func TestInvariantMonotone(t *testing.T) {
	sys := rbts(t)
	more := &System{Units: append(slices.Clone(sys.Units), Unit{Name: "extra", CapacityMW: 7.5, MTTFHours: 1000, MTTRHours: 80}), Load: sys.Load}
	c0, err := NewCOPT(sys.Units)
	if err != nil {
		t.Fatal(err)
	}
	c1, err := NewCOPT(more.Units)
	if err != nil {
		t.Fatal(err)
	}
	prev0, prevE := -1.0, -1.0
	for l := 0.0; l <= 260; l += 0.25 {
		p0, p1 := c0.LOLP(l), c1.LOLP(l)
		e0, e1 := c0.ExpectedUnserved(l), c1.ExpectedUnserved(l)
		if p1 > p0*(1+1e-12) || e1 > e0*(1+1e-12)+1e-15 {
			t.Fatalf("load %v: LOLP %v → %v, E[unserved] %v → %v with a unit added", l, p0, p1, e0, e1)
		}
		if p0 < prev0 || e0 < prevE*(1-1e-12) {
			t.Fatalf("load %v: LOLP %v, E[unserved] %v, below %v, %v at a lower load", l, p0, e0, prev0, prevE)
		}
		prev0, prevE = p0, e0
	}
	if c0.LOLP(sys.Load[0]) < 0 || c0.LOLP(1e9) != 1 || c0.LOLP(0) != 0 {
		t.Errorf("LOLP at 0 %v, at 1e9 %v, want 0 and 1", c0.LOLP(0), c0.LOLP(1e9))
	}
	base := mcOf(t, sys, 1500)
	add := mcOf(t, more, 1500)
	low := mcOf(t, scaleLoad(sys, 0.97), 1500)
	for _, c := range []struct {
		name string
		r    *AdequacyResult
	}{{"unit added", add}, {"load 3% lower", low}} {
		x, y := base.Tally, c.r.Tally
		if y.LOLE.Sum.Float64() > x.LOLE.Sum.Float64() || y.EUE.Sum.Float64() > x.EUE.Sum.Float64()*(1+1e-12) ||
			y.Days.Sum.Float64() > x.Days.Sum.Float64() || y.Any.K > x.Any.K {
			t.Errorf("%s: hours %v EUE %v days %v years %v, base %v %v %v %v", c.name,
				y.LOLE.Sum.Float64(), y.EUE.Sum.Float64(), y.Days.Sum.Float64(), y.Any.K,
				x.LOLE.Sum.Float64(), x.EUE.Sum.Float64(), x.Days.Sum.Float64(), x.Any.K)
		}
		t.Logf("%s: LOLE %.4f → %.4f, EUE %.4f → %.4f", c.name, base.Indices.LOLEHours.Mean, c.r.Indices.LOLEHours.Mean, base.Indices.EUEMWh.Mean, c.r.Indices.EUEMWh.Mean)
	}
}

// scaleLoad returns sys with its load multiplied by k.
func scaleLoad(sys *System, k float64) *System {
	s := *sys
	s.Load = nil
	for _, x := range sys.Load {
		s.Load = append(s.Load, k*x)
	}
	return &s
}

// TestInvariantReliableUnitAdded: a unit that almost never fails (MTTF
// at its maximum, MTTR at its minimum: FOR 1e-13) and covers the whole
// load alone makes an hour short only when it is down and the rest of the
// fleet is short: the COPT's LOLE and EUE are FOR times the old ones, and
// a Monte Carlo run sees no shortfall at all.
func TestInvariantReliableUnitAdded(t *testing.T) {
	sys := rbts(t)
	sure := Unit{Name: "sure", CapacityMW: 500, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours}
	more := &System{Units: append(slices.Clone(sys.Units), sure), Load: sys.Load}
	x := exactOf(t, more).Indices
	a := exactOf(t, sys).Indices
	if bound := sure.FOR() * a.LOLEHours.Mean * (1 + 1e-9); x.LOLEHours.Mean > bound {
		t.Errorf("LOLE with a %v MW unit of FOR %v: %v, want at most FOR × %v = %v", sure.CapacityMW, sure.FOR(), x.LOLEHours.Mean, a.LOLEHours.Mean, bound)
	}
	if bound := sure.FOR() * a.EUEMWh.Mean * (1 + 1e-9); x.EUEMWh.Mean > bound {
		t.Errorf("EUE with a %v MW unit of FOR %v: %v, want at most %v", sure.CapacityMW, sure.FOR(), x.EUEMWh.Mean, bound)
	}
	m := mcOf(t, more, 500)
	if m.Tally.LOLE.Sum.Float64() != 0 {
		t.Errorf("Monte Carlo with a unit of FOR %v covering all load: LOLE %v", sure.FOR(), m.Indices.LOLEHours.Mean)
	}
}
