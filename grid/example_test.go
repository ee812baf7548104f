package grid_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/testsystems"
)

// rbts reads the embedded Roy Billinton Test System.
func rbts() *grid.System {
	units, err := grid.ReadUnits(bytes.NewReader(testsystems.RBTSUnitsCSV), "units.csv")
	if err != nil {
		log.Fatal(err)
	}
	load, err := grid.ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "load.csv")
	if err != nil {
		log.Fatal(err)
	}
	return &grid.System{Name: "RBTS", Units: units, Load: load}
}

// The exact indices of RBTS from its capacity outage probability table,
// with and without load forecast uncertainty.
func ExampleCOPT() {
	sys := rbts()
	table, err := grid.NewCOPT(sys.Units)
	if err != nil {
		log.Fatal(err)
	}
	r, err := table.Indices(sys.Load)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d states of %g MW\n", table.States(), table.StepMW())
	daily, err := table.LOLEDailyPeak(sys.Load)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("LOLE %.6f h/yr, EUE %.4f MWh/yr, daily-peak LOLE %.6f d/yr\n", r.LOLEHours.Mean, r.EUEMWh.Mean, daily)
	lfu, err := table.IndicesLFU(sys.Load, 0.05)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("σ = 5%%: LOLE %.4f h/yr, EUE %.2f MWh/yr\n", lfu.LOLEHours.Mean, lfu.EUEMWh.Mean)
	// Output:
	// 49 states of 5 MW
	// LOLE 1.091560 h/yr, EUE 9.8614 MWh/yr, daily-peak LOLE 0.146946 d/yr
	// σ = 5%: LOLE 1.4408 h/yr, EUE 13.83 MWh/yr
}

// A chronological Monte Carlo estimate of RBTS's indices. The result
// depends only on the seed and the number of trials, not on the number of
// workers.
func ExampleAdequacy() {
	rep, err := grid.Adequacy(context.Background(), rbts(),
		montecarlo.WithSeed(42), montecarlo.WithTrials(20000))
	if err != nil {
		log.Fatal(err)
	}
	x := rep.Indices
	fmt.Printf("LOLE %.2f ± %.2f h/yr\n", x.LOLEHours.Mean, x.LOLEHours.SE)
	fmt.Printf("LOLF %.3f ± %.3f events/yr\n", x.LOLF.Mean, x.LOLF.SE)
	fmt.Printf("EUE  %.1f ± %.1f MWh/yr\n", x.EUEMWh.Mean, x.EUEMWh.SE)
	fmt.Printf("P(any shortfall in a year) %.3f [%.3f, %.3f]\n", x.PAnyShortfall.Mean, x.PAnyShortfall.Lo, x.PAnyShortfall.Hi)
	// Output:
	// LOLE 1.11 ± 0.03 h/yr
	// LOLF 0.222 ± 0.005 events/yr
	// EUE  9.8 ± 0.4 MWh/yr
	// P(any shortfall in a year) 0.130 [0.126, 0.135]
}

// Units with a count expand to numbered units, each with its own outage
// stream; bad values are reported with file, line and column.
func ExampleReadUnits() {
	in := "name,count,capacity_mw,mttf_h,mttr_h\nccgt,2,400,912,48\n"
	units, err := grid.ReadUnits(strings.NewReader(in), "units.csv")
	if err != nil {
		log.Fatal(err)
	}
	fleet, err := (&grid.System{Units: units}).Expand()
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range fleet {
		fmt.Printf("%s %g MW FOR %.2f stream %s\n", u.Name, u.CapacityMW, u.FOR(), grid.OutageStream(u.Name))
	}
	_, err = grid.ReadUnits(strings.NewReader("capacity_mw,mttf_h,mttr_h\n100,900,-5\n"), "units.csv")
	fmt.Println(err)
	// Output:
	// ccgt#1 400 MW FOR 0.05 stream outage/ccgt#1
	// ccgt#2 400 MW FOR 0.05 stream outage/ccgt#2
	// grid: units.csv line 2, column 3 (mttr_h): mttr_h = -5, want finite >= 0.1 (MinDurationHours) (unit "unit1")
}

