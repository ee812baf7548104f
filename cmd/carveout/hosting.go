package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/study"
)

const hostingUsage = `usage: carveout hosting -criterion MEASURE<=MAX [-criterion ...] -hi MW [-lo MW]
                        [-scenario pakistan|FILE.json] [-site ZONE] [-policy firm|interruptible]
                        [-points N] [-rounds N] [-tolerance MW] [-trials N] [-seed S] [-workers W]
                        [-shards N]
       carveout hosting -method exact -units units.csv -load load.csv -criterion ... -hi MW [-lo MW]
       carveout hosting -fce [-fce-index lole|eue] [-carveout-mw MW] [-fce-zone ZONE]
                        [-fce-unit-mw MW -fce-for FOR -fce-mttr H] [-hi MW] [-lo MW] [other flags as above]
       carveout hosting -fce -method exact -units units.csv -load load.csv -carveout-mw MW ...

Finds the hosting capacity: the largest carve-out (of the scenario's make:
its mining share, miners and AI load) that meets every criterion on other
customers, at a site and under a policy. MEASURE is a change the carve-out
makes (p_causes_shedding, p_new_shortfall, delta_lole_h, delta_eue_mwh: each 0
without a carve-out) or a standard other customers must meet with it (lole_h,
lole_days, lolp), MAX its limit,
e.g. -criterion delta_lole_h<=0.1. Each round scores -points sizes across
the bracket in one run, on the same trial-years; the bracket narrows to the
largest size meeting every criterion with 95% confidence and the smallest
failing one with it, until it is narrower than -tolerance (converged), the
trials cannot resolve it (unresolved: run more trials) or -rounds are used.

-method exact computes it for the copper plate of units.csv and load.csv
and a constant, firm carve-out, by bisection on the capacity outage
probability table (delta_lole_h, delta_eue_mwh, lole_h and lolp).

-fce finds instead the firm capacity equivalent of the scenario's carve-out
(of -carveout-mw MW, default the scenario's size): the least firm capacity
that, added in a zone (-fce-zone; default the carve-out's), brings other
customers' LOLE or EUE (-fce-index) back to its baseline with the carve-out in
place. The capacity is perfectly reliable, or with -fce-unit-mw units of that
size with forced outage rate -fce-for (strictly between 0 and 1) and mean time
to repair -fce-mttr hours, each drawn on its own stream. Each round scores
-points offsets in [-lo, -hi] (-hi 0: twice the carve-out) on the same
trial-years; the bracket is the largest offset that fails to restore the index
with 95% confidence and the smallest that restores it. With -method exact it
is the COPT bisection for a constant, firm carve-out on the copper plate of
units.csv and load.csv.

-shards N runs each round as N shards of the trials, merged: the same answer to
the bit.

Prints one JSON object: the search's spec, estimate_mw, lo_mw and hi_mw
(the bracket), status, rounds (sizes and each criterion's estimates), trials
and seed; with -fce, carveout_mw and rounds of offsets_mw and estimates (the
paired change of the index against the baseline); with -method exact,
{"method":"exact","hosting_mw":...} or {"method":"exact","fce_mw":...}. A
summary goes to stderr.

Flags:
`

// criteriaFlag collects -criterion flags.
type criteriaFlag []study.Criterion

func (c *criteriaFlag) String() string { return "" }

func (c *criteriaFlag) Set(s string) error {
	m, v, ok := strings.Cut(s, "<=")
	if !ok {
		return fmt.Errorf("%q, want MEASURE<=MAX, e.g. delta_lole_h<=0.1", s)
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return fmt.Errorf("%q: limit %q is not a number", s, v)
	}
	*c = append(*c, study.Criterion{Measure: study.Measure(strings.TrimSpace(m)), Max: x})
	return nil
}

