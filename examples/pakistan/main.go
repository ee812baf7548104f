// Command pakistan runs carveout's main study: the risk that Pakistan's
// 2,000 MW carve-out for Bitcoin mining and AI data centres causes
// load-shedding of other customers, on the embedded Pakistan 2025
// scenario — zonal: north, south and K-Electric's draw, joined by the
// HVDC and the 500 kV AC corridor.
//
//	go run ./examples/pakistan [-trials N] [-corridor-trials N] [-seed S] [-out DIR] [-workers W]
//
// It prints a live progress line on stderr, a plain-language summary on
// stdout — the main case (a southern site), each zone, the southern site
// against the northern one with the paired difference, and the risk at
// each south→north transfer limit of the sensitivity — and writes the
// report JSON, report.html (one self-contained page of it all, corridor
// included), corridor.csv and every chart (PNG, SVG, PDF) to ./out. The corridor runs
// (one study per limit, the carve-out at either site, on the same seed
// and so on common random numbers) chart the risk against the limit,
// because the AC corridor's rating has no published figure
// (scenarios.SetSouthNorthLimit).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
	"github.com/carveout/carveout/study/htmlreport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop() // before os.Exit, which runs no deferred calls
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pakistan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	trials := fs.Int64("trials", 0, "trial-years (default: the scenario's)")
	seed := fs.Uint64("seed", 0, "seed (default: the scenario's)")
	out := fs.String("out", "out", "directory for report.json and the charts")
	workers := fs.Int("workers", 0, "worker goroutines (default GOMAXPROCS); never changes a result")
	corridorTrials := fs.Int64("corridor-trials", 0, "trial-years of each south->north limit's run (default: a tenth of the main run's; -1: no corridor runs)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *trials < 0 || *workers < 0 || *corridorTrials < -1 {
		fmt.Fprintf(stderr, "pakistan: -trials = %d, -workers = %d, -corridor-trials = %d: want >= 0 (0: the default; -1 for -corridor-trials: none)\n", *trials, *workers, *corridorTrials)
		return 2
	}
	sc, err := scenarios.Load("pakistan")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *trials > 0 {
		sc.Trials = *trials
	}
	if *seed > 0 {
		sc.Seed = *seed
	}
	st, err := study.NewStudy(sc)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	opts := []montecarlo.Option{montecarlo.WithProgress(study.ProgressLine(stderr))}
	if *workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(*workers))
	}
	began := time.Now()
	res, runErr := st.Run(ctx, opts...)
	// An interrupted run still reports the trials it finished (marked
	// partial), unless it finished none: there is nothing to report then.
	if runErr != nil && (res == nil || !res.Partial || res.Done == 0) {
		fmt.Fprintln(stderr, runErr)
		return 1
	}
	fmt.Fprintf(stderr, "\n%d trial-years in %.1fs\n", res.Done, time.Since(began).Seconds())
	r := res.Report()
	summary(stdout, r)
	files, err := write(r, *out)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	page := filepath.Join(*out, "report.html")
	if res.Partial {
		if err := htmlreport.WriteFile(page, r); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintf(stdout, "\nReport, report.html and %d chart files written to %s/\n", len(files), *out)
		fmt.Fprintf(stderr, "pakistan: %v: the report covers %d of %d trials and is marked partial\n", runErr, res.Done, res.Trials)
		return 1
	}
	var pageOpts []htmlreport.Option
	if *corridorTrials >= 0 {
		n := *corridorTrials
		if n == 0 {
			n = max(1, sc.Trials/10)
		}
		s, more, err := corridor(ctx, stdout, stderr, sc, n, opts, r, *out)
		if err != nil {
			fmt.Fprintln(stderr, "pakistan: corridor runs:", err)
			return 1
		}
		files = append(files, more...)
		pageOpts = append(pageOpts, htmlreport.WithSensitivity(corridorTitle, s))
	}
	if err := htmlreport.WriteFile(page, r, pageOpts...); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "\nReport (report.json, report.html) and %d more files written to %s/\n", len(files), *out)
	return 0
}

// write writes the report as out/report.json and its charts, PNG, SVG and
// PDF, into out, and returns the chart files.
func write(r *study.Report, out string) ([]string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(out, "report.json"), append(b, '\n'), 0o644); err != nil {
		return nil, err
	}
	return charts.Write(r, out)
}

// summary prints the plain-language table.
func summary(w io.Writer, r *study.Report) {
	est := func(e montecarlo.Estimate, f string) string {
		return fmt.Sprintf(f+"  (95%% CI "+f+" – "+f+")", e.Mean, e.Lo, e.Hi)
	}
	// sig3 shows an estimate to three significant digits of its mean
	// (the interval with as many decimals), so that small values such as
	// a baseline LOLE of 0.0062 h do not print as 0.01.
	sig3 := func(e montecarlo.Estimate, unit string) string {
		d := 0
		if m := math.Abs(e.Mean); m > 0 && !math.IsInf(m, 0) {
			d = max(0, 2-int(math.Floor(math.Log10(m))))
		}
		f := "%." + strconv.Itoa(d) + "f" + unit
		return est(e, f)
	}
	fmt.Fprintf(w, "carveout — %s (scenario %.12s…), seed %d, %d trial-years%s\n\n",
		r.Scenario.Name, r.Scenario.Hash, r.Seed, r.Done, map[bool]string{true: " (PARTIAL)", false: ""}[r.Partial])
	site := ""
	if r.Site != "" {
		site = " at " + r.Site
	}
	fmt.Fprintf(w, "Carve-out: %.0f MW%s (%.0f%% Bitcoin mining, %.0f%% AI), %s policy\n\n",
		r.CarveoutMW, site, 100*r.MiningShare, 100*(1-r.MiningShare), r.Policy.Kind)
	fmt.Fprintf(w, "%-46s %s\n", "Chance a year's carve-out adds shedding", est(r.Risk.PCausesShedding.Scale(100), "%.1f%%"))
	fmt.Fprintf(w, "%-46s %s\n", "Extra hours of shedding a year (ΔLOLE)", sig3(r.Risk.DeltaLOLEHours, " h"))
	fmt.Fprintf(w, "%-46s %s\n", "Extra energy shed a year (ΔEUE)", sig3(r.Risk.DeltaEUEMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Shortfall hours a year, without carve-out", sig3(r.Baseline.LOLEHours, " h"))
	fmt.Fprintf(w, "%-46s %s\n", "Shortfall hours a year, with carve-out", sig3(r.Carveout.LOLEHours, " h"))
	fmt.Fprintf(w, "%-46s %s\n", "Energy shed a year, without carve-out", sig3(r.Baseline.EUEMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Energy shed a year, with carve-out", sig3(r.Carveout.EUEMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Carve-out energy curtailed a year", sig3(r.Load.CurtailedMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Miners' utilisation", est(r.Load.MinerUtilisation.Scale(100), "%.1f%%"))
	fmt.Fprintf(w, "%-46s %s\n", "Miners' revenue a year", est(r.Load.MinerRevenueUSD.Scale(1e-6), "$%.0fM"))
	zonal(w, r)
}
