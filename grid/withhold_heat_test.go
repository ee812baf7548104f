package grid

import (
	"math"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestWithholdBeyondTiersHeat withholds, in heat-wave hours, one unit
// more of a fuel than its tier has after the zone's rounding of the
// derate, as Withhold allows ("not taken from them") and as a fuel-budget
// schedule that derates the fuel's units on their own does: coal 100 MW
// and gas 60 MW, both heat-derated, never failing, at θ = 0.995 the zone
// rounds 159.2 to 159 MW and gives coal 100 (99.5, half to even), gas
// 59, where the gas alone rounds 59.7 to 60. All 60 MW of gas are
// withheld in every hour, and taken from the zone's adequacy capacity
// too. A flat 90 MW load is then served by coal in every hour, so the
// energy dispatched is the load, exactly, whichever path an hour takes.
func TestWithholdBeyondTiersHeat(t *testing.T) {
	const hours, load = 48, 90.0
	units := []Unit{
		{Name: "coal", CapacityMW: 100, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 10, Fuel: "coal", Class: "hot", Zone: "z"},
		{Name: "gas", CapacityMW: 60, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 20, Fuel: "gas", Class: "hot", Zone: "z"},
	}
	n, err := NewNetwork([]string{"z"}, units, []Class{{Name: "hot", HeatDerate: true}}, nil, hours)
	if err != nil {
		t.Fatal(err)
	}
	if n.UnitsPerMW() != 1 {
		t.Fatalf("degenerate test: %v capacity units per MW, want 1", n.UnitsPerMW())
	}
	d, err := NewDispatch(n)
	if err != nil {
		t.Fatal(err)
	}
	av, err := n.NewAvailability()
	if err != nil {
		t.Fatal(err)
	}
	w, err := d.NewWorker(av)
	if err != nil {
		t.Fatal(err)
	}
	thermal := make([]float64, hours)
	for h := range thermal {
		thermal[h] = 1
	}
	spans := [][2]int{{10, 20}}
	for h := 10; h < 20; h++ {
		thermal[h] = 0.995
	}
	av.Sample(montecarlo.Trial{Seed: 1, Index: 0}, thermal, spans)
	if err := w.Prepare(); err != nil {
		t.Fatal(err)
	}
	gas := make([]int64, hours)
	for h := range gas {
		gas[h] = 60
		av.Capacity(0)[h] -= 60
	}
	if c := av.Capacity(0)[15]; c != 99 {
		t.Fatalf("degenerate test: heat-wave hour's capacity after withholding %d units, want 99", c)
	}
	if err := w.Withhold("gas", [][]int64{gas}); err != nil {
		t.Fatal(err)
	}
	tot := d.NewTotals()
	for h := range hours {
		if err := w.Hour(h, []float64{load}, 1, tot); err != nil {
			t.Fatal(err)
		}
	}
	if tot.UnservedMWh != 0 {
		t.Fatalf("unserved %v MWh, want 0", tot.UnservedMWh)
	}
	if want := load * hours; math.Abs(tot.EnergyMWh-want) > 1e-9*want {
		t.Errorf("energy dispatched %v MWh, load served %v MWh (coal %v MWh, cost %v)", tot.EnergyMWh, want, tot.FuelMWh, tot.Cost)
	}
}
