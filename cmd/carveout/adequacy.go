package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

const adequacyUsage = `usage: carveout adequacy -units units.csv -load load.csv [-interfaces interfaces.csv]
                         [-method mc|copt|exact] [-trials N] [-seed S] [-workers W] [-shard i/n]
                         [-target-rse R] [-lfu SIGMA] [-vr is]

Estimates the adequacy indices of a generating fleet serving an hourly load,
on one copper plate or in zones joined by transmission interfaces.

units.csv has a header naming its columns: capacity_mw, mttr_h and mttf_h (or
for, the forced outage rate: MTTF = MTTR(1-FOR)/FOR) are required, name and
count (default 1) optional, others ignored. Partial
(derated) outages are optional too: derated_mw, partial_mttf_h and
partial_mttr_h give a second, independent outage process that takes
derated_mw away (empty cells: none). load.csv has a load_mw column, one row
per chronological hour; a numbered hour column must count up by one from 0
or 1.

Zones: a load.csv with one load_mw_<zone> column per zone (load_mw_north,
load_mw_south, ...; at most 12, grid.MaxZones) makes the system zonal, the
zones in column order being their priority when imports fall short. Every unit
then names its zone in a zone column of units.csv, and each zone has units or
an interface. -interfaces interfaces.csv gives the transmission elements, one
a row: from and to (zones), capacity_mw (both directions) or
capacity_forward_mw and capacity_backward_mw (from->to, to->from), and
optionally name (default <from>-<to>/<row>), count, mttf_h or for with mttr_h
(none: the element never fails) and source. Each hour every zone serves its
own load first; a zone short of it imports what the others spare, up to the
capacity of the interface elements that are up, and the unserved energy is the
least the network allows.

-method mc (default) runs a chronological Monte Carlo simulation; -method copt
computes the exact hourly indices from the capacity outage probability table
(no lole_days, lolf, lold_h or p_any_shortfall; se = 0). -method exact is the
exact method for the system: the COPT for a system without zones; for a zonal
one, the enumeration of every zone's capacity and every interface element's
state (method "exact", each zone's indices under zones, exact_states), refused
beyond grid.MaxExactStates states and with -lfu.

-lfu SIGMA adds load forecast uncertainty: each trial-year's whole load (every
zone's) is scaled by 1+σZ, Z standard normal. With copt (no zones), LOLE and
EUE are then the exact integrals of each hour's COPT result over the normal
density (LOLP and NEUE follow from them); the daily-peak LOLE is left out.

-vr is (with -method mc, on a copper plate without availability classes)
draws the outages by importance sampling: each trial picks one window of hours
at risk, inside which each unit fails more often and is repaired more slowly,
at factors and with window shares a cross-entropy pilot chooses from streams of
its own derived from -seed, and is weighted by the likelihood ratio of its
outage paths (a tenth of the trials are drawn untilted, so no weight exceeds
10). The method is "mc-is", -target-rse then
applies to the LOLE, and the output adds variance_reduction: the method, the
tilt, the pilot, the effective sample size (Kish), the mean weight and the
measured variance-reduction factor per trial against crude Monte Carlo for
lole_h, eue_mwh, lolf and p_any_shortfall; a line on stderr states them
(not for a shard). With -shard every shard reruns the pilot, which draws from
-seed alone and so chooses the same tilt in each, then runs its trials; its
state holds the method, the pilot's parameters (config), the tilt, the pilot
and the weighted tally, and carveout merge refuses shards whose seed, trials,
system, method, config, tilt or pilot differ, naming the field.

Prints one JSON object: method, trials (those done), seed, hours, version,
system_hash (SHA-256 of the units, loads, interfaces and LFU as read),
lfu_sigma (with -lfu), converged (when -target-rse stopped the run early) and,
for each index (lole_h, lole_days, lolf, lold_h, eue_mwh, neue_ppm, lolp,
p_any_shortfall), {"mean","se","lo","hi"}: the system's, an hour counting when
any zone is short; for a zonal system also zones, each zone's indices by name;
with copt (and exact without zones) also lole_daily_peak_days (without
-lfu), copt_states and copt_step_mw, with exact on zones exact_states (both
ignore -trials, -seed, -workers, -shard and
-target-rse). A summary of the system's and each zone's LOLE, LOLF and EUE
goes to stderr (not for a shard). The output is identical for any -workers.
With -shard i/n (i counting from 0) it runs the i-th of n contiguous trial
ranges and prints the shard instead: kind, version, hash (the system hash),
seed, trials, shard_index, shard_count, start, end, done, the system as read
(document) and the exact mergeable state (kind carveout-adequacy-is-shard
with -vr is, whose shards never merge with those of a crude run). carveout
merge combines the shards, given in any order, into the unsharded output, byte
for byte.

Flags:
`

// defaultAdequacyTrials is the Monte Carlo trial count of the adequacy
// command without -trials (or with -trials 0).
const defaultAdequacyTrials = 10000

