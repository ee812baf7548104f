package grid

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
)

// zonedRBTS splits RBTS into three zones: units round-robin, the load in
// shares 0.5, 0.3, 0.2, and interfaces given by ifaces.
func zonedRBTS(tb testing.TB, ifaces []Interface) *System {
	tb.Helper()
	sys := rbts(tb)
	names := []string{"a", "b", "c"}
	shares := []float64{0.5, 0.3, 0.2}
	z := &System{Name: "RBTS zoned", LFUSigma: sys.LFUSigma, Classes: sys.Classes, Interfaces: ifaces}
	for i, u := range sys.Units {
		u.Zone = names[i%3]
		z.Units = append(z.Units, u)
	}
	for k, n := range names {
		zone := Zone{Name: n, Load: make([]float64, len(sys.Load))}
		for h, x := range sys.Load {
			zone.Load[h] = shares[k] * x
		}
		z.Zones = append(z.Zones, zone)
	}
	return z
}

// copperPlate returns the system of z's units and summed load, without
// zones.
func copperPlate(z *System) *System {
	s := &System{Name: "copper plate", LFUSigma: z.LFUSigma, Classes: z.Classes, Load: zoneLoadSum(z.Zones)}
	for _, u := range z.Units {
		u.Zone = ""
		s.Units = append(s.Units, u)
	}
	return s
}

