package grid

import (
	"math"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// smallPlate is a four-unit copper plate with fast-cycling units (MTTR
// of an hour or two, so that hours are nearly independent), a profile
// class, a partial-outage unit and a load that crosses every tier.
func smallPlate(hours int) *System {
	prof := make([][]float64, 12)
	for m := range prof {
		prof[m] = make([]float64, 24)
		for h := range prof[m] {
			prof[m][h] = math.Round(100*(0.5+0.4*math.Sin(float64(h)/4))) / 100
		}
	}
	sys := &System{
		Classes: []Class{{Name: "wind", Profile: prof}},
		Units: []Unit{
			{Name: "wind", CapacityMW: 40, MTTFHours: 9, MTTRHours: 1, Class: "wind", Fuel: "wind"},
			{Name: "coal", CapacityMW: 60, MTTFHours: 8, MTTRHours: 2, CostPerMWh: 20, CO2TPerMWh: 1, Fuel: "coal",
				DeratedMW: 20, PartialMTTFHours: 6, PartialMTTRHours: 2},
			{Name: "gas", CapacityMW: 50, MTTFHours: 6, MTTRHours: 1.5, CostPerMWh: 50, CO2TPerMWh: 0.4, Fuel: "gas"},
			{Name: "oil", CapacityMW: 30, MTTFHours: 4, MTTRHours: 1, CostPerMWh: 120, CO2TPerMWh: 0.8, Fuel: "oil"},
		},
	}
	sys.Load = make([]float64, hours)
	for h := range sys.Load {
		sys.Load[h] = math.Round(10*(100+60*math.Sin(float64(h)/5))) / 10
	}
	return sys
}

// TestDispatchExactMonteCarlo checks the Monte Carlo mean of the
// dispatch's cost, CO₂, energy by fuel and unserved energy against the
// enumeration of unit states, within 4 standard errors.
func TestDispatchExactMonteCarlo(t *testing.T) {
	sys := smallPlate(480)
	want, err := DispatchExact(sys)
	if err != nil {
		t.Fatal(err)
	}
	d, av, w := newDispatchWorker(t, sys)
	if got := d.Fuels(); len(got) != len(want.Fuels) {
		t.Fatalf("fuels %v, exact %v", got, want.Fuels)
	}
	const trials = 1500
	tot := d.NewTotals()
	nf := len(want.Fuels)
	// Per-trial values: cost, CO₂, unserved, then each fuel's energy.
	vals := make([][]float64, 3+nf)
	load := []float64{0}
	for i := range int64(trials) {
		av.Sample(montecarlo.Trial{Seed: 5, Index: i}, nil, nil)
		if err := w.Prepare(); err != nil {
			t.Fatal(err)
		}
		tot.Reset()
		for h, l := range sys.Load {
			load[0] = l
			if err := w.Hour(h, load, 1, tot); err != nil {
				t.Fatal(err)
			}
		}
		vals[0] = append(vals[0], tot.Cost)
		vals[1] = append(vals[1], tot.CO2T)
		vals[2] = append(vals[2], tot.UnservedMWh)
		for f := range nf {
			vals[3+f] = append(vals[3+f], tot.FuelMWh[f])
		}
	}
	names := []string{"cost", "CO2", "unserved"}
	exact := []float64{want.Cost, want.CO2T, want.UnservedMWh}
	for f, name := range want.Fuels {
		names = append(names, "energy "+name)
		exact = append(exact, want.FuelMWh[f])
	}
	for i, v := range vals {
		mean, se := meanSE(v)
		z := (mean - exact[i]) / se
		t.Logf("%s: Monte Carlo %.6g ± %.3g, exact %.6g, z = %+.2f", names[i], mean, se, exact[i], z)
		if !(math.Abs(z) < 4) {
			t.Errorf("%s: Monte Carlo %.6g ± %.3g, exact %.6g: z = %.2f", names[i], mean, se, exact[i], z)
		}
	}
}

// meanSE returns the mean of v and its standard error.
func meanSE(v []float64) (mean, se float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	ss := 0.0
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(v)-1) / float64(len(v)))
}

