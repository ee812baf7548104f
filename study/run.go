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
	if st == nil {
		return nil, fmt.Errorf("study: run of a nil study (make one with NewStudy)")
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
			return w.trial, nil
		},
	}
	res, err := montecarlo.Run(ctx, exp, opts...)
	if res == nil {
		return nil, err
	}
	return &Result{Result: *res, study: st}, err
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
