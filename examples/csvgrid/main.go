// Command csvgrid measures the risk of a carve-out on your own grid,
// described by two CSV files, and shows how to turn those files into a
// carveout scenario.
//
// The files are those of `carveout adequacy`:
//
//	units.csv  one row per generating unit (or group of identical units):
//	           name,count,capacity_mw,mttf_h,mttr_h
//	           e.g. coal-660,2,660,1460,73     (FOR = 73/(1460+73) ≈ 4.8%)
//	load.csv   one row per chronological hour, the first at 1 January 00:00:
//	           hour,load_mw
//
// Only capacity_mw, mttr_h, mttf_h (or for, the forced outage rate, from
// which MTTF = MTTR·(1−FOR)/FOR) and load_mw are required; count defaults
// to 1; derated_mw, partial_mttf_h and partial_mttr_h add partial outages
// (see grid.Unit); other columns are ignored. Each unit alternates between
// up and down spells, exponentially distributed with means MTTF and MTTR
// hours (so its forced outage rate is MTTR/(MTTF+MTTR)); a unit with
// partial outages also loses derated_mw during spells of mean
// partial_mttr_h hours, separated by spells of mean partial_mttf_h.
//
// The program builds a study.Scenario from the files, with the load as the
// deterministic demand of the other customers (optionally with load forecast
// uncertainty), adds a carve-out of Bitcoin miners that always run at full
// power, and prints the paired risk: how often, and by how much, the
// carve-out makes other customers lose load, measured on the same simulated
// years with and without it. With no flags it uses the RBTS test system
// (written to a temporary directory from package testsystems), so it runs
// out of the box:
//
//	go run ./examples/csvgrid
//	go run ./examples/csvgrid -units my/units.csv -load my/load.csv -carveout-mw 300
//	go run ./examples/csvgrid -json my-grid.json   # then: carveout run -scenario my-grid.json
//
// Flags:
//
//	-units         units CSV (default: the embedded RBTS units)
//	-load          hourly load CSV (default: the embedded RBTS load)
//	-carveout-mw   carve-out size in MW (default, or 0: 5% of the peak load)
//	-policy        firm or interruptible (miners curtailed first, no notice)
//	-lfu           load forecast uncertainty σ, e.g. 0.05 (default 0: off)
//	-trials        trial-years (default, or 0: 20000)
//	-seed          seed (default, or 0: 1)
//	-workers       worker goroutines (default GOMAXPROCS; never changes a result)
//	-json          also write the scenario as a JSON document to this file
//
// Progress goes to stderr, results to stdout.
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
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/testsystems"
)

// defaultShare is the default carve-out as a share of the peak load: 5%, a
// judgement (large enough to show on a test system, small enough to be a
// plausible first phase).
const defaultShare = 0.05

// defaultTrials: on RBTS the study runs about 4,000 trial-years/s on two
// cores, so the default takes about 5 s and gives ΔLOLE to about ±5%.
const defaultTrials = 20_000

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop() // before os.Exit, which runs no deferred calls
	os.Exit(code)
}

// config holds the parsed flags.
type config struct {
	units, load, json string
	carveoutMW, lfu   float64
	policy            string
	trials            int64
	seed              uint64
	workers           int
}

// run is the whole program; it returns the exit code: 0 on success, 2 for
// bad flags, 1 for any other error (unreadable or invalid files included).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, ok := parseFlags(args, stderr)
	if !ok {
		return 2
	}
	if err := csvgrid(ctx, stdout, stderr, c); err != nil {
		fmt.Fprintln(stderr, "csvgrid:", err)
		return 1
	}
	return 0
}

