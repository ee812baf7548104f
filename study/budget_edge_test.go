package study

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// tieScenario is a January copper plate whose units never fail: 50 MW
// of coal at 10, a 60 MW budgeted gas unit at 20 and a 30 MW oil unit at
// the same cost 20, against a flat load of loadMW and a firm carve-out
// of mw MW, with January's gas budget gasJan MWh.
func tieScenario(loadMW, mw, gasJan float64, trials int64) *Scenario {
	const hours = 744
	l := make([]float64, hours)
	for h := range l {
		l[h] = loadMW
	}
	sc := &Scenario{Name: "tie", Hours: hours, Trials: trials, Seed: 7,
		Demand:   demand.Model{Base: demand.Base{HourlyMW: l}},
		Carveout: Carveout{MW: mw, MiningShare: 1, Mining: mining.Defaults()}}
	for _, u := range []grid.Unit{
		{Name: "coal", CapacityMW: 50, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 10, CO2TPerMWh: 1, Fuel: "coal"},
		{Name: "gas", CapacityMW: 60, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 20, CO2TPerMWh: 0.4, Fuel: "gas"},
		{Name: "oil", CapacityMW: 30, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 20, CO2TPerMWh: 0.8, Fuel: "oil"},
	} {
		sc.Fleet = append(sc.Fleet, FleetUnit{Unit: u})
	}
	var b FuelBudget
	b.Fuel = "gas"
	b.MonthlyMWh[0] = gasJan
	sc.FuelBudgets = []FuelBudget{b}
	return sc
}

// TestBudgetTieDispatchWithinBudget checks that the dispatch keeps a
// budgeted fuel within its month's budget when an unbudgeted fuel has
// units at the same cost. The baseline (50 MW) is all coal and burns no
// gas; with an 80 MW carve-out the month's budget of 37,200 MWh (50 MW on
// average) is all the gas there is, so the carve-out's extra gas cannot
// exceed it. Nothing fails, so the value is exact.
func TestBudgetTieDispatchWithinBudget(t *testing.T) {
	const gasJan = 37200
	sc := tieScenario(50, 80, gasJan, 4)
	sc.Economics = costEconomics()
	checkWithinBudget(t, runCost(t, sc), "gas", gasJan)
}

// checkWithinBudget checks that the carve-out's extra use of fuel in r
// does not exceed budget (MWh).
func checkWithinBudget(t *testing.T, r *Report, fuel string, budget float64) {
	t.Helper()
	for _, f := range r.Cost.Fuels {
		if f.Fuel != fuel {
			continue
		}
		if f.DeltaMWh.Mean > budget {
			t.Errorf("carve-out's extra %s %.0f MWh in January, budget %.0f MWh: the dispatch burns more than the budget lets it", fuel, f.DeltaMWh.Mean, budget)
		}
		return
	}
	t.Fatalf("no %s in the cost's fuels", fuel)
}

