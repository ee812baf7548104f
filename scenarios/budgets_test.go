package scenarios

import (
	"math"
	"testing"

	"github.com/carveout/carveout/study"
)

// TestPakistanBudgets checks the Pakistan fuel budgets as energy against
// the figures pakistan2025/README.md derives by hand: 600 MMCFD of RLNG
// is 4,107 MW on average at the H-class efficiency, the Thar mines make
// 17,882 GWh a year, hydro's FY25 months add to 39,978 GWh, and the
// shock's 220 MMCFD is 1,506 MW.
func TestPakistanBudgets(t *testing.T) {
	budgets, shocks, err := PakistanBudgets()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]study.FuelBudget{}
	for _, b := range budgets {
		by[b.Fuel] = b
	}
	year := func(b study.FuelBudget) (s float64) {
		for _, x := range b.MonthlyMWh {
			s += x
		}
		return s
	}
	near := func(name string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.1f, want %.1f ± %v", name, got, want, tol)
		}
	}
	near("RLNG, January, MW on average", by["rlng"].MonthlyMWh[0]/744, 4107, 1)
	near("RLNG, a year, MW on average", year(by["rlng"])/8760, 4107, 1)
	near("Thar, GWh a year", year(by["coal_thar"])/1000, 17882, 1)
	near("hydro, GWh a year", year(by["hydro"])/1000, 39978, 0.5)
	if len(shocks) != 1 || shocks[0].Fuel != "rlng" || shocks[0].RatePerYear != 0.1 || shocks[0].DurationMonths != 3 {
		t.Fatalf("shocks %+v, want one RLNG shock at 0.1 a year for 3 months", shocks)
	}
	near("shock, MW on average", shocks[0].CutMWhPerMonth/(365.0/12*24), 1506, 1)
	sc, err := Load("pakistan-fuel")
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.FuelBudgets) != 3 || len(sc.FuelShocks) != 1 || sc.Zones == nil {
		t.Errorf("pakistan-fuel: %d budgets, %d shocks, %d zones: want the zonal scenario with 3 and 1", len(sc.FuelBudgets), len(sc.FuelShocks), len(sc.Zones))
	}
	if _, err := study.NewStudy(sc); err != nil {
		t.Fatal(err)
	}
}