// parseFlags parses the command line, with 0 meaning the default for
// -trials (defaultTrials), as in every command of the library. It reports
// a bad flag on stderr and returns false.
func parseFlags(args []string, stderr io.Writer) (config, bool) {
	var c config
	fs := flag.NewFlagSet("csvgrid", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.units, "units", "", "units CSV: name,count,capacity_mw,mttf_h (or for),mttr_h[,derated_mw,partial_mttf_h,partial_mttr_h] (default: the embedded RBTS units)")
	fs.StringVar(&c.load, "load", "", "hourly load CSV: hour,load_mw (default: the embedded RBTS load)")
	fs.Float64Var(&c.carveoutMW, "carveout-mw", 0, "carve-out size in MW (default, or 0: 5% of the peak load)")
	fs.StringVar(&c.policy, "policy", string(study.Firm), "curtailment policy: firm or interruptible")
	fs.Float64Var(&c.lfu, "lfu", 0, "load forecast uncertainty σ (default, or 0: off)")
	fs.Int64Var(&c.trials, "trials", 0, fmt.Sprintf("trial-years (default, or 0: %d)", defaultTrials))
	fs.Uint64Var(&c.seed, "seed", 0, "seed (default, or 0: 1)")
	fs.IntVar(&c.workers, "workers", 0, "worker goroutines (default GOMAXPROCS); never changes a result")
	fs.StringVar(&c.json, "json", "", "also write the scenario as JSON to this file")
	if err := fs.Parse(args); err != nil {
		return c, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "csvgrid: unexpected arguments %q\n", fs.Args())
		return c, false
	}
	if (c.units == "") != (c.load == "") {
		fmt.Fprintln(stderr, "csvgrid: give both -units and -load, or neither (for the RBTS example)")
		return c, false
	}
	if c.trials == 0 {
		c.trials = defaultTrials
	}
	if c.seed == 0 {
		c.seed = 1
	}
	if c.trials < 2 {
		fmt.Fprintf(stderr, "csvgrid: -trials = %d, want >= 2 (a standard error needs two trials; 0: the default, %d)\n", c.trials, defaultTrials)
		return c, false
	}
	return c, true
}

func csvgrid(ctx context.Context, stdout, stderr io.Writer, c config) error {
	name := "my-grid"
	if c.units == "" {
		// No files given: write the embedded RBTS files to a temporary
		// directory and read them back exactly as a user's files would be.
		dir, err := os.MkdirTemp("", "carveout-csvgrid-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		c.units, c.load = filepath.Join(dir, "units.csv"), filepath.Join(dir, "load.csv")
		if err := os.WriteFile(c.units, testsystems.RBTSUnitsCSV, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(c.load, testsystems.RBTSLoadCSV, 0o644); err != nil {
			return err
		}
		name = "rbts"
	}
	// ReadSystemFiles checks every value and names file, line and column
	// of the first bad one.
	sys, err := grid.ReadSystemFiles(c.units, c.load)
	if err != nil {
		return err
	}
	if sys.Zoned() {
		return fmt.Errorf("%s has load_mw_<zone> columns, a zonal load: csvgrid studies a single-zone grid (one load_mw column); carveout adequacy -interfaces assesses a zonal one", c.load)
	}
	sc, err := scenario(name, sys, c)
	if err != nil {
		return err
	}
	if c.json != "" {
		b, err := json.MarshalIndent(sc, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.json, append(b, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "scenario written to %s\n", c.json)
	}
	st, err := study.NewStudy(sc)
	if err != nil {
		return err
	}

	opts := []montecarlo.Option{montecarlo.WithProgress(study.ProgressLine(stderr))}
	if c.workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(c.workers))
	}
	began := time.Now()
	res, err := st.Run(ctx, opts...)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "\n%d trial-years in %.1fs\n", res.Done, time.Since(began).Seconds())
	r := res.Report()

	describe(stdout, sys, sc)
	results(stdout, r)
	if c.lfu == 0 && study.PolicyKind(c.policy) == study.Firm {
		exactCheck(stdout, sys, sc.Carveout.MW, r.Risk.DeltaLOLEHours)
	}
	return nil
}

