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
