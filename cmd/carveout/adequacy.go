package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carveout/carveout"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

const adequacyUsage = `usage: carveout adequacy -units units.csv -load load.csv [-method mc|copt]
                         [-trials N] [-seed S] [-workers W] [-shard i/n] [-target-rse R]
                         [-lfu SIGMA]

Estimates the adequacy indices of a generating fleet serving an hourly load.

units.csv has a header naming its columns: capacity_mw, mttr_h and mttf_h (or
for, the forced outage rate: MTTF = MTTR(1-FOR)/FOR) are required, name and
count (default 1) optional, others ignored. Partial
(derated) outages are optional too: derated_mw, partial_mttf_h and
partial_mttr_h give a second, independent outage process that takes
derated_mw away (empty cells: none). load.csv has a load_mw column, one row
per chronological hour; a numbered hour column must count up by one from 0
or 1.

-method mc (default) runs a chronological Monte Carlo simulation; -method copt
computes the exact hourly indices from the capacity outage probability table
(no lole_days, lolf, lold_h or p_any_shortfall; se = 0).

-lfu SIGMA adds load forecast uncertainty: each trial-year's whole load is
scaled by 1+σZ, Z standard normal. With copt, LOLE and EUE are then the exact
integrals of each hour's COPT result over the normal density (LOLP and NEUE
follow from them); the daily-peak LOLE is left out.

Prints one JSON object: method, trials (those done), seed, hours, version,
system_hash (SHA-256 of the units, load and LFU as read), lfu_sigma (with
-lfu) and, for each index (lole_h, lole_days, lolf, lold_h, eue_mwh,
neue_ppm, lolp, p_any_shortfall), {"mean","se","lo","hi"}; with copt also
lole_daily_peak_days (without -lfu), copt_states and copt_step_mw (copt
ignores -trials, -seed, -workers, -shard and -target-rse). The output is identical for
any -workers. With -shard i/n (i counting from 0) it runs the i-th of n
contiguous trial ranges and adds the range and the exact mergeable state.

Flags:
`

// adequacyFlags are the parsed flags of the adequacy command.
type adequacyFlags struct {
	units, load, method string
	trials              int64
	seed                uint64
	workers             int
	shard               string
	targetRSE           float64
	lfu                 float64
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
	fs.StringVar(&f.method, "method", "mc", "mc (Monte Carlo) or copt (exact table)")
	fs.Int64Var(&f.trials, "trials", 10000, "Monte Carlo trials (trial-years), all shards together")
	fs.Uint64Var(&f.seed, "seed", 1, "Monte Carlo seed")
	fs.IntVar(&f.workers, "workers", 0, "worker goroutines (0: GOMAXPROCS); never changes the output")
	fs.StringVar(&f.shard, "shard", "", "run shard i of n contiguous trial ranges, as i/n with 0 <= i < n")
	fs.Float64Var(&f.lfu, "lfu", 0, "load forecast uncertainty σ: the year's load scaled by 1+σZ per trial (0: none)")
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
	if f.units == "" || f.load == "" {
		return adequacyUsageError(stderr, "-units and -load are required")
	}
	if f.method != "mc" && f.method != "copt" {
		return adequacyUsageError(stderr, "-method = %q, want mc or copt", f.method)
	}
	sys, err := grid.ReadSystemFiles(f.units, f.load)
	if err != nil {
		fmt.Fprintln(stderr, "carveout adequacy:", err)
		return 2
	}
	sys.LFUSigma = f.lfu
	if err := sys.Validate(); err != nil {
		fmt.Fprintln(stderr, "carveout adequacy:", err)
		return 2
	}
	var out []byte
	began := time.Now()
	if f.method == "copt" {
		out, err = adequacyCOPT(sys)
	} else {
		var code int
		out, code, err = adequacyMC(ctx, sys, f, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "carveout adequacy:", err)
			return code
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "carveout adequacy:", err)
		return 1
	}
	if err := writeIndented(stdout, out); err != nil {
		fmt.Fprintln(stderr, "carveout adequacy:", err)
		return 1
	}
	fmt.Fprintf(stderr, "carveout adequacy: %s done in %v\n", f.method, time.Since(began).Round(time.Millisecond))
	return 0
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

