package study_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/testsystems"
)

// Several carve-out sizes in one run: the sweep scores every size on the
// same simulated years as the main case (common random numbers), so one
// run costs far less than a run per size and the differences between
// sizes are not noise between runs. Each point carries P(causes
// shedding), P(new shortfall), ΔLOLE and ΔEUE with their intervals.
func ExampleSweep() {
	units, _ := grid.ReadUnits(bytes.NewReader(testsystems.RBTSUnitsCSV), "units.csv")
	load, _ := grid.ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "load.csv")
	sc := study.FromSystem(&grid.System{Name: "rbts-sizes", Units: units, Load: load})
	sc.Trials, sc.Seed = 4000, 2025
	sc.Carveout.MW, sc.Carveout.MiningShare = 10, 1       // the main case: 10 MW of always-running miners
	sc.Sweep = study.Sweep{SizesMW: []float64{5, 10, 20}} // the main case's policy at each size
	st, err := study.NewStudy(sc)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := st.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Report().Sweep {
		fmt.Printf("%.0f MW %s: P(causes) %.3f, P(new shortfall) %.3f, ΔLOLE %.2f ± %.2f h/yr\n",
			p.MW, p.Policy, p.PCausesShedding.Mean, p.PNewShortfall.Mean, p.DeltaLOLEHours.Mean, p.DeltaLOLEHours.SE)
	}
	// Output:
	// 5 MW firm: P(causes) 0.204, P(new shortfall) 0.070, ΔLOLE 0.74 ± 0.03 h/yr
	// 10 MW firm: P(causes) 0.285, P(new shortfall) 0.151, ΔLOLE 1.97 ± 0.07 h/yr
	// 20 MW firm: P(causes) 0.515, P(new shortfall) 0.381, ΔLOLE 5.98 ± 0.16 h/yr
}
