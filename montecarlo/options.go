package montecarlo

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"time"
)

// MaxTrials is the largest trial count a run accepts (10^12): beyond it a
// run would take years and trial indices approach precision limits of the
// reports.
const MaxTrials = 1_000_000_000_000

// An Option configures [Run]. Options are values made by the With…
// functions of this package; the set is closed.
type Option interface{ apply(*config) error }

type optionFunc func(*config) error

func (f optionFunc) apply(c *config) error { return f(c) }

type config struct {
	seed       uint64
	trials     int64
	workers    int
	shard      int
	shards     int
	checkEvery int64
	targetRSE  float64
	minTrials  int64
	// progress, checkpoint and resume hold a func(Progress[A]), a
	// func(*Result[A]) error and a Checkpoint[A]; Run checks that A is
	// its state type.
	progress   any
	checkpoint any
	resume     any
	// trialsSet and seedSet record that WithTrials and WithSeed were
	// given, which an experiment that fixes them refuses.
	trialsSet, seedSet bool
}

func defaultConfig() config {
	return config{seed: 1, trials: 1000, workers: min(runtime.GOMAXPROCS(0), MaxWorkers), shards: 1, checkEvery: 1000}
}

// WithSeed sets the run's seed (default 1). With the trial count it fixes
// every random draw of the run. An experiment that fixes its own seed
// ([Experiment.Trials] > 0) refuses it.
func WithSeed(seed uint64) Option {
	return optionFunc(func(c *config) error { c.seed, c.seedSet = seed, true; return nil })
}

// WithTrials sets the number of trials of the whole run, all shards together
// (default 1000, at most [MaxTrials]). An experiment that fixes its own
// trial count ([Experiment.Trials] > 0) refuses it.
func WithTrials(n int64) Option {
	return optionFunc(func(c *config) error {
		if n < 1 || n > MaxTrials {
			return fmt.Errorf("montecarlo: trials = %d, want in [1, %d]", n, int64(MaxTrials))
		}
		c.trials, c.trialsSet = n, true
		return nil
	})
}

// MaxWorkers is the largest number of workers a run accepts. Workers
// beyond the machine's cores add nothing but memory (each owns scratch
// memory and a state), and the largest machines have a few hundred cores.
const MaxWorkers = 1024

// WithWorkers sets the number of goroutines running trials (default
// runtime.GOMAXPROCS(0), at most [MaxWorkers]). It never changes a result.
func WithWorkers(n int) Option {
	return optionFunc(func(c *config) error {
		if n < 1 || n > MaxWorkers {
			return fmt.Errorf("montecarlo: workers = %d, want in [1, %d] (MaxWorkers)", n, MaxWorkers)
		}
		c.workers = n
		return nil
	})
}

// WithShard restricts the run to the i-th (from 0) of n contiguous trial
// ranges, as Slurm array task ids count. Merging the n shards' accumulators
// gives exactly the unsharded result.
func WithShard(i, n int) Option {
	return optionFunc(func(c *config) error {
		if n < 1 || n > 1<<20 {
			return fmt.Errorf("montecarlo: shard count = %d, want in [1, 1048576]", n)
		}
		if i < 0 || i >= n {
			return fmt.Errorf("montecarlo: shard index = %d, want in [0, %d)", i, n)
		}
		c.shard, c.shards = i, n
		return nil
	})
}

// WithCheckEvery sets the checkpoint granularity in trials (default 1000).
// Checkpoints fall at multiples of n counted from trial 0, whatever the
// shard, so where a precision-targeted run stops is reproducible. Progress
// and checkpoint callbacks run at checkpoints.
func WithCheckEvery(n int64) Option {
	return optionFunc(func(c *config) error {
		if n < 1 || n > MaxTrials {
			return fmt.Errorf("montecarlo: check every = %d, want in [1, %d]", n, int64(MaxTrials))
		}
		c.checkEvery = n
		return nil
	})
}

// WithTargetRSE stops the run at the first checkpoint, after at least
// minTrials trials, where the relative standard error of the experiment's
// main estimate ([Experiment.RelativeSE], which it must have) is at or
// below r. Because
// the rule is checked only at fixed trial counts, the stopping point is
// itself reproducible. It cannot be combined with shards.
func WithTargetRSE(r float64, minTrials int64) Option {
	return optionFunc(func(c *config) error {
		if !(r > 0 && r < 1) {
			return fmt.Errorf("montecarlo: target rse = %v, want in (0, 1)", r)
		}
		if minTrials < 0 || minTrials > MaxTrials {
			return fmt.Errorf("montecarlo: min trials = %d, want in [0, %d]", minTrials, int64(MaxTrials))
		}
		c.targetRSE, c.minTrials = r, minTrials
		return nil
	})
}

// Progress describes a run at a checkpoint.
type Progress[A any] struct {
	// Done is the number of trials of this shard completed so far, and
	// Total the shard's trial count.
	Done, Total int64
	// Elapsed is the wall time since Run started (never part of a result).
	Elapsed time.Duration
	// State is the merged accumulator after Done trials. It is read-only
	// and valid only during the call.
	State A
}

