package grid_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

// The economic dispatch of a three-unit copper plate over a year of
// flat load, averaged over trials: the cost, the CO₂, the energy by
// fuel and the marginal-cost duration curve, with the expectation by
// enumeration of the units' states beside the Monte Carlo mean.
func ExampleNewDispatch() {
	const hours = 8760
	load := make([]float64, hours)
	for h := range load {
		load[h] = 150
	}
	sys := &grid.System{
		Currency: "USD",
		Units: []grid.Unit{
			{Name: "coal", CapacityMW: 100, MTTFHours: 950, MTTRHours: 50, CostPerMWh: 30, CO2TPerMWh: 0.95, Fuel: "coal"},
			{Name: "ccgt", CapacityMW: 80, MTTFHours: 960, MTTRHours: 40, CostPerMWh: 55, CO2TPerMWh: 0.37, Fuel: "gas"},
			{Name: "peaker", CapacityMW: 60, MTTFHours: 450, MTTRHours: 50, CostPerMWh: 140, CO2TPerMWh: 0.6, Fuel: "oil"},
		},
		Load: load,
	}
	n, err := grid.NetworkOf(sys)
	if err != nil {
		log.Fatal(err)
	}
	d, err := grid.NewDispatch(n)
	if err != nil {
		log.Fatal(err)
	}
	av, err := n.NewAvailability()
	if err != nil {
		log.Fatal(err)
	}
	w, err := d.NewWorker(av)
	if err != nil {
		log.Fatal(err)
	}
	tot := d.NewTotals()
	const trials = 200
	for i := range int64(trials) {
		av.Sample(montecarlo.Trial{Seed: 1, Index: i}, nil, nil)
		if err := w.Prepare(); err != nil {
			log.Fatal(err)
		}
		for h, l := range load {
			if err := w.Hour(h, []float64{l}, 1, tot); err != nil {
				log.Fatal(err)
			}
		}
	}
	exact, err := grid.DispatchExact(sys)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("cost: %.1f million %s a year (exact %.1f)\n", tot.Cost/trials/1e6, sys.Currency, exact.Cost/1e6)
	fmt.Printf("CO2: %.0f kt a year (exact %.0f kt)\n", tot.CO2T/trials/1e3, exact.CO2T/1e3)
	for f, name := range d.Fuels() {
		fmt.Printf("%s: %.0f GWh a year (exact %.0f GWh)\n", name, tot.FuelMWh[f]/trials/1e3, exact.FuelMWh[f]/1e3)
	}
	fmt.Printf("unserved: %.0f MWh a year (exact %.0f MWh)\n", tot.UnservedMWh/trials, exact.UnservedMWh)
	for p, price := range d.Prices() {
		fmt.Printf("marginal at %3.0f/MWh: %4.0f h a year\n", price, float64(tot.HoursAtPrice[p])/trials)
	}
	// Output:
	// cost: 54.2 million USD a year (exact 54.2)
	// CO2: 975 kt a year (exact 974 kt)
	// coal: 833 GWh a year (exact 832 GWh)
	// gas: 432 GWh a year (exact 433 GWh)
	// oil: 39 GWh a year (exact 39 GWh)
	// unserved: 9664 MWh a year (exact 10074 MWh)
	// marginal at  30/MWh:   29 h a year
	// marginal at  55/MWh: 8025 h a year
	// marginal at 140/MWh:  704 h a year
}