// scenario describes the grid and the carve-out as a study.Scenario: the
// same JSON document `carveout run -scenario FILE.json` reads, so a
// scenario built here can be saved (-json), edited and rerun.
func scenario(name string, sys *grid.System, c config) (*study.Scenario, error) {
	peak := slices.Max(sys.Load)
	mw := c.carveoutMW
	if mw == 0 {
		// 5% of peak, rounded to 0.1 MW so the scenario reads cleanly.
		mw = math.Round(defaultShare*peak*10) / 10
	}
	if !(mw > 0 && mw <= 1e6) {
		return nil, fmt.Errorf("-carveout-mw = %v, want in (0, 1e6]", mw)
	}
	if !(c.lfu >= 0 && c.lfu < 1) {
		return nil, fmt.Errorf("-lfu = %v, want in [0, 1)", c.lfu)
	}
	var policy study.Policy
	switch study.PolicyKind(c.policy) {
	case study.Firm:
		policy = study.Policy{Kind: study.Firm}
	case study.Interruptible:
		// The ideal interruptible contract: curtail the miners as soon as
		// supply is short, fully, without limit. Add NoticeHours, Compliance
		// and MaxCurtailedHours for frictions.
		policy = study.Policy{Kind: study.Interruptible}
	default:
		return nil, fmt.Errorf("-policy = %q, want %q or %q", c.policy, study.Firm, study.Interruptible)
	}

	// FromSystem makes the grid a study with no carve-out: the units as
	// the fleet, the load as the other customers' demand (with its load
	// forecast uncertainty, which scales each simulated year by 1+σZ),
	// and the load's length as the horizon: 8760 hours for a year, 8736
	// for RBTS's 52 weeks, or several years back to back. Its baseline is
	// the grid's plain adequacy.
	withLFU := *sys
	withLFU.LFUSigma = c.lfu
	sc := study.FromSystem(&withLFU)
	sc.Name = name
	sc.Description = fmt.Sprintf("%s with a %.1f MW carve-out of always-running Bitcoin miners", name, mw)
	sc.Notes = []string{
		"Fleet and load from CSV files; single node, no transmission limits.",
		"Miners always run at full power (no economic switching); the carve-out has no AI load.",
	}
	sc.Trials, sc.Seed = c.trials, c.seed
	for i := range sc.Fleet {
		// A plain CSV fleet has no technology or availability class (a
		// class gives seasonal or hourly availability, e.g. hydro by
		// month or solar by hour: add them in the JSON); record where
		// the numbers came from.
		sc.Fleet[i].Source = "from " + filepath.Base(c.units)
	}
	// The carve-out: all Bitcoin mining (MiningShare 0 would be all AI
	// data centres). The mining model keeps its documented defaults
	// (price, network, machine efficiency, a $40/MWh tariff); they matter
	// only to economic miners and to the revenue figures. Economic is
	// false: miners draw their full MW every hour.
	sc.Carveout.MW = mw
	sc.Carveout.MiningShare = 1
	sc.Carveout.Policy = policy
	return sc, nil
}

// describe prints the grid as the scenario sees it.
func describe(w io.Writer, sys *grid.System, sc *study.Scenario) {
	installed, n := 0.0, 0
	for _, u := range sys.Units {
		k := max(u.Count, 1)
		installed += float64(k) * u.CapacityMW
		n += k
	}
	// Expected available capacity: each unit contributes its availability
	// 1 − FOR times its expected capacity when up, the capacity less the
	// derate times the partial outage rate.
	expected := 0.0
	for _, u := range sys.Units {
		expected += float64(max(u.Count, 1)) * (1 - u.FOR()) * (u.CapacityMW - u.DeratedMW*u.PFOR())
	}
	peak := slices.Max(sys.Load)
	energy := 0.0
	for _, l := range sys.Load {
		energy += l
	}
	fmt.Fprintf(w, "Grid %q: %d units, %.1f MW installed (%.1f MW expected available), peak load %.1f MW,\n",
		sc.Name, n, installed, expected, peak)
	fmt.Fprintf(w, "  %d hours, %s MWh; reserve margin %.1f%% of peak.\n",
		len(sys.Load), thousands(energy), 100*(installed-peak)/peak)
	lfu := "off"
	if sc.Demand.LFU.Sigma > 0 {
		lfu = fmt.Sprintf("σ = %.1f%%", 100*sc.Demand.LFU.Sigma)
	}
	fmt.Fprintf(w, "Carve-out: %.1f MW of always-running Bitcoin miners (%.1f%% of peak), %s policy; load forecast uncertainty %s.\n\n",
		sc.Carveout.MW, 100*sc.Carveout.MW/peak, sc.Carveout.Policy.Kind, lfu)
}

