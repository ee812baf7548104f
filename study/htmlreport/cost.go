package htmlreport

import (
	"strconv"
	"strings"
	"time"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/study"
)

// costView is the page's section on what the carve-out costs; nil
// without a cost result.
type costView struct {
	Currency string
	PerUSD   string
	Horizon  string
	Measures table
	Payers   table
	Fuels    table
	Months   table
	Figures  []chartView
}

// costCharts are the charts shown in the cost section, in its order.
var costCharts = []string{"whopays", "duration", "emissions"}

// costLabels label the measures of [study.CostResult.Measures] on the
// page; {c} is the currency.
var costLabels = map[string]string{
	"fuel_cost_baseline":          "System fuel and variable cost without the carve-out",
	"fuel_cost_with":              "System fuel and variable cost with the carve-out",
	"short_run_cost":              "Short-run cost: the extra fuel and variable cost",
	"short_run_cost_per_mwh":      "Short-run cost per MWh the carve-out is served",
	"served_mwh":                  "Energy served to the carve-out (MWh)",
	"revenue":                     "Revenue at the carve-out's tariff",
	"margin":                      "Margin: revenue less short-run cost",
	"subsidy.vs_marginal_cost":    "Subsidy against marginal cost",
	"subsidy.vs_purchase_price":   "Subsidy against the average power purchase price",
	"subsidy.vs_consumer_tariff":  "Subsidy against the consumer tariff",
	"voll_cost":                   "Value of the other customers' extra lost load",
	"delta_co2_t":                 "Extra CO₂ (t)",
	"marginal_emission_t_per_mwh": "Extra CO₂ per MWh served (t/MWh)",
	"stranded_mwh":                "Extra energy from units cheaper than the tariff (MWh)",
	"miners_profit":               "Miners' profit: revenue less their energy bill",
	"payers.miners":               "Miners",
	"payers.other_consumers":      "Other consumers",
	"payers.circular_debt":        "Circular debt",
}

// costID is the page id of a measure.
func costID(name string) string {
	return "cost-" + strings.NewReplacer(".", "-", "_", "-").Replace(name)
}

// moneyRow is a row of an amount in the currency and in dollars, each
// with its interval.
func moneyRow(id, label string, e, usd montecarlo.Estimate, scale, usdScale float64, signed bool) []cell {
	f, u := format(e, scale, signed), format(usd, usdScale, signed)
	return []cell{{Text: label},
		{ID: id, Text: f.Value, Class: "num"}, {ID: id + "-ci", Text: f.Interval, Class: "num ci"},
		{ID: id + "-usd", Text: u.Value, Class: "num"}, {ID: id + "-usd-ci", Text: u.Interval, Class: "num ci"}}
}

// cost builds the cost section of r; nil without a cost result.
func cost(r *study.Report) *costView {
	c := r.Cost
	if c == nil {
		return nil
	}
	cur := c.Currency
	horizon := "a year"
	if r.Hours != 8760 && r.Hours > 0 {
		horizon = "a trial of " + count(int64(r.Hours)) + " h"
	}
	v := &costView{Currency: cur, PerUSD: number(c.PerUSD, decimals(c.PerUSD)), Horizon: horizon}
	head := []string{"measure", "estimate", "95% interval", "US dollars", "95% interval"}
	v.Measures = table{
		ID: "cost",
		Caption: "What the carve-out costs in " + horizon + " (paired: the system dispatched with and without the carve-out on the " +
			"same simulated years)",
		Note: "Amounts are in billions of " + cur + " and millions of US dollars, per MWh in " + cur + " and dollars, at " +
			v.PerUSD + " " + cur + " per dollar. A subsidy is positive when the carve-out pays less than the benchmark.",
		Head: head,
	}
	v.Payers = table{
		ID:      "payers",
		Caption: "Who gains (+) and who pays (−) in " + horizon,
		Note: "Accounting identities on each simulated year's own numbers, not forecasts of policy: who finally repays the " +
			"circular debt is outside the model.",
		Head: head,
	}
	for _, m := range c.Measures() {
		id, label := costID(m.Name), costLabels[m.Name]
		if label == "" {
			label = m.Name
		}
		t := &v.Measures
		if strings.HasPrefix(m.Name, "payers.") {
			t = &v.Payers
		}
		switch {
		case !m.Money:
			f := format(m.Estimate, 1, false)
			t.Rows = append(t.Rows, []cell{{Text: label}, {ID: id, Text: f.Value, Class: "num"},
				{ID: id + "-ci", Text: f.Interval, Class: "num ci"}, {Text: "", Class: "num"}, {Text: "", Class: "num"}})
		case strings.HasSuffix(m.Unit, "/MWh"):
			t.Rows = append(t.Rows, moneyRow(id, label+" ("+cur+"/MWh; USD/MWh)", m.Estimate, c.USD(m.Estimate), 1, 1, false))
		default:
			t.Rows = append(t.Rows, moneyRow(id, label+" (billion "+cur+"; million USD)", m.Estimate, c.USD(m.Estimate), 1e-9, 1e-6,
				t == &v.Payers))
		}
	}
	v.Fuels = table{
		ID:      "cost-fuels",
		Caption: "Where the carve-out's energy comes from: the change in each fuel group in " + horizon,
		Head:    []string{"fuel", "energy (MWh)", "CO₂ (t)"},
	}
	for i, f := range c.Fuels {
		id := "cost-fuel-" + strconv.Itoa(i)
		v.Fuels.Rows = append(v.Fuels.Rows, []cell{{Text: f.Fuel, ID: id + "-name"},
			est(id+"-mwh", format(f.DeltaMWh, 1, true), ""), est(id+"-co2", format(f.DeltaCO2T, 1, true), "")})
	}
	v.Months = table{
		ID:      "cost-months",
		Caption: "By month: the change in system cost and dispatched energy, and their ratio",
		Note:    "The marginal cost of a month's extra energy is the ratio of the month's expected changes.",
		Head:    []string{"month", "cost (million " + cur + ")", "energy (MWh)", "marginal cost (" + cur + "/MWh)"},
	}
	for _, m := range c.Months {
		id := "cost-month-" + strconv.Itoa(m.Month)
		v.Months.Rows = append(v.Months.Rows, []cell{{Text: time.Month(m.Month).String()},
			est(id+"-cost", format(m.DeltaCost, 1e-6, true), ""), est(id+"-mwh", format(m.DeltaMWh, 1, true), ""),
			est(id+"-mc", format(m.MarginalCostPerMWh, 1, false), "")})
	}
	return v
}
