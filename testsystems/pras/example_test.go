package pras_test

import (
	"context"
	"fmt"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/testsystems"
	"github.com/carveout/carveout/testsystems/pras"
)

// PRAS's three-region system by carveout's zonal Monte Carlo, beside
// PRAS's exact values: per 4-hour horizon, LOLE in hours and EUE in MWh.
// Each zone's values follow carveout's priority rule (zones in declaration
// order), for which PRAS publishes no counterpart.
func Example() {
	sys, err := pras.ThreeNode()
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := grid.Adequacy(context.Background(), sys, montecarlo.WithTrials(100_000), montecarlo.WithSeed(7))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("LOLE %.3f ± %.3f h (PRAS %.4f)\n", r.Indices.LOLEHours.Mean, r.Indices.LOLEHours.SE, testsystems.PRASThreeNodeLOLE)
	fmt.Printf("EUE  %.2f ± %.2f MWh (PRAS %.5f)\n", r.Indices.EUEMWh.Mean, r.Indices.EUEMWh.SE, testsystems.PRASThreeNodeEUE)
	for _, z := range r.Zones {
		fmt.Printf("%s: LOLE %.2f h, EUE %.2f MWh\n", z.Name, z.LOLEHours.Mean, z.EUEMWh.Mean)
	}
	// Output:
	// LOLE 1.379 ± 0.003 h (PRAS 1.3756)
	// EUE  12.20 ± 0.04 MWh (PRAS 12.12885)
	// region_a: LOLE 0.88 h, EUE 4.86 MWh
	// region_b: LOLE 0.63 h, EUE 3.14 MWh
	// region_c: LOLE 0.49 h, EUE 4.21 MWh
}
