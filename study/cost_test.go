package study

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// costUnits is a four-unit fleet in merit order: hydro at no cost, coal,
// gas and an oil peaker, with short repair times so that a few hundred
// hours see many states.
func costUnits() []grid.Unit {
	return []grid.Unit{
		{Name: "hydro", CapacityMW: 40, MTTFHours: 190, MTTRHours: 10, Fuel: "hydro"},
		{Name: "coal", CapacityMW: 60, MTTFHours: 180, MTTRHours: 20, CostPerMWh: 15000, CO2TPerMWh: 0.9, Fuel: "coal"},
		{Name: "ccgt", CapacityMW: 50, MTTFHours: 190, MTTRHours: 10, CostPerMWh: 22000, CO2TPerMWh: 0.35, Fuel: "gas"},
		{Name: "peaker", CapacityMW: 40, MTTFHours: 90, MTTRHours: 10, CostPerMWh: 30000, CO2TPerMWh: 0.7, Fuel: "oil"},
	}
}

// costEconomics is a set of prices for the tests, in rupees per MWh.
func costEconomics() *Economics {
	return &Economics{Currency: "PKR", PerUSD: 283, TariffPerMWh: 22980, PurchasePricePerMWh: 25980,
		ConsumerTariffPerMWh: 34010, VOLLPerMWh: 100000}
}

// costScenario is a copper-plate study of costUnits with a constant
// load, a firm carve-out of mw MW (always-running miners) and the test
// economics.
func costScenario(load float64, hours int, mw float64, trials int64) *Scenario {
	l := make([]float64, hours)
	for h := range l {
		l[h] = load
	}
	sc := &Scenario{Name: "cost", Hours: hours, Trials: trials, Seed: 11, Demand: demand.Model{Base: demand.Base{HourlyMW: l}},
		Carveout: Carveout{MW: mw, MiningShare: 1, Mining: mining.Defaults()}, Economics: costEconomics()}
	for _, u := range costUnits() {
		sc.Fleet = append(sc.Fleet, FleetUnit{Unit: u})
	}
	return sc
}

func runCost(t *testing.T, sc *Scenario, opts ...montecarlo.Option) *Report {
	t.Helper()
	r := runReport(t, sc, opts...)
	if r.Cost == nil {
		t.Fatal("no cost result")
	}
	return r
}