// adequacyMC runs the Monte Carlo method and returns the JSON object and,
// on error, the exit status.
func adequacyMC(ctx context.Context, sys *grid.System, f adequacyFlags, stderr io.Writer) ([]byte, int, error) {
	var lastReport time.Duration
	opts := []montecarlo.Option{
		montecarlo.WithSeed(f.seed),
		montecarlo.WithTrials(f.trials),
		montecarlo.WithProgress(func(p montecarlo.Progress) {
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
	sharded := f.shard != ""
	var si, sn int
	if sharded {
		var err error
		if si, sn, err = parseShard(f.shard); err != nil {
			return nil, 2, err
		}
		opts = append(opts, montecarlo.WithShard(si, sn))
	}
	if f.targetRSE != 0 {
		// The rule is checked at each checkpoint (every 1000 trials by
		// default), from the first one on.
		opts = append(opts, montecarlo.WithTargetRSE(f.targetRSE, 0))
	}
	rep, err := grid.Adequacy(ctx, sys, opts...)
	if err != nil {
		code := 1
		if rep == nil { // rejected before running: bad options
			code = 2
		}
		return nil, code, err
	}
	hash, err := systemHash(sys)
	if err != nil {
		return nil, 1, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"method":"mc","trials":%d,"seed":%d,"hours":%d`, rep.Done, rep.Seed, rep.Hours)
	writeIdentity(&b, carveout.Version, hash, sys.LFUSigma)
	if f.targetRSE != 0 {
		fmt.Fprintf(&b, `,"converged":%t`, rep.Converged)
	}
	if err := appendIndices(&b, rep.Indices, false); err != nil {
		return nil, 1, err
	}
	if sharded {
		fmt.Fprintf(&b, `,"kind":%q`, adequacyShardKind)
		fmt.Fprintf(&b, `,"shard":{"index":%d,"count":%d,"start":%d,"end":%d,"total_trials":%d}`, si, sn, rep.Start, rep.End, rep.Trials)
		state, err := json.Marshal(rep.Tally)
		if err != nil {
			return nil, 1, err
		}
		b.WriteString(`,"state":`)
		b.Write(state)
	}
	b.WriteByte('}')
	return b.Bytes(), 0, nil
}

// appendIndices appends the members of the indices object (without its
// braces) to b, each after a comma, in a fixed order. With omit, an index
// whose mean is NaN is left out (those a COPT cannot give); otherwise
// undefined values are written as null.
func appendIndices(b *bytes.Buffer, x grid.Indices, omit bool) error {
	for _, f := range []struct {
		name string
		e    montecarlo.Estimate
	}{
		{"lole_h", x.LOLEHours}, {"lole_days", x.LOLEDays}, {"lolf", x.LOLF}, {"lold_h", x.LOLDHours},
		{"eue_mwh", x.EUEMWh}, {"neue_ppm", x.NEUEPPM}, {"lolp", x.LOLP}, {"p_any_shortfall", x.PAnyShortfall},
	} {
		if omit && math.IsNaN(f.e.Mean) {
			continue
		}
		j, err := json.Marshal(f.e)
		if err != nil {
			return err
		}
		fmt.Fprintf(b, ",%q:", f.name)
		b.Write(j)
	}
	return nil
}

// adequacyCOPT computes the exact indices from the capacity outage
// probability table.
func adequacyCOPT(sys *grid.System) ([]byte, error) {
	t, err := grid.NewCOPT(sys.Units)
	if err != nil {
		return nil, err
	}
	r, err := t.Indices(sys.Load)
	if err != nil {
		return nil, err
	}
	exact := func(x float64) montecarlo.Estimate { return montecarlo.Estimate{Mean: x, SE: 0, Lo: x, Hi: x} }
	nan := montecarlo.Estimate{Mean: math.NaN()}
	x := grid.Indices{
		LOLEHours: exact(r.LOLEHours), LOLEDays: nan, LOLF: nan, LOLDHours: nan,
		EUEMWh: exact(r.EUEMWh), NEUEPPM: exact(r.NEUEPPM), LOLP: exact(r.LOLP), PAnyShortfall: nan,
	}
	if sys.LFUSigma > 0 {
		lole, eue, err := t.LFU(sys.Load, sys.LFUSigma)
		if err != nil {
			return nil, err
		}
		energy := 0.0
		for _, l := range sys.Load {
			energy += l
		}
		// E[scale] = 1 (negative scales, below −1/σ, are negligible), so
		// the expected load energy is unchanged.
		x.LOLEHours, x.EUEMWh, x.LOLP = exact(lole), exact(eue), exact(lole/float64(len(sys.Load)))
		x.NEUEPPM = exact(eue / energy * 1e6)
	}
	hash, err := systemHash(sys)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"method":"copt","hours":%d`, r.Hours)
	writeIdentity(&b, carveout.Version, hash, sys.LFUSigma)
	if err := appendIndices(&b, x, true); err != nil {
		return nil, err
	}
	if sys.LFUSigma == 0 {
		peak, err := json.Marshal(exact(r.LOLEDailyPeak))
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"lole_daily_peak_days":`)
		b.Write(peak)
	}
	fmt.Fprintf(&b, `,"copt_states":%d,"copt_step_mw":%v}`, t.States(), t.StepMW())
	return b.Bytes(), nil
}

// writeIdentity appends what identifies an adequacy result besides its
// method, trials, seed and hours: the library version that computed it, the SHA-256 of the
// system (units, load and LFU; see systemHash) and the LFU σ when there is
// one.
func writeIdentity(b *bytes.Buffer, version, hash string, lfu float64) {
	fmt.Fprintf(b, `,"version":%q,"system_hash":%q`, version, hash)
	if lfu > 0 {
		fmt.Fprintf(b, `,"lfu_sigma":%v`, lfu)
	}
}

// adequacyShardKind marks the output of `carveout adequacy -shard`, which
// `carveout merge` combines.
const adequacyShardKind = "carveout-adequacy-shard"

// systemHash is the SHA-256 of the system's JSON form (units, load, LFU):
// shards of different systems are never merged.
func systemHash(sys *grid.System) (string, error) {
	b, err := json.Marshal(sys)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// adequacyShard is the part of an adequacy shard's output that merge reads.
type adequacyShard struct {
	Kind       string  `json:"kind"`
	Version    string  `json:"version"`
	SystemHash string  `json:"system_hash"`
	LFUSigma   float64 `json:"lfu_sigma"`
	Seed       uint64  `json:"seed"`
	Hours      int     `json:"hours"`
	Shard      struct {
		Index, Count int
		Start, End   int64
		TotalTrials  int64 `json:"total_trials"`
	} `json:"shard"`
	State *grid.Tally `json:"state"`
}

// mergeAdequacy merges adequacy shard outputs into the JSON an unsharded
// `carveout adequacy` run prints, checking that they come from one run and
// cover it exactly once.
func mergeAdequacy(files []string, docs [][]byte) ([]byte, error) {
	shards := make([]adequacyShard, len(docs))
	for i, d := range docs {
		if err := json.Unmarshal(d, &shards[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", files[i], err)
		}
		s := &shards[i]
		if s.Kind != adequacyShardKind || s.State == nil {
			return nil, fmt.Errorf("%s: not an adequacy shard", files[i])
		}
		if s.Version != carveout.Version {
			return nil, fmt.Errorf("%s was made by version %s, this is %s; rerun it with this version", files[i], s.Version, carveout.Version)
		}
		r := &shards[0]
		switch {
		case s.Version != r.Version || s.SystemHash != r.SystemHash || s.Seed != r.Seed ||
			s.Shard.TotalTrials != r.Shard.TotalTrials || s.Shard.Count != r.Shard.Count:
			return nil, fmt.Errorf("%s and %s come from different runs (version, system, seed, trials or shard count differ)", files[0], files[i])
		case s.State.Trials() != s.Shard.End-s.Shard.Start:
			return nil, fmt.Errorf("%s: shard %d holds %d trials, want %d", files[i], s.Shard.Index, s.State.Trials(), s.Shard.End-s.Shard.Start)
		}
		if a, b := montecarlo.ShardRange(s.Shard.TotalTrials, s.Shard.Index, s.Shard.Count); a != s.Shard.Start || b != s.Shard.End {
			return nil, fmt.Errorf("%s: range [%d, %d) is not shard %d/%d", files[i], s.Shard.Start, s.Shard.End, s.Shard.Index, s.Shard.Count)
		}
	}
	sort.Slice(shards, func(i, j int) bool { return shards[i].Shard.Start < shards[j].Shard.Start })
	var next int64
	total := grid.NewTally(shards[0].State.Hours)
	for _, s := range shards {
		if s.Shard.Start != next {
			return nil, fmt.Errorf("trials [%d, %d) are missing or covered twice", min(next, s.Shard.Start), max(next, s.Shard.Start))
		}
		next = s.Shard.End
		if err := total.Merge(s.State); err != nil {
			return nil, err
		}
	}
	if next != shards[0].Shard.TotalTrials {
		return nil, fmt.Errorf("trials [%d, %d) are missing", next, shards[0].Shard.TotalTrials)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"method":"mc","trials":%d,"seed":%d,"hours":%d`, total.Trials(), shards[0].Seed, total.Hours)
	writeIdentity(&b, shards[0].Version, shards[0].SystemHash, shards[0].LFUSigma)
	if err := appendIndices(&b, total.Indices(), false); err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
