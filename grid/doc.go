// Package grid simulates the adequacy of a generating fleet serving an
// hourly load: a discrete-event simulation of unit outages, the
// reliability indices it yields with their uncertainty, the exact
// capacity outage probability table (COPT) as a cross-check, and carve-out
// studies that score a grid with and without a block of mining and AI load
// on the same random draws.
//
// A [System] is a list of [Unit]s (capacity, mean time to failure, mean
// time to repair, count) and an hourly load series, read from CSV with
// [ReadUnits] and [ReadLoad] or built in code. [Adequacy] runs the Monte
// Carlo simulation through package montecarlo and returns an
// [AdequacyReport]; [NewCOPT] gives the exact hourly indices, also under
// load forecast uncertainty ([COPT.LFU]).
//
// # Model
//
// Every unit is two-state: up for an exponentially distributed time with
// mean MTTF, then down for an exponential time with mean MTTR, independently
// of the others. A unit may also have partial (derated) outages, a second
// alternating process of its own that takes part of its capacity away
// ([Unit.DeratedMW]); it then has three capacity levels, and the COPT
// convolves it as a three-state unit. A trial is one year of H hours:
//
//   - Each unit starts in its stationary distribution, up with probability
//     MTTF/(MTTF+MTTR); the time to its first change is exponential with
//     the mean of its initial state (by memorylessness, the residual time
//     is so distributed). Starting all units up would bias the indices.
//   - Up and down times are drawn as durations, and each change of state is
//     filed on an event calendar under the hour instant at which it is
//     first observed; a sweep of the calendar in time order touches only
//     the instants where something changed, so the cost of a trial grows
//     with the number of outages, not with hours × units. The result is an
//     availability [Path]: the sorted change points (hour, available MW),
//     capacity being constant between them ([Simulator.Path]).
//   - The path is then scored against a load series ([Score]). Scoring is a
//     separate step so that several loads (a baseline and a carve-out, or
//     per-trial stochastic demand) can be scored on the same outage draws.
//     A stretch of constant capacity whose maximum load (an O(1) range
//     query on a [LoadProfile]) does not exceed the capacity is skipped
//     whole; only the rest is swept hour by hour.
//
// Conventions that change the answer:
//
//   - The system is observed at the hour instants t = 0, 1, …, H−1; the
//     available capacity of hour h is the state at instant h (the state just
//     before time h: a change at time t is first seen at instant ⌊t⌋+1).
//     Outages that begin and end between two instants are not seen.
//   - Hour h has a shortfall (loss of load) when the available capacity is
//     strictly below the load: capacity equal to the load is enough.
//   - Indices are per series ("year") of H hours, not rescaled to 8760.
//   - For month statistics the series starts on 1 January 00:00 of a
//     non-leap year; day d of the series is hours 24d … 24d+23.
//
// # Indices
//
// Per trial-year, and estimated over trials with a standard error and 95%
// interval ([Indices]):
//
//   - LOLE (h/yr): hours with shortfall. LOLP = LOLE/H: the probability
//     that an hour has shortfall.
//   - LOLE in days (d/yr): days with at least one shortfall hour. (The
//     COPT's daily-peak LOLE, with each day's peak load, is a different,
//     smaller quantity.)
//   - LOLF (events/yr): loss-of-load events, an event being a maximal run
//     of consecutive shortfall hours (runs may cross days).
//   - LOLD (h): mean event duration E[hours]/E[events], a ratio of means
//     with a delta-method standard error.
//   - EUE (MWh/yr): unserved energy Σ(load − capacity) over shortfall
//     hours. NEUE (ppm): E[unserved]/E[load energy] × 10⁶.
//   - P(year has any shortfall), with a Wilson interval.
//   - Shortfall probability by month × hour of day: shortfall hours in the
//     cell over trials × hours of the series in the cell.
//
// # Capacities
//
// Capacities are tracked as exact integers in units of the finest decimal
// resolution the fleet's capacities and derates need (at most
// [MaxDecimals] places), so
// available capacity never drifts with rounding however many outages come
// and go, and converts to MW by a correctly rounded division: a capacity
// that equals a load written with the same decimals compares equal. The
// COPT uses the same grid, with a step equal to the greatest common
// divisor of the capacities and derates.
//
// # Carve-out studies
//
// A [Scenario] describes a whole study as one JSON document
// ([DecodeScenario] reads it strictly and names the path of a bad field):
// the fleet ([FleetUnit]: a Unit with an availability [Class] — monthly
// multipliers for hydro capability, maintenance and seasonal plants, or a
// month × hour capacity-factor profile for wind and solar, and a heat-wave
// derate for thermal units), stochastic demand (package demand), the
// [Carveout] (size, mining share, the Bitcoin model of package mining, AI
// load) with its curtailment [Policy], a [Sweep] of further sizes and
// policies, and the trials and seed. [NewStudy] compiles it; [Study.Run]
// runs it through montecarlo; [Study.Report] turns the exact state
// ([StudyAcc]) into a [Report].
//
// Each trial draws the outages of every unit, the demand of the year and
// the mining path once, then scores the baseline (no carve-out) and every
// carve-out case on those same draws. The carve-out adds load: under a
// [Firm] policy a shortfall is shed pro rata across all load, the
// carve-out included; under [Interruptible] the miners (and the AI load if
// so configured) are curtailed first — decided NoticeH hours ahead on the
// margin then, delivered at a share Compliance, for at most MaxCurtailedH
// hours a year — and what remains is shed pro rata. Economic miners run
// only in hours whose revenue covers their tariff and other costs.
//
// "The carve-out causes load-shedding" is measured per trial: the other
// customers' unserved energy with the carve-out exceeds that without it on
// the same draws. P(causes shedding), ΔLOLE, ΔLOLF and ΔEUE are estimated
// from these paired differences, so most of the sampling noise of the
// baseline cancels. The arithmetic keeps the invariants exact: a fully
// curtailed carve-out leaves the other customers exactly at their
// baseline; an interruptible carve-out with no notice, full compliance and
// no cap causes no incremental shedding; with always-running miners risk
// never decreases with size, trial by trial.
//
// A study shard ([Study.NewShard], [DecodeShard]) carries its scenario
// document, seed, trial range and exact state; [MergeShards] refuses
// shards of different runs, gaps and overlaps, and reproduces the
// unsharded report byte for byte.
//
// # Reproducibility
//
// A run's numbers depend only on the system, the seed and the trial range:
// not on the number of workers, GOMAXPROCS or the split into shards. Each
// trial draws only from streams derived from (seed, trial index, stream
// name) by montecarlo, a trial is single-threaded, and the [Tally] that
// accumulates trials keeps exact sums and integer counts, so merging
// workers or shards in any order gives the same bits. A Tally's JSON form
// is its exact state: shards saved to files merge to the same result as
// one run. Reports are written with a fixed field order.
//
// # Streams
//
// Every unit has its own random stream, named "outage/" + its name after
// expanding counts ([OutageStream]; unit "ccgt" with count 2 becomes
// "ccgt#1" and "ccgt#2"). A unit draws its initial state and all its
// durations from its stream alone, in its own order, whatever the other
// units do (a unit with partial outages draws its full-outage history
// first, then its partial-outage history, from the same stream). This
// gives common random numbers per unit: adding, removing or changing one
// unit leaves the outage history of every other unit unchanged, and a
// baseline and a carve-out scored on the same path see the same outages.
// Unit names must therefore be unique.
//
// Units being independent, a simulator draws each unit's whole year in one
// go, from a PCG-DXSM generator seeded to the unit's stream as
// [montecarlo.Trial.Reseed] seeds a math/rand/v2 PCG (the two give the
// same sequence) and held in registers. Uniform draws use 53 bits of an
// output, as (*rand.Rand).Float64 does; exponential draws use a ziggurat
// (Marsaglia and Tsang, 2000) with tables built at start-up. This avoids
// an interface call per draw; gonum's distuv types with Src set would be
// slower still, as they call rand.New(Src), which allocates, on every
// draw. A trial allocates nothing once the worker's buffers have grown.
//
// # Errors
//
// Constructors and readers validate their input and return errors, never
// panic, for bad data: NaN, infinite, zero or negative capacity, MTTF or
// MTTR, negative or non-numeric load, an empty fleet or load, duplicate
// unit names, ragged CSV rows. Errors start with "grid: " and name the
// unit and field (grid: unit "Tarbela-1": mttr_h = -5, want finite > 0) or,
// for CSV, the file, line and column ([CSVError]).
package grid
