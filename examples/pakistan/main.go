// Command pakistan runs carveout's main study: the risk that Pakistan's
// 2,000 MW carve-out for Bitcoin mining and AI data centres causes
// load-shedding of other customers, on the embedded Pakistan 2025
// scenario — zonal: north, south and K-Electric's draw, joined by the
// HVDC and the 500 kV AC corridor.
//
//	go run ./examples/pakistan [-trials N] [-corridor-trials N] [-fuel-trials N] [-cost-trials N] [-hosting-trials N]
//	                           [-fce-trials N] [-seed S] [-out DIR] [-workers W] [-samples]
//
// It prints a live progress line on stderr, a plain-language summary on
// stdout — the main case (a southern site), each zone, the southern site
// against the northern one with the paired difference, and the risk at
// each south→north transfer limit of the sensitivity — and writes the
// report JSON, report.html (one self-contained page of it all, corridor
// included), its tables (months.csv, zones.csv, zone_months.csv),
// corridor.csv, fuel.csv (the risk with fuel unlimited, with the
// monthly fuel budgets, and with the budgets and the LNG shock),
// cost_sites.csv (what the carve-out costs at each site,
// from economic dispatch of every hour in runs of their own, whose
// reports, charts and tables go to cost-<site>/), hosting.csv, fce.csv
// (the firm capacity equivalent of the carve-out at each site) and every
// chart (PNG, SVG, PDF) to ./out;
// with -samples also samples.csv, one row per trial-year of the main run
// (about 20 MB for the default 100,000, so only when asked for). The corridor runs
// (one study per limit, the carve-out at either site, on the same seed
// and so on common random numbers) chart the risk against the limit,
// because the AC corridor's rating has no published figure
// (scenarios.SetSouthNorthLimit).
package main

