// Command rbts validates carveout's Monte Carlo engine on the Roy Billinton
// Test System (RBTS), the textbook generation-adequacy test system
// embedded in package testsystems.
//
// For each index it prints, as a markdown table ready for the README:
//
//   - the exact value, from the capacity outage probability table (COPT,
//     grid.NewCOPT), where an exact method exists;
//   - the published or independently computed reference (testsystems);
//   - the chronological Monte Carlo estimate (grid.Adequacy) with its
//     standard error, and whether it lies within 4 standard errors of the
//     exact value (of the reference where there is no exact value: LOLF and
//     LOLD need the chronology a COPT does not have).
//
// Load forecast uncertainty (LFU, σ = 5%: the whole year's load scaled by
// 1+σZ) is checked through the carve-out study's demand model, which is
// where a study's LFU lives: the LFU rows run RBTS as a study with no
// carve-out (study.FromSystem) and read its baseline indices, which are
// those of grid.Adequacy with System.LFUSigma to the bit; the exact
// values come from grid.COPT.IndicesLFU.
//
// Run it from the repository root:
//
//	go run ./examples/rbts
//	go run ./examples/rbts -trials 1000000 -lfu-trials 100000 -seed 7
//
// Flags:
//
//	-trials      trial-years of the adequacy run (default, or 0: 200000, under a second)
//	-lfu-trials  trial-years of the LFU study (default, or 0: 20000, about a second)
//	-seed        seed of both runs (default 1)
//	-workers     worker goroutines (default GOMAXPROCS; never changes a result)
//
// It exits 1 if any estimate lies more than 4 standard errors from its
// exact or reference value (a chance of about 6 in 100,000 per row if the
// engine is right), so it doubles as a check in scripts.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/testsystems"
)

// Default trial counts: with them the standard error of LOLE is about 0.3%
// (adequacy) and 2.5% (LFU) of its value, and the run takes under 10 s on
// two cores (measured: about 100,000 adequacy and 3,500 study trial-years
// per second). A judgement.
const (
	defaultTrials    = 200_000
	defaultLFUTrials = 20_000
)

// lfuSigma is the LFU standard deviation validated: the middle of the three
// cases in testsystems.RBTSLFU.
const lfuSigma = 0.05

// maxZ is the tolerance in standard errors (the library's convention for
// statistical checks: within 4 SE).
const maxZ = 4

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop() // before os.Exit, which runs no deferred calls
	os.Exit(code)
}

// errOutside marks a completed validation with an estimate outside 4 SE.
var errOutside = errors.New("validation failed")

// run is the whole program; it returns the exit code: 0 when every
// estimate is within 4 SE, 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rbts", flag.ContinueOnError)
	fs.SetOutput(stderr)
	trials := fs.Int64("trials", 0, fmt.Sprintf("trial-years of the adequacy run (default, or 0: %d)", defaultTrials))
	lfuTrials := fs.Int64("lfu-trials", 0, fmt.Sprintf("trial-years of the LFU study (default, or 0: %d)", defaultLFUTrials))
	seed := fs.Uint64("seed", 1, "seed of both runs")
	workers := fs.Int("workers", 0, "worker goroutines (default GOMAXPROCS); never changes a result")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "rbts: unexpected arguments %q\n", fs.Args())
		return 2
	}
	// 0 means the default, as in every command of the library.
	n, lfuN, ok := trialCounts(*trials, *lfuTrials, stderr)
	if !ok {
		return 2
	}
	*trials, *lfuTrials = n, lfuN
	if err := validate(ctx, stdout, stderr, *trials, *lfuTrials, *seed, *workers); err != nil {
		fmt.Fprintln(stderr, "rbts:", err)
		return 1
	}
	return 0
}

// trialCounts resolves the -trials and -lfu-trials flags, 0 meaning the
// default of each; a count below 2 (a standard error needs two trials) is
// reported on stderr, naming its flag, and gives false.
func trialCounts(trials, lfuTrials int64, stderr io.Writer) (int64, int64, bool) {
	if trials == 0 {
		trials = defaultTrials
	}
	if lfuTrials == 0 {
		lfuTrials = defaultLFUTrials
	}
	for _, f := range []struct {
		name string
		n    int64
	}{{"-trials", trials}, {"-lfu-trials", lfuTrials}} {
		if f.n < 2 {
			fmt.Fprintf(stderr, "rbts: %s = %d, want >= 2 (a standard error needs two trials; 0: the default)\n", f.name, f.n)
			return 0, 0, false
		}
	}
	return trials, lfuTrials, true
}