// cmdHosting is the hosting command.
func cmdHosting(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("hosting", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, hostingUsage)
		fs.PrintDefaults()
	}
	var crit criteriaFlag
	fs.Var(&crit, "criterion", "MEASURE<=MAX, repeatable: every criterion must hold (required)")
	var o runOptions
	fs.StringVar(&o.scenario, "scenario", "pakistan", "built-in scenario name or a scenario JSON file")
	fs.StringVar(&o.policy, "policy", "", "curtailment policy, firm or interruptible (default: the scenario's)")
	fs.Int64Var(&o.trials, "trials", 0, "trial-years of each round (0: the scenario's)")
	fs.Uint64Var(&o.seed, "seed", 0, "seed (0: the scenario's)")
	fs.IntVar(&o.workers, "workers", 0, "worker goroutines (0: GOMAXPROCS); never changes the answer")
	site := fs.String("site", "", "zone of a zonal scenario where the carve-out sits (default: the scenario's siting)")
	lo := fs.Float64("lo", 0, "lower end of the bracket searched, MW")
	hi := fs.Float64("hi", 0, "upper end of the bracket searched, MW (required)")
	points := fs.Int("points", 0, "sizes scored in each round (0: 9)")
	rounds := fs.Int("rounds", 0, "most rounds (0: 4)")
	tol := fs.Float64("tolerance", 0, "stop once the bracket is this narrow, MW (0: 1% of hi-lo)")
	method := fs.String("method", "mc", "mc (a search on Monte Carlo studies) or exact (the COPT, with -units and -load)")
	units := fs.String("units", "", "units CSV file (with -method exact)")
	load := fs.String("load", "", "hourly load CSV file (with -method exact)")
	shards := fs.Int("shards", 0, "run each round as this many shards of the trials, merged (0 or 1: unsharded); never changes the answer")
	fs.Func("carveout-mw", "carve-out size in `MW` whose firm capacity equivalent -fce finds (default: the scenario's; required with -fce -method exact)", func(v string) error {
		mw, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("want a number of MW")
		}
		o.carveoutMW, o.carveoutSet = mw, true
		return nil
	})
	var fce fceFlags
	fs.BoolVar(&fce.on, "fce", false, "find the firm capacity equivalent of the carve-out instead of the hosting capacity")
	fs.StringVar(&fce.index, "fce-index", "lole", "index the firm capacity restores: lole or eue")
	fs.StringVar(&fce.zone, "fce-zone", "", "zone the firm capacity is added in (default: the carve-out's)")
	fs.Float64Var(&fce.unitMW, "fce-unit-mw", 0, "firm capacity in units of this many MW (0: perfectly reliable capacity)")
	fs.Float64Var(&fce.forRate, "fce-for", 0, "forced outage rate of the units of -fce-unit-mw, in (0, 1)")
	fs.Float64Var(&fce.mttr, "fce-mttr", 0, "mean time to repair of the units of -fce-unit-mw, hours")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "carveout hosting: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return bad("unexpected arguments %q", fs.Args())
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if fce.on {
		return fceSearch(ctx, fce, crit, o, set, *method, *units, *load, *site, *lo, *hi, *points, *rounds, *tol, *shards, stdout, stderr)
	}
	for _, name := range []string{"fce-index", "fce-zone", "fce-unit-mw", "fce-for", "fce-mttr", "carveout-mw"} {
		if set[name] {
			return bad("-%s goes with -fce", name)
		}
	}
	if msg := checkMethod(*method, *units, *load); msg != "" {
		return bad("%s", msg)
	}
	if *method == "exact" {
		sys, err := grid.ReadSystemFiles(*units, *load)
		if err != nil {
			return bad("%v", err)
		}
		mw, err := study.HostingCOPT(sys, crit, *lo, *hi, *tol)
		if err != nil {
			return bad("%v", err)
		}
		return printResult(stdout, stderr, map[string]any{"method": "exact", "hosting_mw": mw},
			fmt.Sprintf("exact hosting capacity %.4g MW", mw))
	}
	spec := study.HostingSpec{Criteria: crit, Site: *site, LoMW: *lo, HiMW: *hi, Points: *points, MaxRounds: *rounds, ToleranceMW: *tol, Shards: *shards}
	return monteCarloSearch(ctx, o, stdout, stderr, func(sc *study.Scenario, opts []montecarlo.Option) (*study.HostingResult, error) {
		return study.Hosting(ctx, sc, spec, opts...)
	}, func(res *study.HostingResult) string {
		return fmt.Sprintf("%.4g MW, between %.4g and %.4g MW (%s, %d rounds of %d trial-years)",
			res.EstimateMW, res.LoMW, res.HiMW, res.Status, len(res.Rounds), res.Trials)
	})
}

// fceFlags are the -fce flags of the hosting command.
type fceFlags struct {
	on                    bool
	index, zone           string
	unitMW, forRate, mttr float64
}

