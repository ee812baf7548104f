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
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
)

// limitPoint is one south→north limit's result at each site.
type limitPoint struct {
	limitMW float64
	points  []study.SweepPoint // one per site, firm, at the scenario's size
}

// corridorTitle is the title of the corridor's chart and of its section
// of report.html.
const corridorTitle = "Carve-out risk against the south→north transfer limit"

// corridor runs the study at each south→north transfer limit of the
// sensitivity, the scenario's carve-out firm at each candidate site, with
// trials trial-years on the scenario's seed, prints the table, and writes
// corridor.csv and the chart of risk against the limit into out (with
// the provenance of base, the main run's report). It returns the
// sensitivity, for report.html, and the files written.
func corridor(ctx context.Context, stdout, stderr io.Writer, sc0 *study.Scenario, trials int64, opts []montecarlo.Option, base *study.Report, out string) (*charts.Sensitivity, []string, error) {
	limits, err := scenarios.SouthNorthLimits()
	if err != nil {
		return nil, nil, err
	}
	var results []limitPoint
	for _, l := range limits {
		sc, err := scenarios.Load("pakistan")
		if err != nil {
			return nil, nil, err
		}
		sc.Seed, sc.Trials = sc0.Seed, trials
		sc.Carveout = sc0.Carveout
		sc.Sweep = study.Sweep{SizesMW: []float64{sc0.Carveout.MW}, Policies: []study.Policy{{Kind: study.Firm}}, Sites: sc0.Sweep.Sites}
		if err := scenarios.SetSouthNorthLimit(sc, l); err != nil {
			return nil, nil, err
		}
		st, err := study.NewStudy(sc)
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(stderr, "south->north limit %v MW:\n", l)
		res, err := st.Run(ctx, opts...)
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintln(stderr)
		results = append(results, limitPoint{limitMW: l, points: res.Report().Sweep})
	}
	printCorridor(stdout, sc0, trials, results)
	s := &charts.Sensitivity{
		Input:    "south→north transfer limit, all elements up (MW)",
		Trials:   trials,
		Scenario: southNorthMW(sc0),
	}
	for _, r := range results {
		s.Values = append(s.Values, r.limitMW)
		s.Points = append(s.Points, r.points)
	}
	files, err := writeCorridor(results, s, base, out)
	return s, files, err
}

// southNorthMW is the scenario's south→north transfer limit with every
// element up: the sum of its south→north elements' capacities.
func southNorthMW(sc *study.Scenario) float64 {
	var mw float64
	for _, f := range sc.Interfaces {
		if f.From != "south" || f.To != "north" {
			continue
		}
		for _, e := range f.Elements {
			mw += e.ForwardMW * float64(max(1, e.Count))
		}
	}
	return mw
}

// printCorridor prints the risk at each limit and site.
func printCorridor(w io.Writer, base *study.Scenario, trials int64, results []limitPoint) {
	fmt.Fprintf(w, "\nRisk against the south->north transfer limit (all elements up; the AC corridor's rating is a judgement),\n")
	fmt.Fprintf(w, "%.0f MW firm, %d trial-years at each limit on the same seed; 95%% intervals:\n", base.Carveout.MW, trials)
	fmt.Fprintf(w, "%-10s %-6s %-24s %-26s %s\n", "limit MW", "site", "P(causes shedding) %", "ΔLOLE h/yr", "ΔEUE MWh/yr")
	for _, r := range results {
		for _, p := range r.points {
			fmt.Fprintf(w, "%-10.0f %-6s %-24s %-26s %s\n", r.limitMW, p.Site,
				interval(p.PCausesShedding.Scale(100), "%.2f"), interval(p.DeltaLOLEHours, "%.3f"), interval(p.DeltaEUEMWh, "%.1f"))
		}
	}
}

// interval formats "mean [lo, hi]" with one verb for all three.
func interval(e montecarlo.Estimate, verb string) string {
	return fmt.Sprintf(verb+" ["+verb+", "+verb+"]", e.Mean, e.Lo, e.Hi)
}