import (
	"context"
	"encoding/json"
	"errors"
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

// options are the parsed flags.
type options struct {
	trials, corridorTrials int64
	hostingTrials          int64
	fceTrials              int64
	fuelTrials             int64
	costTrials             int64
	samples                bool
	seed                   uint64
	out                    string
	workers                int
}

// parseFlags parses the command line. 0 means the default for -trials,
// -seed, -workers and -corridor-trials, as in every command of the
// library. It reports a bad flag on stderr and returns false.
func parseFlags(args []string, stderr io.Writer) (options, bool) {
	var o options
	fs := flag.NewFlagSet("pakistan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Int64Var(&o.trials, "trials", 0, "trial-years (default, or 0: the scenario's)")
	fs.Uint64Var(&o.seed, "seed", 0, "seed (default, or 0: the scenario's)")
	fs.StringVar(&o.out, "out", "out", "directory for report.json and the charts")
	fs.IntVar(&o.workers, "workers", 0, "worker goroutines (default GOMAXPROCS); never changes a result")
	fs.Int64Var(&o.corridorTrials, "corridor-trials", 0, "trial-years of each south->north limit's run (default, or 0: a tenth of the main run's; -1: no corridor runs)")
	fs.Int64Var(&o.hostingTrials, "hosting-trials", 0, "trial-years of each round of the hosting-capacity searches (default, or 0: a fiftieth of the main run's; -1: no hosting searches)")
	fs.Int64Var(&o.costTrials, "cost-trials", 0, "trial-years of each site's economic-dispatch run (default, or 0: a fiftieth of the main run's; -1: none)")
	fs.Int64Var(&o.fceTrials, "fce-trials", 0, "trial-years of each round of the firm-capacity-equivalent searches (default, or 0: a tenth of the main run's; -1: none)")
	fs.Int64Var(&o.fuelTrials, "fuel-trials", 0, "trial-years of each fuel variant's run: unlimited, budgets, budgets and LNG shock (default, or 0: a twentieth of the main run's; -1: none)")
	fs.BoolVar(&o.samples, "samples", false, "also write samples.csv: one row per trial-year of the main run (about 200 bytes a row)")
	if err := fs.Parse(args); err != nil {
		return o, false
	}
	bad := func(format string, args ...any) (options, bool) {
		fmt.Fprintf(stderr, "pakistan: "+format+"\n", args...)
		return o, false
	}
	switch {
	case fs.NArg() > 0:
		return bad("unexpected arguments %q", fs.Args())
	case o.trials < 0:
		return bad("-trials = %d, want >= 1 (0: the scenario's)", o.trials)
	case o.workers < 0:
		return bad("-workers = %d, want >= 1 (0: GOMAXPROCS)", o.workers)
	case o.corridorTrials < -1:
		return bad("-corridor-trials = %d, want >= 1 (0: a tenth of the main run's; -1: none)", o.corridorTrials)
	case o.hostingTrials < -1:
		return bad("-hosting-trials = %d, want >= 1 (0: a fiftieth of the main run's; -1: none)", o.hostingTrials)
	case o.costTrials < -1:
		return bad("-cost-trials = %d, want >= 1 (0: a fiftieth of the main run's; -1: none)", o.costTrials)
	case o.fceTrials < -1:
		return bad("-fce-trials = %d, want >= 1 (0: a tenth of the main run's; -1: none)", o.fceTrials)
	case o.fuelTrials < -1:
		return bad("-fuel-trials = %d, want >= 1 (0: a twentieth of the main run's; -1: none)", o.fuelTrials)
	}
	return o, true
}

// scenario returns the Pakistan scenario with the flags' trials and seed.
func (o options) scenario() (*study.Scenario, error) {
	sc, err := scenarios.Load("pakistan")
	if err != nil {
		return nil, err
	}
	if o.trials > 0 {
		sc.Trials = o.trials
	}
	if o.seed > 0 {
		sc.Seed = o.seed
	}
	return sc, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, ok := parseFlags(args, stderr)
	if !ok {
		return 2
	}
	sc, err := o.scenario()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// The economics run on their own, with fewer trials: dispatching
	// every hour of every trial costs more than the reliability runs
	// need.
	econ := sc.Economics
	sc.Economics = nil
	st, err := study.NewStudy(sc)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	opts := []montecarlo.Option{montecarlo.WithProgress(study.ProgressLine(stderr))}
	if o.workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(o.workers))
	}
	// A samples.csv in out is this run's or none: an earlier run's would
	// sit beside a report it does not belong to.
	if err := os.Remove(filepath.Join(o.out, "samples.csv")); err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stderr, err)
		return 1
	}
	var smp *samplesFile
	if o.samples {
		if smp, err = newSamplesFile(o.out, st); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer smp.abandon()
	}
	began := time.Now()
	res, runErr := st.RunWithSamples(ctx, smp.writer(), opts...)
	// An interrupted run still reports the trials it finished (marked
	// partial), unless it finished none: there is nothing to report then.
	if runErr != nil && (res == nil || !res.Partial || res.Done == 0) {
		fmt.Fprintln(stderr, runErr)
		return 1
	}
	// The samples file is written only for a complete run: an
	// interrupted run's samples are a prefix of its trials, not the
	// trials of its partial report.
	if runErr == nil && smp != nil {
		if err := smp.commit(); err != nil {
			fmt.Fprintln(stderr, "pakistan: samples:", err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "\n%d trial-years in %.1fs\n", res.Done, time.Since(began).Seconds())
	r := res.Report()
	summary(stdout, r)
	files, err := write(r, o.out)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	page := filepath.Join(o.out, "report.html")
	if res.Partial {
		if err := htmlreport.WriteFile(page, r); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintf(stdout, "\nReport, report.html and %d chart and table files written to %s/\n", len(files), o.out)
		fmt.Fprintf(stderr, "pakistan: %v: the report covers %d of %d trials and is marked partial\n", runErr, res.Done, res.Trials)
		return 1
	}
	var pageOpts []htmlreport.Option
	if o.corridorTrials >= 0 {
		n := o.corridorTrials
		if n == 0 {
			n = max(1, sc.Trials/10)
		}
		s, more, err := corridor(ctx, stdout, stderr, sc, n, opts, r, o.out)
		if err != nil {
			fmt.Fprintln(stderr, "pakistan: corridor runs:", err)
			return 1
		}
		files = append(files, more...)
		pageOpts = append(pageOpts, htmlreport.WithSensitivity(corridorTitle, s))
	}
	// The runs beside the main one, each on its trials (0: the main
	// run's divided by per; −1: none).
	type sideRun struct {
		trials, per int64
		what        string
		run         func(n int64) ([]string, error)
	}
	for _, side := range []sideRun{
		{o.fuelTrials, 20, "fuel", func(n int64) ([]string, error) { return fuel(ctx, stdout, stderr, sc, n, opts, o.out) }},
		{o.costTrials, 50, "cost", func(n int64) ([]string, error) {
			if econ == nil {
				return nil, nil
			}
			return cost(ctx, stdout, stderr, sc, econ, n, opts, o.out)
		}},
		{o.hostingTrials, 50, "hosting capacity", func(n int64) ([]string, error) { return hosting(ctx, stdout, stderr, sc, n, opts, o.out) }},
		{o.fceTrials, 10, "firm capacity equivalent", func(n int64) ([]string, error) { return fce(ctx, stdout, stderr, sc, n, opts, o.out) }},
	} {
		if side.trials < 0 {
			continue
		}
		n := side.trials
		if n == 0 {
			n = max(1, sc.Trials/side.per)
		}
		more, err := side.run(n)
		if err != nil {
			fmt.Fprintf(stderr, "pakistan: %s: %v\n", side.what, err)
			return 1
		}
		files = append(files, more...)
	}
	if err := htmlreport.WriteFile(page, r, pageOpts...); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "\nReport (report.json, report.html) and %d more files written to %s/\n", len(files), o.out)
	return 0
}