// WithProgress calls f at every checkpoint, from the goroutine that called
// Run, while workers wait. Keep it quick. A is the run's state type (Run
// refuses a callback for another).
func WithProgress[A any](f func(Progress[A])) Option {
	return optionFunc(func(c *config) error {
		if f != nil {
			c.progress = f
		}
		return nil
	})
}

// Checkpoint is the resumable state of a shard: its merged accumulator
// after Done trials (counted from the shard's first trial).
type Checkpoint[A any] struct {
	// Done is the number of trials in State, counted from the shard's
	// first trial.
	Done int64
	// State is the merged accumulator of those trials.
	State A
}

// WithCheckpoint calls f at every checkpoint with the run's result so far
// (a copy): Done trials of the shard, an exact prefix of its range, and
// the merged state of those trials, read-only and valid only during the
// call. A long run saves it (atomically; [Shard] is a file format for it)
// and later continues with [WithResume]. An error from f stops the run.
func WithCheckpoint[A any](f func(*Result[A]) error) Option {
	return optionFunc(func(c *config) error {
		if f != nil {
			c.checkpoint = f
		}
		return nil
	})
}

// WithResume continues a shard from a saved checkpoint: cp.State must be an
// accumulator of the run's type holding exactly the shard's first cp.Done
// trials. The finished run is bit-identical to an uninterrupted one. A nil
// state is an error, and so is a state that counts its trials (has a
// Trials() int64 method) and holds other than cp.Done of them.
func WithResume[A any](cp Checkpoint[A]) Option {
	return optionFunc(func(c *config) error {
		if cp.Done < 0 {
			return fmt.Errorf("montecarlo: resume done = %d, want >= 0", cp.Done)
		}
		if isNil(cp.State) {
			return fmt.Errorf("montecarlo: resume state is nil")
		}
		if t, ok := any(cp.State).(interface{ Trials() int64 }); ok && t.Trials() != cp.Done {
			return fmt.Errorf("montecarlo: resume done = %d, but its state holds %d trials", cp.Done, t.Trials())
		}
		c.resume = cp
		return nil
	})
}

// shardRange returns the trial range [start, end) of shard i of n.
func shardRange(trials int64, i, n int) (start, end int64) {
	// trials ≤ 1e12 and n ≤ 2^20 keep the products inside int64.
	return trials * int64(i) / int64(n), trials * int64(i+1) / int64(n)
}

// isNil reports whether v is nil, or a nil pointer, map, slice, channel,
// function or interface inside an interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch r := reflect.ValueOf(v); r.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Func, reflect.Interface:
		return r.IsNil()
	}
	return false
}

// ShardRange returns the trial range [start, end) that shard i of n covers
// in a run of the given number of trials. It refuses what [WithTrials] and
// [WithShard] refuse, and more shards than trials, as [Run] does.
func ShardRange(trials int64, i, n int) (start, end int64, err error) {
	switch {
	case trials < 1 || trials > MaxTrials:
		return 0, 0, fmt.Errorf("montecarlo: trials = %d, want in [1, %d]", trials, int64(MaxTrials))
	case n < 1 || n > 1<<20:
		return 0, 0, fmt.Errorf("montecarlo: shard count = %d, want in [1, 1048576]", n)
	case int64(n) > trials:
		return 0, 0, fmt.Errorf("montecarlo: shard count = %d, want <= trials = %d", n, trials)
	case i < 0 || i >= n:
		return 0, 0, fmt.Errorf("montecarlo: shard index = %d, want in [0, %d)", i, n)
	}
	start, end = shardRange(trials, i, n)
	return start, end, nil
}

// mergeCount checks, for an accumulator's Merge, that the other
// accumulator is not nil and its count o() is >= 0 and can be added to n.
func mergeCount(what string, n int64, oNil bool, o func() int64) error {
	if oNil {
		return fmt.Errorf("montecarlo: %s merge: nil %s", what, what)
	}
	m := o()
	if m < 0 || n < 0 {
		return fmt.Errorf("montecarlo: %s merge: negative count (%d, %d)", what, n, m)
	}
	if n > math.MaxInt64-m {
		return fmt.Errorf("montecarlo: %s merge: %d + %d trials overflow int64", what, n, m)
	}
	return nil
}

// Settings are the seed, trial count and worker count that options give
// a run ([Resolve]).
type Settings struct {
	// Seed is the run's seed.
	Seed uint64
	// Trials is the run's trial count, all shards together.
	Trials int64
	// Workers is the number of worker goroutines.
	Workers int
}

// Resolve returns the settings opts give a run, defaults filled in, or
// the error [Run] would return for a bad option. It is for an experiment
// that must derive something reproducible from the seed before the run:
// an importance-sampling pilot draws from streams of its own, derived
// from the run's seed.
func Resolve(opts ...Option) (Settings, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o.apply(&cfg); err != nil {
			return Settings{}, err
		}
	}
	return Settings{Seed: cfg.seed, Trials: cfg.trials, Workers: cfg.workers}, nil
}