// adequacyFlags are the parsed flags of the adequacy command.
type adequacyFlags struct {
	units, load, interfaces string
	method                  string
	trials                  int64
	seed                    uint64
	workers                 int
	shard                   string
	targetRSE               float64
	lfu                     float64
	vr                      string
}

// runAdequacy is the adequacy command.
func runAdequacy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f adequacyFlags
	fs := flag.NewFlagSet("adequacy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, adequacyUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&f.units, "units", "", "units CSV file (required)")
	fs.StringVar(&f.load, "load", "", "hourly load CSV file (required)")
	fs.StringVar(&f.interfaces, "interfaces", "", "interfaces CSV file joining the zones of a zonal load (optional)")
	fs.StringVar(&f.method, "method", "mc", "mc (Monte Carlo), copt (exact table) or exact (the exact method for the system)")
	fs.Int64Var(&f.trials, "trials", 0, fmt.Sprintf("Monte Carlo trials (trial-years), all shards together (default, or 0: %d)", defaultAdequacyTrials))
	fs.Uint64Var(&f.seed, "seed", 1, "Monte Carlo seed")
	fs.IntVar(&f.workers, "workers", 0, "worker goroutines (0: GOMAXPROCS); never changes the output")
	fs.StringVar(&f.shard, "shard", "", "run shard i of n contiguous trial ranges, as i/n with 0 <= i < n")
	fs.Float64Var(&f.lfu, "lfu", 0, "load forecast uncertainty σ: the year's load scaled by 1+σZ per trial (0: none)")
	fs.StringVar(&f.vr, "vr", "", "variance reduction of -method mc: is (importance sampling of the outages) or none")
	fs.Float64Var(&f.targetRSE, "target-rse", 0, "stop once the relative standard error of EUE is at most this (checked every 1000 trials; 0: off)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		return adequacyUsageError(stderr, "unexpected arguments %q", fs.Args())
	}
	// 0 means the default, as -trials 0 does in every command.
	switch {
	case f.trials == 0:
		f.trials = defaultAdequacyTrials
	case f.trials < 0 || f.trials > montecarlo.MaxTrials:
		return adequacyUsageError(stderr, "-trials = %d, want in [1, %d] (0: the default, %d)", f.trials, int64(montecarlo.MaxTrials), defaultAdequacyTrials)
	}
	if f.units == "" || f.load == "" {
		return adequacyUsageError(stderr, "-units and -load are required")
	}
	if f.method != "mc" && f.method != "copt" && f.method != "exact" {
		return adequacyUsageError(stderr, "-method = %q, want mc, copt or exact", f.method)
	}
	switch {
	case f.vr != "" && f.vr != "none" && f.vr != "is":
		return adequacyUsageError(stderr, "-vr = %q, want is (importance sampling) or none", f.vr)
	case f.vr == "is" && f.method != "mc":
		return adequacyUsageError(stderr, "-vr is needs -method mc, not %s (an exact method has no variance to reduce)", f.method)
	}
	sys, err := grid.ReadZonalSystemFiles(f.units, f.load, f.interfaces)
	if err != nil {
		fmt.Fprintln(stderr, "carveout adequacy:", err)
		return 2
	}
	sys.LFUSigma = f.lfu
	if err := sys.Validate(); err != nil {
		fmt.Fprintln(stderr, "carveout adequacy:", err)
		return 2
	}
	began := time.Now()
	var res *grid.AdequacyResult
	var out any
	if f.method != "mc" {
		if res, err = adequacyExact(sys, f.method); err != nil {
			// The system is valid, so what the exact method refuses is
			// still the input: a table too large for its capacities'
			// decimals, classes with LFU, zones with LFU or beyond
			// grid.MaxExactStates states.
			fmt.Fprintln(stderr, "carveout adequacy:", err)
			return 2
		}
		out = res
	} else {
		var code int
		if res, code, err = adequacyMC(ctx, sys, f, stderr); err != nil {
			fmt.Fprintln(stderr, "carveout adequacy:", err)
			return code
		}
		out = res
		switch {
		case f.shard != "" && res.IS != nil:
			out = res.ISShard()
		case f.shard != "":
			out = res.Shard()
		}
	}
	if err := writeJSON(stdout, out); err != nil {
		fmt.Fprintln(stderr, "carveout adequacy:", err)
		return 1
	}
	fmt.Fprintf(stderr, "carveout adequacy: %s done in %v\n", f.method, time.Since(began).Round(time.Millisecond))
	if f.shard == "" {
		writeSummary(stderr, res)
		if res.IS != nil {
			writeVR(stderr, res)
		}
	}
	return 0
}

// writeVR writes the variance-reduction line of an importance-sampled
// result: the method, the effective sample size and the measured factor
// of each headline index.
func writeVR(w io.Writer, res *grid.AdequacyResult) {
	var b strings.Builder
	fmt.Fprintf(&b, "  variance reduction: %s, ESS %.0f of %d trials, mean weight %.4f ± %.2g; factor against crude MC per trial:",
		res.IS.Method, res.IS.ESS, res.Done, res.IS.MeanWeight.Mean, res.IS.MeanWeight.SE)
	for i, r := range res.IS.Reductions {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(&b, "%s %s %.3g", sep, r.Index, r.Factor)
	}
	fmt.Fprintln(w, b.String())
}

