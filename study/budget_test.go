package study

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
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
	return budgetExactMonths([2]float64{gasJan, 1e9}, mw)
}

// budgetExactMonths is budgetExact with a gas budget for each month.
func budgetExactMonths(gas [2]float64, mw float64) (lole, eue [2]float64) {
	budgetStates(gas, mw, func(p, coal, oil float64, g []float64) {
		for h, gh := range g {
			m := min(h/744, 1)
			l := budgetLoad(h)
			if short := l + mw - (coal + gh + oil); short > 0 {
				lole[m] += p
				eue[m] += p * short * l / (l + mw)
			}
		}
	})
	return lole, eue
}

// budgetStates calls visit with each state of budgetScenario's coal and
// oil units, its probability, the units' capacities up (MW), and the gas
// the month's budget lets run in each hour of the horizon with a
// carve-out of mw MW: its whole 60 MW where the budget does not bind,
// else what merit order gives it against the load less θ, the least
// whole θ that fits the budget, found by trying every θ.
func budgetStates(gas [2]float64, mw float64, visit func(p, coalMW, oilMW float64, gasMW []float64)) {
	spans := [2][2]int{{0, 744}, {744, budgetHours}}
	const pUp = 0.75
	g := make([]float64, budgetHours)
	for coal := 0; coal <= 2; coal++ {
		pc := []float64{(1 - pUp) * (1 - pUp), 2 * pUp * (1 - pUp), pUp * pUp}[coal]
		for oil := 0; oil <= 1; oil++ {
			p := pc * []float64{1 - pUp, pUp}[oil]
			below := float64(50 * coal)
			run := func(h int, theta float64) float64 {
				return math.Ceil(min(60, max(0, budgetLoad(h)+mw-theta-below)))
			}
			for m, sp := range spans {
				theta := 0.0
				for ; ; theta++ {
					e := 0.0
					for h := sp[0]; h < sp[1]; h++ {
						e += run(h, theta)
					}
					if e <= gas[m] {
						break
					}
				}
				for h := sp[0]; h < sp[1]; h++ {
					g[h] = 60
					if theta > 0 {
						g[h] = run(h, theta)
					}
				}
			}
			visit(p, below, float64(30*oil), g)
		}
	}
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
	r := runReport(t, budgetScenario(gasJan, mw, 20000))
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
		return runReport(t, sc)
	}
	for _, zonal := range []bool{false, true} {
		for _, econ := range []bool{false, true} {
			make := func(gasJan float64) *Scenario {
				sc := budgetScenario(gasJan, 30, 300)
				sc.Sweep.SizesMW = []float64{10, 40}
				if zonal {
					budgetZonal(sc)
				}
				if econ {
					sc.Economics = costEconomics()
					sc.Economics.Sweep = true
				}
				return sc
			}
			neverBinds(t, run(make(1e9)), run(make(-1)))
		}
	}
}

// neverBinds compares the results of a run with a budget that never
// binds and of one without.
func neverBinds(t *testing.T, with, without *Report) {
	t.Helper()
	sameReportFields(t, with, without, "with a budget that never binds", "Baseline", "Carveout", "Risk", "Load", "Months", "Sweep", "DeltaLOLEByMonthHour", "Cost")
}

// sameReportFields checks that reports with and without agree, byte for byte as JSON,
// in the named fields, what naming the comparison for messages.
func sameReportFields(t *testing.T, with, without *Report, what string, fields ...string) {
	t.Helper()
	if with.Baseline.LOLEHours.Mean == 0 || with.Risk.DeltaEUEMWh.Mean == 0 {
		t.Fatalf("degenerate test: baseline LOLE %v, ΔEUE %v", with.Baseline.LOLEHours, with.Risk.DeltaEUEMWh)
	}
	for _, f := range fields {
		// As JSON, which writes each number exactly (and NaN, of a month
		// without hours, alike).
		a, errA := json.Marshal(reflect.ValueOf(*with).FieldByName(f).Interface())
		b, errB := json.Marshal(reflect.ValueOf(*without).FieldByName(f).Interface())
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if string(a) != string(b) {
			t.Errorf("%s differs %s", f, what)
		}
	}
}

