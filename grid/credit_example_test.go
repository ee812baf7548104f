package grid_test

import (
	"context"
	"fmt"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

// The equivalent firm capacity and the effective load carrying
// capability of a fourth 10 MW generator (FOR 0.1) added to three, on
// PRAS's capacity credit test system (loads net of variable generation),
// with EUE as the metric: PRAS publishes [8, 9] and [7, 8] MW.
func ExampleEFC() {
	system := func(n int) *grid.System {
		return &grid.System{
			Units: []grid.Unit{{Name: "Gen", Count: n, CapacityMW: 10, MTTFHours: 9.999999, MTTRHours: 1.111111}},
			Load:  []float64{20, 22, 20, 16},
		}
	}
	spec := grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 10}
	opts := []montecarlo.Option{montecarlo.WithSeed(1), montecarlo.WithTrials(100_000)}
	efc, err := grid.EFC(context.Background(), system(3), system(4), spec, opts...)
	if err != nil {
		fmt.Println(err)
		return
	}
	elcc, err := grid.ELCC(context.Background(), system(3), system(4), spec, opts...)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("EFC in [%d, %d] MW (%s)\n", efc.LoMW, efc.HiMW, efc.Status)
	fmt.Printf("ELCC in [%d, %d] MW (%s)\n", elcc.LoMW, elcc.HiMW, elcc.Status)
	// Output:
	// EFC in [8, 9] MW (converged)
	// ELCC in [7, 8] MW (converged)
}