// runReport runs the study of sc and returns its report, failing the
// test on any error.
func runReport(t *testing.T, sc *Scenario, opts ...montecarlo.Option) *Report {
	t.Helper()
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Run(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return res.Report()
}

// runMerged runs the study of sc as n shards and returns the report of
// their merge, failing the test on any error.
func runMerged(t *testing.T, sc *Scenario, n int) *Report {
	t.Helper()
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	var shards []*Shard
	for i := range n {
		res, err := st.Run(context.Background(), montecarlo.WithShard(i, n))
		if err != nil {
			t.Fatal(err)
		}
		shards = append(shards, res.Shard())
	}
	merged, err := MergeShards(shards)
	if err != nil {
		t.Fatal(err)
	}
	return merged.Report()
}

// within checks that an estimate lies within 4 standard errors of want.
func within(t *testing.T, name string, e montecarlo.Estimate, want float64) {
	t.Helper()
	if z := (e.Mean - want) / e.SE; !(math.Abs(z) <= 4) {
		t.Errorf("%s = %.6g ± %.3g, exact %.6g (z = %.2f)", name, e.Mean, e.SE, want, z)
	} else {
		t.Logf("%s = %.6g ± %.3g, exact %.6g (z = %+.2f)", name, e.Mean, e.SE, want, z)
	}
}

// TestCostExact checks the study's dispatch against enumeration of the
// units' states: the baseline's expected fuel cost and CO₂, and the
// carve-out's short-run cost and extra CO₂ as the difference of two
// exact expectations (the load with and without a constant firm
// carve-out).
func TestCostExact(t *testing.T) {
	const hours, load, mw = 500, 100.0, 30.0
	sc := costScenario(load, hours, mw, 3000)
	r := runCost(t, sc)
	sys := func(l float64) *grid.System {
		s := &grid.System{Units: costUnits(), Load: make([]float64, hours), Currency: "PKR"}
		for h := range s.Load {
			s.Load[h] = l
		}
		return s
	}
	base, err := grid.DispatchExact(sys(load))
	if err != nil {
		t.Fatal(err)
	}
	with, err := grid.DispatchExact(sys(load + mw))
	if err != nil {
		t.Fatal(err)
	}
	c := r.Cost
	within(t, "baseline fuel cost", c.FuelCostBaseline, base.Cost)
	within(t, "fuel cost with", c.FuelCostWith, with.Cost)
	within(t, "short-run cost", c.ShortRunCost, with.Cost-base.Cost)
	within(t, "extra CO2", c.DeltaCO2T, with.CO2T-base.CO2T)
	// Served carve-out energy: the firm carve-out loses its pro-rata
	// share of each shortfall.
	within(t, "baseline EUE", r.Baseline.EUEMWh, base.UnservedMWh)
	if c.ShortRunCost.Mean <= 0 || c.DeltaCO2T.Mean <= 0 {
		t.Errorf("short-run cost %v, extra CO2 %v: want both > 0", c.ShortRunCost.Mean, c.DeltaCO2T.Mean)
	}
	// The accounting identities, trial by trial, hold for the means.
	tariff := sc.Economics.TariffPerMWh
	if d := c.Revenue.Mean - tariff*c.ServedMWh.Mean; math.Abs(d) > 1e-6*c.Revenue.Mean {
		t.Errorf("revenue %v, tariff × served %v", c.Revenue.Mean, tariff*c.ServedMWh.Mean)
	}
	if d := c.Margin.Mean - (c.Revenue.Mean - c.ShortRunCost.Mean); math.Abs(d) > 1e-6*math.Abs(c.Revenue.Mean) {
		t.Errorf("margin %v != revenue %v − short-run cost %v", c.Margin.Mean, c.Revenue.Mean, c.ShortRunCost.Mean)
	}
	if c.Subsidy.VsMarginalCost.Mean != -c.Margin.Mean {
		t.Errorf("subsidy vs marginal cost %v, margin %v", c.Subsidy.VsMarginalCost.Mean, c.Margin.Mean)
	}
	if d := c.Payers.OtherConsumers.Mean + c.Payers.CircularDebt.Mean - (c.Margin.Mean - c.VOLLCost.Mean); math.Abs(d) > 1e-6*math.Abs(c.Revenue.Mean) {
		t.Errorf("other consumers %v + circular debt %v != margin %v − VOLL cost %v", c.Payers.OtherConsumers.Mean,
			c.Payers.CircularDebt.Mean, c.Margin.Mean, c.VOLLCost.Mean)
	}
	sum := 0.0
	for _, m := range c.Months {
		sum += m.DeltaCost.Mean
	}
	if math.Abs(sum-c.ShortRunCost.Mean) > 1e-6*c.ShortRunCost.Mean {
		t.Errorf("months' cost changes add to %v, short-run cost %v", sum, c.ShortRunCost.Mean)
	}
	hb, hw := c.DurationCurve.ShortHoursBaseline, c.DurationCurve.ShortHoursWith
	if hb != r.Baseline.LOLEHours.Mean {
		t.Errorf("duration curve's short hours %v, baseline LOLE %v", hb, r.Baseline.LOLEHours.Mean)
	}
	if hw < hb {
		t.Errorf("short hours with the carve-out %v < without %v", hw, hb)
	}
}

// TestCostInvariants checks the paired invariants: no carve-out, no
// difference at all; the short-run cost grows with the carve-out's size
// on common random numbers; zero-cost surplus larger than the carve-out
// makes it free; and economics leave every reliability result as it was.
func TestCostInvariants(t *testing.T) {
	const hours = 400
	zero := runCost(t, costScenario(100, hours, 0, 300)).Cost
	for name, e := range map[string]montecarlo.Estimate{"short-run cost": zero.ShortRunCost, "extra CO2": zero.DeltaCO2T,
		"stranded": zero.StrandedMWh, "revenue": zero.Revenue, "VOLL cost": zero.VOLLCost} {
		if e.Mean != 0 || !(e.SE == 0 || math.IsNaN(e.SE)) {
			t.Errorf("no carve-out: %s = %v ± %v, want exactly 0", name, e.Mean, e.SE)
		}
	}
	prev := 0.0
	for _, mw := range []float64{10, 30, 60} {
		c := runCost(t, costScenario(100, hours, mw, 300)).Cost
		if c.ShortRunCost.Mean < prev {
			t.Errorf("%v MW: short-run cost %v below the smaller carve-out's %v", mw, c.ShortRunCost.Mean, prev)
		}
		prev = c.ShortRunCost.Mean
	}
	// Twenty small hydro units of 10 MW carry a 60 MW load and a 30 MW
	// carve-out unless eleven fail at once (FOR 1%): the carve-out
	// burns nothing.
	sc := costScenario(60, hours, 30, 300)
	sc.Fleet = append(sc.Fleet, FleetUnit{Unit: grid.Unit{Name: "run-of-river", CapacityMW: 10, Count: 20, MTTFHours: 990, MTTRHours: 10, Fuel: "hydro"}})
	free := runCost(t, sc).Cost
	if free.ShortRunCost.Mean != 0 || free.DeltaCO2T.Mean != 0 {
		t.Errorf("surplus hydro: short-run cost %v, extra CO2 %v, want 0", free.ShortRunCost.Mean, free.DeltaCO2T.Mean)
	}
	if math.Abs(free.StrandedMWh.Mean-free.ServedMWh.Mean) > 1e-6*free.ServedMWh.Mean {
		t.Errorf("surplus hydro: stranded %v MWh, want the carve-out's %v", free.StrandedMWh.Mean, free.ServedMWh.Mean)
	}
	// Reliability untouched by economics.
	with := runCost(t, costScenario(100, hours, 30, 300))
	plain := costScenario(100, hours, 30, 300)
	plain.Economics = nil
	pst, err := NewStudy(plain)
	if err != nil {
		t.Fatal(err)
	}
	pres, err := pst.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := pres.Report()
	with.Cost, with.Scenario, r.Scenario = nil, ScenarioRef{}, ScenarioRef{}
	a, _ := json.Marshal(with)
	b, _ := json.Marshal(r)
	if string(a) != string(b) {
		t.Error("economics changed the reliability results")
	}
}

// TestCostWorkersAndShards checks that the cost result is the same to
// the bit with one or two workers and from two merged shards.
func TestCostWorkersAndShards(t *testing.T) {
	sc := costScenario(100, 300, 30, 240)
	one := runCost(t, sc, montecarlo.WithWorkers(1))
	two := runCost(t, sc, montecarlo.WithWorkers(2))
	a, _ := json.Marshal(one.Cost)
	b, _ := json.Marshal(two.Cost)
	if string(a) != string(b) {
		t.Fatal("cost differs between 1 and 2 workers")
	}
	c, _ := json.Marshal(runMerged(t, sc, 2).Cost)
	if string(a) != string(c) {
		t.Fatal("cost of merged shards differs from the unsharded run")
	}
}

// TestCostStrandedBehindCorridor places a carve-out on either side of a
// binding corridor: the cheap zone's hydro, held back by the corridor,
// serves a carve-out there for nothing, while in the dear zone gas must
// run. The sweep dispatches both sites on the same draws, and its point
// for the main case's size and site equals the main case's cost.
func TestCostStrandedBehindCorridor(t *testing.T) {
	const hours = 300
	l := make([]float64, hours)
	for h := range l {
		l[h] = 150
	}
	sc := &Scenario{Name: "corridor", Hours: hours, Trials: 200, Seed: 3, Demand: demand.Model{Base: demand.Base{HourlyMW: l}},
		Carveout:   Carveout{MW: 30, MiningShare: 1, Mining: mining.Defaults(), Site: "cheap"},
		Zones:      []ZoneSpec{{Name: "cheap", LoadShare: []float64{0.2}}, {Name: "dear", LoadShare: []float64{0.8}}},
		Interfaces: []grid.Interface{{From: "cheap", To: "dear", Elements: []grid.Element{{Name: "corridor", ForwardMW: 50, BackwardMW: 50}}}},
		Sweep:      Sweep{SizesMW: []float64{30}, Sites: []string{"cheap", "dear"}},
		Economics:  costEconomics(),
	}
	sc.Economics.Sweep = true
	sc.Fleet = []FleetUnit{
		{Unit: grid.Unit{Name: "hydro", CapacityMW: 10, Count: 20, MTTFHours: 990, MTTRHours: 10, Fuel: "hydro", Zone: "cheap"}},
		{Unit: grid.Unit{Name: "gas", CapacityMW: 20, Count: 12, MTTFHours: 950, MTTRHours: 50, CostPerMWh: 20000, CO2TPerMWh: 0.4, Fuel: "gas", Zone: "dear"}},
	}
	r := runCost(t, sc)
	cheap, dear := r.Sweep[0], r.Sweep[1]
	if cheap.Cost == nil || dear.Cost == nil || dear.VsFirstSite == nil || dear.VsFirstSite.DiffShortRunCost == nil {
		t.Fatalf("sweep without costs: %+v", r.Sweep)
	}
	if cheap.Cost.ShortRunCost.Mean != 0 || r.Cost.ShortRunCost.Mean != 0 {
		t.Errorf("carve-out behind the corridor: short-run cost %v (main %v), want 0: the stranded hydro serves it",
			cheap.Cost.ShortRunCost.Mean, r.Cost.ShortRunCost.Mean)
	}
	if d := r.Cost.StrandedMWh.Mean - r.Cost.ServedMWh.Mean; math.Abs(d) > 1e-6*r.Cost.ServedMWh.Mean {
		t.Errorf("stranded %v MWh, want the carve-out's served %v", r.Cost.StrandedMWh.Mean, r.Cost.ServedMWh.Mean)
	}
	// In the dear zone every MWh the gas can make costs 20,000: the
	// short-run cost per MWh is the gas price.
	if got := dear.Cost.ShortRunCostPerMWh.Mean; math.Abs(got-20000) > 1e-6*20000 {
		t.Errorf("dear site: short-run cost %v per MWh, want the gas price 20000", got)
	}
	d := dear.VsFirstSite.DiffShortRunCost
	if !(d.Lo > 0) || math.Abs(d.Mean-dear.Cost.ShortRunCost.Mean) > 1e-6*d.Mean {
		t.Errorf("paired difference dear − cheap %v [%v, %v], want > 0 and equal to the dear site's cost %v", d.Mean, d.Lo, d.Hi, dear.Cost.ShortRunCost.Mean)
	}
}
