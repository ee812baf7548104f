package study

import (
	"context"
	"fmt"

	"github.com/carveout/carveout/montecarlo"
)

// Result is the outcome of [Study.Run] or of [MergeShards]: the run's
// exact mergeable state (Acc) with its seed, trial count, shard and range,
// the number of trials done, and whether it stopped early. Its report and
// its shard follow from it.
type Result struct {
	montecarlo.Result[*State]
	study *Study
}

// Study returns the study that ran.
func (r *Result) Study() *Study { return r.study }

// Report computes the run's report from its state, marked partial or
// converged as the run was. Its Done is the number of trials in the state.
// A nil r, or one not made by [Study.Run] or [MergeShards], has no report:
// nil.
func (r *Result) Report() *Report {
	if r == nil || r.study == nil || r.Acc == nil {
		return nil
	}
	rep := r.study.report(r.Acc, r.Seed, r.Trials)
	rep.Partial, rep.Converged = r.Partial, r.Converged
	return rep
}

// Shard returns the run as a shard file: the shard the run was (index and
// count as given to montecarlo.WithShard; 0 of 1 for an unsharded run),
// with the scenario, its hash and the state.
//
// A nil r, or one not made by [Study.Run] or [MergeShards], has no shard:
// nil.
func (r *Result) Shard() *Shard {
	if r == nil || r.study == nil {
		return nil
	}
	doc := r.study.sc
	return shardFormat.New(r.study.hash, &doc, &r.Result)
}

// Run runs the study's trials with the montecarlo runner and returns the
// result. Options are montecarlo options (workers, shard, precision
// target on ΔEUE, progress, checkpoints, resume). The trial count and seed
// are the scenario's alone (its state is shaped by them):
// montecarlo.WithTrials and montecarlo.WithSeed are refused; set
// [Scenario.Trials] and [Scenario.Seed] instead.
//
// Before it starts, Run refuses a worker count for which
// [Study.MemoryBytes] exceeds [MaxMemoryBytes]. If ctx is cancelled, Run
// returns the partial result (Partial set) with the context's error.
func (st *Study) Run(ctx context.Context, opts ...montecarlo.Option) (*Result, error) {
	return st.RunWithSamples(ctx, nil, opts...)
}

// RunWithSamples is [Study.Run] that also passes each trial's [Sample]
// to sink (unless it is nil), in trial order from the first trial the run
// does: the shard's first, or the first after a resumed checkpoint's
// (whose samples the caller kept from the interrupted run). The samples
// are the same, sample for sample, whatever the number of workers, and a
// shard's are the unsharded run's from its first trial to its last.
// Workers hand their samples over through a bounded buffer
// (montecarlo.Ordered: 256 samples per worker, from 1,024 to 65,536, a
// few hundred bytes each) and wait, rarely, for a slow trial before
// them.
//
// A run that completes has passed one sample for each trial it did; a
// cancelled or failed run stops passing samples at the first trial it
// did not finish, so what sink received is then a prefix of the run's
// trials and not the trials its partial result holds: a caller writing a
// file keeps it only for a complete run. An error from sink stops the
// run and is returned.
func (st *Study) RunWithSamples(ctx context.Context, sink SampleWriter, opts ...montecarlo.Option) (*Result, error) {
	if st == nil {
		return nil, fmt.Errorf("study: run of a nil study (make one with NewStudy)")
	}
	var smp *samples
	if sink != nil {
		if ctx == nil {
			return nil, fmt.Errorf("study: run with a nil context")
		}
		var err error
		if smp, err = st.newSamples(sink); err != nil {
			return nil, err
		}
		// A trial waiting for room behind a cancelled one is woken.
		defer context.AfterFunc(ctx, smp.ord.Abort)()
	}
	exp := montecarlo.Experiment[*State]{
		Trials:         st.sc.Trials,
		Seed:           st.sc.Seed,
		NewAccumulator: st.newState,
		RelativeSE:     (*State).RelativeSE,
		CheckWorkers:   func(workers int) error { return st.memory().check(workers) },
		NewWorker: func() (montecarlo.TrialFunc[*State], error) {
			w, err := st.newWorker()
			if err != nil {
				return nil, err
			}
			w.samples = smp
			return w.trialFunc(), nil
		},
	}
	begun := false
	if smp != nil {
		exp.Begin = func(first, end int64, workers int) error {
			begun = true
			return smp.begin(first, end, workers)
		}
	}
	res, err := montecarlo.Run(ctx, exp, opts...)
	if res == nil {
		return nil, err
	}
	out := &Result{Result: *res, study: st}
	if smp != nil && begun && err == nil {
		if werr := smp.ord.Err(); werr != nil {
			out.Partial = true
			return out, fmt.Errorf("study: samples: %w", werr)
		}
		if next, want := smp.ord.Next(), res.Start+res.Done; next != want {
			return out, fmt.Errorf("study: samples: passed up to trial %d, want %d (a bug)", next, want)
		}
	}
	return out, err
}

// Checkpoints returns a run option (for [Study.Run]) that calls save at
// every checkpoint with the run so far as a shard file (Done below its
// range), for a long run to write atomically and resume from with
// montecarlo.WithResume(shard.Checkpoint()). An error from save stops the
// run. A nil save saves nothing.
func (st *Study) Checkpoints(save func(*Shard) error) montecarlo.Option {
	if save == nil {
		return montecarlo.WithCheckpoint[*State](nil)
	}
	return montecarlo.WithCheckpoint(func(r *montecarlo.Result[*State]) error {
		return save((&Result{Result: *r, study: st}).Shard())
	})
}
