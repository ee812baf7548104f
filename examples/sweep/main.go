// Command sweep draws the headline risk curve of carveout: how the chance
// that the carve-out causes load-shedding of other customers, and the extra
// shedding it causes, grow with the size of the carve-out, under each
// curtailment policy.
//
// It runs the embedded Pakistan 2025 scenario, zonal, whose sweep scores
// carve-outs of 0 to 4,000 MW in steps of 500 MW under the firm policy and
// the scenario's interruptible policy (1 h notice, 90% compliance, at most
// 500 curtailed hours a year), at a northern and at a southern site. Every
// size, policy and site is scored on the same simulated years (common
// random numbers), so the curves are paired comparisons and differences
// between them are not noise between runs.
//
// Run it from the repository root:
//
//	go run ./examples/sweep
//	go run ./examples/sweep -sizes 0,1000,2000,3000 -policies firm -trials 5000
//
// Flags:
//
//	-sizes     comma-separated carve-out sizes in MW (default: the scenario's sweep)
//	-policies  comma-separated policies, firm and/or interruptible (default: both)
//	-trials    trial-years (default, or 0: 2000, about 10 s on two cores)
//	-seed      seed (default: the scenario's)
//	-workers   worker goroutines (default GOMAXPROCS; never changes a result)
//	-out       directory for risk.png, risk.svg, risk.pdf and sweep.csv (default out/sweep)
//
// Progress goes to stderr; the table of P(causes shedding), P(new
// shortfall), ΔLOLE and ΔEUE with their 95% intervals goes to stdout.
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
)

// defaultTrials keeps the default run well under a minute on two cores
// (measured: 150–300 trial-years/s for the 18-case sweep on a shared
// two-core machine, so 7–15 s), while the 95% interval of P(causes shedding) at
// 2,000 MW stays within about ±1 percentage point. A judgement.
const defaultTrials = 2000

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop() // before os.Exit, which runs no deferred calls
	os.Exit(code)
}

// run is the whole program; it returns the exit code: 0 on success, 2 for
// bad flags, 1 for any other error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizesFlag := fs.String("sizes", "", "comma-separated carve-out sizes in MW (default: the scenario's sweep)")
	policiesFlag := fs.String("policies", "", "comma-separated policies: firm, interruptible (default: both)")
	trials := fs.Int64("trials", 0, fmt.Sprintf("trial-years (default, or 0: %d)", defaultTrials))
	seed := fs.Uint64("seed", 0, "seed (default: the scenario's)")
	workers := fs.Int("workers", 0, "worker goroutines (default GOMAXPROCS); never changes a result")
	out := fs.String("out", filepath.Join("out", "sweep"), "directory for risk.png, risk.svg, risk.pdf and sweep.csv")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sweep: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if err := sweep(ctx, stdout, stderr, *sizesFlag, *policiesFlag, *trials, *seed, *workers, *out); err != nil {
		fmt.Fprintln(stderr, "sweep:", err)
		return 1
	}
	return 0
}

// scenario returns the Pakistan scenario with the flags applied: the
// sweep's sizes and policies when given, the trial count (0: the
// default, defaultTrials) and the seed (0: the scenario's).
func scenario(sizesFlag, policiesFlag string, trials int64, seed uint64) (*study.Scenario, error) {
	sc, err := scenarios.Pakistan2025()
	if err != nil {
		return nil, err
	}
	// The scenario is plain data: change any field before compiling it.
	if sizesFlag != "" {
		if sc.Sweep.SizesMW, err = parseSizes(sizesFlag); err != nil {
			return nil, err
		}
	}
	if policiesFlag != "" {
		if sc.Sweep.Policies, err = pickPolicies(policiesFlag, sc.Sweep.Policies); err != nil {
			return nil, err
		}
	}
	switch {
	case trials < 0:
		return nil, fmt.Errorf("-trials = %d, want >= 1 (0: the default, %d)", trials, defaultTrials)
	case trials == 0:
		trials = defaultTrials
	}
	sc.Trials = trials
	if seed > 0 {
		sc.Seed = seed
	}
	// Other sizes or policies make it another scenario: its name says so.
	if _, err := scenarios.MarkEdits(sc); err != nil {
		return nil, err
	}
	return sc, nil
}