// A unit with partial outages has three capacity levels. Here three 400 MW
// units, given by their forced outage rate, each also lose 150 MW for 60 h
// at a time, every 540 h on average: up 95% of the time, derated for 10%
// of that. The table has states 50 MW apart, and Monte Carlo agrees with
// the exact LOLE.
func ExampleUnit_partialOutages() {
	in := "name,count,capacity_mw,for,mttr_h,derated_mw,partial_mttf_h,partial_mttr_h\n" +
		"steam,3,400,0.05,50,150,540,60\n"
	units, err := grid.ReadUnits(strings.NewReader(in), "units.csv")
	if err != nil {
		log.Fatal(err)
	}
	u := units[0]
	fmt.Printf("MTTF %.0f h, FOR %.2f, PFOR %.2f\n", u.MTTFHours, u.FOR(), u.PFOR())
	table, err := grid.NewCOPT(units)
	if err != nil {
		log.Fatal(err)
	}
	for _, j := range []int{table.States() - 1, table.States() - 4} {
		mw, p := table.Capacity(j)
		fmt.Printf("P(%g MW available) = %.4f\n", mw, p)
	}
	load := make([]float64, 8760)
	for h := range load {
		load[h] = 650 + 150*float64(h%24)/23 // 650 to 800 MW each day
	}
	exact, err := table.Indices(load)
	if err != nil {
		log.Fatal(err)
	}
	rep, err := grid.Adequacy(context.Background(), &grid.System{Units: units, Load: load},
		montecarlo.WithSeed(3), montecarlo.WithTrials(4000))
	if err != nil {
		log.Fatal(err)
	}
	e := rep.Indices.LOLEHours
	fmt.Printf("LOLE exact %.1f h/yr, Monte Carlo %.1f ± %.1f h/yr\n", exact.LOLEHours.Mean, e.Mean, e.SE)
	// Output:
	// MTTF 950 h, FOR 0.05, PFOR 0.10
	// P(1200 MW available) = 0.6250
	// P(1050 MW available) = 0.2083
	// LOLE exact 282.4 h/yr, Monte Carlo 281.3 ± 2.0 h/yr
}

// The exact indices of a small zonal system: zone "north" has most of
// the load, zone "south" most of the generation, and two poles that fail
// carry power between them. Every state of the units and poles is
// settled as the Monte Carlo settles a sampled hour, and the shortfall is
// shared out by priority, north first.
func ExampleAdequacyExact() {
	sys := &grid.System{
		Units: []grid.Unit{
			{Name: "n", Count: 2, CapacityMW: 60, MTTFHours: 900, MTTRHours: 100, Zone: "north"},
			{Name: "s", Count: 3, CapacityMW: 50, MTTFHours: 850, MTTRHours: 150, Zone: "south"},
		},
		Zones: []grid.Zone{
			{Name: "north", Load: []float64{80, 100, 110, 95}},
			{Name: "south", Load: []float64{60, 70, 75, 65}},
		},
		Interfaces: []grid.Interface{{From: "south", To: "north", Elements: []grid.Element{
			{Name: "pole", Count: 2, ForwardMW: 35, BackwardMW: 30, FOR: 0.05, MTTRHours: 10},
		}}},
	}
	r, err := grid.AdequacyExact(sys)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s method, %d states\n", r.Method, r.ExactStates)
	fmt.Printf("system: LOLE %.4f h, EUE %.3f MWh over %d h\n", r.Indices.LOLEHours.Mean, r.Indices.EUEMWh.Mean, r.Hours)
	for _, z := range r.Zones {
		fmt.Printf("%-6s LOLE %.4f h, EUE %.3f MWh\n", z.Name+":", z.LOLEHours.Mean, z.EUEMWh.Mean)
	}
	// Output:
	// exact method, 36 states
	// system: LOLE 0.2809 h, EUE 7.818 MWh over 4 h
	// north: LOLE 0.2232 h, EUE 5.696 MWh
	// south: LOLE 0.1039 h, EUE 2.121 MWh
}
