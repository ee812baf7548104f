package charts

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/study"
)

// Groups of the bars of the "whopays" chart.
const (
	groupCost    = "cost and revenue"
	groupSubsidy = "subsidy (+: pays less than the benchmark)"
	groupLost    = "value of the other customers' lost load"
	groupPayers  = "who gains (+) or pays (−)"
)

// WhoPaysBars returns the bars of the "whopays" chart of a cost result,
// in billions of its currency per trial-year, top to bottom: the
// short-run cost, revenue and margin; the subsidy against marginal cost,
// purchase price and consumer tariff; the VOLL cost; and the three
// payers — miners, other consumers and the circular debt.
func WhoPaysBars(c *study.CostResult) []plots.EstimateBar {
	const billion = 1e-9
	b := func(label, group string, e montecarlo.Estimate) plots.EstimateBar {
		return plots.EstimateBar{Label: label, Group: group, Estimate: e.Scale(billion)}
	}
	return []plots.EstimateBar{
		b("short-run cost", groupCost, c.ShortRunCost),
		b("revenue", groupCost, c.Revenue),
		b("margin", groupCost, c.Margin),
		b("subsidy vs marginal cost", groupSubsidy, c.Subsidy.VsMarginalCost),
		b("subsidy vs purchase price", groupSubsidy, c.Subsidy.VsPurchasePrice),
		b("subsidy vs consumer tariff", groupSubsidy, c.Subsidy.VsConsumerTariff),
		b("VOLL cost", groupLost, c.VOLLCost),
		b("miners", groupPayers, c.Payers.Miners),
		b("other consumers", groupPayers, c.Payers.OtherConsumers),
		b("circular debt", groupPayers, c.Payers.CircularDebt),
	}
}

// perYear is the unit of a per-trial amount: "a year" for a study of
// 8,760 hours, else "per trial of n h".
func perYear(r *study.Report) string {
	if r.Hours == 0 || r.Hours == 8760 {
		return "a year"
	}
	return "per trial of " + comma(float64(r.Hours)) + " h"
}

// costCharts adds the charts of the report's cost to add: "whopays" and
// "duration" when the report has a cost, "emissions" when some sweep
// point has one.
func costCharts(r *study.Report, add func(string, plots.Chart, ...string)) error {
	if c := r.Cost; c != nil {
		p, err := plots.EstimateBars(WhoPaysBars(c),
			fmt.Sprintf("What the %s carve-out costs, and who pays", mw(r.CarveoutMW)), "billion "+c.Currency+" "+perYear(r))
		if err != nil {
			return err
		}
		usd := c.USD(c.ShortRunCost)
		add("whopays", p,
			fmt.Sprintf("In US dollars at %s %s per dollar, 1 billion %s is %s million USD (the short-run cost, %s billion %s, is %s million USD); "+
				"cost.csv and the HTML report give every amount in both.",
				strconv.FormatFloat(c.PerUSD, 'g', 6, 64), c.Currency, c.Currency, strconv.FormatFloat(1e3/c.PerUSD, 'g', 3, 64),
				strconv.FormatFloat(c.ShortRunCost.Mean*1e-9, 'g', 4, 64), c.Currency, strconv.FormatFloat(usd.Mean*1e-6, 'g', 4, 64)),
			"Whiskers are 95% intervals over the simulated years. The margin is revenue less short-run cost; a positive margin "+
				"relieves the other consumers of capacity charges, a negative one is cost no tariff recovers, carried by the circular debt.")
		d := &c.DurationCurve
		if len(d.PricesPerMWh) > 0 && (slices.ContainsFunc(d.HoursBaseline, pos) || slices.ContainsFunc(d.HoursWith, pos)) {
			p, err := plots.DurationChart(d.PricesPerMWh, []plots.DurationSeries{
				{Label: "without the carve-out", Hours: d.HoursBaseline},
				{Label: "with the carve-out", Hours: d.HoursWith},
			}, "Marginal-cost duration curve, without and with the "+mw(r.CarveoutMW)+" carve-out",
				"hours "+perYear(r)+" at this marginal price or dearer", "marginal price ("+c.Currency+"/MWh)")
			if err != nil {
				return err
			}
			add("duration", p, fmt.Sprintf("An hour's marginal price is the cost of the dearest unit dispatched anywhere in the network; "+
				"hours with shortfall (%s h without the carve-out, %s h with it) are counted at theirs. Mean hours over the simulated years.",
				strconv.FormatFloat(d.ShortHoursBaseline, 'g', 3, 64), strconv.FormatFloat(d.ShortHoursWith, 'g', 3, 64)))
		}
	}
	if series := EmissionSeries(r.Sweep); len(series) > 0 {
		p, err := plots.EstimateCurves(series, "Extra CO2 by carve-out size", "carve-out (MW)", "extra CO2 (t "+perYear(r)+")")
		if err != nil {
			return err
		}
		add("emissions", p, "The system's CO2 with the carve-out less without it, on the same simulated years; shading is the 95% interval.")
	}
	return nil
}

func pos(x float64) bool { return x > 0 }

// EmissionSeries returns the extra CO₂ of the sweep's points that have a
// cost, one series per policy, and per site when there are several
// ("policy at site"), in order of first appearance, sizes ascending (a
// size given twice is drawn once, from the first): the series of the
// "emissions" chart. It returns none when no point has a cost.
func EmissionSeries(points []study.SweepPoint) []plots.CurveSeries {
	sites := map[string]bool{}
	for _, p := range points {
		if p.Cost != nil {
			sites[p.Site] = true
		}
	}
	var series []plots.CurveSeries
	idx := map[string]int{}
	for _, p := range points {
		if p.Cost == nil {
			continue
		}
		label := p.Policy
		if len(sites) > 1 {
			label += " at " + p.Site
		}
		i, ok := idx[label]
		if !ok {
			i = len(series)
			idx[label] = i
			series = append(series, plots.CurveSeries{Label: label})
		}
		s := &series[i]
		k, found := slices.BinarySearch(s.X, p.MW)
		if found {
			continue
		}
		s.X = slices.Insert(s.X, k, p.MW)
		s.Y = slices.Insert(s.Y, k, p.Cost.DeltaCO2T)
	}
	return series
}
