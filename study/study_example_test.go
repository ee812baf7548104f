package study_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/testsystems"
)

// A 20 MW carve-out of always-running miners on the RBTS test system:
// how often does it cause shedding of the other customers, firm or
// interruptible with an hour's notice? Both cases are scored on the same
// outage draws.
func ExampleStudy() {
	units, _ := grid.ReadUnits(bytes.NewReader(testsystems.RBTSUnitsCSV), "units.csv")
	load, _ := grid.ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "load.csv")
	sc := study.FromSystem(&grid.System{Name: "rbts-20mw", Units: units, Load: load})
	sc.Trials, sc.Seed = 4000, 2025
	sc.Carveout.MW, sc.Carveout.MiningShare = 20, 1 // always-running miners, no AI
	sc.Carveout.Policy = study.Policy{Kind: study.Firm}
	sc.Sweep = study.Sweep{SizesMW: []float64{20}, Policies: []study.Policy{
		{Kind: study.Interruptible, NoticeHours: 1, Label: "interruptible, 1 h notice"},
	}}
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
	r := res.Report()
	fmt.Printf("baseline LOLE %.1f h/yr, with 20 MW firm %.1f h/yr\n", r.Baseline.LOLEHours.Mean, r.Carveout.LOLEHours.Mean)
	p := r.Risk.PCausesShedding
	fmt.Printf("firm: P(causes shedding) = %.2f [%.2f, %.2f]\n", p.Mean, p.Lo, p.Hi)
	q := r.Sweep[0].PCausesShedding
	fmt.Printf("%s: %.2f [%.2f, %.2f]\n", r.Sweep[0].Policy, q.Mean, q.Lo, q.Hi)
	// Output:
	// baseline LOLE 1.1 h/yr, with 20 MW firm 7.1 h/yr
	// firm: P(causes shedding) = 0.52 [0.50, 0.53]
	// interruptible, 1 h notice: 0.24 [0.23, 0.25]
}
