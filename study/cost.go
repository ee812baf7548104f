package study

import (
	"fmt"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// CostResult is what the carve-out costs and who carries it, per
// trial-year, from economic dispatch of every hour of every trial for
// the baseline and the carve-out on the same draws (common random
// numbers): each estimate is the mean of per-trial paired values, with
// its standard error and 95% interval. Money is in Currency; [CostResult.USD]
// converts an estimate at the stated exchange rate. Signs: a cost is
// positive; in Payers a gain is positive and a burden negative.
//
// The accounting, per trial (E the carve-out's served energy, MWh):
//
//   - ShortRunCost = fuel and variable cost of the whole system with the
//     carve-out − without: what serving the carve-out burns.
//   - Revenue = tariff × E: what the carve-out pays.
//   - Margin = Revenue − ShortRunCost: what is left toward the fixed
//     (capacity) costs the system pays anyway; negative when the tariff
//     does not cover the fuel.
//   - Subsidy, three ways: against short-run marginal cost
//     (ShortRunCost − Revenue = −Margin), against the average power
//     purchase price including capacity charges (price × E − Revenue),
//     against the full consumer tariff (tariff × E − Revenue). The first
//     is the Power Division's yardstick, the second the IMF's.
//   - VOLLCost = value of lost load × the other customers' extra
//     unserved energy (ΔEUE).
//   - DeltaCO2T = the system's CO₂ with − without, and
//     MarginalEmissionTPerMWh = ΣΔCO₂/ΣE (a ratio of expectations).
//   - StrandedMWh = the extra energy dispatched from units whose
//     marginal cost is below the carve-out's tariff: cheap energy (spilled
//     hydro, wind and solar, idle coal, or energy the corridor had
//     stranded) that now serves the carve-out.
//   - MinersProfit = the miners' revenue (hashprice, in dollars, at
//     PerUSD) − tariff × the miners' served energy.
//
// Payers splits the money by who carries it: the miners keep their
// profit; a positive margin relieves other consumers of that much of the
// capacity charges socialised through the uniform tariff; a negative
// margin is cost no tariff recovers, which flows into the circular debt;
// and other consumers bear the value of the load they lose. These are
// accounting identities on the trial's own numbers, not forecasts of
// policy: who finally repays the circular debt (consumers through
// surcharges, or taxpayers) is outside the model.
type CostResult struct {
	// Currency is the currency of every amount ([Economics.Currency]);
	// PerUSD its exchange rate.
	Currency string  `json:"currency"`
	PerUSD   float64 `json:"per_usd"`
	// FuelCostBaseline and FuelCostWith are the system's fuel and
	// variable cost per trial-year without and with the carve-out.
	FuelCostBaseline montecarlo.Estimate `json:"fuel_cost_baseline"`
	FuelCostWith     montecarlo.Estimate `json:"fuel_cost_with"`
	// ShortRunCost is the paired difference, the carve-out's short-run
	// cost; ShortRunCostPerMWh divides it by the carve-out's served
	// energy (a ratio of expectations).
	ShortRunCost       montecarlo.Estimate `json:"short_run_cost"`
	ShortRunCostPerMWh montecarlo.Estimate `json:"short_run_cost_per_mwh"`
	// ServedMWh is the carve-out's served energy per trial-year.
	ServedMWh montecarlo.Estimate `json:"served_mwh"`
	// Revenue is the carve-out's payment at its tariff.
	Revenue montecarlo.Estimate `json:"revenue"`
	// Margin is Revenue − ShortRunCost.
	Margin montecarlo.Estimate `json:"margin"`
	// Subsidy is measured against three benchmarks.
	Subsidy Subsidy `json:"subsidy"`
	// VOLLCost is the value of the other customers' extra lost load.
	VOLLCost montecarlo.Estimate `json:"voll_cost"`
	// DeltaCO2T is the extra CO₂ per trial-year, in tonnes, and
	// MarginalEmissionTPerMWh per MWh of the carve-out's served energy.
	DeltaCO2T               montecarlo.Estimate `json:"delta_co2_t"`
	MarginalEmissionTPerMWh montecarlo.Estimate `json:"marginal_emission_t_per_mwh"`
	// StrandedMWh is the extra energy from units cheaper than the tariff.
	StrandedMWh montecarlo.Estimate `json:"stranded_mwh"`
	// MinersProfit is the miners' revenue less their energy bill; zero
	// without miners.
	MinersProfit montecarlo.Estimate `json:"miners_profit"`
	// Payers is who gains and who pays.
	Payers Payers `json:"payers"`
	// Fuels is the change in energy and CO₂ of each fuel group.
	Fuels []FuelChange `json:"fuels"`
	// Months is the change in cost and energy of each month, January
	// first.
	Months []MonthCost `json:"months"`
	// DurationCurve is the expected number of hours a year at each
	// marginal price, without and with the carve-out.
	DurationCurve DurationCurve `json:"duration_curve"`
}

// Subsidy is the carve-out's subsidy per trial-year against three
// benchmarks: what its energy would cost at each, less what it pays.
// Positive means the carve-out pays less than the benchmark.
type Subsidy struct {
	// VsMarginalCost is ShortRunCost − Revenue.
	VsMarginalCost montecarlo.Estimate `json:"vs_marginal_cost"`
	// VsPurchasePrice is the average power purchase price (capacity
	// charges included) × served energy − Revenue.
	VsPurchasePrice montecarlo.Estimate `json:"vs_purchase_price"`
	// VsConsumerTariff is the full consumer tariff × served energy −
	// Revenue.
	VsConsumerTariff montecarlo.Estimate `json:"vs_consumer_tariff"`
}

// Payers is who gains (positive) and who pays (negative), per
// trial-year, in the currency of the result.
type Payers struct {
	// Miners is the miners' profit.
	Miners montecarlo.Estimate `json:"miners"`
	// OtherConsumers is the capacity charges a positive margin relieves
	// them of, less the value of the load they lose.
	OtherConsumers montecarlo.Estimate `json:"other_consumers"`
	// CircularDebt is minus the cost the tariff leaves unrecovered (a
	// negative margin).
	CircularDebt montecarlo.Estimate `json:"circular_debt"`
}

// FuelChange is the change, with minus without the carve-out, in one
// fuel group's energy (MWh) and CO₂ (t) per trial-year.
type FuelChange struct {
	Fuel      string              `json:"fuel"`
	DeltaMWh  montecarlo.Estimate `json:"delta_mwh"`
	DeltaCO2T montecarlo.Estimate `json:"delta_co2_t"`
}

// MonthCost is one month's change in system cost and dispatched energy
// per trial-year, and their ratio, the marginal cost of the month's extra
// energy (in Currency per MWh).
type MonthCost struct {
	Month              int                 `json:"month"` // 1 = January
	DeltaCost          montecarlo.Estimate `json:"delta_cost"`
	DeltaMWh           montecarlo.Estimate `json:"delta_mwh"`
	MarginalCostPerMWh montecarlo.Estimate `json:"marginal_cost_per_mwh"`
}

// DurationCurve is the expected hours a year at each marginal price:
// sorted from the dearest price down, the cumulative hours draw the
// marginal-cost duration curve. An hour's marginal price is the cost of
// the dearest unit dispatched anywhere in the network; an hour with
// shortfall, in which every unit that can reach load runs, is counted at
// its marginal price and also among the short hours.
type DurationCurve struct {
	// PricesPerMWh are the distinct marginal prices, ascending.
	PricesPerMWh []float64 `json:"prices_per_mwh"`
	// HoursBaseline[i] and HoursWith[i] are the expected hours a year
	// at PricesPerMWh[i], without and with the carve-out.
	HoursBaseline []float64 `json:"hours_baseline"`
	HoursWith     []float64 `json:"hours_with"`
	// ShortHoursBaseline and ShortHoursWith are the expected hours a
	// year with shortfall.
	ShortHoursBaseline float64 `json:"short_hours_baseline"`
	ShortHoursWith     float64 `json:"short_hours_with"`
}

// USD converts an amount in the result's currency to US dollars at its
// exchange rate (the interval scales with it).
func (c *CostResult) USD(e montecarlo.Estimate) montecarlo.Estimate {
	return e.Scale(1 / c.PerUSD)
}

// costOutcome is one trial's dispatch of a case and its baseline, filled
// by the trial's dispatch pass.
type costOutcome struct {
	baseCost, withCost float64
	baseCO2, withCO2   float64
	baseFuel, withFuel []float64 // MWh by fuel group
	fuelCO2            []float64 // with − without, t, by fuel group
	monthCost          [12]float64
	monthMWh           [12]float64 // dispatched energy, with − without
	baseHours          []int64     // hours at each price index, then idle hours, then short hours
	withHours          []int64
	strandedMWh        float64
}

// costAcc accumulates [CostResult] for the main case.
type costAcc struct {
	BaseCost   montecarlo.Mean      `json:"base_cost"`
	WithCost   montecarlo.Mean      `json:"with_cost"`
	ShortRun   montecarlo.Mean      `json:"short_run"`
	PerMWh     montecarlo.Ratio     `json:"per_mwh"`
	Served     montecarlo.Mean      `json:"served"`
	Revenue    montecarlo.Mean      `json:"revenue"`
	Margin     montecarlo.Mean      `json:"margin"`
	VsPurchase montecarlo.Mean      `json:"vs_purchase"`
	VsTariff   montecarlo.Mean      `json:"vs_tariff"`
	VOLL       montecarlo.Mean      `json:"voll"`
	CO2        montecarlo.Mean      `json:"co2"`
	Emission   montecarlo.Ratio     `json:"emission"`
	Stranded   montecarlo.Mean      `json:"stranded"`
	Profit     montecarlo.Mean      `json:"profit"`
	Others     montecarlo.Mean      `json:"others"`
	Debt       montecarlo.Mean      `json:"debt"`
	FuelMWh    []montecarlo.Mean    `json:"fuel_mwh"`
	FuelCO2    []montecarlo.Mean    `json:"fuel_co2"`
	MonthCost  [12]montecarlo.Mean  `json:"month_cost"`
	MonthMWh   [12]montecarlo.Mean  `json:"month_mwh"`
	MonthRatio [12]montecarlo.Ratio `json:"month_ratio"`
	HoursBase  []int64              `json:"hours_base"`
	HoursWith  []int64              `json:"hours_with"`
}

// costSpec is what the accumulator needs of the study: prices, fuels
// and price levels.
type costSpec struct {
	econ     Economics
	fuels    []string
	prices   []float64
	disp     *grid.Dispatch
	plate    bool  // a copper plate, dispatched on its own one-zone network
	tierFuel []int // each tier's index in fuels
}

func newCostAcc(cs *costSpec) *costAcc {
	return &costAcc{
		FuelMWh:   make([]montecarlo.Mean, len(cs.fuels)),
		FuelCO2:   make([]montecarlo.Mean, len(cs.fuels)),
		HoursBase: make([]int64, len(cs.prices)+2),
		HoursWith: make([]int64, len(cs.prices)+2),
	}
}

// add records one trial of the main case: its dispatch c and its
// outcome o (served energy, ΔEUE, the miners).
func (a *costAcc) add(cs *costSpec, c *costOutcome, o *outcome) {
	e := &cs.econ
	src := c.withCost - c.baseCost
	served := o.servedMWh
	rev := e.TariffPerMWh * served
	margin := rev - src
	voll := e.VOLLPerMWh * o.deltaEUE()
	a.BaseCost.Add(c.baseCost)
	a.WithCost.Add(c.withCost)
	a.ShortRun.Add(src)
	a.PerMWh.Add(src, served)
	a.Served.Add(served)
	a.Revenue.Add(rev)
	a.Margin.Add(margin)
	a.VsPurchase.Add(e.PurchasePricePerMWh*served - rev)
	a.VsTariff.Add(e.ConsumerTariffPerMWh*served - rev)
	a.VOLL.Add(voll)
	dCO2 := c.withCO2 - c.baseCO2
	a.CO2.Add(dCO2)
	a.Emission.Add(dCO2, served)
	a.Stranded.Add(c.strandedMWh)
	profit := 0.0
	if o.minerFullMWh > 0 {
		profit = o.minerRevenueUSD*e.PerUSD - e.TariffPerMWh*o.minerMWh
	}
	a.Profit.Add(profit)
	a.Others.Add(max(margin, 0) - voll)
	a.Debt.Add(min(margin, 0))
	for k := range a.FuelMWh {
		a.FuelMWh[k].Add(c.withFuel[k] - c.baseFuel[k])
		a.FuelCO2[k].Add(c.fuelCO2[k])
	}
	for m := range a.MonthCost {
		a.MonthCost[m].Add(c.monthCost[m])
		a.MonthMWh[m].Add(c.monthMWh[m])
		a.MonthRatio[m].Add(c.monthCost[m], c.monthMWh[m])
	}
	for k := range a.HoursBase {
		a.HoursBase[k] += c.baseHours[k]
		a.HoursWith[k] += c.withHours[k]
	}
}

// namedMean is an accumulator with its JSON name, for merge and check.
type namedMean struct {
	name string
	m    *montecarlo.Mean
}

// means lists every per-trial accumulator with its JSON name.
func (a *costAcc) means() []namedMean {
	l := []namedMean{{"base_cost", &a.BaseCost}, {"with_cost", &a.WithCost}, {"short_run", &a.ShortRun}, {"served", &a.Served},
		{"revenue", &a.Revenue}, {"margin", &a.Margin}, {"vs_purchase", &a.VsPurchase}, {"vs_tariff", &a.VsTariff},
		{"voll", &a.VOLL}, {"co2", &a.CO2}, {"stranded", &a.Stranded}, {"profit", &a.Profit}, {"others", &a.Others},
		{"debt", &a.Debt}}
	for k := range a.FuelMWh {
		l = append(l, namedMean{fmt.Sprintf("fuel_mwh[%d]", k), &a.FuelMWh[k]}, namedMean{fmt.Sprintf("fuel_co2[%d]", k), &a.FuelCO2[k]})
	}
	for m := range a.MonthCost {
		l = append(l, namedMean{fmt.Sprintf("month_cost[%d]", m), &a.MonthCost[m]}, namedMean{fmt.Sprintf("month_mwh[%d]", m), &a.MonthMWh[m]})
	}
	return l
}

// ratios lists the ratio accumulators with their JSON names.
func (a *costAcc) ratios() map[string]*montecarlo.Ratio {
	r := map[string]*montecarlo.Ratio{"per_mwh": &a.PerMWh, "emission": &a.Emission}
	for m := range a.MonthRatio {
		r[fmt.Sprintf("month_ratio[%d]", m)] = &a.MonthRatio[m]
	}
	return r
}

func (a *costAcc) merge(o *costAcc) error {
	if o == nil || len(o.FuelMWh) != len(a.FuelMWh) || len(o.FuelCO2) != len(a.FuelCO2) ||
		len(o.HoursBase) != len(a.HoursBase) || len(o.HoursWith) != len(a.HoursWith) {
		return fmt.Errorf("cost: states of different shapes")
	}
	om := o.means()
	for i, x := range a.means() {
		if err := x.m.Merge(om[i].m); err != nil {
			return input.In(err, x.name)
		}
	}
	or := o.ratios()
	for name, r := range a.ratios() {
		if err := r.Merge(or[name]); err != nil {
			return input.In(err, name)
		}
	}
	for k := range a.HoursBase {
		a.HoursBase[k] += o.HoursBase[k]
		a.HoursWith[k] += o.HoursWith[k]
	}
	return nil
}

// check checks a decoded accumulator's shape and counts against the
// study's.
func (a *costAcc) check(cs *costSpec, hours int, done int64) error {
	if len(a.FuelMWh) != len(cs.fuels) || len(a.FuelCO2) != len(cs.fuels) {
		return input.Field("fuel_mwh", fmt.Sprintf("%d fuels", len(a.FuelMWh)), fmt.Sprintf("%d, the dispatch's fuel groups", len(cs.fuels)))
	}
	for _, h := range []struct {
		name string
		v    []int64
	}{{"hours_base", a.HoursBase}, {"hours_with", a.HoursWith}} {
		np := len(cs.prices)
		if len(h.v) != np+2 {
			return input.Field(h.name, fmt.Sprintf("%d counts", len(h.v)), fmt.Sprintf("%d: the dispatch's prices, idle and short hours", np+2))
		}
		total := int64(0)
		for k, n := range h.v {
			if n < 0 {
				return input.Field(h.name, n, ">= 0 hours")
			}
			if k <= np {
				total += n
			}
		}
		if want := done * int64(hours); total != want {
			return input.Field(h.name, fmt.Sprintf("%d hours in all", total), fmt.Sprintf("%d, every hour of the %d trials done", want, done))
		}
	}
	for _, x := range a.means() {
		if err := checkN(x.name, x.m.Count, done); err != nil {
			return err
		}
	}
	for name, r := range a.ratios() {
		if err := checkN(name, r.Count, done); err != nil {
			return err
		}
	}
	return nil
}

// finalize returns the result of the trials recorded.
func (a *costAcc) finalize(cs *costSpec, done int64) *CostResult {
	r := &CostResult{
		Currency:                cs.econ.Currency,
		PerUSD:                  cs.econ.PerUSD,
		FuelCostBaseline:        a.BaseCost.Estimate(),
		FuelCostWith:            a.WithCost.Estimate(),
		ShortRunCost:            a.ShortRun.Estimate(),
		ShortRunCostPerMWh:      a.PerMWh.Estimate(),
		ServedMWh:               a.Served.Estimate(),
		Revenue:                 a.Revenue.Estimate(),
		Margin:                  a.Margin.Estimate(),
		VOLLCost:                a.VOLL.Estimate(),
		DeltaCO2T:               a.CO2.Estimate(),
		MarginalEmissionTPerMWh: a.Emission.Estimate(),
		StrandedMWh:             a.Stranded.Estimate(),
		MinersProfit:            a.Profit.Estimate(),
	}
	r.Subsidy = Subsidy{
		VsMarginalCost:   a.Margin.Estimate().Scale(-1),
		VsPurchasePrice:  a.VsPurchase.Estimate(),
		VsConsumerTariff: a.VsTariff.Estimate(),
	}
	r.Payers = Payers{Miners: r.MinersProfit, OtherConsumers: a.Others.Estimate(), CircularDebt: a.Debt.Estimate()}
	for k, f := range cs.fuels {
		r.Fuels = append(r.Fuels, FuelChange{Fuel: f, DeltaMWh: a.FuelMWh[k].Estimate(), DeltaCO2T: a.FuelCO2[k].Estimate()})
	}
	for m := range a.MonthCost {
		r.Months = append(r.Months, MonthCost{Month: m + 1, DeltaCost: a.MonthCost[m].Estimate(),
			DeltaMWh: a.MonthMWh[m].Estimate(), MarginalCostPerMWh: a.MonthRatio[m].Estimate()})
	}
	dc := DurationCurve{PricesPerMWh: append([]float64(nil), cs.prices...)}
	n := float64(done)
	for k := range cs.prices {
		dc.HoursBaseline = append(dc.HoursBaseline, float64(a.HoursBase[k])/n)
		dc.HoursWith = append(dc.HoursWith, float64(a.HoursWith[k])/n)
	}
	np := len(cs.prices)
	dc.ShortHoursBaseline = float64(a.HoursBase[np+1]) / n
	dc.ShortHoursWith = float64(a.HoursWith[np+1]) / n
	r.DurationCurve = dc
	return r
}