// writeCorridor writes corridor.csv and corridor.png/svg/pdf, the risk
// against the limit, one line per site.
func writeCorridor(results []limitPoint, s *charts.Sensitivity, base *study.Report, out string) ([]string, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	header := []string{"south_north_limit_mw", "site", "mw", "policy"}
	for _, q := range []string{"p_causes_shedding", "delta_lole_h", "delta_eue_mwh", "p_new_shortfall"} {
		header = append(header, q, q+"_se", q+"_lo", q+"_hi")
	}
	rows := [][]string{header}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', 8, 64) }
	for _, r := range results {
		for _, p := range r.points {
			row := []string{num(r.limitMW), p.Site, num(p.MW), p.Policy}
			for _, e := range []montecarlo.Estimate{p.PCausesShedding, p.DeltaLOLEHours, p.DeltaEUEMWh, p.PNewShortfall} {
				row = append(row, num(e.Mean), num(e.SE), num(e.Lo), num(e.Hi))
			}
			rows = append(rows, row)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return nil, err
	}
	files := []string{filepath.Join(out, "corridor.csv")}
	if err := os.WriteFile(files[0], b.Bytes(), 0o644); err != nil {
		return nil, err
	}
	fig, err := charts.DrawSensitivity(s, corridorTitle, charts.SensitivityProvenance(base, s))
	if err != nil {
		return nil, err
	}
	for _, ext := range []string{"png", "svg", "pdf"} {
		f := filepath.Join(out, "corridor."+ext)
		if err := plots.Save(fig, plots.Width, charts.Height(fig), f); err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// zonal prints the zonal part of the report: each zone's baseline and
// the carve-out's effect on it, and the sites of the siting sweep at the
// main case's size under each policy, with the paired difference between
// them.
func zonal(w io.Writer, r *study.Report) {
	if len(r.Zones) == 0 {
		return
	}
	fmt.Fprintf(w, "\nBy zone (the carve-out at %s; 95%% intervals):\n", r.Site)
	fmt.Fprintf(w, "%-6s %-26s %-24s %-24s %-26s %s\n", "zone", "baseline LOLE h/yr", "P(causes shedding) %", "P(new shortfall) %", "ΔLOLE h/yr", "ΔEUE MWh/yr")
	for _, z := range r.Zones {
		fmt.Fprintf(w, "%-6s %-26s %-24s %-24s %-26s %s\n", z.Name, interval(z.Baseline.LOLEHours, "%.4f"),
			interval(z.PCausesShedding.Scale(100), "%.2f"), interval(z.PNewShortfall.Scale(100), "%.2f"),
			interval(z.DeltaLOLEHours, "%.4f"), interval(z.DeltaEUEMWh, "%.1f"))
	}
	fmt.Fprintf(w, "\nBy site, %.0f MW (every site scored on the same draws; 95%% intervals):\n", r.CarveoutMW)
	fmt.Fprintf(w, "%-14s %-6s %-24s %-24s %-26s %s\n", "policy", "site", "P(causes shedding) %", "P(new shortfall) %", "ΔLOLE h/yr", "ΔEUE MWh/yr")
	for _, p := range r.Sweep {
		if p.MW != r.CarveoutMW {
			continue
		}
		fmt.Fprintf(w, "%-14s %-6s %-24s %-24s %-26s %s\n", p.Policy, p.Site,
			interval(p.PCausesShedding.Scale(100), "%.2f"), interval(p.PNewShortfall.Scale(100), "%.2f"),
			interval(p.DeltaLOLEHours, "%.3f"), interval(p.DeltaEUEMWh, "%.1f"))
		if v := p.VsFirstSite; v != nil {
			fmt.Fprintf(w, "%-14s %-6s %-24s %-24s %-26s %s\n", "", "−"+v.Site,
				interval(v.DiffPCausesShedding.Scale(100), "%+.2f"), interval(v.DiffPNewShortfall.Scale(100), "%+.2f"),
				interval(v.DiffDeltaLOLEHours, "%+.3f"), interval(v.DiffDeltaEUEMWh, "%+.1f"))
		}
	}
}
