// Command policies compares curtailment policies for Pakistan's 2,000 MW
// carve-out, and miners that follow the economics against miners that
// always run, on the embedded Pakistan 2025 scenario.
//
// The rows are:
//
//   - firm: the carve-out is served like any other load; in a shortfall
//     everyone, carve-out included, is shed pro rata;
//   - interruptible with the scenario's frictions: miners are curtailed
//     first, decided 1 h ahead on the margin forecast then, with 90% of a
//     request delivered and at most 500 curtailed hours a year;
//   - ideal interruptible: no notice, full compliance, no cap;
//
// each with economic miners (the scenario's default: they run only in
// hours when mining revenue covers the tariff) and with miners that always
// run, and a reference row with the AI data centres alone.
//
// Even the ideal interruptible contract leaves risk: it curtails only the
// miners, and the AI data centres (half the carve-out by the scenario's
// stated split) stay firm. Under the ideal contract the miners' own part of
// the incremental shedding is zero: a shortfall curtails them completely
// before any other customer is shed, so those rows match the "AI load
// only" reference row (the same simulated years, so the match is exact up
// to rounding, not just within noise).
//
// Each row is its own study with the same seed. Streams are keyed by
// (seed, trial, component), so every row sees the same outages, demand and
// Bitcoin market: differences between rows are the policies', not noise
// between runs (common random numbers).
//
// Run it from the repository root:
//
//	go run ./examples/policies
//	go run ./examples/policies -mw 3000 -trials 4000
//
// Flags:
//
//	-mw            carve-out size in MW (default 2000)
//	-mining-share  share of the carve-out drawn by miners (default: the scenario's 0.5)
//	-trials        trial-years per row (default, or 0: 1500; the 7 rows take a few seconds on two cores)
//	-seed          seed (default: the scenario's)
//	-workers       worker goroutines (default GOMAXPROCS; never changes a result)
//
// Progress goes to stderr, the table to stdout.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
)

// defaultTrials: seven rows of 1,500 trial-years take about 2 s on a
// two-core machine (measured), and the 95% interval of P(causes shedding)
// at 2,000 MW is then about ±1 percentage point. A judgement.
const defaultTrials = 1500

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop() // before os.Exit, which runs no deferred calls
	os.Exit(code)
}

// config holds the parsed flags.
type config struct {
	mw, miningShare float64
	trials          int64
	seed            uint64
	workers         int
}

// run is the whole program; it returns the exit code: 0 on success, 2 for
// bad flags, 1 for any other error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, ok := parseFlags(args, stderr)
	if !ok {
		return 2
	}
	base, rows, err := compare(ctx, stderr, c)
	if err != nil {
		fmt.Fprintln(stderr, "policies:", err)
		return 1
	}
	printTable(stdout, base, c, rows)
	return 0
}

// parseFlags parses the command line, with 0 meaning the default for
// -trials and -seed, as in every command of the library. It reports a bad
// flag on stderr and returns false.
func parseFlags(args []string, stderr io.Writer) (config, bool) {
	c := config{miningShare: math.NaN()}
	fs := flag.NewFlagSet("policies", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Float64Var(&c.mw, "mw", 2000, "carve-out size in MW")
	fs.Func("mining-share", "`share` of the carve-out drawn by miners, in [0, 1] (default: the scenario's)", func(v string) error {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || !(x >= 0 && x <= 1) {
			return fmt.Errorf("want a share in [0, 1]")
		}
		c.miningShare = x
		return nil
	})
	fs.Int64Var(&c.trials, "trials", 0, fmt.Sprintf("trial-years per row (default, or 0: %d)", defaultTrials))
	fs.Uint64Var(&c.seed, "seed", 0, "seed (default, or 0: the scenario's)")
	fs.IntVar(&c.workers, "workers", 0, "worker goroutines (default GOMAXPROCS); never changes a result")
	if err := fs.Parse(args); err != nil {
		return c, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "policies: unexpected arguments %q\n", fs.Args())
		return c, false
	}
	if c.trials == 0 {
		c.trials = defaultTrials
	}
	if c.trials < 2 {
		fmt.Fprintf(stderr, "policies: -trials = %d, want >= 2 (a standard error needs two trials; 0: the default, %d)\n", c.trials, defaultTrials)
		return c, false
	}
	return c, true
}

// variant is one row of the comparison: a change to the base scenario.
type variant struct {
	label    string
	policy   study.Policy
	economic bool
	aiOnly   bool // drop the miners, keep the AI load
}

// row is a variant's result.
type row struct {
	variant
	r *study.Report
}

