package charts_test

import (
	"fmt"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
)

// SweepSeries turns a report's sweep, in whatever order it was run, into
// one series per policy for the risk charts.
func ExampleSweepSeries() {
	p := func(k int64) montecarlo.Estimate { return (&montecarlo.Proportion{N: 1000, K: k}).Estimate() }
	sweep := []study.SweepPoint{ // as in Report.Sweep
		{MW: 2000, Policy: "firm", PCausesShedding: p(520)},
		{MW: 2000, Policy: "interruptible", PCausesShedding: p(240)},
		{MW: 1000, Policy: "firm", PCausesShedding: p(310)},
	}
	for _, s := range charts.SweepSeries(sweep) {
		fmt.Print(s.Label, ":")
		for i, mw := range s.SizesMW {
			fmt.Printf(" %.0f MW %.2f", mw, s.P[i].Mean)
		}
		fmt.Println()
	}
	// Output:
	// firm: 1000 MW 0.31 2000 MW 0.52
	// interruptible: 2000 MW 0.24
}