// TestBudgetMonthlyLength checks that a scenario document whose
// fuel_budgets[i].monthly_mwh does not list twelve months is refused with
// an error naming the field: encoding/json would fill a short array's
// missing months with 0 (a budget of nothing, which withholds the fuel's
// whole capacity in those months) and drop a long array's extra values.
func TestBudgetMonthlyLength(t *testing.T) {
	doc, err := json.Marshal(budgetScenario(12000, 20, 10))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"monthly_mwh":\[[^\]]*\]`)
	if !re.Match(doc) {
		t.Fatalf("degenerate test: no monthly_mwh in %s", doc)
	}
	for _, months := range []string{"[12000,1000000000]", "[1,2,3,4,5,6,7,8,9,10,11,12,13]"} {
		bad := re.ReplaceAll(doc, []byte(`"monthly_mwh":`+months))
		sc, err := DecodeScenario(bytes.NewReader(bad))
		if err == nil {
			t.Errorf("monthly_mwh %s decoded without error, as %v", months, sc.FuelBudgets[0].MonthlyMWh)
		} else if !strings.Contains(err.Error(), "monthly_mwh") {
			t.Errorf("monthly_mwh %s: error %q does not name the field", months, err)
		}
	}
}

// TestBudgetTieBudgetedFuels is TestBudgetTieDispatchWithinBudget with
// two budgeted fuels tied in cost: "zgas" (50 MW at 10 and 30 MW at 20,
// an ample budget, so scheduled first, by its cheapest unit) and "agas"
// (60 MW at 20, 37,200 MWh in January). Against the baseline's 50 MW,
// all zgas, an 80 MW carve-out's extra agas cannot exceed agas's budget.
func TestBudgetTieBudgetedFuels(t *testing.T) {
	const budget = 37200
	sc := tieScenario(50, 80, budget, 4)
	sc.Fleet = nil
	for _, u := range []grid.Unit{
		{Name: "z1", CapacityMW: 50, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 10, Fuel: "zgas"},
		{Name: "z2", CapacityMW: 30, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 20, Fuel: "zgas"},
		{Name: "a", CapacityMW: 60, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 20, Fuel: "agas"},
	} {
		sc.Fleet = append(sc.Fleet, FleetUnit{Unit: u})
	}
	sc.FuelBudgets[0].Fuel = "agas"
	var z FuelBudget
	z.Fuel = "zgas"
	for m := range z.MonthlyMWh {
		z.MonthlyMWh[m] = 1e9
	}
	sc.FuelBudgets = append(sc.FuelBudgets, z)
	sc.Economics = costEconomics()
	checkWithinBudget(t, runCost(t, sc), "agas", budget)
}

// TestCostMonthsMultiYear checks that the cost's months add up to the
// short-run cost and to the change in dispatched energy over a two-year
// horizon, as over one: each trial's months are the change in cost and
// energy of its hours in that calendar month, whichever year.
func TestCostMonthsMultiYear(t *testing.T) {
	for _, years := range []int{1, 2} {
		sc := costScenario(120, years*8760, 30, 6)
		r := runCost(t, sc)
		sumCost, sumMWh := 0.0, 0.0
		for _, m := range r.Cost.Months {
			sumCost += m.DeltaCost.Mean
			sumMWh += m.DeltaMWh.Mean
		}
		src := r.Cost.ShortRunCost.Mean
		if math.Abs(sumCost-src) > 1e-9*math.Abs(src) {
			t.Errorf("%d years: months' cost changes add to %.6g, short-run cost %.6g", years, sumCost, src)
		}
		// The energy dispatched grows by the carve-out's served energy
		// less the other customers' extra unserved energy.
		want := r.Cost.ServedMWh.Mean - r.Risk.DeltaEUEMWh.Mean
		if math.Abs(sumMWh-want) > 1e-9*want {
			t.Errorf("%d years: months' energy changes add to %.6g MWh, carve-out served less ΔEUE %.6g MWh", years, sumMWh, want)
		}
	}
}

// TestBudgetZoneSplitAsDocumented checks FuelBudget's rule for the
// zones: a budget withholds the fuel's dearest units first, and the
// capacity withheld at one cost is taken from the zones in proportion to
// the fuel's available capacity at that cost in each. Nothing fails, and
// the flat 100 MW load (50 MW of coal in zone a below the gas) would burn
// 50 MW of gas an hour, which January's budget of 30 MW on average cuts
// to 30. With 60 MW of gas at 20 in zone a and 60 MW at 25 in zone b,
// 90 MW is withheld: all 60 MW at 25, in b, and 30 of the 60 MW at 20,
// in a. With 60 MW in a and 30 MW in b, both at 20, 60 MW is withheld,
// 40 from a and 20 from b.
func TestBudgetZoneSplitAsDocumented(t *testing.T) {
	for _, c := range []struct {
		costB, mwB   float64 // zone b's gas; zone a's is 60 MW at 20
		wantA, wantB float64 // MW withheld in each zone
	}{
		{25, 60, 30, 60},
		{20, 30, 40, 20},
	} {
		sc := tieScenario(100, 0, 744*30, 1)
		sc.Fleet = nil
		for _, u := range []grid.Unit{
			{Name: "coal", Zone: "a", CapacityMW: 50, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 10, Fuel: "coal"},
			{Name: "gas-a", Zone: "a", CapacityMW: 60, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 20, Fuel: "gas"},
			{Name: "gas-b", Zone: "b", CapacityMW: c.mwB, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: c.costB, Fuel: "gas"},
			{Name: "oil", Zone: "b", CapacityMW: 100, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 30, Fuel: "oil"},
		} {
			sc.Fleet = append(sc.Fleet, FleetUnit{Unit: u})
		}
		sc.Zones = []ZoneSpec{{Name: "a", LoadShare: []float64{0.5}}, {Name: "b", LoadShare: []float64{0.5}}}
		sc.Interfaces = []grid.Interface{{From: "a", To: "b", Elements: []grid.Element{{Name: "tie", ForwardMW: 1000, BackwardMW: 1000}}}}
		sc.Carveout.Site = "a"
		p, bw := budgetPlanOf(t, sc)
		p.sample(bw, montecarlo.Trial{Seed: 1}, nil, nil)
		for h := range bw.loadU {
			bw.loadU[h] = 100
		}
		p.schedule(bw, true)
		per := p.scale // capacity units per MW
		if got := float64(bw.withheld[0]) / per; got != c.wantA+c.wantB {
			t.Fatalf("degenerate test: %v MW withheld in hour 0, want %v", got, c.wantA+c.wantB)
		}
		a, b := float64(bw.zwithheld[0][0])/per, float64(bw.zwithheld[1][0])/per
		if a != c.wantA || b != c.wantB {
			t.Errorf("gas 60 MW at 20 in zone a, %v MW at %v in zone b: withheld %v MW in a and %v MW in b, want %v and %v (the dearest first, one cost's share by zone in proportion to its capacity)",
				c.mwB, c.costB, a, b, c.wantA, c.wantB)
		}
	}
}
