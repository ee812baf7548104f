package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/carveout/carveout/internal/atomicfile"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
	"github.com/carveout/carveout/study/htmlreport"
)

// runOptions are the flags of `carveout run`.
type runOptions struct {
	scenario    string
	carveoutMW  float64
	carveoutSet bool // -carveout-mw was given
	policy      string
	trials      int64
	seed        uint64
	workers     int
	out         string
	shard       string
	checkpoint  string
	targetRSE   float64
	samples     string
	quiet       bool
	dump        bool
	vr          string
}

func runUsage(fs *flag.FlagSet) {
	fmt.Fprintf(fs.Output(), `usage: carveout run [-scenario pakistan|FILE.json] [-carveout-mw MW] [-policy firm|interruptible]
                    [-trials N] [-seed S] [-workers W] [-out DIR] [-shard i/n] [-checkpoint FILE]
                    [-target-rse R] [-samples FILE.csv] [-vr control-variates|none] [-dump]

Runs a carve-out study and prints its report as JSON on stdout. With -shard
it runs the i-th (from 0) of n contiguous trial ranges and prints the shard's
mergeable state instead (combine shards with carveout merge). Progress goes
to stderr; nothing that varies from run to run goes to stdout.

With -out DIR, the folder gets report.json, the charts and the report's
tables: months.csv (the other customers' LOLE and EUE by month, without and
with the carve-out), for a zonal study zones.csv and zone_months.csv, and
with the scenario's economics cost.csv, cost_fuels.csv, cost_months.csv and
duration_curve.csv (what the carve-out costs and who pays). With
-vr control-variates the report adds the headline indices adjusted by
control variates with exact means (report.json's control_variates, a table
in report.html, control_variates.csv).
With -samples FILE.csv, one row per trial is written too, in trial order
(its columns are listed in the README's "Tables" section); the file appears
only when the run completes.

`)
	fs.PrintDefaults()
}