// budgetZonal makes budgetScenario zonal: zone a holds the coal and gas
// and half the load, zone b the oil and the other half, joined by an
// interface that never binds, and the carve-out sits in a. The network
// is then a copper plate whose shortfall the priority rule gives to b.
func budgetZonal(sc *Scenario) *Scenario {
	sc.Zones = []ZoneSpec{{Name: "a", LoadShare: []float64{0.5}}, {Name: "b", LoadShare: []float64{0.5}}}
	sc.Interfaces = []grid.Interface{{From: "a", To: "b", Elements: []grid.Element{{Name: "tie", ForwardMW: 1000, BackwardMW: 1000}}}}
	sc.Carveout.Site = "a"
	for i := range sc.Fleet {
		sc.Fleet[i].Zone = "a"
		if sc.Fleet[i].Name == "oil" {
			sc.Fleet[i].Zone = "b"
		}
	}
	return sc
}

// TestBudgetZonalExact checks the budgets' schedule over a network: the
// capacity withheld from zone a, where the gas is, gives the exact
// values of the copper plate by month.
func TestBudgetZonalExact(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical")
	}
	const gasJan, mw = 12000, 20
	r := runReport(t, budgetZonal(budgetScenario(gasJan, mw, 10000)))
	base, baseEUE := budgetExact(gasJan, 0)
	with, _ := budgetExact(gasJan, mw)
	for m := range 2 {
		mi := r.Months[m]
		within(t, "baseline LOLE month "+mi.monthName(), mi.BaselineLOLEHours, base[m])
		within(t, "baseline EUE month "+mi.monthName(), mi.BaselineEUEMWh, baseEUE[m])
		within(t, "LOLE with the carve-out, month "+mi.monthName(), mi.WithLOLEHours, with[m])
	}
}

// TestBudgetShock checks fuel shocks against the exact mixture: shocks
// that each take a whole month's gas, at a rate that hits a month with
// probability 1 − exp(−μ/2), μ the expected shocks over the horizon,
// independently for January and February.
func TestBudgetShock(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical")
	}
	const gasJan = 12000
	const rate = 4.0
	mu := rate * budgetHours / 8760
	hit := 1 - math.Exp(-mu/2)
	none, _ := budgetExactMonths([2]float64{gasJan, 1e9}, 0)
	cut, _ := budgetExactMonths([2]float64{0, 0}, 0)
	// One shock entry at the rate, and two at half of it each: shocks of
	// two entries are independent, so their rates add.
	one := FuelShock{Fuel: "gas", RatePerYear: rate, CutMWhPerMonth: 2e9, DurationMonths: 1}
	half := one
	half.RatePerYear = rate / 2
	for _, shocks := range [][]FuelShock{{one}, {half, half}} {
		sc := budgetScenario(gasJan, 0, 20000)
		sc.FuelShocks = shocks
		r := runReport(t, sc)
		for m := range 2 {
			want := hit*cut[m] + (1-hit)*none[m]
			within(t, fmt.Sprintf("baseline LOLE with %d shock entries, month %s", len(shocks), r.Months[m].monthName()), r.Months[m].BaselineLOLEHours, want)
		}
	}
	if !(cut[1] > none[1]+10) {
		t.Errorf("degenerate test: February LOLE %v without gas, %v with", cut[1], none[1])
	}
}

// TestBudgetShockHorizonEnd checks that a shock is cut off at the end of
// the horizon, as FuelShock's doc says: over budgetScenario's January and
// February, a two-month shock starting in January cuts both months and
// one starting in February only February, without wrapping round to
// January. With μ shocks expected in the horizon, each starting in
// either month with probability 1/2, January is cut with probability
// 1 − exp(−μ/2) and February with 1 − exp(−μ); the shock's cut exceeds
// any budget, so a month cut has none left.
func TestBudgetShockHorizonEnd(t *testing.T) {
	const rate, trials = 4.0, 20000
	mu := rate * budgetHours / 8760
	sc := budgetScenario(12000, 0, 1)
	sc.FuelShocks = []FuelShock{{Fuel: "gas", RatePerYear: rate, CutMWhPerMonth: 2e9, DurationMonths: 2}}
	p, bw := budgetPlanOf(t, sc)
	var cut [2]float64
	for i := range int64(trials) {
		p.sample(bw, montecarlo.Trial{Seed: sc.Seed, Index: i}, nil, nil)
		for m := range cut {
			if bw.budget[0][m] == 0 {
				cut[m]++
			}
		}
	}
	for m, want := range []float64{1 - math.Exp(-mu/2), 1 - math.Exp(-mu)} {
		got := cut[m] / trials
		se := math.Sqrt(want * (1 - want) / trials)
		if math.Abs(got-want) > 4*se {
			t.Errorf("month %d cut in %.4f of trials, want %.4f ± %.4f (4 SE)", m+1, got, want, 4*se)
		}
	}
}

