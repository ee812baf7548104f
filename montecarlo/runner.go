package montecarlo

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// Accumulator is the reduced state of a run. Merge must be exact:
// associative and commutative to the bit, as the accumulators of this
// package are (they keep exact sums and integer counts). That is what lets
// [Run] merge workers and shards in any order and still return identical
// results.
type Accumulator[A any] interface {
	Merge(other A) error
}

// TrialFunc runs one trial and adds its outcome into acc. Each worker
// goroutine has its own TrialFunc, so it may own scratch memory. It should
// add to acc only once the trial has succeeded, so that an error or a
// cancellation never leaves half a trial in the result. A long trial
// checks [Trial.Cancelled] every so often and, once it is true, returns
// [ErrCancelled] without adding: Run then discards the trial.
type TrialFunc[A any] func(t Trial, acc A) error

// Experiment describes a Monte Carlo run: how to make an empty accumulator
// and how to make one worker's trial function.
type Experiment[A Accumulator[A]] struct {
	// NewAccumulator returns an empty accumulator; Run calls it for the
	// total and once per worker.
	NewAccumulator func() A
	// NewWorker returns one worker's trial function; Run calls it once per
	// worker goroutine, and an error stops the run.
	NewWorker func() (TrialFunc[A], error)
	// Trials, when > 0, fixes the run's trial count, and Seed then fixes
	// its seed. An experiment whose own document holds its trials and
	// seed (a study's scenario), and whose state may be shaped by them,
	// sets these: Run then refuses [WithTrials] and [WithSeed], so that a
	// result can never report one trial count while its state was shaped
	// for another. When Trials is 0 the options set them.
	Trials int64
	// Seed is the run's seed when Trials > 0; otherwise it is ignored.
	Seed uint64
	// CheckWorkers, if set, is called with the number of workers Run is
	// about to start (the requested count, at most the shard's trials),
	// before any of them: an error, such as a memory estimate over a
	// limit, stops the run before it starts.
	CheckWorkers func(workers int) error
	// Begin, if set, is called once before the first trial (when the
	// run has trials to do), after CheckWorkers and after the workers
	// are made, with the trials the run is about to do — [first, end): the shard's range less the
	// trials of a resumed checkpoint — and the number of workers. It is
	// where a consumer of per-trial records ([Ordered]) learns where its
	// records start. An error stops the run before any trial.
	Begin func(first, end int64, workers int) error
	// RelativeSE, if set, returns the relative standard error of the
	// experiment's main estimate from a state: the quantity
	// [WithTargetRSE] targets. A run with a precision target needs it.
	RelativeSE func(A) float64
}

// Result is the outcome of [Run].
type Result[A any] struct {
	// Acc is the merged state of the trials completed in this shard.
	Acc A
	// Seed is the run's seed.
	Seed uint64
	// Trials is the trial count of the whole run, over all shards.
	Trials int64
	// ShardIndex and ShardCount say which shard of the run this is: the
	// ShardIndex-th (from 0) of ShardCount (1 for an unsharded run).
	ShardIndex, ShardCount int
	// Start and End delimit this shard's trial range [Start, End).
	Start, End int64
	// Done is the number of trials completed in this shard.
	Done int64
	// Partial reports a run stopped by cancellation or an error before its
	// range (or its stopping rule) was complete. The Done trials of a
	// partial run are the checkpointed prefix plus whichever trials of the
	// interrupted round finished: not necessarily a prefix of the range.
	// Checkpoints, by contrast, always hold an exact prefix.
	Partial bool
	// Converged reports a run stopped because the precision target was met.
	Converged bool
}

