package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
)

// costSite is the economics of the carve-out at one site: the report of
// a run with that site as the main case.
type costSite struct {
	site string
	r    *study.Report
}

// costSizes are the sizes of the cost runs' sweep, for the emissions by
// site and size.
var costSizes = []float64{1000, 2000, 3000, 4000}

// cost runs the economics of base's carve-out at each candidate site with
// trials trial-years on base's seed: every hour dispatched in merit order
// for the baseline and the carve-out on the same draws. The first site's
// run also dispatches a sweep of sizes at every site (firm policy), for
// the emissions by site and size and the paired differences between
// sites. The runs limit hydro, Thar lignite and RLNG to their monthly
// budgets and draw the LNG shock (the pakistan-fuel scenario's fuels):
// which plants serve the carve-out depends on them. It prints the tables
// and writes cost_sites.csv and each run's report.json and tables into
// out/cost-<site>/.
func cost(ctx context.Context, stdout, stderr io.Writer, base *study.Scenario, econ *study.Economics, trials int64, opts []montecarlo.Option, out string) ([]string, error) {
	budgets, shocks, err := scenarios.PakistanBudgets()
	if err != nil {
		return nil, err
	}
	var runs []costSite
	var files []string
	for i, site := range base.Sweep.Sites {
		sc := *base
		sc.FuelBudgets, sc.FuelShocks = budgets, shocks
		sc.Trials = trials
		sc.Carveout.Site = site
		sc.Sweep = study.Sweep{}
		e := *econ
		if i == 0 {
			sc.Sweep = study.Sweep{SizesMW: costSizes, Policies: []study.Policy{{Kind: study.Firm}}, Sites: base.Sweep.Sites}
			e.Sweep = true
		}
		sc.Economics = &e
		st, err := study.NewStudy(&sc)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stderr, "cost of the carve-out at %s:\n", site)
		res, err := st.Run(ctx, opts...)
		if err != nil {
			return nil, err
		}
		r := res.Report()
		runs = append(runs, costSite{site: site, r: r})
		dir := filepath.Join(out, "cost-"+site)
		more, err := write(r, dir)
		if err != nil {
			return nil, err
		}
		files = append(files, more...)
	}
	printCost(stdout, runs, trials)
	f, err := writeCostSites(runs, out)
	if err != nil {
		return nil, err
	}
	return append(files, f), nil
}

// costMeasure is one money or physical measure of the cost table.
type costMeasure struct {
	name, unit string
	money      bool
	get        func(c *study.CostResult) montecarlo.Estimate
}

// costMeasures lists the measures of the cost table, in its order.
var costMeasures = []costMeasure{
	{"short-run cost", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.ShortRunCost }},
	{"short-run cost per MWh", "/MWh", false, func(c *study.CostResult) montecarlo.Estimate { return c.ShortRunCostPerMWh }},
	{"revenue at the tariff", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.Revenue }},
	{"margin toward capacity costs", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.Margin }},
	{"subsidy vs marginal cost", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.Subsidy.VsMarginalCost }},
	{"subsidy vs purchase price", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.Subsidy.VsPurchasePrice }},
	{"subsidy vs consumer tariff", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.Subsidy.VsConsumerTariff }},
	{"value of others' lost load", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.VOLLCost }},
	{"miners' profit", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.MinersProfit }},
	{"other consumers (gain +)", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.Payers.OtherConsumers }},
	{"circular debt (gain +)", "", true, func(c *study.CostResult) montecarlo.Estimate { return c.Payers.CircularDebt }},
	{"extra CO2", "t", false, func(c *study.CostResult) montecarlo.Estimate { return c.DeltaCO2T }},
	{"marginal emission rate", "t/MWh", false, func(c *study.CostResult) montecarlo.Estimate { return c.MarginalEmissionTPerMWh }},
	{"stranded low-cost energy", "MWh", false, func(c *study.CostResult) montecarlo.Estimate { return c.StrandedMWh }},
	{"carve-out energy served", "MWh", false, func(c *study.CostResult) montecarlo.Estimate { return c.ServedMWh }},
}

