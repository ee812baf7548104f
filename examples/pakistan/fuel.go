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

// fuelVariant is one run of the fuel comparison: the scenario's fuels
// as the variant limits them, and its report.
type fuelVariant struct {
	name, what string
	r          *study.Report
}

// fuel runs the scenario's carve-out, firm, at each site of its sweep
// three times on the same seed and draws, with trials trial-years each:
// with fuel unlimited (the default scenario), with the monthly budgets
// of hydro, Thar lignite and RLNG, and with the budgets and the LNG
// supply shock (the pakistan-fuel scenario). It prints the comparison
// and writes fuel.csv into out, returning the file written. The runs
// are adequacy alone: the economics, with the budgets, are the cost
// runs'.
func fuel(ctx context.Context, stdout, stderr io.Writer, sc0 *study.Scenario, trials int64, opts []montecarlo.Option, out string) ([]string, error) {
	variants := []fuelVariant{
		{name: "unlimited", what: "fuel unlimited (the default scenario)"},
		{name: "budgets", what: "monthly budgets of hydro, Thar lignite and RLNG"},
		{name: "budgets+shock", what: "the budgets and the LNG supply shock (pakistan-fuel)"},
	}
	for i := range variants {
		v := &variants[i]
		sc, err := scenarios.Pakistan2025Fuel()
		if err != nil {
			return nil, err
		}
		switch v.name {
		case "unlimited":
			sc.FuelBudgets, sc.FuelShocks = nil, nil
		case "budgets":
			sc.FuelShocks = nil
		}
		sc.Economics = nil
		sc.Seed, sc.Trials = sc0.Seed, trials
		sc.Carveout = sc0.Carveout
		sc.Sweep = study.Sweep{SizesMW: []float64{sc0.Carveout.MW}, Policies: []study.Policy{{Kind: study.Firm}}, Sites: sc0.Sweep.Sites}
		st, err := study.NewStudy(sc)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stderr, "fuel, %s:\n", v.what)
		res, err := st.Run(ctx, opts...)
		if err != nil {
			return nil, err
		}
		fmt.Fprintln(stderr)
		v.r = res.Report()
	}
	printFuel(stdout, sc0, trials, variants)
	f, err := writeFuel(variants, out)
	if err != nil {
		return nil, err
	}
	return []string{f}, nil
}

// printFuel prints each variant's baseline and the risk at each site.
func printFuel(w io.Writer, sc *study.Scenario, trials int64, variants []fuelVariant) {
	fmt.Fprintf(w, "\nEnergy-limited fuels: %.0f MW firm at each site, %d trial-years of each variant on the same seed; 95%% intervals:\n",
		sc.Carveout.MW, trials)
	fmt.Fprintf(w, "%-14s %-6s %-24s %-24s %-26s %s\n", "fuel", "site", "baseline LOLE h/yr", "P(causes shedding) %", "ΔLOLE h/yr", "ΔEUE MWh/yr")
	for _, v := range variants {
		for _, p := range v.r.Sweep {
			fmt.Fprintf(w, "%-14s %-6s %-24s %-24s %-26s %s\n", v.name, p.Site, interval(v.r.Baseline.LOLEHours, "%.4f"),
				interval(p.PCausesShedding.Scale(100), "%.2f"), interval(p.DeltaLOLEHours, "%.3f"), interval(p.DeltaEUEMWh, "%.1f"))
		}
	}
}

// writeFuel writes fuel.csv: one row per variant and site.
func writeFuel(variants []fuelVariant, out string) (string, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	header := []string{"fuel", "site", "mw", "policy"}
	for _, q := range []string{"baseline_lole_h", "baseline_eue_mwh", "p_causes_shedding", "delta_lole_h", "delta_eue_mwh"} {
		header = append(header, q, q+"_se", q+"_lo", q+"_hi")
	}
	rows := [][]string{header}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', 8, 64) }
	for _, v := range variants {
		for _, p := range v.r.Sweep {
			row := []string{v.name, p.Site, num(p.MW), p.Policy}
			for _, e := range []montecarlo.Estimate{v.r.Baseline.LOLEHours, v.r.Baseline.EUEMWh, p.PCausesShedding, p.DeltaLOLEHours, p.DeltaEUEMWh} {
				row = append(row, num(e.Mean), num(e.SE), num(e.Lo), num(e.Hi))
			}
			rows = append(rows, row)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return "", err
	}
	f := filepath.Join(out, "fuel.csv")
	return f, os.WriteFile(f, b.Bytes(), 0o644)
}
