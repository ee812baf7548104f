package scenarios_test

import (
	"fmt"

	"github.com/carveout/carveout/scenarios"
)

// The embedded Pakistan 2025 scenario, and the carve-out it studies.
func ExampleLoad() {
	sc, err := scenarios.Load("pakistan")
	if err != nil {
		fmt.Println(err)
		return
	}
	units, mw := 0, 0.0
	for _, u := range sc.Fleet {
		n := max(1, u.Count)
		units += n
		mw += float64(n) * u.CapacityMW
	}
	fmt.Printf("%s: %d units, %.0f MW installed\n", sc.Name, units, mw)
	fmt.Printf("carve-out %.0f MW, %.0f%% mining, %s policy; sweep of %d sizes\n",
		sc.Carveout.MW, 100*sc.Carveout.MiningShare, sc.Carveout.Policy.Kind, len(sc.Sweep.SizesMW))
	// Output:
	// pakistan-2025: 213 units, 36615 MW installed
	// carve-out 2000 MW, 50% mining, firm policy; sweep of 9 sizes
}

// The south→north limits of the corridor sensitivity, and what each does
// to the interface elements.
func ExampleSetSouthNorthLimit() {
	limits, err := scenarios.SouthNorthLimits()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range limits {
		sc, err := scenarios.Pakistan2025()
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := scenarios.SetSouthNorthLimit(sc, l); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%4.0f MW:", l)
		for _, f := range sc.Interfaces {
			if f.From == "south" && f.To == "north" {
				for _, e := range f.Elements {
					fmt.Printf(" %d×%.0f", max(1, e.Count), e.ForwardMW)
				}
			}
		}
		fmt.Println()
	}
	// Output:
	// 3200 MW: 2×1600 1×0 1×0
	// 4000 MW: 2×1600 1×0 1×800
	// 4700 MW: 2×1600 1×0 1×1500
	// 5200 MW: 2×1600 1×400 1×1600
	// 6200 MW: 2×1600 1×1400 1×1600
	// 7000 MW: 2×2000 1×1400 1×1600
}