func runAdequacy(t *testing.T, sys *System, trials int64) *AdequacyResult {
	t.Helper()
	r, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(trials), montecarlo.WithSeed(5), montecarlo.WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// With interfaces that never bind, the zonal run is the copper plate's:
// the same hours, days and events, and the same unserved energy.
func TestZonalNonBindingEqualsCopperPlate(t *testing.T) {
	big := []Interface{
		{From: "a", To: "b", Elements: []Element{{Name: "ab", Count: 2, ForwardMW: 1000, BackwardMW: 1000, MTTFHours: 500, MTTRHours: 20}, {Name: "ab-fixed", ForwardMW: 300, BackwardMW: 300}}},
		{From: "c", To: "b", Elements: []Element{{Name: "cb", ForwardMW: 300, BackwardMW: 300}}},
		{From: "a", To: "c", Elements: []Element{{Name: "ac", ForwardMW: 300.5, BackwardMW: 300}}},
	}
	for _, lfu := range []float64{0, 0.05} {
		t.Run(fmt.Sprintf("lfu=%v", lfu), func(t *testing.T) {
			z := zonedRBTS(t, big)
			z.LFUSigma = lfu
			zr := runAdequacy(t, z, 4000)
			cr := runAdequacy(t, copperPlate(z), 4000)
			zt, ct := zr.Tally, cr.Tally
			if zt.LOLE != ct.LOLE || zt.Days != ct.Days || zt.Events != ct.Events || zt.Any != ct.Any || zt.MonthHour != ct.MonthHour {
				t.Errorf("counts differ: zonal LOLE %v LOLF %v days %v, copper plate %v %v %v",
					zr.Indices.LOLEHours.Mean, zr.Indices.LOLF.Mean, zr.Indices.LOLEDays.Mean,
					cr.Indices.LOLEHours.Mean, cr.Indices.LOLF.Mean, cr.Indices.LOLEDays.Mean)
			}
			ze, ce := zr.Indices.EUEMWh.Mean, cr.Indices.EUEMWh.Mean
			if math.Abs(ze-ce) > 1e-12*ce || ce == 0 {
				t.Errorf("EUE: zonal %v, copper plate %v", ze, ce)
			}
			t.Logf("LOLE %v h, EUE %v MWh (zonal %v)", cr.Indices.LOLEHours.Mean, ce, ze)
		})
	}
}

// Without interfaces each zone is its own system: its indices are those
// of its single-zone run, to the bit.
func TestZonalNoInterfacesEqualsSingleZones(t *testing.T) {
	z := zonedRBTS(t, nil)
	z.LFUSigma = 0.03
	// Give each zone a load its own units can fail to meet.
	for k := range z.Zones {
		for h := range z.Zones[k].Load {
			z.Zones[k].Load[h] *= 0.42
		}
	}
	zr := runAdequacy(t, z, 3000)
	for k, zone := range z.Zones {
		one := &System{LFUSigma: z.LFUSigma, Load: zone.Load}
		for _, u := range z.Units {
			if u.Zone == zone.Name {
				u.Zone = ""
				one.Units = append(one.Units, u)
			}
		}
		r := runAdequacy(t, one, 3000)
		got := zr.Tally.Zones[k].IndexAcc
		if got != r.Tally.IndexAcc {
			t.Errorf("zone %s: zonal %+v, single-zone %+v", zone.Name, zr.Zones[k].Indices.LOLEHours, r.Indices.LOLEHours)
		}
		t.Logf("zone %s: LOLE %v h, EUE %v MWh", zone.Name, r.Indices.LOLEHours.Mean, r.Indices.EUEMWh.Mean)
	}
}

// twoZone is a small two-zone system with a failing interface: zone "n"
// has most of the load, zone "s" most of the generation.
func twoZone() *System {
	return &System{
		Units: []Unit{
			{Name: "s1", CapacityMW: 50, Count: 3, MTTFHours: 850, MTTRHours: 150, Zone: "s"},
			{Name: "n1", CapacityMW: 60, Count: 2, MTTFHours: 900, MTTRHours: 100, Zone: "n"},
		},
		Zones: []Zone{
			{Name: "n", Load: []float64{80, 90, 100, 110, 105, 95}},
			{Name: "s", Load: []float64{60, 65, 70, 75, 70, 65}},
		},
		Interfaces: []Interface{{From: "s", To: "n", Elements: []Element{
			{Name: "pole", Count: 2, ForwardMW: 35, BackwardMW: 30, MTTFHours: 190, MTTRHours: 10},
			{Name: "ac", ForwardMW: 25, BackwardMW: 25, FOR: 0.2, MTTRHours: 40},
		}}},
	}
}

// exactTwoZone enumerates every state of twoZone's units and elements
// with their stationary probabilities and returns the exact LOLE and EUE
// of the system and of each zone, settling each state by hand: a short
// zone imports the other's surplus up to the interface capacity in its
// direction; when both are short nothing flows.
func exactTwoZone() (sys, n, s [2]float64) {
	type state struct {
		p, v float64
	}
	// Distribution of a group of k identical two-state items of value v.
	group := func(k int, v, q float64) []state {
		var out []state
		for up := 0; up <= k; up++ {
			p := binom(k, up) * math.Pow(1-q, float64(up)) * math.Pow(q, float64(k-up))
			out = append(out, state{p, float64(up) * v})
		}
		return out
	}
	sCap := group(3, 50, 150.0/1000)
	nCap := group(2, 60, 100.0/1000)
	qPole := 10.0 / 200
	var ifs []struct{ p, fw, bw float64 }
	for up := 0; up <= 2; up++ {
		pp := binom(2, up) * math.Pow(1-qPole, float64(up)) * math.Pow(qPole, float64(2-up))
		for ac := 0; ac <= 1; ac++ {
			pa := 0.8
			if ac == 0 {
				pa = 0.2
			}
			ifs = append(ifs, struct{ p, fw, bw float64 }{pp * pa, float64(up)*35 + float64(ac)*25, float64(up)*30 + float64(ac)*25})
		}
	}
	z := twoZone()
	for h := range z.Zones[0].Load {
		ln, ls := z.Zones[0].Load[h], z.Zones[1].Load[h]
		for _, cn := range nCap {
			for _, cs := range sCap {
				for _, f := range ifs {
					p := cn.p * cs.p * f.p
					un, us := math.Max(0, ln-cn.v), math.Max(0, ls-cs.v)
					switch {
					case un > 0 && us == 0:
						un = math.Max(0, un-math.Min(cs.v-ls, f.fw))
					case us > 0 && un == 0:
						us = math.Max(0, us-math.Min(cn.v-ln, f.bw))
					}
					if un > 0 {
						n[0] += p
						n[1] += p * un
					}
					if us > 0 {
						s[0] += p
						s[1] += p * us
					}
					if un+us > 0 {
						sys[0] += p
						sys[1] += p * (un + us)
					}
				}
			}
		}
	}
	return sys, n, s
}

func binom(n, k int) float64 {
	r := 1.0
	for i := range k {
		r = r * float64(n-i) / float64(i+1)
	}
	return r
}

// TestZonalTwoZoneExact: the exact method's indices of a two-zone system
// with failing interface elements are those of the independent
// enumeration of exactTwoZone, and the Monte Carlo estimates lie within 4
// SE of them, per zone and in total.
func TestZonalTwoZoneExact(t *testing.T) {
	sys, n, s := exactTwoZone()
	x, zs, e := exactZonal(t, twoZone())
	if e.States() != 4*3*3*2 {
		t.Errorf("%d states, want 4 × 3 levels of the zones × 3 × 2 of the elements", e.States())
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"system LOLE", x.LOLEHours.Mean, sys[0]}, {"system EUE", x.EUEMWh.Mean, sys[1]},
		{"zone n LOLE", zs[0].LOLEHours.Mean, n[0]}, {"zone n EUE", zs[0].EUEMWh.Mean, n[1]},
		{"zone s LOLE", zs[1].LOLEHours.Mean, s[0]}, {"zone s EUE", zs[1].EUEMWh.Mean, s[1]},
	} {
		if !relClose(c.got, c.want, 1e-12) {
			t.Errorf("%s: exact method %.15g, enumerated %.15g", c.name, c.got, c.want)
		}
	}
	r := runAdequacy(t, twoZone(), 200000)
	stattest.CheckEstimate(t, "system LOLE", r.Indices.LOLEHours, x.LOLEHours.Mean, 0.05)
	stattest.CheckEstimate(t, "system EUE", r.Indices.EUEMWh, x.EUEMWh.Mean, 0.05)
	for k, z := range zs {
		stattest.CheckEstimate(t, "zone "+z.Name+" LOLE", r.Zones[k].LOLEHours, z.LOLEHours.Mean, 0.05)
		stattest.CheckEstimate(t, "zone "+z.Name+" EUE", r.Zones[k].EUEMWh, z.EUEMWh.Mean, 0.05)
	}
}