// Run runs the experiment's trials in parallel and returns their merged
// accumulator.
//
// Trials are identified by their global index and draw only from streams
// derived from (seed, index, component), and accumulators merge exactly, so
// the result depends on the seed and the trial range alone, never on the
// number of workers, the scheduling or the shard split.
//
// A panic inside a trial is recovered and returned as an error naming the
// trial index and seed. If ctx is cancelled, Run returns promptly with the
// trials completed so far, Partial set, and ctx.Err(): workers stop before
// their next trial, and trials in progress stop within them if they check
// [Trial.Cancelled] (those of this module's grid and study packages do),
// so cancellation waits for a fraction of a trial. A trial stopped so is
// discarded, never counted.
func Run[A Accumulator[A]](ctx context.Context, e Experiment[A], opts ...Option) (*Result[A], error) {
	if ctx == nil {
		return nil, fmt.Errorf("montecarlo: nil context")
	}
	if e.NewAccumulator == nil || e.NewWorker == nil {
		return nil, fmt.Errorf("montecarlo: experiment needs NewAccumulator and NewWorker")
	}
	cfg := defaultConfig()
	if e.Trials != 0 {
		if e.Trials < 0 || e.Trials > MaxTrials {
			return nil, fmt.Errorf("montecarlo: experiment trials = %d, want in [1, %d]", e.Trials, int64(MaxTrials))
		}
		cfg.trials, cfg.seed = e.Trials, e.Seed
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o.apply(&cfg); err != nil {
			return nil, err
		}
	}
	if e.Trials != 0 && cfg.trialsSet {
		return nil, fmt.Errorf("montecarlo: the experiment fixes its trials (%d): set them in its document, not with WithTrials", e.Trials)
	}
	if e.Trials != 0 && cfg.seedSet {
		return nil, fmt.Errorf("montecarlo: the experiment fixes its seed (%d): set it in its document, not with WithSeed", e.Seed)
	}
	if cfg.shards > 1 && cfg.targetRSE > 0 {
		return nil, fmt.Errorf("montecarlo: a precision target cannot be combined with shards (%d)", cfg.shards)
	}
	if int64(cfg.shards) > cfg.trials {
		return nil, fmt.Errorf("montecarlo: shard count = %d, want <= trials = %d", cfg.shards, cfg.trials)
	}
	start, end := shardRange(cfg.trials, cfg.shard, cfg.shards)
	res := &Result[A]{Seed: cfg.seed, Trials: cfg.trials, ShardIndex: cfg.shard, ShardCount: cfg.shards, Start: start, End: end}
	total := e.NewAccumulator()
	if isNil(total) {
		return nil, fmt.Errorf("montecarlo: NewAccumulator returned a nil %T", total)
	}
	progress, err := typed[func(Progress[A])](cfg.progress, "WithProgress")
	if err != nil {
		return nil, err
	}
	checkpoint, err := typed[func(*Result[A]) error](cfg.checkpoint, "WithCheckpoint")
	if err != nil {
		return nil, err
	}
	if cfg.resume != nil {
		cp, ok := cfg.resume.(Checkpoint[A])
		if !ok {
			return nil, fmt.Errorf("montecarlo: WithResume was given a %T, want a Checkpoint of the run's state %T", cfg.resume, total)
		}
		if cp.Done > end-start {
			return nil, fmt.Errorf("montecarlo: resume done = %d, want <= shard size %d", cp.Done, end-start)
		}
		total = cp.State
		res.Done = cp.Done
	}
	res.Acc = total
	if cfg.targetRSE > 0 && e.RelativeSE == nil {
		return nil, fmt.Errorf("montecarlo: a precision target needs an experiment with a RelativeSE function")
	}

	workers := cfg.workers
	if n := end - start; int64(workers) > n && n > 0 {
		workers = int(n)
	}
	if e.CheckWorkers != nil {
		if err := e.CheckWorkers(workers); err != nil {
			return nil, err
		}
	}
	fns := make([]TrialFunc[A], workers)
	for w := range fns {
		f, err := e.NewWorker()
		if err != nil {
			return nil, err
		}
		fns[w] = f
	}

	// A precision target is checked after each round; a run resumed from
	// the checkpoint of such a round checks it first, so that a rerun of a
	// converged run stops where the run stopped.
	met := func() bool {
		return cfg.targetRSE > 0 && res.Done >= cfg.minTrials && start+res.Done < end &&
			e.RelativeSE(total) <= cfg.targetRSE
	}
	if cfg.resume != nil && res.Done > 0 && met() {
		res.Converged = true
		return res, nil
	}
	if e.Begin != nil {
		if err := e.Begin(start+res.Done, end, workers); err != nil {
			return nil, err
		}
	}
	// Trials in progress watch stop, raised once ctx is done, so that a
	// long trial can end early (see [Trial.Cancelled]).
	var stop atomic.Bool
	defer context.AfterFunc(ctx, func() { stop.Store(true) })()
	began := time.Now()
	for start+res.Done < end {
		if err := ctx.Err(); err != nil {
			res.Partial = true
			return res, err
		}
		lo := start + res.Done
		hi := (lo/cfg.checkEvery + 1) * cfg.checkEvery
		if hi > end {
			hi = end
		}
		n, err := runRound(ctx, e, fns, Trial{Seed: cfg.seed, stop: &stop}, lo, hi, total)
		res.Done += n
		if err != nil {
			res.Partial = true
			return res, err
		}
		if progress != nil {
			progress(Progress[A]{Done: res.Done, Total: end - start, Elapsed: time.Since(began), State: total})
		}
		if checkpoint != nil {
			snap := *res
			if err := checkpoint(&snap); err != nil {
				res.Partial = true
				return res, fmt.Errorf("montecarlo: checkpoint after %d trials: %w", res.Done, err)
			}
		}
		if met() {
			res.Converged = true
			return res, nil
		}
	}
	return res, nil
}