// cmdRun implements `carveout run`; it returns the exit status.
func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o runOptions
	fs.StringVar(&o.scenario, "scenario", "pakistan", "built-in scenario name ("+strings.Join(scenarios.Names(), ", ")+") or a scenario JSON file")
	fs.Func("carveout-mw", "carve-out size in `MW`, >= 0 (default: the scenario's)", func(v string) error {
		mw, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("want a number of MW")
		}
		o.carveoutMW, o.carveoutSet = mw, true
		return nil
	})
	fs.StringVar(&o.policy, "policy", "", "curtailment policy, firm or interruptible (default: the scenario's)")
	fs.Int64Var(&o.trials, "trials", 0, "number of trial-years of the whole run (default, or 0: the scenario's)")
	fs.Uint64Var(&o.seed, "seed", 0, "seed, >= 1 (default, or 0: the scenario's)")
	fs.IntVar(&o.workers, "workers", 0, "worker goroutines (default GOMAXPROCS); never changes a result")
	fs.StringVar(&o.out, "out", "", "directory for report.json, report.html (a self-contained page for readers), the charts (PNG, SVG, PDF) and tables, replaced whole when the run completes; an interrupted run writes DIR.partial instead (with -shard: the folder for shard-i.json)")
	fs.StringVar(&o.shard, "shard", "", "run shard i of n (i from 0), e.g. 3/8")
	fs.StringVar(&o.checkpoint, "checkpoint", "", "checkpoint file: saved atomically as the run goes, resumed from if present")
	fs.Float64Var(&o.targetRSE, "target-rse", 0, "stop when the relative standard error of ΔEUE reaches this (unsharded runs)")
	fs.StringVar(&o.samples, "samples", "", "write one row per trial to this CSV file, in trial order, when the run completes (with -shard: put {shard} in the name, which becomes the shard index)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress line on stderr")
	fs.StringVar(&o.vr, "vr", "", "variance reduction of the headline indices: control-variates or none (default: the scenario's)")
	fs.BoolVar(&o.dump, "dump", false, "print the scenario (with the flags applied) as a JSON document and exit: a file to edit and pass back with -scenario")
	fs.Usage = func() { runUsage(fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "carveout run: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := runStudy(ctx, o, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "carveout run: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

// usageError marks errors in what the user gave (exit status 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// loadScenario returns the scenario with the command-line overrides.
func loadScenario(o runOptions) (*study.Scenario, error) {
	sc, err := scenarios.Load(o.scenario)
	if err != nil {
		return nil, usageError{err}
	}
	if o.carveoutSet {
		if !(o.carveoutMW >= 0 && o.carveoutMW <= 1e6) {
			return nil, usageError{fmt.Errorf("-carveout-mw = %v, want in [0, 1e6]", o.carveoutMW)}
		}
		sc.Carveout.MW = o.carveoutMW + 0 // +0 turns -0 into 0
	}
	switch k := study.PolicyKind(o.policy); k {
	case "":
	case study.Firm, study.Interruptible:
		sc.Carveout.Policy.Kind = k
	default:
		return nil, usageError{fmt.Errorf("-policy = %q, want firm or interruptible", o.policy)}
	}
	if o.trials != 0 { // 0 means the scenario's, as in every command
		if o.trials < 0 || o.trials > montecarlo.MaxTrials {
			return nil, usageError{fmt.Errorf("-trials = %d, want in [1, %d] (0: the scenario's)", o.trials, int64(montecarlo.MaxTrials))}
		}
		sc.Trials = o.trials
	}
	if o.seed != 0 {
		sc.Seed = o.seed
	}
	switch o.vr {
	case "":
	case "none":
		sc.VarianceReduction = ""
	case study.ControlVariates:
		sc.VarianceReduction = o.vr
	default:
		return nil, usageError{fmt.Errorf("-vr = %q, want control-variates or none", o.vr)}
	}
	if err := sc.Validate(); err != nil {
		return nil, usageError{err}
	}
	// A built-in scenario changed by the flags, or a dump of one edited
	// by hand, is not the built-in scenario: its name says what changed.
	if _, err := scenarios.MarkEdits(sc); err != nil {
		return nil, err
	}
	return sc, nil
}

func runStudy(ctx context.Context, o runOptions, stdout, stderr io.Writer) error {
	sc, err := loadScenario(o)
	if err != nil {
		return err
	}
	if o.dump {
		b, err := json.MarshalIndent(sc, "", "  ")
		if err != nil {
			return err
		}
		_, err = stdout.Write(append(b, '\n'))
		return err
	}
	shardI, shardN := 0, 1
	if o.shard != "" {
		if shardI, shardN, err = parseShard(o.shard); err != nil {
			return usageError{err}
		}
	}
	if o.workers < 0 || o.workers > montecarlo.MaxWorkers {
		return usageError{fmt.Errorf("-workers = %d, want in [1, %d] (0: GOMAXPROCS)", o.workers, montecarlo.MaxWorkers)}
	}
	if o.targetRSE != 0 && !(o.targetRSE > 0 && o.targetRSE < 1) {
		return usageError{fmt.Errorf("-target-rse = %v, want in (0, 1)", o.targetRSE)}
	}
	if o.targetRSE != 0 && shardN > 1 {
		return usageError{fmt.Errorf("-target-rse cannot be combined with -shard")}
	}
	st, err := study.NewStudy(sc)
	if err != nil {
		return usageError{err}
	}
	workers := o.workers
	if workers == 0 {
		workers = min(runtime.GOMAXPROCS(0), montecarlo.MaxWorkers)
	}
	if err := st.CheckMemory(workers); err != nil {
		return usageError{err}
	}
	d := st.Scenario()
	if int64(shardN) > d.Trials {
		return usageError{fmt.Errorf("-shard %d/%d: more shards than trials (%d)", shardI, shardN, d.Trials)}
	}
	// What can be checked before the first trial is: the output folder,
	// the samples' and the checkpoint's folder.
	samplesFile := ""
	if o.samples != "" {
		if samplesFile, err = samplesPath(o.samples, shardI, shardN); err != nil {
			return usageError{err}
		}
		reportOut := ""
		if shardN == 1 {
			reportOut = o.out
		}
		if err := checkSamplesDir(samplesFile, reportOut); err != nil {
			return err
		}
	}
	// A samples file in the report's folder is one of its files.
	var alsoInOut []string
	if samplesFile != "" && o.out != "" && inFolder(samplesFile, o.out) {
		alsoInOut = append(alsoInOut, filepath.Base(samplesFile))
	}
	if o.out != "" && shardN > 1 {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			return usageError{fmt.Errorf("-out: %w", err)}
		}
		if err := probeWritable(o.out); err != nil {
			return usageError{fmt.Errorf("-out %s is not writable: %w", o.out, err)}
		}
	} else if o.out != "" {
		for _, dir := range []string{o.out, partialDir(o.out)} {
			if err := checkReportDir(dir, alsoInOut...); err != nil {
				return err
			}
		}
	}
	if o.checkpoint != "" {
		if err := checkFileDir("-checkpoint", o.checkpoint); err != nil {
			return err
		}
	}
	opts := []montecarlo.Option{montecarlo.WithShard(shardI, shardN)}
	if o.workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(o.workers))
	}
	if o.targetRSE != 0 {
		opts = append(opts, montecarlo.WithTargetRSE(o.targetRSE, 2000))
	}
	start, end, err := montecarlo.ShardRange(d.Trials, shardI, shardN)
	if err != nil {
		return usageError{err}
	}
	var smp *samplesOut
	var resumeDone int64
	if o.checkpoint != "" {
		cp, err := readCheckpoint(o.checkpoint, st, shardI, shardN)
		if err != nil {
			return err
		}
		if cp != nil {
			fmt.Fprintf(stderr, "resuming from %s: %d of %d trials done\n", o.checkpoint, cp.Done, end-start)
			opts = append(opts, montecarlo.WithResume(cp.Checkpoint()))
			resumeDone = cp.Done
		}
		opts = append(opts, st.Checkpoints(func(sh *study.Shard) error {
			b, err := json.Marshal(sh)
			if err != nil {
				return err
			}
			// The rows a checkpoint counts are on disk before it is.
			if smp != nil {
				if err := smp.sync(); err != nil {
					return fmt.Errorf("samples: %w", err)
				}
			}
			return atomicfile.Write(o.checkpoint, b)
		}))
	}
	var sw study.SampleWriter
	if samplesFile != "" {
		reportOut := ""
		if shardN == 1 {
			reportOut = o.out
		}
		if smp, err = openSamples(samplesFile, reportOut, st, o.checkpoint != "", start, resumeDone); err != nil {
			return err
		}
		sw = smp.csv
	}
	if !o.quiet {
		opts = append(opts, montecarlo.WithProgress(study.ProgressLine(stderr)))
	}
	began := time.Now()
	res, err := st.RunWithSamples(ctx, sw, opts...)
	if err != nil && smp != nil {
		fmt.Fprintf(stderr, "carveout run: %s\n", smp.abandon())
	}
	if err != nil && (res == nil || !res.Partial) {
		return err
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "\n%d trial-years in %.1fs (%.0f/s)\n", res.Done, time.Since(began).Seconds(),
			float64(res.Done)/time.Since(began).Seconds())
	}
	cancelled := err
	if cancelled != nil && shardN > 1 {
		// A shard file must cover its whole range; the checkpoint (if
		// any) is what a restart resumes from.
		return fmt.Errorf("%w after %d of %d trials; no shard output written (rerun with the same arguments%s)",
			cancelled, res.Done, end-start, map[bool]string{true: " to resume from " + o.checkpoint, false: ""}[o.checkpoint != ""])
	}
	if shardN > 1 {
		b, err := json.MarshalIndent(res.Shard(), "", " ")
		if err != nil {
			return err
		}
		b = append(b, '\n')
		if smp != nil {
			if err := commitSamples(smp, "", res.Done, stderr); err != nil {
				return err
			}
		}
		if o.out != "" {
			return atomicfile.Write(filepath.Join(o.out, fmt.Sprintf("shard-%d.json", shardI)), b)
		}
		_, err = stdout.Write(b)
		return err
	}
	if cancelled != nil && res.Done == 0 {
		// Nothing to report: an empty report has no estimates to chart.
		return fmt.Errorf("%w before any trial was done; no report written", cancelled)
	}
	if cancelled != nil {
		// The report is printed (marked partial) but the run failed. It
		// never replaces a complete report in -out.
		where := ""
		if o.out != "" {
			where = "; it is written to " + partialDir(o.out) + ", and " + o.out + " is left as it was"
		}
		if err := emitReport(res.Report(), partialIfSet(o.out), stdout, stderr, nil, chartOpts(o)...); err != nil {
			return err
		}
		return fmt.Errorf("%w: the report covers %d of %d trials and is marked partial%s", cancelled, res.Done, end-start, where)
	}
	var inReport func(dir string) error
	if smp != nil {
		if !smp.inOut {
			if err := commitSamples(smp, "", res.Done, stderr); err != nil {
				return err
			}
		} else {
			inReport = func(dir string) error { return commitSamples(smp, dir, res.Done, stderr) }
		}
	}
	return emitReport(res.Report(), o.out, stdout, stderr, inReport, chartOpts(o)...)
}