// write writes the report as out/report.json, its charts (PNG, SVG and
// PDF) and its tables into out, and returns the chart and table files.
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
	files, err := charts.Write(r, out)
	if err != nil {
		return nil, err
	}
	tables, err := study.WriteTables(r, out)
	return append(files, tables...), err
}

// samplesFile is out/samples.csv being written: a temporary file in out
// that takes that name when the run completes.
type samplesFile struct {
	f    *os.File
	csv  *study.SamplesCSV
	path string
}

func newSamplesFile(out string, st *study.Study) (*samplesFile, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(out, ".samples.csv.tmp-*")
	if err != nil {
		return nil, err
	}
	return &samplesFile{f: f, csv: study.NewSamplesCSV(f, st), path: filepath.Join(out, "samples.csv")}, nil
}

// writer returns where the run's samples go: nil without a file.
func (s *samplesFile) writer() study.SampleWriter {
	if s == nil {
		return nil
	}
	return s.csv
}

// commit completes the file and gives it its name.
func (s *samplesFile) commit() error {
	err := s.csv.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(s.f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(s.f.Name(), s.path)
	}
	return err
}

// abandon removes the temporary file if it was not committed.
func (s *samplesFile) abandon() {
	s.f.Close()
	os.Remove(s.f.Name())
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
	fmt.Fprintf(w, "%-46s %s\n", "Chance it makes a year without shortfall short", sig3(r.Risk.PNewShortfall.Scale(100), "%%"))
	fmt.Fprintf(w, "%-46s %s\n", "Extra hours of shedding a year (ΔLOLE)", sig3(r.Risk.DeltaLOLEHours, " h"))
	fmt.Fprintf(w, "%-46s %s\n", "Extra energy shed a year (ΔEUE)", sig3(r.Risk.DeltaEUEMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Shortfall hours a year, without carve-out", sig3(r.Baseline.LOLEHours, " h"))
	fmt.Fprintf(w, "%-46s %s\n", "Shortfall hours a year, with carve-out", sig3(r.Carveout.LOLEHours, " h"))
	fmt.Fprintf(w, "%-46s %s\n", "Energy shed a year, without carve-out", sig3(r.Baseline.EUEMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Energy shed a year, with carve-out", sig3(r.Carveout.EUEMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Carve-out energy curtailed a year", sig3(r.Load.CurtailedMWh, " MWh"))
	fmt.Fprintf(w, "%-46s %s\n", "Miners' utilisation", est(r.Load.MinerUtilisation.Scale(100), "%.1f%%"))
	fmt.Fprintf(w, "%-46s %s\n", "Miners' revenue a year", est(r.Load.MinerRevenueUSD.Scale(1e-6), "$%.0fM"))
	fmt.Fprintln(w, "\nThe first chance counts every year in which other customers lose more with the carve-out,")
	fmt.Fprintln(w, "years short anyway included (a firm carve-out's pro-rata share adds to what they lose); the")
	fmt.Fprintln(w, "second only years without any shortfall that the carve-out makes short. The extra hours")
	fmt.Fprintln(w, "fall by month and hour as extrahours.png shows (its cells add up to ΔLOLE).")
	zonal(w, r)
}
