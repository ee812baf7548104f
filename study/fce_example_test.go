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

// A sweep with an offset of firm capacity scores the carve-out with each
// offset on the same draws: with 10 MW of always-running miners on RBTS,
// other customers' ΔLOLE against the baseline falls with the offset and
// is exactly 0 when a perfectly reliable 10 MW offsets them.
func ExampleOffset() {
	units, _ := grid.ReadUnits(bytes.NewReader(testsystems.RBTSUnitsCSV), "units.csv")
	load, _ := grid.ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "load.csv")
	sc := study.FromSystem(&grid.System{Name: "rbts-offset", Units: units, Load: load})
	sc.Trials, sc.Seed = 2000, 2025
	sc.Carveout.MW, sc.Carveout.MiningShare = 10, 1
	sc.Sweep = study.Sweep{SizesMW: []float64{10}, Offset: &study.Offset{MW: []float64{0, 5, 10}}}
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
		fmt.Printf("%.0f MW with %.0f MW firm: ΔLOLE %.3f ± %.3f h/yr\n", p.MW, p.OffsetMW, p.DeltaLOLEHours.Mean, p.DeltaLOLEHours.SE)
	}
	// Output:
	// 10 MW with 0 MW firm: ΔLOLE 2.167 ± 0.106 h/yr
	// 10 MW with 5 MW firm: ΔLOLE 0.820 ± 0.049 h/yr
	// 10 MW with 10 MW firm: ΔLOLE 0.000 ± 0.000 h/yr
}
