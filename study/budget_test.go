package study

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
)

// budgetHours is January and February: the tests' budgets bind in
// January only.
const budgetHours = 744 + 672

// budgetLoad is the tests' load: 100 MW, 140 MW from 17:00 to 22:00.
func budgetLoad(h int) float64 {
	if hd := h % 24; hd >= 17 && hd < 22 {
		return 140
	}
	return 100
}

// budgetScenario is a copper plate whose units hold their state over the
// horizon (mean times of 10^9 hours and more, so a trial sees a change
// with probability below 10^-5): two 50 MW coal units, up with
// probability 3/4, a 60 MW gas unit that never fails (its fuel has the
// budget gasJan MWh in January, ample in February) and a 30 MW oil
// peaker, up with probability 3/4; a firm carve-out of mw MW.
func budgetScenario(gasJan, mw float64, trials int64) *Scenario {
	l := make([]float64, budgetHours)
	for h := range l {
		l[h] = budgetLoad(h)
	}
	sc := &Scenario{Name: "budget", Hours: budgetHours, Trials: trials, Seed: 5,
		Demand:   demand.Model{Base: demand.Base{HourlyMW: l}},
		Carveout: Carveout{MW: mw, MiningShare: 1, Mining: mining.Defaults()}}
	for _, u := range []grid.Unit{
		{Name: "coal", CapacityMW: 50, Count: 2, MTTFHours: 3e9, MTTRHours: 1e9, CostPerMWh: 10, Fuel: "coal"},
		{Name: "gas", CapacityMW: 60, MTTFHours: 1e12, MTTRHours: 0.1, CostPerMWh: 20, Fuel: "gas"},
		{Name: "oil", CapacityMW: 30, MTTFHours: 3e9, MTTRHours: 1e9, CostPerMWh: 30, Fuel: "oil"},
	} {
		sc.Fleet = append(sc.Fleet, FleetUnit{Unit: u})
	}
	if gasJan >= 0 {
		var b FuelBudget
		b.Fuel = "gas"
		b.MonthlyMWh = [12]float64{gasJan, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9, 1e9}
		sc.FuelBudgets = []FuelBudget{b}
	}
	return sc
}

// budgetExact returns the exact January and February LOLE (h) and EUE
// (MWh) of the other customers of budgetScenario, with a firm carve-out
// of mw MW: each state of the coal and oil units in turn, the gas
// schedule found by trying every θ.
func budgetExact(gasJan, mw float64) (lole, eue [2]float64) {
	const pUp = 0.75
	for coal := 0; coal <= 2; coal++ {
		pc := []float64{(1 - pUp) * (1 - pUp), 2 * pUp * (1 - pUp), pUp * pUp}[coal]
		for oil := 0; oil <= 1; oil++ {
			p := pc * []float64{1 - pUp, pUp}[oil]
			below := float64(50 * coal)
			gas := func(h int, theta float64) float64 {
				return math.Ceil(min(60, max(0, budgetLoad(h)+mw-theta-below)))
			}
			// January's θ: the least whole θ that fits the budget.
			theta := 0.0
			for ; ; theta++ {
				e := 0.0
				for h := range 744 {
					e += gas(h, theta)
				}
				if e <= gasJan {
					break
				}
			}
			for h := range budgetHours {
				m, g := 0, 60.0
				if h < 744 {
					if theta > 0 {
						g = gas(h, theta)
					}
				} else {
					m = 1
				}
				l := budgetLoad(h)
				capacity := below + g + float64(30*oil)
				if short := l + mw - capacity; short > 0 {
					lole[m] += p
					eue[m] += p * short * l / (l + mw)
				}
			}
		}
	}
	return lole, eue
}

// TestBudgetExact checks the study's fuel budgets against the exact
// values by month, without and with a carve-out: a January budget that
// binds raises January's LOLE and EUE and leaves February's as without
// it.
func TestBudgetExact(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical")
	}
	const gasJan = 12000 // MWh: use without a budget is 31 × 5 h × 40 MW … 31 × 24 × 60
	const mw = 20
	st, err := NewStudy(budgetScenario(gasJan, mw, 20000))
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report()
	base, _ := budgetExact(gasJan, 0)
	with, withEUE := budgetExact(gasJan, mw)
	free, _ := budgetExact(1e9, mw)
	for m := range 2 {
		mi := r.Months[m]
		within(t, "baseline LOLE month "+mi.monthName(), mi.BaselineLOLEHours, base[m])
		within(t, "LOLE with the carve-out, month "+mi.monthName(), mi.WithLOLEHours, with[m])
		within(t, "EUE with the carve-out, month "+mi.monthName(), mi.WithEUEMWh, withEUE[m])
	}
	if !(with[0] > free[0]+1) {
		t.Errorf("January LOLE with the budget %.4g, without %.4g: want the binding budget to raise it", with[0], free[0])
	}
	if with[1] != free[1] {
		t.Errorf("February LOLE with the budget %.4g, without %.4g: want equal", with[1], free[1])
	}
}

// monthName is m's English name, for messages.
func (m MonthIndices) monthName() string {
	return [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}[m.Month-1]
}

// TestBudgetNeverBinds checks that a budget larger than any use leaves
// every result bit for bit as without it.
func TestBudgetNeverBinds(t *testing.T) {
	run := func(sc *Scenario) *Report {
		t.Helper()
		// Units that fail and return within the horizon, so that the
		// blocks' draws matter.
		for i := range sc.Fleet {
			sc.Fleet[i].MTTFHours, sc.Fleet[i].MTTRHours = 300, 50
		}
		st, err := NewStudy(sc)
		if err != nil {
			t.Fatal(err)
		}
		res, err := st.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return res.Report()
	}
	sc := budgetScenario(1e9, 30, 300)
	sc.Sweep.SizesMW = []float64{10, 40}
	with := run(sc)
	sc = budgetScenario(-1, 30, 300)
	sc.Sweep.SizesMW = []float64{10, 40}
	without := run(sc)
	if with.Baseline.LOLEHours.Mean == 0 || with.Risk.DeltaEUEMWh.Mean == 0 {
		t.Fatalf("degenerate test: baseline LOLE %v, ΔEUE %v", with.Baseline.LOLEHours, with.Risk.DeltaEUEMWh)
	}
	for _, f := range []string{"Baseline", "Carveout", "Risk", "Load", "Months", "Sweep", "DeltaLOLEByMonthHour"} {
		a, b := reflect.ValueOf(*with).FieldByName(f).Interface(), reflect.ValueOf(*without).FieldByName(f).Interface()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs with a budget that never binds", f)
		}
	}
}