// row is one line of the validation table.
type row struct {
	index  string
	unit   string
	exact  float64 // NaN when no exact method exists
	ref    float64 // NaN when there is no reference value
	refFmt string  // how the reference is printed (its published precision)
	mc     montecarlo.Estimate
}

// target is what the estimate is checked against: the exact value, else
// the reference.
func (r row) target() float64 {
	if !math.IsNaN(r.exact) {
		return r.exact
	}
	return r.ref
}

// z is the estimate's distance from its target in standard errors.
func (r row) z() float64 { return (r.mc.Mean - r.target()) / r.mc.SE }

// result is what the validation measured.
type result struct {
	rows        []row
	installedMW float64
	hours       int
	seed        uint64
	done        int64 // adequacy trial-years
	lfuDone     int64 // LFU study trial-years
}

func validate(ctx context.Context, stdout, stderr io.Writer, trials, lfuTrials int64, seed uint64, workers int) error {
	res, err := measure(ctx, stderr, trials, lfuTrials, seed, workers)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "RBTS (%d units, %.0f MW installed, %.0f MW peak, %d-hour year); seed %d; "+
		"Monte Carlo: %d trial-years (adequacy), %d (LFU study)\n\n",
		testsystems.RBTSUnits, res.installedMW, testsystems.RBTSPeakMW, res.hours, res.seed, res.done, res.lfuDone)
	fmt.Fprintln(stdout, "| index | unit | exact (COPT) | reference | Monte Carlo | SE | z | within 4 SE |")
	fmt.Fprintln(stdout, "|---|---|---:|---:|---:|---:|---:|:---:|")
	outside := 0
	for _, r := range res.rows {
		ok := "yes"
		if z := r.z(); !(math.Abs(z) <= maxZ) { // a NaN z (no SE) fails too
			ok = "**no**"
			outside++
		}
		fmt.Fprintf(stdout, "| %s | %s | %s | %s | %s | %s | %+.2f | %s |\n", r.index, r.unit,
			orDash(r.exact, "%.6g"), orDash(r.ref, r.refFmt), sig(r.mc.Mean, r.mc.SE), sig(r.mc.SE, r.mc.SE), r.z(), ok)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, "z = (Monte Carlo − exact) / SE; against the reference where no exact value exists (LOLF, LOLD:")
	fmt.Fprintln(stdout, "frequency and duration need the chronology). Loss of load means available capacity strictly below")
	fmt.Fprintln(stdout, "load; units start in their stationary state; indices are per 8736-hour year (testsystems/rbts/README.md).")
	if outside > 0 {
		return fmt.Errorf("%w: %d of %d estimates outside %d SE", errOutside, outside, len(res.rows), maxZ)
	}
	return nil
}