// adequacyExact computes the exact indices of sys by method: copt, the
// capacity outage probability table (of a system without zones), or
// exact, the exact method for the system (the COPT without zones, the
// zonal enumeration with them).
func adequacyExact(sys *grid.System, method string) (*grid.AdequacyResult, error) {
	if method == "copt" {
		return grid.AdequacyCOPT(sys)
	}
	return grid.AdequacyExact(sys)
}

// writeSummary writes the main indices of res to w, one line for the
// system and one for each zone: each mean with its standard error (none
// for an exact method), leaving out those the method does not give.
func writeSummary(w io.Writer, res *grid.AdequacyResult) {
	line := func(label string, x *grid.Indices) {
		var b strings.Builder
		fmt.Fprintf(&b, "  %-*s", width(res)+1, label+":")
		sep := " "
		for _, c := range []struct {
			name, unit string
			e          montecarlo.Estimate
		}{{"LOLE", "h/yr", x.LOLEHours}, {"LOLF", "/yr", x.LOLF}, {"EUE", "MWh/yr", x.EUEMWh}} {
			if math.IsNaN(c.e.Mean) {
				continue
			}
			fmt.Fprintf(&b, "%s%s %.4g", sep, c.name, c.e.Mean)
			sep = ", "
			if c.e.SE > 0 {
				fmt.Fprintf(&b, " ± %.2g", c.e.SE)
			}
			fmt.Fprintf(&b, " %s", c.unit)
		}
		fmt.Fprintln(w, b.String())
	}
	line("system", &res.Indices)
	for i := range res.Zones {
		line("zone "+res.Zones[i].Name, &res.Zones[i].Indices)
	}
}

// width returns the length of the longest label of writeSummary.
func width(res *grid.AdequacyResult) int {
	n := len("system")
	for _, z := range res.Zones {
		n = max(n, len("zone ")+len(z.Name))
	}
	return n
}

// writeJSON writes v to w as JSON indented by two spaces, with a final
// newline: the form in which `carveout adequacy` and `carveout merge` print
// adequacy results and shards, so that merged shards print byte for byte
// what the unsharded run prints.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func adequacyUsageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "carveout adequacy: "+format+"\n", args...)
	fmt.Fprintln(stderr, "run 'carveout adequacy -h' for usage")
	return 2
}

// parseShard parses "i/n".
func parseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.Atoi(a)
		if err == nil {
			n, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("-shard = %q, want i/n with 0 <= i < n", s)
	}
	return i, n, nil
}

// adequacyMC runs the Monte Carlo method and returns its result and, on
// error, the exit status.
func adequacyMC(ctx context.Context, sys *grid.System, f adequacyFlags, stderr io.Writer) (*grid.AdequacyResult, int, error) {
	var lastReport time.Duration
	opts := []montecarlo.Option{
		montecarlo.WithSeed(f.seed),
		montecarlo.WithTrials(f.trials),
		montecarlo.WithProgress(func(p montecarlo.Progress[*grid.Tally]) {
			// At most one line a second, and the last.
			if p.Elapsed-lastReport < time.Second && p.Done < p.Total {
				return
			}
			lastReport = p.Elapsed
			fmt.Fprintf(stderr, "carveout adequacy: %d/%d trials, %v\n", p.Done, p.Total, p.Elapsed.Round(time.Millisecond))
		}),
	}
	if f.workers < 0 {
		return nil, 2, fmt.Errorf("-workers = %d, want >= 0", f.workers)
	}
	if f.workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(f.workers))
	}
	if f.shard != "" {
		si, sn, err := parseShard(f.shard)
		if err != nil {
			return nil, 2, err
		}
		opts = append(opts, montecarlo.WithShard(si, sn))
	}
	if f.targetRSE != 0 {
		// The rule is checked at each checkpoint (every 1000 trials by
		// default), from the first one on.
		opts = append(opts, montecarlo.WithTargetRSE(f.targetRSE, 0))
	}
	var res *grid.AdequacyResult
	var err error
	if f.vr == "is" {
		// The progress callback is typed on the crude state; an
		// importance-sampled run reports its own.
		opts[2] = montecarlo.WithProgress(func(p montecarlo.Progress[*grid.WeightedTally]) {
			if p.Elapsed-lastReport < time.Second && p.Done < p.Total {
				return
			}
			lastReport = p.Elapsed
			fmt.Fprintf(stderr, "carveout adequacy: %d/%d trials, %v\n", p.Done, p.Total, p.Elapsed.Round(time.Millisecond))
		})
		res, err = grid.AdequacyIS(ctx, sys, grid.ImportanceSampling{}, opts...)
	} else {
		res, err = grid.Adequacy(ctx, sys, opts...)
	}
	if err != nil {
		code := 1
		if res == nil { // rejected before running: bad options
			code = 2
		}
		return nil, code, err
	}
	return res, 0, nil
}
