package plots_test

import (
	"fmt"
	"log"
	"math"

	"github.com/carveout/carveout/plots"
)

// ExampleDistributions compares annual unserved energy with and without
// the carve-out. The histograms are kept on a log10(1 + EUE) scale, so the
// axis is labelled in MWh with Log1pTicks.
func ExampleDistributions() {
	baseline, carveout := exampleEUE() // *montecarlo.Histogram of log10(1 + EUE/MWh)
	p, err := plots.Distributions(baseline, carveout, "annual unserved energy of other customers (MWh, log scale)")
	if err != nil {
		log.Fatal(err)
	}
	p.X.Tick.Marker = plots.Log1pTicks{}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/distributions.png"); err != nil {
		log.Fatal(err)
	}
	med := func(q float64) float64 { return math.Pow(10, q) - 1 }
	fmt.Printf("median EUE: baseline %.0f MWh, carve-out %.0f MWh\n",
		math.Round(med(baseline.Quantile(0.5))/100)*100, math.Round(med(carveout.Quantile(0.5))/1000)*1000)
	// Output:
	// median EUE: baseline 1800 MWh, carve-out 29000 MWh
}