// printCost prints the cost table: each measure at each site, money in
// billions of rupees and millions of dollars a year.
func printCost(w io.Writer, runs []costSite, trials int64) {
	if len(runs) == 0 {
		return
	}
	c0 := runs[0].r.Cost
	fmt.Fprintf(w, "\nAt what cost? The %.0f MW carve-out (firm policy), per year, economic dispatch of every hour within the fuel budgets (%d trial-years a site, 95%% intervals);\n",
		runs[0].r.CarveoutMW, trials)
	fmt.Fprintf(w, "money in billions of %s (millions of USD at %g %s/USD):\n", c0.Currency, c0.PerUSD, c0.Currency)
	fmt.Fprintf(w, "%-30s", "")
	for _, s := range runs {
		fmt.Fprintf(w, " %-44s", s.site)
	}
	fmt.Fprintln(w)
	for _, m := range costMeasures {
		fmt.Fprintf(w, "%-30s", m.name)
		for _, s := range runs {
			c := s.r.Cost
			e := m.get(c)
			var cell string
			switch {
			case m.money:
				u := c.USD(e)
				cell = fmt.Sprintf("%.1f [%.1f, %.1f] ($%.0fm)", e.Mean/1e9, e.Lo/1e9, e.Hi/1e9, u.Mean/1e6)
			case m.unit == "/MWh":
				cell = fmt.Sprintf("%.0f [%.0f, %.0f] %s/MWh", e.Mean, e.Lo, e.Hi, c.Currency)
			case m.unit == "t/MWh":
				cell = fmt.Sprintf("%.3f [%.3f, %.3f] t/MWh", e.Mean, e.Lo, e.Hi)
			case m.unit == "t":
				cell = fmt.Sprintf("%.2f [%.2f, %.2f] Mt", e.Mean/1e6, e.Lo/1e6, e.Hi/1e6)
			default:
				cell = fmt.Sprintf("%.2f [%.2f, %.2f] TWh", e.Mean/1e6, e.Lo/1e6, e.Hi/1e6)
			}
			fmt.Fprintf(w, " %-44s", cell)
		}
		fmt.Fprintln(w)
	}
	// Paired differences between the sites, from the first run's sweep.
	for _, p := range runs[0].r.Sweep {
		if v := p.VsFirstSite; v != nil && v.DiffShortRunCost != nil && p.MW == runs[0].r.CarveoutMW {
			d, e := *v.DiffShortRunCost, *v.DiffDeltaCO2T
			fmt.Fprintf(w, "paired, %s − %s: short-run cost %+.1f [%+.1f, %+.1f] bn %s, extra CO2 %+.2f [%+.2f, %+.2f] Mt\n",
				p.Site, v.Site, d.Mean/1e9, d.Lo/1e9, d.Hi/1e9, c0.Currency, e.Mean/1e6, e.Lo/1e6, e.Hi/1e6)
		}
	}
}

// writeCostSites writes cost_sites.csv: each measure at each site with
// its interval, money also in USD.
func writeCostSites(runs []costSite, out string) (string, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	recs := [][]string{{"site", "measure", "unit", "mean", "se", "lo", "hi", "usd_mean", "usd_lo", "usd_hi"}}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }
	for _, s := range runs {
		c := s.r.Cost
		for _, m := range costMeasures {
			e := m.get(c)
			unit := m.unit
			row := []string{s.site, m.name, unit, num(e.Mean), num(e.SE), num(e.Lo), num(e.Hi), "", "", ""}
			if m.money {
				u := c.USD(e)
				row[2] = c.Currency
				row[7], row[8], row[9] = num(u.Mean), num(u.Lo), num(u.Hi)
			} else if unit == "/MWh" {
				row[2] = c.Currency + "/MWh"
			}
			recs = append(recs, row)
		}
	}
	if err := cw.WriteAll(recs); err != nil {
		return "", err
	}
	f := filepath.Join(out, "cost_sites.csv")
	return f, os.WriteFile(f, b.Bytes(), 0o644)
}