// compare runs one study per variant and returns the base scenario and the
// rows, in the order printed.
func compare(ctx context.Context, stderr io.Writer, c config) (*study.Scenario, []row, error) {
	base, err := scenarios.Pakistan2025()
	if err != nil {
		return nil, nil, err
	}
	// The scenario's interruptible policy, with its frictions, is the
	// second policy of its sweep.
	var frictions study.Policy
	for _, p := range base.Sweep.Policies {
		if p.Kind == study.Interruptible {
			frictions = p
		}
	}
	if frictions.Kind == "" {
		return nil, nil, errors.New("the Pakistan scenario has no interruptible policy in its sweep")
	}
	if !math.IsNaN(c.miningShare) {
		base.Carveout.MiningShare = c.miningShare
	}
	firm := study.Policy{Kind: study.Firm}
	ideal := study.Policy{Kind: study.Interruptible, NoticeHours: 0, Compliance: 1, MaxCurtailedHours: 0}
	frictionLabel := fmt.Sprintf("interruptible (%d h notice, %.0f%%, ≤%d h)",
		frictions.NoticeHours, 100*frictions.Compliance, frictions.MaxCurtailedHours)
	idealLabel := "interruptible, ideal (0 h, 100%, no cap)"
	variants := []variant{
		{label: "firm", policy: firm, economic: true},
		{label: frictionLabel, policy: frictions, economic: true},
		{label: idealLabel, policy: ideal, economic: true},
		{label: "firm", policy: firm},
		{label: frictionLabel, policy: frictions},
		{label: idealLabel, policy: ideal},
		{label: "AI load only, firm", policy: firm, aiOnly: true},
	}

	var rows []row
	began := time.Now()
	for i, v := range variants {
		sc := *base // a shallow copy: only top-level fields change below
		sc.Sweep = study.Sweep{}
		sc.Trials = c.trials
		if c.seed > 0 {
			sc.Seed = c.seed
		}
		sc.Carveout.MW = c.mw
		sc.Carveout.Policy = v.policy

		sc.Carveout.Mining.Fleet.Economic = v.economic
		if v.aiOnly {
			// Keep the AI draw of the full carve-out: AI MW is
			// MW × (1 − MiningShare), so shrink MW and drop the miners.
			sc.Carveout.MW = c.mw * (1 - sc.Carveout.MiningShare)
			sc.Carveout.MiningShare = 0
		}
		st, err := study.NewStudy(&sc)
		if err != nil {
			return nil, nil, err
		}
		opts := []montecarlo.Option{montecarlo.WithProgress(progress(stderr, i+1, len(variants)))}
		if c.workers > 0 {
			opts = append(opts, montecarlo.WithWorkers(c.workers))
		}
		res, err := st.Run(ctx, opts...)
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, row{v, res.Report()})
	}
	fmt.Fprintf(stderr, "\n%d rows × %d trial-years in %.1fs\n", len(rows), c.trials, time.Since(began).Seconds())
	return base, rows, nil
}

// printTable writes the comparison as an aligned text table.
func printTable(w io.Writer, base *study.Scenario, c config, rows []row) {
	r0 := rows[0].r
	share := base.Carveout.MiningShare
	fmt.Fprintf(w, "carveout policies — %s, %.0f MW carve-out (%.0f%% Bitcoin mining, %.0f%% AI data centres), seed %d, %d trial-years per row\n",
		r0.Scenario.Name, c.mw, 100*share, 100*(1-share), r0.Seed, r0.Done)
	fmt.Fprintln(w, "Effect on other customers, with 95% intervals; the same simulated years in every row.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-12s %-42s %-19s %-19s %-22s %-22s %10s %9s\n",
		"miners", "policy", "P(causes shed.) %", "P(new short.) %", "ΔLOLE h/yr", "ΔEUE MWh/yr", "curtail h", "miner use")
	for i, rw := range rows {
		if i == 3 || i == 6 {
			fmt.Fprintln(w)
		}
		miners := "always run"
		if rw.economic {
			miners = "economic"
		}
		if rw.aiOnly {
			miners = "none"
		}
		r := rw.r
		use := "—"
		if !rw.aiOnly {
			use = fmt.Sprintf("%.1f%%", 100*r.Load.MinerUtilisation.Mean)
		}
		fmt.Fprintf(w, "%-12s %-42s %-19s %-19s %-22s %-22s %10.1f %9s\n", miners, rw.label,
			interval(r.Risk.PCausesShedding.Scale(100), "%.1f"),
			interval(r.Risk.PNewShortfall.Scale(100), "%.1f"),
			interval(r.Risk.DeltaLOLEHours, "%.3f"),
			interval(r.Risk.DeltaEUEMWh, "%.1f"),
			r.Load.CurtailedHours.Mean, use)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "P(causes shed.): share of years in which other customers lose more energy with the carve-out than")
	fmt.Fprintln(w, "without (under a firm policy every year short anyway counts); P(new short.): share of years without")
	fmt.Fprintln(w, "any shortfall of other customers that the carve-out makes short.")
	fmt.Fprintln(w, "curtail h: hours a year in which miners are asked to curtail; miner use: share of the year's")
	fmt.Fprintln(w, "full-power mining energy actually drawn. The ideal interruptible rows leave only the AI data")
	fmt.Fprintln(w, "centres' risk, which stays firm: compare them with the \"AI load only\" row.")
}

// interval formats "mean [lo, hi]".
func interval(e montecarlo.Estimate, verb string) string {
	return fmt.Sprintf(verb+" ["+verb+", "+verb+"]", e.Mean, e.Lo, e.Hi)
}

// progress prints a live progress line on stderr, at most four times a
// second.
func progress(w io.Writer, row, rows int) func(montecarlo.Progress[*study.State]) {
	var last time.Time
	return func(p montecarlo.Progress[*study.State]) {
		if time.Since(last) < 250*time.Millisecond && p.Done < p.Total {
			return
		}
		last = time.Now()
		rate := float64(p.Done) / max(p.Elapsed.Seconds(), 1e-9)
		fmt.Fprintf(w, "\rrow %d/%d: %6d/%d trial-years  %5.0f/s   ", row, rows, p.Done, p.Total, rate)
	}
}
