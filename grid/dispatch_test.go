package grid

import (
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// zoneLoads returns each zone's load in hour h.
func zoneLoads(sys *System, h int, dst []float64) []float64 {
	dst = dst[:0]
	for _, z := range sys.Zones {
		dst = append(dst, z.Load[h])
	}
	return dst
}

// newDispatchWorker compiles sys's network, dispatch, availability and
// worker.
func newDispatchWorker(tb testing.TB, sys *System) (*Dispatch, *NetworkAvailability, *DispatchWorker) {
	tb.Helper()
	n, err := NetworkOf(sys)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := NewDispatch(n)
	if err != nil {
		tb.Fatal(err)
	}
	av, err := n.NewAvailability()
	if err != nil {
		tb.Fatal(err)
	}
	w, err := d.NewWorker(av)
	if err != nil {
		tb.Fatal(err)
	}
	return d, av, w
}

// TestDispatchTierIdentity checks that the tiers' capacities add up to
// each zone's adequacy capacity, bit for bit, in every hour of several
// trials of a system with monthly, hourly-profile and heat-derated
// classes in heat waves, and that recording the tiers leaves the
// adequacy capacities as they are without it.
func TestDispatchTierIdentity(t *testing.T) {
	sys := synthZonal(t, 9000, true)
	thermal, spans := synthHeat(len(sys.Zones[0].Load))
	d, av, w := newDispatchWorker(t, sys)
	n := d.Network()
	plain, err := n.NewAvailability()
	if err != nil {
		t.Fatal(err)
	}
	tot := d.NewTotals()
	heatHours := 0
	for trial := range int64(4) {
		tr := montecarlo.Trial{Seed: 7, Index: trial}
		av.Sample(tr, thermal, spans)
		plain.Sample(tr, thermal, spans)
		if err := w.Prepare(); err != nil {
			t.Fatal(err)
		}
		c := &tot.cur
		c.start(tot, w)
		for h := range n.Hours() {
			c.advance(tot, w, h)
			w.tierCaps(h, c.u)
			sum := make([]int64, len(n.zones))
			for k, v := range w.capU {
				if v < 0 {
					t.Fatalf("trial %d hour %d: tier %d capacity %d < 0", trial, h, k, v)
				}
				sum[d.tiers[k].zone] += v
			}
			heat := w.heat[h>>6]&(1<<(h&63)) != 0
			if heat {
				heatHours++
			}
			for z := range sum {
				if got, want := sum[z], av.Capacity(z)[h]; got != want {
					t.Fatalf("trial %d hour %d zone %d: tiers sum to %d, adequacy capacity %d (heat hour %v)", trial, h, z, got, want, heat)
				}
				if av.Capacity(z)[h] != plain.Capacity(z)[h] {
					t.Fatalf("trial %d hour %d zone %d: capacity %d with the recorder, %d without", trial, h, z, av.Capacity(z)[h], plain.Capacity(z)[h])
				}
			}
			if !heat {
				stack := make([]int64, len(n.zones))
				for k := d.nBase; k < len(d.tiers); k++ {
					stack[d.tiers[k].zone] += w.capU[k]
				}
				for z := range stack {
					if stack[z] != c.sc[z] {
						t.Fatalf("trial %d hour %d zone %d: stack capacity %d followed, %d summed", trial, h, z, c.sc[z], stack[z])
					}
				}
			}
		}
	}
	if heatHours == 0 {
		t.Fatal("no heat-wave hour tested")
	}
}

// TestDispatchAgreesWithSettle checks that every hour of several trials
// is short in the dispatch exactly when Settle says so, with the same
// unserved energy in each zone, on a system loaded to have shortfalls,
// with costs and with all costs 0.
func TestDispatchAgreesWithSettle(t *testing.T) {
	for _, costs := range []bool{true, false} {
		sys := synthZonal(t, 20500, costs)
		thermal, spans := synthHeat(len(sys.Zones[0].Load))
		d, av, w := newDispatchWorker(t, sys)
		n := d.Network()
		tot := d.NewTotals()
		nz := len(sys.Zones)
		load := make([]float64, nz)
		un := make([]float64, nz)
		short := 0
		var sum float64
		zsum := make([]float64, nz)
		for trial := range int64(3) {
			av.Sample(montecarlo.Trial{Seed: 3, Index: trial}, thermal, spans)
			if err := w.Prepare(); err != nil {
				t.Fatal(err)
			}
			for h := range n.Hours() {
				load = zoneLoads(sys, h, load)
				if err := w.Hour(h, load, 1, tot); err != nil {
					t.Fatal(err)
				}
				// The same sums in the same order: equal to the bit.
				if want := av.Settle(h, load, 1, un); want > 0 {
					short++
					sum += want
					for z := range un {
						zsum[z] += un[z]
					}
				}
				if tot.UnservedMWh != sum {
					t.Fatalf("costs %v trial %d hour %d: dispatch unserved %v in all, Settle %v", costs, trial, h, tot.UnservedMWh, sum)
				}
				for z := range un {
					if tot.ZoneUnservedMWh[z] != zsum[z] {
						t.Fatalf("costs %v trial %d hour %d zone %d: dispatch unserved %v in all, Settle %v", costs, trial, h, z, tot.ZoneUnservedMWh[z], zsum[z])
					}
				}
			}
		}
		if short == 0 {
			t.Fatalf("costs %v: no short hour", costs)
		}
		if tot.ShortHours != int64(short) {
			t.Fatalf("costs %v: ShortHours %d, want %d", costs, tot.ShortHours, short)
		}
		t.Logf("costs %v: %d short hours in 3 trials; cost %.4g, energy %.4g MWh", costs, short, tot.Cost, tot.EnergyMWh)
	}
}