// typed returns the callback f given to the option named opt as a T, or
// an error when it was made for another state type than the run's.
func typed[T any](f any, opt string) (T, error) {
	var zero T
	if f == nil {
		return zero, nil
	}
	t, ok := f.(T)
	if !ok {
		return zero, fmt.Errorf("montecarlo: %s was given a %T, want a %T (the run's state type)", opt, f, zero)
	}
	return t, nil
}

// runRound runs trials [lo, hi) on the workers and merges their outcomes
// into total. Trials are made from run, which holds the seed and the
// run's cancellation flag. It returns the number of trials completed.
func runRound[A Accumulator[A]](ctx context.Context, e Experiment[A], fns []TrialFunc[A], run Trial, lo, hi int64, total A) (int64, error) {
	size := hi - lo
	chunk := size / int64(8*len(fns))
	chunk = max(1, min(chunk, 64))
	var next atomic.Int64 // next chunk start, relative to lo
	var stop atomic.Bool
	var wg sync.WaitGroup
	accs := make([]A, len(fns))
	done := make([]int64, len(fns))
	errs := make([]error, len(fns))
	for w := range fns {
		accs[w] = e.NewAccumulator()
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			f, acc := fns[w], accs[w]
			for !stop.Load() {
				c := next.Add(chunk) - chunk
				if c >= size {
					return
				}
				for i := lo + c; i < lo+min(c+chunk, size); i++ {
					// Checked before every trial, and by long trials
					// within them, so cancellation waits for a fraction
					// of a trial per worker.
					t := run
					t.Index = i
					if t.Cancelled() {
						stop.Store(true)
						return
					}
					if err := runTrial(f, t, acc); err != nil {
						if !(t.Cancelled() && errors.Is(err, ErrCancelled)) {
							errs[w] = err
						}
						stop.Store(true)
						return
					}
					done[w]++
				}
			}
		}(w)
	}
	wg.Wait()
	var n int64
	for w := range fns {
		n += done[w]
		if err := total.Merge(accs[w]); err != nil {
			return n, fmt.Errorf("montecarlo: merge: %w", err)
		}
	}
	for _, err := range errs {
		if err != nil {
			return n, err
		}
	}
	if n < size {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		return n, context.Canceled
	}
	return n, nil
}

// runTrial calls f, turning a panic into an error that names the trial.
func runTrial[A any](f TrialFunc[A], t Trial, acc A) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &TrialError{Index: t.Index, Seed: t.Seed, Err: fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
		}
	}()
	if e := f(t, acc); e != nil {
		return &TrialError{Index: t.Index, Seed: t.Seed, Err: e}
	}
	return nil
}

// TrialError is an error (or a recovered panic) inside one trial. Index and
// Seed are enough to rerun that trial alone.
type TrialError struct {
	// Index is the failed trial's global index.
	Index int64
	// Seed is the run's seed.
	Seed uint64
	// Err is the trial's error, or for a panic its value and stack.
	Err error
}

// Error returns "montecarlo: trial Index (seed Seed): Err".
func (e *TrialError) Error() string {
	return fmt.Sprintf("montecarlo: trial %d (seed %d): %v", e.Index, e.Seed, e.Err)
}

// Unwrap returns the underlying error.
func (e *TrialError) Unwrap() error { return e.Err }