// thousands formats x rounded to a whole number with thousands separators
// ("1,094,712"), energy being in MWh in every example's output.
func thousands(x float64) string {
	s := strconv.FormatFloat(math.Round(math.Abs(x)), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if x <= -0.5 {
		s = "-" + s
	}
	return s
}

// results prints the indices of the other customers without and with the
// carve-out, and the paired risk.
func results(w io.Writer, r *study.Report) {
	fmt.Fprintf(w, "Seed %d, %d trial-years; scenario hash %.12s…; 95%% intervals.\n\n", r.Seed, r.Done, r.Scenario.Hash)
	fmt.Fprintf(w, "%-34s %-26s %s\n", "other customers", "without carve-out", "with carve-out")
	line := func(label, verb string, a, b montecarlo.Estimate) {
		fmt.Fprintf(w, "%-34s %-26s %s\n", label, interval(a, verb), interval(b, verb))
	}
	line("LOLE (h/yr)", "%.3f", r.Baseline.LOLEHours, r.Carveout.LOLEHours)
	line("EUE (MWh/yr)", "%.2f", r.Baseline.EUEMWh, r.Carveout.EUEMWh)
	line("LOLF (events/yr)", "%.3f", r.Baseline.LOLF, r.Carveout.LOLF)
	line("P(any shortfall in a year) (%)", "%.1f", r.Baseline.PAnyShortfall.Scale(100), r.Carveout.PAnyShortfall.Scale(100))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Paired risk (per-year differences on the same draws)")
	fmt.Fprintf(w, "%-34s %s\n", "P(carve-out causes shedding) (%)", interval(r.Risk.PCausesShedding.Scale(100), "%.2f"))
	fmt.Fprintf(w, "%-34s %s\n", "P(new shortfall) (%)", interval(r.Risk.PNewShortfall.Scale(100), "%.2f"))
	fmt.Fprintf(w, "%-34s %s\n", "ΔLOLE (h/yr)", interval(r.Risk.DeltaLOLEHours, "%.3f"))
	fmt.Fprintf(w, "%-34s %s\n", "ΔLOLF (events/yr)", interval(r.Risk.DeltaLOLF, "%.3f"))
	fmt.Fprintf(w, "%-34s %s\n", "ΔEUE (MWh/yr)", interval(r.Risk.DeltaEUEMWh, "%.2f"))
	fmt.Fprintf(w, "%-34s %s\n", "share of shed energy due to it (%)", interval(r.Risk.ShareAttributable.Scale(100), "%.1f"))
	if r.Load.CurtailedHours.Mean > 0 {
		fmt.Fprintf(w, "%-34s %s\n", "miners curtailed (h/yr)", interval(r.Load.CurtailedHours, "%.2f"))
	}
	fmt.Fprintln(w, "\nP(carve-out causes shedding) counts the years in which other customers lose more energy with the")
	fmt.Fprintln(w, "carve-out than without, including years short anyway (under a firm policy the carve-out's")
	fmt.Fprintln(w, "pro-rata share raises what they lose); P(new shortfall) counts only years without any shortfall")
	fmt.Fprintln(w, "of other customers that the carve-out makes short.")
}

// exactCheck compares ΔLOLE with its exact value. Under the firm policy
// always-running miners are a constant extra load that is shed pro rata
// with everyone, so other customers lose load exactly in the hours when
// capacity is below load + carve-out, and the capacity outage probability
// table gives ΔLOLE exactly: the exact LOLE of the grid serving load +
// carve-out, less that of the grid alone (grid.AdequacyCOPT). It gives no
// exact ΔEUE: other customers bear only their pro-rata share of each
// shortfall.
func exactCheck(w io.Writer, sys *grid.System, mw float64, est montecarlo.Estimate) {
	with := *sys
	with.Load = make([]float64, len(sys.Load))
	for h, l := range sys.Load {
		with.Load[h] = l + mw
		if l == 0 {
			with.Load[h] = 0 // nobody else to shed in an hour without load
		}
	}
	base, err1 := grid.AdequacyCOPT(sys)
	carve, err2 := grid.AdequacyCOPT(&with)
	if err := errors.Join(err1, err2); err != nil {
		// A fleet with finely divided capacities can exceed the table's
		// size limit; the check is a bonus, so say why it is skipped.
		fmt.Fprintf(w, "\n(exact check skipped: %v)\n", err)
		return
	}
	exact := carve.Indices.LOLEHours.Mean - base.Indices.LOLEHours.Mean
	if !(est.SE > 0) {
		// No trial had incremental shortfall hours: no z-score exists.
		fmt.Fprintf(w, "\nExact check (COPT, firm policy): ΔLOLE = %.4f h/yr; the estimate, %.4f, has no spread to compare it with (no trial showed any).\n", exact, est.Mean)
		return
	}
	z := (est.Mean - exact) / est.SE
	fmt.Fprintf(w, "\nExact check (COPT, firm policy): ΔLOLE = %.4f h/yr; the estimate is %+.2f SE from it.\n", exact, z)
}

// interval formats "mean [lo, hi]".
func interval(e montecarlo.Estimate, verb string) string {
	return fmt.Sprintf(verb+" ["+verb+", "+verb+"]", e.Mean, e.Lo, e.Hi)
}