// measure computes the exact indices and runs both Monte Carlo
// simulations.
func measure(ctx context.Context, stderr io.Writer, trials, lfuTrials int64, seed uint64, workers int) (*result, error) {
	// The embedded files are in the format of `carveout adequacy`:
	// units.csv (name,count,capacity_mw,mttf_h,mttr_h), load.csv
	// (hour,load_mw).
	units, err := grid.ReadUnits(bytes.NewReader(testsystems.RBTSUnitsCSV), "rbts/units.csv")
	if err != nil {
		return nil, err
	}
	load, err := grid.ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "rbts/load.csv")
	if err != nil {
		return nil, err
	}
	sys := &grid.System{Name: "RBTS", Units: units, Load: load}

	// Exact indices from the COPT: the distribution of available capacity
	// of 11 independent two-state units, 49 states of 5 MW.
	copt, err := grid.NewCOPT(units)
	if err != nil {
		return nil, err
	}
	exact, err := copt.Indices(load)
	if err != nil {
		return nil, err
	}
	exactLFU, err := copt.IndicesLFU(load, lfuSigma)
	if err != nil {
		return nil, err
	}
	var lfuRef testsystems.LFUReference
	for _, r := range testsystems.RBTSLFU {
		if r.Sigma == lfuSigma {
			lfuRef = r
		}
	}
	if lfuRef.Sigma == 0 {
		return nil, fmt.Errorf("testsystems.RBTSLFU has no reference for σ = %v", lfuSigma)
	}

	// Monte Carlo 1: chronological simulation of unit outages over the
	// fixed load series.
	var opts []montecarlo.Option
	if workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(workers))
	}
	began := time.Now()
	ad, err := grid.Adequacy(ctx, sys, append(opts, montecarlo.WithSeed(seed), montecarlo.WithTrials(trials),
		montecarlo.WithProgress(progress[*grid.Tally](stderr, "adequacy")))...)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "\nadequacy: %d trial-years in %.1fs\n", ad.Done, time.Since(began).Seconds())

	// Monte Carlo 2: the same system, with load forecast uncertainty, as
	// a carve-out study with no carve-out: its demand model scales each
	// year's load by 1+σZ, and only its baseline is read.
	lfuSys := *sys
	lfuSys.LFUSigma = lfuSigma
	sc := study.FromSystem(&lfuSys)
	sc.Trials, sc.Seed = lfuTrials, seed
	st, err := study.NewStudy(sc)
	if err != nil {
		return nil, err
	}
	began = time.Now()
	res, err := st.Run(ctx, append(opts, montecarlo.WithProgress(progress[*study.State](stderr, "LFU study")))...)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "\nLFU study: %d trial-years in %.1fs\n", res.Done, time.Since(began).Seconds())
	lfu := res.Report().Baseline

	nan := math.NaN()
	mc := ad.Indices
	return &result{
		rows: []row{
			{"LOLE", "h/yr", exact.LOLEHours.Mean, testsystems.RBTSLOLE, "%.6f", mc.LOLEHours},
			{"EUE (EENS)", "MWh/yr", exact.EUEMWh.Mean, testsystems.RBTSEUE, "%.4f", mc.EUEMWh},
			{"LOLP", "", exact.LOLP.Mean, testsystems.RBTSLOLE / testsystems.RBTSHours, "%.4g", mc.LOLP},
			{"NEUE", "ppm", exact.NEUEPPM.Mean, nan, "", mc.NEUEPPM},
			{"LOLF", "events/yr", nan, testsystems.RBTSLOLF, "%.4f", mc.LOLF},
			{"LOLD", "h", nan, testsystems.RBTSLOLD, "%.3f", mc.LOLDHours},
			{fmt.Sprintf("LOLE, LFU σ=%.0f%%", 100*lfuSigma), "h/yr", exactLFU.LOLEHours.Mean, lfuRef.LOLEHours, "%.4f", lfu.LOLEHours},
			{fmt.Sprintf("EUE, LFU σ=%.0f%%", 100*lfuSigma), "MWh/yr", exactLFU.EUEMWh.Mean, lfuRef.EUEMWh, "%.2f", lfu.EUEMWh},
		},
		installedMW: copt.InstalledMW(),
		hours:       len(load),
		seed:        seed,
		done:        ad.Done,
		lfuDone:     res.Done,
	}, nil
}

// orDash formats x, or "—" if it is NaN.
func orDash(x float64, verb string) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf(verb, x)
}

// sig formats x to the decimal place of the second significant digit of
// its standard error, so that printed digits are meaningful.
func sig(x, se float64) string {
	d := 4
	if se > 0 && !math.IsInf(se, 0) {
		d = max(0, 1-int(math.Floor(math.Log10(se))))
	}
	return fmt.Sprintf("%.*f", d, x)
}

// progress prints a live progress line on stderr, at most four times a
// second.
func progress[A any](w io.Writer, what string) func(montecarlo.Progress[A]) {
	var last time.Time
	return func(p montecarlo.Progress[A]) {
		if time.Since(last) < 250*time.Millisecond && p.Done < p.Total {
			return
		}
		last = time.Now()
		rate := float64(p.Done) / max(p.Elapsed.Seconds(), 1e-9)
		fmt.Fprintf(w, "\r%s: %9d/%d trial-years  %7.0f/s", what, p.Done, p.Total, rate)
	}
}
