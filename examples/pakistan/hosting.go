package main

import (
	"gonum.org/v1/plot"

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
)

// hostingRow is one site's and policy's hosting capacity, or why the
// search found none (its bracket did not hold the answer with the
// trials given).
type hostingRow struct {
	site, policy string
	res          *study.HostingResult
	err          error
}

// hosting finds the hosting capacity at each candidate site of base under
// the firm policy and base's interruptible one, for the scenario's
// criterion (scenarios.HostingSearch), with trials trial-years a round on
// base's seed; it prints the table and writes hosting.csv and the chart
// into out.
func hosting(ctx context.Context, stdout, stderr io.Writer, base *study.Scenario, trials int64, opts []montecarlo.Option, out string) ([]string, error) {
	spec, err := scenarios.HostingSearch()
	if err != nil {
		return nil, err
	}
	// Seven sizes a round, three rounds: from the whole bracket to about
	// 1/200 of it, the search's time kept to a few runs of the sweep's.
	spec.Points, spec.MaxRounds = 7, 3
	policies := []study.Policy{{Kind: study.Firm}}
	for _, p := range base.Sweep.Policies {
		if p.Kind == study.Interruptible {
			policies = append(policies, p)
			break
		}
	}
	sc := *base
	sc.Trials = trials
	var rows []hostingRow
	for _, site := range base.Sweep.Sites {
		for _, p := range policies {
			s := spec
			s.Site, s.Policy = site, p
			fmt.Fprintf(stderr, "hosting capacity at %s, %s:\n", site, p.Kind)
			res, err := study.Hosting(ctx, &sc, s, opts...)
			if ctx.Err() != nil {
				return nil, err
			}
			rows = append(rows, hostingRow{site: site, policy: string(p.Kind), res: res, err: err})
		}
	}
	c := spec.Criteria[0]
	fmt.Fprintf(stdout, "\nHosting capacity: the largest carve-out (of the scenario's make) with %s <= %v for other customers\n", c.Measure, c.Max)
	fmt.Fprintf(stdout, "(a judgement, parameters.csv hosting.*; %d trial-years a round, 95%% confidence at each end of the bracket):\n", trials)
	fmt.Fprintf(stdout, "%-6s %-14s %10s  %-22s %s\n", "site", "policy", "MW", "bracket MW", "status")
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(stdout, "%-6s %-14s %10s  %-22s %v\n", r.site, r.policy, "-", "-", r.err)
			continue
		}
		fmt.Fprintf(stdout, "%-6s %-14s %10.0f  [%6.0f, %6.0f]        %s\n", r.site, r.policy, r.res.EstimateMW, r.res.LoMW, r.res.HiMW, r.res.Status)
	}
	return writeHosting(rows, fmt.Sprintf("Hosting capacity, %s ≤ %v", c.Measure, c.Max), out)
}

// writeHosting writes hosting.csv and hosting.png/svg into out.
func writeHosting(rows []hostingRow, title, out string) ([]string, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	recs := [][]string{{"site", "policy", "hosting_mw", "lo_mw", "hi_mw", "status", "rounds", "trials"}}
	var bars []plots.HostingBar
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', 8, 64) }
	for _, r := range rows {
		if r.err != nil {
			recs = append(recs, []string{r.site, r.policy, "", "", "", "error: " + r.err.Error(), "0", "0"})
			continue
		}
		recs = append(recs, []string{r.site, r.policy, num(r.res.EstimateMW), num(r.res.LoMW), num(r.res.HiMW), r.res.Status,
			strconv.Itoa(len(r.res.Rounds)), strconv.FormatInt(r.res.Trials, 10)})
		bars = append(bars, plots.HostingBar{Group: r.site, Series: r.policy, EstimateMW: r.res.EstimateMW, LoMW: r.res.LoMW, HiMW: r.res.HiMW})
	}
	if err := cw.WriteAll(recs); err != nil {
		return nil, err
	}
	files := []string{filepath.Join(out, "hosting.csv")}
	if err := os.WriteFile(files[0], b.Bytes(), 0o644); err != nil {
		return nil, err
	}
	if len(bars) == 0 {
		return files, nil // no search found an answer: no chart
	}
	p, err := plots.HostingChart(bars, title, "hosting capacity (MW)")
	if err != nil {
		return nil, err
	}
	saved, err := saveChart(p, out, "hosting")
	return append(files, saved...), err
}

// saveChart writes chart p as out/name.png and out/name.svg and returns
// the files.
func saveChart(p *plot.Plot, out, name string) ([]string, error) {
	var files []string
	for _, ext := range []string{"png", "svg"} {
		f := filepath.Join(out, name+"."+ext)
		if err := plots.Save(p, plots.Width, plots.Height, f); err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}
