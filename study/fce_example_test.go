package study_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/testsystems"
)

// The firm capacity equivalent of a 10 MW carve-out of always-running
// miners on RBTS: the firm capacity that, added with it, brings other
// customers' EUE back to its baseline — perfectly reliable, and in 5 MW
// units with a forced outage rate of 0.05 — by Monte Carlo with an
// interval, and exactly from the capacity outage probability table.
func ExampleFCE() {
	units, _ := grid.ReadUnits(bytes.NewReader(testsystems.RBTSUnitsCSV), "units.csv")
	load, _ := grid.ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "load.csv")
	sys := &grid.System{Name: "rbts-fce", Units: units, Load: load}
	sc := study.FromSystem(sys)
	sc.Trials, sc.Seed = 2000, 2025
	sc.Carveout.MW, sc.Carveout.MiningShare = 10, 1
	for _, unit := range []*study.OffsetUnit{nil, {MW: 5, FOR: 0.05, MTTRHours: 50}} {
		spec := study.FCESpec{Measure: study.MeasureDeltaEUE, Unit: unit, HiMW: 20, ToleranceMW: 0.5}
		res, err := study.FCE(context.Background(), sc, spec)
		if err != nil {
			fmt.Println(err)
			return
		}
		exact, err := study.FCECOPT(sys, 10, study.MeasureDeltaEUE, unit, 0, 20, 0.01)
		if err != nil {
			fmt.Println(err)
			return
		}
		kind := "firm"
		if unit != nil {
			kind = "5 MW units"
		}
		fmt.Printf("%s: %.2f MW in [%.2f, %.2f] (%s); exact %.2f MW\n", kind, res.EstimateMW, res.LoMW, res.HiMW, res.Status, exact)
	}
	// Output:
	// firm: 9.43 MW in [9.30, 9.53] (converged); exact 9.45 MW
	// 5 MW units: 9.88 MW in [9.69, 10.16] (converged); exact 10.11 MW
}
