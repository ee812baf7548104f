package study_test

import (
	"context"
	"fmt"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/study"
)

// A gas-fired unit whose fuel is limited in January: the budget keeps
// the gas for the evening peaks, and the hours it cannot cover fall
// short. February's budget is ample, so February is as without it.
func ExampleFuelBudget() {
	hours := 744 + 672 // January and February
	load := make([]float64, hours)
	for h := range load {
		load[h] = 100
		if hd := h % 24; hd >= 17 && hd < 22 {
			load[h] = 140 // the evening peak
		}
	}
	sc := &study.Scenario{Name: "gas budget", Hours: hours, Trials: 2000, Seed: 1,
		Demand:   demand.Model{Base: demand.Base{HourlyMW: load}},
		Carveout: study.Carveout{MW: 0, MiningShare: 1, Mining: mining.Defaults()}}
	for _, u := range []grid.Unit{
		{Name: "coal", CapacityMW: 50, Count: 2, MTTFHours: 950, MTTRHours: 50, CostPerMWh: 10, Fuel: "coal"},
		{Name: "gas", CapacityMW: 60, MTTFHours: 1900, MTTRHours: 100, CostPerMWh: 20, Fuel: "gas"},
	} {
		sc.Fleet = append(sc.Fleet, study.FleetUnit{Unit: u})
	}
	lole := func() [2]float64 {
		st, err := study.NewStudy(sc)
		if err != nil {
			panic(err)
		}
		res, err := st.Run(context.Background())
		if err != nil {
			panic(err)
		}
		m := res.Report().Months
		return [2]float64{m[0].BaselineLOLEHours.Mean, m[1].BaselineLOLEHours.Mean}
	}
	free := lole()
	// 5,000 MWh of gas in January: less than the evening peaks alone
	// (31 × 5 h × 40 MW) and the coal's outages call on.
	sc.FuelBudgets = []study.FuelBudget{{Fuel: "gas", MonthlyMWh: [12]float64{5000, 1e9}, Source: "an example"}}
	limited := lole()
	fmt.Printf("January LOLE: %.0f h unlimited, %.0f h with the budget\n", free[0], limited[0])
	fmt.Printf("February LOLE: %.1f h unlimited, %.1f h with the budget\n", free[1], limited[1])
	// Output:
	// January LOLE: 27 h unlimited, 209 h with the budget
	// February LOLE: 23.9 h unlimited, 23.9 h with the budget
}