// TestBudgetHeatWaves runs budgets that bind on heat-derated units
// through heat waves with economics: the schedule counts the fuel's
// derate on its units alone, the dispatch shares the zone's rounding
// among its tiers, and the run must neither fail nor move a bit of the
// reliability results the adequacy gives without economics.
func TestBudgetHeatWaves(t *testing.T) {
	for _, zonal := range []bool{false, true} {
		make := func(econ bool) *Scenario {
			sc := budgetScenario(2000, 20, 60)
			sc.Classes = []grid.Class{{Name: "thermal", HeatDerate: true}}
			for i := range sc.Fleet {
				sc.Fleet[i].MTTFHours, sc.Fleet[i].MTTRHours = 300, 50
				if sc.Fleet[i].Name != "oil" {
					sc.Fleet[i].Class = "thermal"
				}
			}
			sc.Demand.HeatWave = demand.HeatWave{RatePerMonth: []float64{3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, MeanDays: 5, ThermalDerate: 0.005}
			if zonal {
				budgetZonal(sc)
			}
			if econ {
				sc.Economics = costEconomics()
			}
			return sc
		}
		with, without := runReport(t, make(true)), runReport(t, make(false))
		if with.Demand.HeatWaveHours.Mean == 0 {
			t.Fatal("degenerate test: no heat waves")
		}
		sameReportFields(t, with, without, "with economics", "Baseline", "Carveout", "Risk", "Load", "Months", "DeltaLOLEByMonthHour")
	}
}

// TestBudgetRefused checks the errors of bad budgets and shocks.
func TestBudgetRefused(t *testing.T) {
	for _, c := range []struct {
		edit func(*Scenario)
		want string
	}{
		{func(sc *Scenario) { sc.FuelBudgets[0].Fuel = "lignite" }, `fuel_budgets[0].fuel = "lignite"`},
		{func(sc *Scenario) { sc.FuelBudgets = append(sc.FuelBudgets, sc.FuelBudgets[0]) }, `fuel_budgets[1].fuel = "gas", want unique`},
		{func(sc *Scenario) { sc.FuelBudgets[0].MonthlyMWh[3] = -1 }, `fuel_budgets[0].monthly_mwh[3] = -1`},
		{func(sc *Scenario) { sc.FuelShocks = []FuelShock{{Fuel: "oil", DurationMonths: 1}} }, `fuel_shocks[0].fuel = "oil"`},
		{func(sc *Scenario) { sc.FuelShocks = []FuelShock{{Fuel: "gas", DurationMonths: 13}} }, `fuel_shocks[0].duration_months = 13`},
		{func(sc *Scenario) {
			sc.FuelShocks = []FuelShock{{Fuel: "gas", RatePerYear: math.NaN(), DurationMonths: 1}}
		}, `fuel_shocks[0].rate_per_year = NaN`},
	} {
		sc := budgetScenario(100, 10, 10)
		c.edit(sc)
		_, err := NewStudy(sc)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// TestBudgetTieOtherFuel checks the tie rule for units that name no
// fuel: the dispatch ranks them as grid.OtherFuel, so at the budgeted
// gas's cost of 20 an unnamed 30 MW unit runs after the gas, and a
// budget on "other" limits the unnamed units. In tieScenario (load
// 50 MW, all coal; an 80 MW carve-out) the carve-out's extra energy of
// the budgeted fuel is then exactly January's budget, 37,200 MWh: merit
// order would burn 60 MW × 744 h, and θ = 30 MW leaves it 50 MW an hour.
func TestBudgetTieOtherFuel(t *testing.T) {
	const budget = 37200
	for _, c := range []struct {
		budgeted, tied string // the 60 MW and the 30 MW unit's fuels
	}{
		{"gas", ""},      // "gas" < "other"
		{"", "peat"},     // "other" < "peat"
		{"other", "oil"}, // a budget on "other" counts the unnamed units with it
	} {
		sc := tieScenario(50, 80, budget, 2)
		sc.Fleet[1].Fuel, sc.Fleet[2].Fuel = c.budgeted, c.tied
		fuel := cmp.Or(c.budgeted, grid.OtherFuel)
		if c.budgeted == "other" {
			// A unit naming none and one naming "other" are one fuel.
			sc.Fleet[1].Fuel, sc.Fleet[2].Fuel = "", "other"
			sc.Fleet[2].CostPerMWh = 30
		}
		sc.FuelBudgets[0].Fuel = fuel
		sc.Economics = costEconomics()
		r := runCost(t, sc)
		i := slices.IndexFunc(r.Cost.Fuels, func(f FuelChange) bool { return f.Fuel == fuel })
		if i < 0 {
			t.Fatalf("%+v: no %s in the cost's fuels", c, fuel)
		}
		if got := r.Cost.Fuels[i].DeltaMWh.Mean; got != budget {
			t.Errorf("%+v: carve-out's extra %s %.0f MWh in January, want its budget %d MWh", c, fuel, got, budget)
		}
	}
}

// TestMonthlyJSON checks Monthly's JSON form: a scenario's monthly_mwh
// that is not an array of twelve numbers is refused with the field's
// path and what was wrong, and the encoding is a plain array's, so a
// valid scenario decodes to the same values and the same hash as before
// the type had its own decoder.
func TestMonthlyJSON(t *testing.T) {
	sc := budgetScenario(12000, 20, 10)
	doc, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	want := `"monthly_mwh":[12000,1000000000,1000000000,1000000000,1000000000,1000000000,1000000000,1000000000,1000000000,1000000000,1000000000,1000000000]`
	if !strings.Contains(string(doc), want) {
		t.Fatalf("monthly_mwh encodes otherwise than a plain array's %s in %s", want, doc)
	}
	plain, _ := json.Marshal([12]float64(sc.FuelBudgets[0].MonthlyMWh))
	if m, _ := json.Marshal(sc.FuelBudgets[0].MonthlyMWh); string(m) != string(plain) {
		t.Errorf("Monthly encodes as %s, [12]float64 as %s", m, plain)
	}
	got, err := DecodeScenario(strings.NewReader(string(doc)))
	if err != nil {
		t.Fatal(err)
	}
	if got.FuelBudgets[0].MonthlyMWh != sc.FuelBudgets[0].MonthlyMWh || got.Hash() != sc.Hash() {
		t.Errorf("decoded %v (hash %s), want %v (hash %s)", got.FuelBudgets[0].MonthlyMWh, got.Hash(), sc.FuelBudgets[0].MonthlyMWh, sc.Hash())
	}
	for _, c := range []struct{ months, msg string }{
		{`[12000, 1e9]`, "2 values, want 12 (one per month)"},
		{`[]`, "0 values, want 12 (one per month)"},
		{`[1,2,3,4,5,6,7,8,9,10,11,12,13]`, "13 values, want 12 (one per month)"},
		{`null`, "null, want an array of 12 numbers (one per month)"},
		{`"12000"`, "string, want an array of 12 numbers (one per month)"},
		{`[1,2,3,4,5,6,7,8,9,10,11,"12"]`, "an array holding a string, want 12 numbers (one per month)"},
	} {
		bad := strings.Replace(string(doc), want, `"monthly_mwh":`+c.months, 1)
		_, err := DecodeScenario(strings.NewReader(bad))
		if err == nil || !strings.Contains(err.Error(), "fuel_budgets[0].monthly_mwh: "+c.msg) {
			t.Errorf("monthly_mwh %s: error %v, want one with %q", c.months, err, "fuel_budgets[0].monthly_mwh: "+c.msg)
		}
	}
}

// budgetPlanOf compiles sc and returns its budgets' plan with a worker
// of it, as a study's worker makes one.
func budgetPlanOf(t *testing.T, sc *Scenario) (*budgetPlan, *budgetWorker) {
	t.Helper()
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	nz := 0
	if st.z != nil {
		nz = len(st.z.names)
	}
	bw, err := st.budget.newWorker(st.hours, nz)
	if err != nil {
		t.Fatal(err)
	}
	return st.budget, bw
}

// budgetCostExact returns the exact expected fuel cost of budgetScenario's
// dispatch without and with a firm carve-out of mw MW, at the units'
// costs, and the carve-out's extra gas energy: each state of the coal
// and oil units, the gas allowance of each hour as budgetExactMonths
// finds it, and merit order (coal, gas, oil) hour by hour.
func budgetCostExact(gas [2]float64, mw float64) (base, with, dGas float64) {
	for i, extra := range []float64{0, mw} {
		sign := []float64{-1, 1}[i]
		budgetStates(gas, extra, func(p, coal, oil float64, g []float64) {
			cost, gasMWh := 0.0, 0.0
			for h, gh := range g {
				// Merit order: coal, gas, oil.
				rest := budgetLoad(h) + extra
				c := min(rest, coal)
				rest -= c
				x := min(rest, gh)
				rest -= x
				o := min(rest, oil)
				cost += 10*c + 20*x + 30*o
				gasMWh += x
			}
			if i == 0 {
				base += p * cost
			} else {
				with += p * cost
			}
			dGas += sign * p * gasMWh
		})
	}
	return base, with, dGas
}

// TestBudgetCostExact checks the dispatch within a fuel budget against
// the exact expectations: the gas that January's budget leaves out is
// replaced by oil (or short), and the carve-out's extra gas is what the
// budget lets it have.
func TestBudgetCostExact(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical")
	}
	const gasJan, mw = 12000, 20
	base, with, dGas := budgetCostExact([2]float64{gasJan, 1e9}, mw)
	for _, zonal := range []bool{false, true} {
		sc := budgetScenario(gasJan, mw, 4000)
		sc.Economics = costEconomics()
		name := "copper plate"
		if zonal {
			// The tie never binds: the network dispatches as one node.
			budgetZonal(sc)
			name = "two zones"
		}
		r := runCost(t, sc)
		within(t, name+": baseline fuel cost", r.Cost.FuelCostBaseline, base)
		within(t, name+": fuel cost with the carve-out", r.Cost.FuelCostWith, with)
		within(t, name+": short-run cost", r.Cost.ShortRunCost, with-base)
		var gas *FuelChange
		for i := range r.Cost.Fuels {
			if r.Cost.Fuels[i].Fuel == "gas" {
				gas = &r.Cost.Fuels[i]
			}
		}
		if gas == nil {
			t.Fatal("no gas in the cost's fuels")
		}
		within(t, name+": carve-out's extra gas", gas.DeltaMWh, dGas)
	}
	_, _, freeGas := budgetCostExact([2]float64{1e9, 1e9}, mw)
	if !(dGas < freeGas*0.9) {
		t.Errorf("degenerate test: the carve-out's extra gas %v with the budget, %v without", dGas, freeGas)
	}
}

// TestBudgetMemory checks that the memory estimate counts the budgets'
// series: at least the extra withholding of each distinct load, by zone.
func TestBudgetMemory(t *testing.T) {
	est := func(gasJan float64) int64 {
		sc := budgetZonal(budgetScenario(gasJan, 20, 10))
		sc.Sweep.SizesMW = []float64{10, 30, 40}
		st, err := NewStudy(sc)
		if err != nil {
			t.Fatal(err)
		}
		return st.MemoryBytes(1)
	}
	with, without := est(100), est(-1)
	// 4 loads (the main case and 3 sizes) × (1 + 2 zones) series, times
	// 2 for the collector's headroom.
	if min := int64(2 * 8 * budgetHours * 4 * 3); with-without < min {
		t.Errorf("memory estimate %d bytes with budgets, %d without: want at least %d more", with, without, min)
	}
}

// TestBudgetWorkersAndShards checks that budgets that bind, with shocks,
// economics and a sweep, give the same report, byte for byte, on 1 and
// 2 workers and as 3 merged shards.
func TestBudgetWorkersAndShards(t *testing.T) {
	sc := budgetZonal(budgetScenario(12000, 20, 90))
	for i := range sc.Fleet {
		sc.Fleet[i].MTTFHours, sc.Fleet[i].MTTRHours = 300, 50
	}
	sc.FuelShocks = []FuelShock{{Fuel: "gas", RatePerYear: 3, CutMWhPerMonth: 3000, DurationMonths: 1}}
	sc.Sweep = Sweep{SizesMW: []float64{10, 30}, Sites: []string{"a", "b"}}
	sc.Economics = costEconomics()
	sc.Economics.Sweep = true
	encode := func(r *Report) string {
		t.Helper()
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	one := encode(runReport(t, sc, montecarlo.WithWorkers(1)))
	if two := encode(runReport(t, sc, montecarlo.WithWorkers(2))); two != one {
		t.Error("report differs between 1 and 2 workers")
	}
	if encode(runMerged(t, sc, 3)) != one {
		t.Error("report of 3 merged shards differs from the unsharded run")
	}
}
