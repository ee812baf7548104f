package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

const creditUsage = `usage: carveout capacity-credit -units units.csv -load load.csv [-interfaces interfaces.csv]
                               -add new_units.csv -max MW [-method efc|elcc|both] [-metric eue|lole]
                               [-zone ZONE] [-gap MW] [-p-value P] [-trials N] [-seed S] [-workers W]

Assesses the capacity credit of new resources as PRAS does (its
PRASCapacityCredits EFC and ELCC): the system of units.csv, load.csv and
interfaces.csv (read as by carveout adequacy) is the base; with the units of
new_units.csv (same columns) added it is the augmented system.

EFC, the equivalent firm capacity: the perfectly reliable capacity that, added
to the base system (in -zone of a zonal one), gives the augmented system's EUE
or LOLE (-metric). ELCC, the effective load carrying capability: the constant
load that, added to the augmented system (in -zone), gives the base system's.
Each is a bisection over whole MW in [0, -max], every point a Monte Carlo
adequacy run on the same seed and trials; it stops when the bracket is at most
-gap MW wide (converged) or when the metrics at its ends no longer differ at
the -p-value of PRAS's one-sided z-test (not significant).

Prints one JSON object, {"efc": ..., "elcc": ...} (those asked for), each
with its spec, target (the metric to reach), lo_mw and hi_mw (the bracket),
status, p_value and points (each MW assessed and its metric). A summary goes
to stderr.

Flags:
`

// cmdCredit is the capacity-credit command.
func cmdCredit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("capacity-credit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, creditUsage)
		fs.PrintDefaults()
	}
	units := fs.String("units", "", "units CSV file of the base system (required)")
	load := fs.String("load", "", "hourly load CSV file (required)")
	ifaces := fs.String("interfaces", "", "interfaces CSV file joining the zones of a zonal load (optional)")
	add := fs.String("add", "", "units CSV file of the new resources (required)")
	method := fs.String("method", "both", "efc, elcc or both")
	metric := fs.String("metric", "eue", "the index held fixed: eue or lole")
	zone := fs.String("zone", "", "zone of a zonal system where the firm capacity or the extra load goes (required with zones)")
	maxMW := fs.Int("max", 0, "upper end of the bisection, whole MW (required)")
	gap := fs.Int("gap", 0, "stop once the bracket is this narrow, whole MW (0: 1)")
	pValue := fs.Float64("p-value", 0, "stop once the ends' metrics differ less significantly than this (0: 0.05)")
	trials := fs.Int64("trials", 0, fmt.Sprintf("Monte Carlo trials of each adequacy run (0: %d)", defaultAdequacyTrials))
	seed := fs.Uint64("seed", 1, "Monte Carlo seed, the same for every run")
	workers := fs.Int("workers", 0, "worker goroutines (0: GOMAXPROCS); never changes the output")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "carveout capacity-credit: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return bad("unexpected arguments %q", fs.Args())
	}
	if *units == "" || *load == "" || *add == "" {
		return bad("-units, -load and -add are required")
	}
	if *method != "efc" && *method != "elcc" && *method != "both" {
		return bad("-method = %q, want efc, elcc or both", *method)
	}
	switch {
	case *trials == 0:
		*trials = defaultAdequacyTrials
	case *trials < 0 || *trials > montecarlo.MaxTrials:
		return bad("-trials = %d, want in [1, %d] (0: the default, %d)", *trials, int64(montecarlo.MaxTrials), defaultAdequacyTrials)
	}
	if *workers < 0 {
		return bad("-workers = %d, want >= 0", *workers)
	}
	base, err := grid.ReadZonalSystemFiles(*units, *load, *ifaces)
	if err != nil {
		return bad("%v", err)
	}
	if err := base.Validate(); err != nil {
		return bad("%s: %v", *units, err)
	}
	f, err := os.Open(*add)
	if err != nil {
		return bad("%v", err)
	}
	extra, err := grid.ReadUnits(f, *add)
	f.Close()
	if err != nil {
		return bad("%v", err)
	}
	aug := *base
	aug.Units = append(append([]grid.Unit(nil), base.Units...), extra...)
	if err := aug.Validate(); err != nil {
		return bad("the base system with the units of %s: %v", *add, err)
	}
	spec := grid.CreditSpec{Metric: grid.CreditMetric(*metric), MaxMW: *maxMW, GapMW: *gap, PValue: *pValue, Zone: *zone}
	opts := []montecarlo.Option{montecarlo.WithSeed(*seed), montecarlo.WithTrials(*trials)}
	if *workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(*workers))
	}
	out := map[string]*grid.CreditResult{}
	for _, m := range []struct {
		name string
		f    func(context.Context, *grid.System, *grid.System, grid.CreditSpec, ...montecarlo.Option) (*grid.CreditResult, error)
	}{{"efc", grid.EFC}, {"elcc", grid.ELCC}} {
		if *method != "both" && *method != m.name {
			continue
		}
		r, err := m.f(ctx, base, &aug, spec, opts...)
		if err != nil {
			fmt.Fprintln(stderr, "carveout capacity-credit:", err)
			if ctx.Err() != nil {
				return 1
			}
			return 2
		}
		out[m.name] = r
		fmt.Fprintf(stderr, "carveout capacity-credit: %s in [%d, %d] MW (%s, %s target %.4g)\n", m.name, r.LoMW, r.HiMW, r.Status, spec.Metric, r.Target.Mean)
	}
	if err := writeJSON(stdout, out); err != nil {
		fmt.Fprintln(stderr, "carveout capacity-credit:", err)
		return 1
	}
	return 0
}