func sweep(ctx context.Context, stdout, stderr io.Writer, sizesFlag, policiesFlag string, trials int64, seed uint64, workers int, out string) error {
	sc, err := scenario(sizesFlag, policiesFlag, trials, seed)
	if err != nil {
		return err
	}
	st, err := study.NewStudy(sc) // validates the scenario, naming any bad field
	if err != nil {
		return err
	}
	d := st.Scenario()

	opts := []montecarlo.Option{montecarlo.WithProgress(study.ProgressLine(stderr))}
	if workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(workers))
	}
	began := time.Now()
	res, err := st.Run(ctx, opts...)
	if errors.Is(err, context.Canceled) && res != nil {
		return fmt.Errorf("interrupted after %d of %d trial-years; nothing written", res.Done, res.Trials)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "\n%d trial-years in %.1fs\n", res.Done, time.Since(began).Seconds())
	r := res.Report()

	printTable(stdout, r, d)

	// The chart: one line per policy and site, sizes on the x axis, 95%
	// bands, the provenance in its footer.
	series := charts.SweepSeries(r.Sweep)
	fig, err := plots.RiskFigure(series)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files := []string{filepath.Join(out, "risk.png"), filepath.Join(out, "risk.svg"), filepath.Join(out, "risk.pdf")}
	prov := charts.Provenance(r)
	chart := plots.Annotate(fig, &prov)
	for _, f := range files {
		if err := plots.Save(chart, plots.Width, charts.Height(fig), f); err != nil {
			return err
		}
	}
	csvFile := filepath.Join(out, "sweep.csv")
	if err := writeCSV(csvFile, r.Sweep); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nWrote %s\n", strings.Join(append(files, csvFile), ", "))
	return nil
}

// parseSizes reads a comma-separated list of sizes in MW: finite, >= 0,
// without duplicates (the chart needs strictly increasing sizes). It
// returns them sorted.
func parseSizes(s string) ([]float64, error) {
	var sizes []float64
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		mw, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(mw) || math.IsInf(mw, 0) || mw < 0 {
			return nil, fmt.Errorf("-sizes: %q, want a finite number of MW >= 0", f)
		}
		if slices.Contains(sizes, mw) {
			return nil, fmt.Errorf("-sizes: %v MW given twice", mw)
		}
		sizes = append(sizes, mw)
	}
	slices.Sort(sizes)
	return sizes, nil
}

// pickPolicies selects policies by kind from the scenario's sweep, so that
// "interruptible" keeps the scenario's frictions. Each kind may appear once:
// the chart draws one line per kind.
func pickPolicies(s string, available []study.Policy) ([]study.Policy, error) {
	var picked []study.Policy
	var kinds []string
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		if slices.Contains(kinds, name) {
			return nil, fmt.Errorf("-policies: %q given twice", name)
		}
		kind := study.PolicyKind(name)
		i := slices.IndexFunc(available, func(p study.Policy) bool { return p.Kind == kind })
		switch {
		case i >= 0:
			picked = append(picked, available[i])
		case kind == study.Firm || kind == study.Interruptible:
			picked = append(picked, study.Policy{Kind: kind}) // the package defaults
		default:
			return nil, fmt.Errorf("-policies: %q, want %q or %q", name, study.Firm, study.Interruptible)
		}
		kinds = append(kinds, name)
	}
	return picked, nil
}