// TestDispatchStranded checks a two-zone case by hand: zone "city"
// (load 70 MW) has gas at 80/MWh that never fails, zone "valley" (load
// 10 MW) hydro of 100 MW at 10/MWh, up with probability 0.9, and a
// corridor of 40 MW towards the city, none back, up with probability
// 0.8. With both up the valley exports 40 MW and 50 MW of its hydro is
// stranded: 10·50 + 80·30 = 2,900 an hour; with the corridor down the
// city burns 70 MW of gas (100 + 5,600 = 5,700); with the hydro down the
// valley is short of its 10 MW and the city burns 70 MW (5,600).
func TestDispatchStranded(t *testing.T) {
	const hours = 400
	flat := func(v float64) []float64 {
		x := make([]float64, hours)
		for h := range x {
			x[h] = v
		}
		return x
	}
	sys := &System{
		Units: []Unit{
			{Name: "gas", Zone: "city", CapacityMW: 100, MTTFHours: MaxDurationHours, MTTRHours: MinDurationHours, CostPerMWh: 80, CO2TPerMWh: 0.5, Fuel: "gas"},
			{Name: "hydro", Zone: "valley", CapacityMW: 100, MTTFHours: 9, MTTRHours: 1, CostPerMWh: 10, Fuel: "hydro"},
		},
		Zones: []Zone{{Name: "city", Load: flat(70)}, {Name: "valley", Load: flat(10)}},
		Interfaces: []Interface{{From: "valley", To: "city", Elements: []Element{
			{Name: "corridor", ForwardMW: 40, BackwardMW: 0, MTTFHours: 8, MTTRHours: 2}}}},
	}
	qh, ql := 0.9, 0.8
	wantCost := hours * (qh*(ql*2900+(1-ql)*5700) + (1-qh)*5600)
	wantHydro := hours * qh * (ql*50 + (1-ql)*10)
	wantUnserved := hours * (1 - qh) * 10
	d, av, w := newDispatchWorker(t, sys)
	tot := d.NewTotals()
	hydro := -1
	for f, name := range d.Fuels() {
		if name == "hydro" {
			hydro = f
		}
	}
	const trials = 1000
	var cost, hy, un []float64
	load := make([]float64, 2)
	for i := range int64(trials) {
		av.Sample(montecarlo.Trial{Seed: 9, Index: i}, nil, nil)
		if err := w.Prepare(); err != nil {
			t.Fatal(err)
		}
		tot.Reset()
		for h := range hours {
			load = zoneLoads(sys, h, load)
			if err := w.Hour(h, load, 1, tot); err != nil {
				t.Fatal(err)
			}
		}
		cost = append(cost, tot.Cost)
		hy = append(hy, tot.FuelMWh[hydro])
		un = append(un, tot.UnservedMWh)
	}
	for _, c := range []struct {
		name string
		v    []float64
		want float64
	}{{"cost", cost, wantCost}, {"hydro energy", hy, wantHydro}, {"unserved", un, wantUnserved}} {
		mean, se := meanSE(c.v)
		z := (mean - c.want) / se
		t.Logf("%s: Monte Carlo %.6g ± %.3g, by hand %.6g, z = %+.2f", c.name, mean, se, c.want, z)
		if !(math.Abs(z) < 4) {
			t.Errorf("%s: Monte Carlo %.6g ± %.3g, by hand %.6g: z = %.2f", c.name, mean, se, c.want, z)
		}
	}
}

// TestDispatchInvariants checks, hour by hour over simulated years, that
// more load never costs less (on a copper plate, and on the zonal
// system in hours that are not short), that an hour without load costs
// nothing and counts as idle, and that the energy dispatched is the load
// less the unserved energy.
func TestDispatchInvariants(t *testing.T) {
	for _, sys := range []*System{smallPlate(2000), synthZonal(t, 12000, true)} {
		d, av, w := newDispatchWorker(t, sys)
		n := d.Network()
		nz := len(n.zones)
		base, more, none := d.NewTotals(), d.NewTotals(), d.NewTotals()
		pb := make([]float64, d.Tiers())
		pm := make([]float64, d.Tiers())
		hourCost := func(tot *DispatchTotals, prev []float64) float64 {
			tot.Flush()
			c := 0.0
			for k := range prev {
				e := tot.TierMWh(k)
				c += d.tiers[k].cost * (e - prev[k])
				prev[k] = e
			}
			return c
		}
		load := make([]float64, nz)
		plus := make([]float64, nz)
		zero := make([]float64, nz)
		loadEnergy := 0.0
		for i := range int64(2) {
			av.Sample(montecarlo.Trial{Seed: 4, Index: i}, nil, nil)
			if err := w.Prepare(); err != nil {
				t.Fatal(err)
			}
			for h := range n.Hours() {
				if sys.Zoned() {
					load = zoneLoads(sys, h, load)
				} else {
					load[0] = sys.Load[h]
				}
				for z := range load {
					plus[z] = load[z] + float64((h*7+z)%5)*3.5
					loadEnergy += load[z]
				}
				short := base.ShortHours
				if err := w.Hour(h, load, 1, base); err != nil {
					t.Fatal(err)
				}
				if err := w.Hour(h, plus, 1, more); err != nil {
					t.Fatal(err)
				}
				if err := w.Hour(h, zero, 1, none); err != nil {
					t.Fatal(err)
				}
				cb, cm := hourCost(base, pb), hourCost(more, pm)
				if (!sys.Zoned() || base.ShortHours == short) && cm < cb-1e-9*math.Abs(cb) {
					t.Fatalf("%s trial %d hour %d: cost %v with more load, %v without", sys.Name, i, h, cm, cb)
				}
			}
		}
		base.Flush()
		none.Flush()
		if none.Cost != 0 || none.EnergyMWh != 0 || none.IdleHours != none.Hours {
			t.Errorf("%s: no load: cost %v, energy %v, %d idle hours of %d", sys.Name, none.Cost, none.EnergyMWh, none.IdleHours, none.Hours)
		}
		if got, want := base.EnergyMWh+base.UnservedMWh, loadEnergy; math.Abs(got-want) > 1e-9*want {
			t.Errorf("%s: energy %v + unserved %v = %v, load %v", sys.Name, base.EnergyMWh, base.UnservedMWh, got, want)
		}
		var sumP, sumF float64
		for _, x := range base.PriceMWh {
			sumP += x
		}
		for _, x := range base.FuelMWh {
			sumF += x
		}
		if math.Abs(sumP-base.EnergyMWh) > 1e-9*base.EnergyMWh || math.Abs(sumF-base.EnergyMWh) > 1e-9*base.EnergyMWh {
			t.Errorf("%s: energy %v, by price %v, by fuel %v", sys.Name, base.EnergyMWh, sumP, sumF)
		}
		var hrs int64
		for _, x := range base.HoursAtPrice {
			hrs += x
		}
		if hrs+base.IdleHours != base.Hours {
			t.Errorf("%s: %d hours by price + %d idle, want %d", sys.Name, hrs, base.IdleHours, base.Hours)
		}
	}
}