// fceSearch is the hosting command with -fce: the firm capacity
// equivalent of the carve-out, by Monte Carlo search or exactly.
func fceSearch(ctx context.Context, f fceFlags, crit criteriaFlag, o runOptions, set map[string]bool, method, units, load, site string,
	lo, hi float64, points, rounds int, tol float64, shards int, stdout, stderr io.Writer) int {
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "carveout hosting: "+format+"\n", a...)
		return 2
	}
	if len(crit) > 0 {
		return bad("-criterion goes with a hosting search; -fce restores the baseline's -fce-index instead")
	}
	var measure study.Measure
	switch f.index {
	case "lole":
		measure = study.MeasureDeltaLOLE
	case "eue":
		measure = study.MeasureDeltaEUE
	default:
		return bad("-fce-index = %q, want lole or eue", f.index)
	}
	var unit *study.OffsetUnit
	if set["fce-unit-mw"] {
		unit = &study.OffsetUnit{MW: f.unitMW, FOR: f.forRate, MTTRHours: f.mttr}
		if err := unit.Validate(); err != nil {
			return bad("-fce-unit-mw, -fce-for, -fce-mttr: unit %v", err)
		}
	} else if set["fce-for"] || set["fce-mttr"] {
		return bad("-fce-for and -fce-mttr describe the units of -fce-unit-mw: give it too")
	}
	if msg := checkMethod(method, units, load); msg != "" {
		return bad("%s", msg)
	}
	if method == "exact" {
		if !o.carveoutSet {
			return bad("-fce -method exact needs -carveout-mw")
		}
		if f.zone != "" || site != "" {
			return bad("-fce-zone and -site name zones; the exact method is for a copper plate")
		}
		sys, err := grid.ReadSystemFiles(units, load)
		if err != nil {
			return bad("%v", err)
		}
		mw, err := study.FCECOPT(sys, o.carveoutMW, measure, unit, lo, hi, tol)
		if err != nil {
			return bad("%v", err)
		}
		return printResult(stdout, stderr, map[string]any{"method": "exact", "fce_mw": mw, "carveout_mw": o.carveoutMW, "index": f.index},
			fmt.Sprintf("exact firm capacity equivalent %.4g MW of a %.4g MW carve-out", mw, o.carveoutMW))
	}
	spec := study.FCESpec{Measure: measure, Site: site, Zone: f.zone, Unit: unit, LoMW: lo, HiMW: hi, Points: points, MaxRounds: rounds, ToleranceMW: tol, Shards: shards}
	return monteCarloSearch(ctx, o, stdout, stderr, func(sc *study.Scenario, opts []montecarlo.Option) (*study.FCEResult, error) {
		return study.FCE(ctx, sc, spec, opts...)
	}, func(res *study.FCEResult) string {
		return fmt.Sprintf("firm capacity equivalent of %.4g MW: %.4g MW, between %.4g and %.4g MW (%s, %d rounds of %d trial-years)",
			res.CarveoutMW, res.EstimateMW, res.LoMW, res.HiMW, res.Status, len(res.Rounds), res.Trials)
	})
}

// checkMethod returns what is wrong with -method and the -units and -load
// that go with it, or "" if nothing is.
func checkMethod(method, units, load string) string {
	switch method {
	case "exact":
		if units == "" || load == "" {
			return "-method exact needs -units and -load"
		}
	case "mc":
		if units != "" || load != "" {
			return "-units and -load go with -method exact; a Monte Carlo search takes -scenario"
		}
	default:
		return fmt.Sprintf("-method = %q, want mc or exact", method)
	}
	return ""
}

// monteCarloSearch runs search on the scenario of o with o's workers and
// prints its result with the summary line that summary gives: exit 2
// for a bad scenario or search, 1 if ctx was cancelled or stdout fails.
func monteCarloSearch[R any](ctx context.Context, o runOptions, stdout, stderr io.Writer,
	search func(*study.Scenario, []montecarlo.Option) (R, error), summary func(R) string) int {
	sc, err := loadScenario(o)
	if err != nil {
		fmt.Fprintf(stderr, "carveout hosting: %v\n", err)
		return 2
	}
	var opts []montecarlo.Option
	if o.workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(o.workers))
	}
	res, err := search(sc, opts)
	if err != nil {
		fmt.Fprintln(stderr, "carveout hosting:", err)
		if ctx.Err() != nil {
			return 1
		}
		return 2
	}
	return printResult(stdout, stderr, res, summary(res))
}

// printResult writes v as JSON to stdout and the summary line to stderr:
// exit 0, or 1 if stdout fails.
func printResult(stdout, stderr io.Writer, v any, summary string) int {
	if err := writeJSON(stdout, v); err != nil {
		fmt.Fprintln(stderr, "carveout hosting:", err)
		return 1
	}
	fmt.Fprintln(stderr, "carveout hosting:", summary)
	return 0
}