// commitSamples completes the samples file of a run that did done
// trials (into reportDir when it belongs in the report's folder) and says
// so on stderr.
func commitSamples(smp *samplesOut, reportDir string, done int64, stderr io.Writer) error {
	dest, err := smp.commit(reportDir)
	if err != nil {
		return fmt.Errorf("samples: %w", err)
	}
	if smp.inOut {
		dest = smp.final
	}
	fmt.Fprintf(stderr, "wrote %s (%d rows)\n", dest, done)
	return nil
}

// chartOpts are the options of a run's charts: its precision target, if
// it has one, drawn on the convergence chart.
func chartOpts(o runOptions) []charts.Option {
	if o.targetRSE == 0 {
		return nil
	}
	return []charts.Option{charts.TargetRSE(o.targetRSE)}
}

// emitReport prints the report JSON and, with a folder, writes it there
// with the charts (PNG, SVG and PDF, drawn with copts), report.html and
// the tables, replacing the folder whole (see [replaceDir]); more, if
// set, adds files of its own to the new folder.
func emitReport(r *study.Report, out string, stdout, stderr io.Writer, more func(dir string) error, copts ...charts.Option) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if _, err := stdout.Write(b); err != nil {
		return err
	}
	if out == "" {
		return nil
	}
	var files, tables []string
	err = replaceDir(out, func(dir string) error {
		if err := atomicfile.Write(filepath.Join(dir, "report.json"), b); err != nil {
			return err
		}
		if files, err = charts.Write(r, dir, copts...); err != nil {
			return err
		}
		if tables, err = study.WriteTables(r, dir); err != nil {
			return err
		}
		if err := htmlreport.WriteFile(filepath.Join(dir, "report.html"), r, htmlreport.WithCharts(copts...)); err != nil {
			return err
		}
		if more != nil {
			return more(dir)
		}
		return nil
	})
	if err != nil {
		return err
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = filepath.Base(t)
	}
	fmt.Fprintf(stderr, "wrote %s/report.json, report.html, %d chart files and %s\n", out, len(files), strings.Join(names, ", "))
	return nil
}

// partialIfSet returns the folder for a partial report given -out: none
// without -out.
func partialIfSet(out string) string {
	if out == "" {
		return ""
	}
	return partialDir(out)
}

// readCheckpoint returns the checkpoint at path if it exists and belongs to
// this run, nil if there is none, and an error if it belongs to another.
func readCheckpoint(path string, st *study.Study, i, n int) (*study.Shard, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	// An unreadable or corrupt checkpoint is bad input (exit 2), as one
	// of another run is: the user must remove or replace it.
	if err != nil {
		return nil, usageError{fmt.Errorf("-checkpoint: %w", err)}
	}
	defer f.Close()
	cp, err := study.DecodeShard(f)
	if err != nil {
		return nil, usageError{fmt.Errorf("checkpoint %s: %w", path, err)}
	}
	// A valid checkpoint's seed and trials are its scenario's, so the
	// hash covers them.
	if cp.Hash != st.Hash() || cp.Index != i || cp.Count != n {
		return nil, usageError{fmt.Errorf("checkpoint %s is for another run (scenario %.12s…, seed %d, trials %d, shard %d/%d); remove it or use another path",
			path, cp.Hash, cp.Seed, cp.Trials, cp.Index, cp.Count)}
	}
	return cp, nil
}
