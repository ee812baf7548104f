package study_test

import (
	"testing"

	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
)

// BenchmarkPakistanTrial is one paired trial-year of the embedded
// Pakistan 2025 scenario, as one node, zonal (north, south and
// K-Electric's draw over the HVDC, the AC corridor and the KE link), and
// zonal with pakistan-fuel's fuel budgets and LNG shock: the
// main case alone, then with the scenario's whole sweep (the zonal sweep
// scores every size and policy at two sites). The zonal issue's target
// is a main-case trial at 80% of the copper plate's rate or better, with
// no allocation per trial.
func BenchmarkPakistanTrial(b *testing.B) {
	for _, c := range []struct {
		name string
		load func() (*study.Scenario, error)
	}{{"CopperPlate", scenarios.Pakistan2025CopperPlate}, {"Zonal", scenarios.Pakistan2025}, {"ZonalFuel", pakistanFuelAdequacy}} {
		sc, err := c.load()
		if err != nil {
			b.Fatal(err)
		}
		main := *sc
		main.Sweep = study.Sweep{}
		b.Run(c.name, func(b *testing.B) { study.BenchStudy(b, &main) })
		b.Run(c.name+"Sweep", func(b *testing.B) { study.BenchStudy(b, sc) })
	}
}

// pakistanFuelAdequacy is the pakistan-fuel scenario without its
// economics: the fuel budgets' cost in the reliability trial.
func pakistanFuelAdequacy() (*study.Scenario, error) {
	sc, err := scenarios.Pakistan2025Fuel()
	if err == nil {
		sc.Economics = nil
	}
	return sc, err
}

// BenchmarkPakistanDispatch is one paired trial-year of the zonal
// Pakistan 2025 scenario's main case with the carve-out in the south,
// as the cost study runs it: the adequacy trial alone (Adequacy, the
// scenario without economics), then with the economic dispatch of all
// 8,760 hours of the baseline and of the main case (Dispatch). The
// difference is the dispatch's cost per trial; the dispatch's target is
// 2,500 trial-years/s on one core for the whole, with no allocation per
// trial. FuelAdequacy and FuelDispatch are the same with the scenario's
// fuel budgets and LNG shock (the pakistan-fuel scenario).
func BenchmarkPakistanDispatch(b *testing.B) {
	sc, err := scenarios.Pakistan2025()
	if err != nil {
		b.Fatal(err)
	}
	sc.Sweep = study.Sweep{}
	sc.Carveout.Site = "south"
	adequacy := *sc
	adequacy.Economics = nil
	fuel := *sc
	if fuel.FuelBudgets, fuel.FuelShocks, err = scenarios.PakistanBudgets(); err != nil {
		b.Fatal(err)
	}
	fuelAdequacy := fuel
	fuelAdequacy.Economics = nil
	for _, c := range []struct {
		name string
		sc   *study.Scenario
	}{{"Adequacy", &adequacy}, {"Dispatch", sc}, {"FuelAdequacy", &fuelAdequacy}, {"FuelDispatch", &fuel}} {
		b.Run(c.name, func(b *testing.B) {
			study.BenchStudy(b, c.sc)
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/trial")
		})
	}
}
