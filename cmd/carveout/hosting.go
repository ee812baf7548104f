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
       carveout hosting -method exact -units units.csv -load load.csv -criterion ... -hi MW [-lo MW]

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

Prints one JSON object: the search's spec, estimate_mw, lo_mw and hi_mw
(the bracket), status, rounds (sizes and each criterion's estimates), trials
and seed; with -method exact, {"method":"exact","hosting_mw":...}. A
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
	o.carveoutMW = -1
	switch *method {
	case "exact":
		if *units == "" || *load == "" {
			return bad("-method exact needs -units and -load")
		}
		sys, err := grid.ReadSystemFiles(*units, *load)
		if err != nil {
			return bad("%v", err)
		}
		mw, err := study.HostingCOPT(sys, crit, *lo, *hi, *tol)
		if err != nil {
			return bad("%v", err)
		}
		if err := writeJSON(stdout, map[string]any{"method": "exact", "hosting_mw": mw}); err != nil {
			fmt.Fprintln(stderr, "carveout hosting:", err)
			return 1
		}
		fmt.Fprintf(stderr, "carveout hosting: exact hosting capacity %.4g MW\n", mw)
		return 0
	case "mc":
		if *units != "" || *load != "" {
			return bad("-units and -load go with -method exact; a Monte Carlo search takes -scenario")
		}
	default:
		return bad("-method = %q, want mc or exact", *method)
	}
	sc, err := loadScenario(o)
	if err != nil {
		return bad("%v", err)
	}
	spec := study.HostingSpec{Criteria: crit, Site: *site, LoMW: *lo, HiMW: *hi, Points: *points, MaxRounds: *rounds, ToleranceMW: *tol}
	var opts []montecarlo.Option
	if o.workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(o.workers))
	}
	res, err := study.Hosting(ctx, sc, spec, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "carveout hosting:", err)
		if ctx.Err() != nil {
			return 1
		}
		return 2
	}
	if err := writeJSON(stdout, res); err != nil {
		fmt.Fprintln(stderr, "carveout hosting:", err)
		return 1
	}
	fmt.Fprintf(stderr, "carveout hosting: %.4g MW, between %.4g and %.4g MW (%s, %d rounds of %d trial-years)\n",
		res.EstimateMW, res.LoMW, res.HiMW, res.Status, len(res.Rounds), res.Trials)
	return 0
}
