// Package carveout is the root of a library that estimates, with error
// bars, what a carve-out of grid power for Bitcoin mining and AI data
// centres does to everyone else on the grid: the probability that it
// causes load-shedding, how much, when, and at what cost. This package
// holds only the library's version; the work is done by its packages,
// each one idea, with dependencies that point one way:
//
//   - [github.com/carveout/carveout/montecarlo]: the generic Monte Carlo
//     engine — per-trial random streams, the parallel runner, exact
//     mergeable accumulators and intervals, precision targets, shards.
//   - [github.com/carveout/carveout/grid]: the power system and its plain
//     adequacy — units and their outages, availability classes, the one
//     routine that turns outage draws into each hour's available capacity
//     in exact integer units, scoring, reliability indices, the exact
//     COPT, CSV input.
//   - [github.com/carveout/carveout/demand] and
//     [github.com/carveout/carveout/mining]: stochastic demand, and
//     Bitcoin economics (price, difficulty, hashprice, miners' decisions).
//   - [github.com/carveout/carveout/study]: the carve-out study — the
//     scenario document, the carve-out and its policies, the paired trial
//     that scores the grid with and without it on the same draws, and its
//     results.
//   - [github.com/carveout/carveout/plots]: charts;
//     [github.com/carveout/carveout/scenarios] and
//     [github.com/carveout/carveout/testsystems]: built-in data;
//     [github.com/carveout/carveout/input]: the structured errors every
//     decoder returns.
//
// The command carveout (cmd/carveout) runs studies, adequacy assessments
// and shard merges from the shell; examples/ holds runnable programs.
package carveout

// Version is the library version recorded in reports and shard files.
// Shards of different versions are never merged. The minor version goes
// up whenever the same scenario, seed and trial count would give other
// numbers.
const Version = "0.7.0"
