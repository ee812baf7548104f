// Package montecarlo is carveout's Monte Carlo engine. It knows nothing of
// power grids: it runs independent trials in parallel, gives each trial its
// own random streams, reduces their outcomes into mergeable accumulators and
// reports every estimate with its uncertainty.
//
// A run is an [Experiment]: a constructor for an empty accumulator and a
// constructor for one worker's [TrialFunc]. [Run] calls the trial function
// for trials 0..n−1 across goroutines, merges the per-worker accumulators at
// fixed checkpoints and returns a [Result]. Options ([WithTrials],
// [WithSeed], [WithWorkers], [WithShard], [WithTargetRSE], [WithProgress],
// [WithCheckpoint], [WithResume]) are closed functional options.
//
// The accumulators — [Mean], [Ratio], [Proportion], [Histogram], built on
// [ExactSum] — turn into an [Estimate]: mean, standard error and a 95%
// interval (normal for means and ratios, Wilson for proportions).
//
// A run that also passes on a record per trial (a row of a per-trial
// table) does so through [Ordered], a bounded buffer that hands the
// records to their consumer in trial order whatever the workers, so that
// the table, like the accumulators, is the same to the byte;
// [Experiment.Begin] tells it where the run's trials start.
//
// # Reproducibility
//
// The same seed and trial count give bit-identical results whatever the
// number of workers, GOMAXPROCS or the split into shards. Two things make
// this so. First, a trial draws only from streams derived from (seed, trial
// index, component name), so what a trial computes does not depend on which
// goroutine runs it or when. Second, accumulators merge exactly: sums of
// floats are kept in a fixed-point accumulator ([ExactSum]) spanning the
// whole float64 range, and counts are integers, so merge order cannot change
// a bit. Floating-point work inside one trial is sequential and
// deterministic.
//
// Stopping on a precision target ([WithTargetRSE]) is checked only at fixed
// trial counts (multiples of [WithCheckEvery]), so where a run stops is
// reproducible too.
//
// # Streams
//
// [Key] hashes a component name once; [StreamKey.Seed] hashes it with the
// seed and trial index into the two seed words of a PCG generator
// (math/rand/v2). Hashing the triple, rather than using the trial index as a
// position on one sequence, makes streams of different trials and components
// unrelated. Each model component (every generating unit's outages, demand
// noise, the Bitcoin price, ...) has its own named stream, so changing one
// component leaves the draws of the others unchanged: common random numbers
// across scenarios. Library code never uses the global math/rand source.
//
// # Errors
//
// Options validate their arguments and [Run] returns an error naming the
// bad value. A panic inside a trial comes back as a [*TrialError] carrying
// the trial index and seed, enough to rerun that trial alone. Cancelling the
// context stops the workers within one chunk of trials; Run then returns the
// merged result of the trials completed so far with Partial set, together
// with ctx.Err().
package montecarlo