// printTable writes the sweep as an aligned text table, one block per
// policy.
func printTable(w io.Writer, r *study.Report, d study.Scenario) {
	fmt.Fprintf(w, "carveout sweep — %s (scenario %.12s…), seed %d, %d trial-years\n",
		r.Scenario.Name, r.Scenario.Hash, r.Seed, r.Done)
	econ := "always running"
	if d.Carveout.Mining.Fleet.Economic {
		econ = "running only when profitable"
	}
	fmt.Fprintf(w, "Carve-out split: %.0f%% Bitcoin mining (%s), %.0f%% AI data centres (firm unless stated)\n",
		100*d.Carveout.MiningShare, econ, 100*(1-d.Carveout.MiningShare))
	for _, p := range d.Sweep.Policies {
		fmt.Fprintf(w, "Policy %s\n", describePolicy(p))
	}
	fmt.Fprintln(w, "Intervals are 95%: Wilson for the probabilities, normal for ΔLOLE and ΔEUE. P(causes shedding)")
	fmt.Fprintln(w, "counts every year in which other customers lose more with the carve-out (years short anyway")
	fmt.Fprintln(w, "included); P(new shortfall) only years without shortfall that the carve-out makes short.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-6s %-14s %8s  %-22s %-22s %-24s %s\n", "site", "policy", "MW", "P(causes shedding) %", "P(new shortfall) %", "ΔLOLE h/yr", "ΔEUE MWh/yr")
	for _, s := range r.Sweep {
		fmt.Fprintf(w, "%-6s %-14s %8.0f  %-22s %-22s %-24s %s\n", s.Site, s.Policy, s.MW,
			interval(s.PCausesShedding.Scale(100), "%5.1f"), interval(s.PNewShortfall.Scale(100), "%5.1f"),
			interval(s.DeltaLOLEHours, "%6.2f"), interval(s.DeltaEUEMWh, "%7.1f"))
	}
}

// describePolicy says what a policy does, in words.
func describePolicy(p study.Policy) string {
	if p.Kind != study.Interruptible {
		return string(p.Kind) + ": the carve-out is served like any other load and shed pro rata with it"
	}
	compliance := p.Compliance
	if compliance == 0 {
		compliance = 1
	}
	capText := "no cap on curtailed hours"
	if p.MaxCurtailedHours > 0 {
		capText = fmt.Sprintf("at most %d curtailed hours a year", p.MaxCurtailedHours)
	}
	who := "miners are curtailed first (AI stays firm)"
	if p.AIInterruptible {
		who = "miners and AI are curtailed first"
	}
	return fmt.Sprintf("%s: %s; %d h notice, %.0f%% compliance, %s",
		p.Kind, who, p.NoticeHours, 100*compliance, capText)
}

// interval formats "mean [lo, hi]" with one verb for all three.
func interval(e montecarlo.Estimate, verb string) string {
	return fmt.Sprintf(verb+" ["+verb+", "+verb+"]", e.Mean, e.Lo, e.Hi)
}

// writeCSV writes the sweep's estimates for spreadsheets and other tools.
func writeCSV(path string, points []study.SweepPoint) error {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	header := []string{"site", "policy", "mw"}
	// p_new_shortfall comes last, after the columns of earlier versions.
	for _, q := range []string{"p_causes_shedding", "delta_lole_h", "delta_eue_mwh", "p_new_shortfall"} {
		header = append(header, q, q+"_se", q+"_lo", q+"_hi")
	}
	// With costs ([study.Economics.Sweep]), each point's cost and
	// emissions follow, after the columns of earlier versions; a point
	// without a cost leaves them empty.
	costs := slices.ContainsFunc(points, func(p study.SweepPoint) bool { return p.Cost != nil })
	if costs {
		for _, q := range []string{"short_run_cost", "short_run_cost_per_mwh", "margin", "delta_co2_t", "marginal_emission_t_per_mwh", "stranded_mwh"} {
			header = append(header, q, q+"_se", q+"_lo", q+"_hi")
		}
	}
	rows := [][]string{header}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', 8, 64) }
	for _, p := range points {
		row := []string{p.Site, p.Policy, num(p.MW)}
		es := []montecarlo.Estimate{p.PCausesShedding, p.DeltaLOLEHours, p.DeltaEUEMWh, p.PNewShortfall}
		if c := p.Cost; c != nil {
			es = append(es, c.ShortRunCost, c.ShortRunCostPerMWh, c.Margin, c.DeltaCO2T, c.MarginalEmissionTPerMWh, c.StrandedMWh)
		}
		for _, e := range es {
			row = append(row, num(e.Mean), num(e.SE), num(e.Lo), num(e.Hi))
		}
		for len(row) < len(header) {
			row = append(row, "")
		}
		rows = append(rows, row)
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
