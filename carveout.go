// Package carveout is the root of a library that estimates, with error
// bars, what a carve-out of grid power for Bitcoin mining and AI data
// centres does to everyone else on the grid: the probability that it
// causes load-shedding, how much, when, and at what cost. This package
// holds only the library's version; the work is done by its packages,
// each one idea, with dependencies that point one way:
//
//   - [github.com/carveout/carveout/montecarlo]: the engine — per-trial
//     random streams, the parallel runner, exact mergeable accumulators
//     and intervals, precision targets, one shard format and merge,
//     checkpoints.
//   - [github.com/carveout/carveout/grid]: the power system and its plain
//     adequacy — units and their outages, availability classes, the one
//     routine that turns outage draws into hourly capacity in exact
//     integer units, scoring, reliability indices, the exact COPT (with
//     classes too) and exact enumeration of small zonal systems, CSV
//     input, adequacy results and shards.
//   - [github.com/carveout/carveout/demand]: stochastic demand — base
//     load, load forecast uncertainty, weather noise, heat waves.
//   - [github.com/carveout/carveout/mining]: Bitcoin economics — price,
//     fees, difficulty, hashprice, miners' on/off decisions.
//   - [github.com/carveout/carveout/study]: the carve-out study — the
//     scenario document, the carve-out (mining and AI load) and its
//     policies, the paired trial, results, reports and shards;
//     [github.com/carveout/carveout/study/charts] draws a report.
//   - [github.com/carveout/carveout/plots]: charts of Monte Carlo
//     estimates and plain data.
//   - [github.com/carveout/carveout/scenarios]: built-in scenarios
//     (Pakistan 2025), assembled from sourced CSV data.
//   - [github.com/carveout/carveout/testsystems]: the RBTS and IEEE RTS-79
//     test systems and two multi-area systems of PRAS, with their
//     reference indices; [github.com/carveout/carveout/testsystems/pras]
//     builds the PRAS systems as zonal grid systems.
//   - [github.com/carveout/carveout/input]: the structured errors every
//     decoder returns, and strict JSON decoding.
//
// The command carveout (cmd/carveout) runs studies, adequacy assessments
// and shard merges from the shell; examples/ holds runnable programs.
package carveout

// Version is the library version recorded in reports and shard files.
// Shards of different versions are never merged. The minor version goes
// up whenever the same scenario, seed and trial count would give other
// numbers, or shard files change form (0.8.0 added their checksum; 0.9.0 zones,
// and the Pakistan scenario became zonal; 0.10.0 the probability of a new
// shortfall, ΔLOLE by month and hour, and the indices by month, in reports
// and shards; 0.11.0 economic dispatch, the carve-out's cost, and firm
// capacity offsets in the sweep; 0.12.0 energy-limited fuels and fuel
// shocks in the scenario document, and shards of importance-sampled
// adequacy runs; 0.13.0 importance-sampling weights summed in another
// order, the same to within rounding, and zonal settlements exact, each
// zone's unserved energy rounded once, so that zonal unserved energies
// change in their last bits; 0.14.0 control variates in the scenario
// document, reports and shards).
const Version = "0.14.0"
