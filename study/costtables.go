package study

import (
	"io"
	"strconv"

	"github.com/carveout/carveout/montecarlo"
)

// CostMeasure is one estimate of a [CostResult] as the cost table lists
// it: its name (the JSON path in the report, such as
// "subsidy.vs_purchase_price"), its unit and whether it is an amount of
// money (then it is also given in US dollars).
type CostMeasure struct {
	Name     string
	Unit     string
	Money    bool
	Estimate montecarlo.Estimate
}

// Measures lists the result's estimates in the order of the cost table
// ([Report.WriteCostCSV]): the system's fuel cost without and with the
// carve-out, the short-run cost (and per MWh), the served energy, revenue,
// margin, the three subsidies, the VOLL cost, the extra CO₂ (and per
// MWh), the stranded energy, the miners' profit and the three payers.
func (c *CostResult) Measures() []CostMeasure {
	cur := c.Currency
	yr := cur + "/yr"
	return []CostMeasure{
		{"fuel_cost_baseline", yr, true, c.FuelCostBaseline},
		{"fuel_cost_with", yr, true, c.FuelCostWith},
		{"short_run_cost", yr, true, c.ShortRunCost},
		{"short_run_cost_per_mwh", cur + "/MWh", true, c.ShortRunCostPerMWh},
		{"served_mwh", "MWh/yr", false, c.ServedMWh},
		{"revenue", yr, true, c.Revenue},
		{"margin", yr, true, c.Margin},
		{"subsidy.vs_marginal_cost", yr, true, c.Subsidy.VsMarginalCost},
		{"subsidy.vs_purchase_price", yr, true, c.Subsidy.VsPurchasePrice},
		{"subsidy.vs_consumer_tariff", yr, true, c.Subsidy.VsConsumerTariff},
		{"voll_cost", yr, true, c.VOLLCost},
		{"delta_co2_t", "t/yr", false, c.DeltaCO2T},
		{"marginal_emission_t_per_mwh", "t/MWh", false, c.MarginalEmissionTPerMWh},
		{"stranded_mwh", "MWh/yr", false, c.StrandedMWh},
		{"miners_profit", yr, true, c.MinersProfit},
		{"payers.miners", yr, true, c.Payers.Miners},
		{"payers.other_consumers", yr, true, c.Payers.OtherConsumers},
		{"payers.circular_debt", yr, true, c.Payers.CircularDebt},
	}
}

// The cost tables are written only for a report with [Report.Cost];
// without it each writes only its header.

// WriteCostCSV writes [Report.Cost] as CSV, a row per measure of
// [CostResult.Measures]: measure (its JSON path), unit (per trial-year,
// in the report's currency), the estimate in four columns (estimate,
// estimate_se, estimate_lo, estimate_hi) and, for an amount of money,
// the same in US dollars at the report's exchange rate (usd, usd_se,
// usd_lo, usd_hi; empty for energy and CO₂).
func (r *Report) WriteCostCSV(w io.Writer) error {
	rows := [][]string{estimateColumns([]string{"measure", "unit"}, "estimate", "usd")}
	if c := r.Cost; c != nil {
		for _, m := range c.Measures() {
			row := appendEstimates([]string{m.Name, m.Unit}, m.Estimate)
			if m.Money {
				row = appendEstimates(row, c.USD(m.Estimate))
			} else {
				row = append(row, "", "", "", "")
			}
			rows = append(rows, row)
		}
	}
	return writeCSV(w, rows)
}

// WriteCostFuelsCSV writes [CostResult.Fuels] as CSV: a row per fuel
// group with the change, with minus without the carve-out, in its energy
// (delta_mwh, MWh a year) and CO₂ (delta_co2_t, t a year).
func (r *Report) WriteCostFuelsCSV(w io.Writer) error {
	rows := [][]string{estimateColumns([]string{"fuel"}, "delta_mwh", "delta_co2_t")}
	if c := r.Cost; c != nil {
		for _, f := range c.Fuels {
			rows = append(rows, appendEstimates([]string{f.Fuel}, f.DeltaMWh, f.DeltaCO2T))
		}
	}
	return writeCSV(w, rows)
}

// WriteCostMonthsCSV writes [CostResult.Months] as CSV: a row per month
// (1 = January) with the change in the system's cost (delta_cost, in the
// report's currency, and delta_cost_usd), in dispatched energy
// (delta_mwh) and their ratio, the marginal cost of the month's extra
// energy (marginal_cost_per_mwh, currency per MWh).
func (r *Report) WriteCostMonthsCSV(w io.Writer) error {
	rows := [][]string{estimateColumns([]string{"month"}, "delta_cost", "delta_cost_usd", "delta_mwh", "marginal_cost_per_mwh")}
	if c := r.Cost; c != nil {
		for _, m := range c.Months {
			rows = append(rows, appendEstimates([]string{strconv.Itoa(m.Month)},
				m.DeltaCost, c.USD(m.DeltaCost), m.DeltaMWh, m.MarginalCostPerMWh))
		}
	}
	return writeCSV(w, rows)
}

// WriteDurationCurveCSV writes [CostResult.DurationCurve] as CSV: a row
// per marginal price (price_per_mwh, ascending, in the report's
// currency) with the expected hours a year at that price without
// (hours_baseline) and with the carve-out (hours_with), and the
// cumulative hours at that price or dearer (cum_hours_baseline,
// cum_hours_with): the duration curve's x at each price.
func (r *Report) WriteDurationCurveCSV(w io.Writer) error {
	rows := [][]string{{"price_per_mwh", "hours_baseline", "hours_with", "cum_hours_baseline", "cum_hours_with"}}
	if c := r.Cost; c != nil {
		d := &c.DurationCurve
		cb, cw := DurationCumulative(d.HoursBaseline), DurationCumulative(d.HoursWith)
		for i, p := range d.PricesPerMWh {
			rows = append(rows, []string{formatNumber(p), formatNumber(d.HoursBaseline[i]), formatNumber(d.HoursWith[i]),
				formatNumber(cb[i]), formatNumber(cw[i])})
		}
	}
	return writeCSV(w, rows)
}

// DurationCumulative returns, for hours at ascending prices, the hours
// at each price or dearer: the sum from the dearest price down to it,
// summed in that order.
func DurationCumulative(hours []float64) []float64 {
	cum := make([]float64, len(hours))
	s := 0.0
	for i := len(hours) - 1; i >= 0; i-- {
		s += hours[i]
		cum[i] = s
	}
	return cum
}
