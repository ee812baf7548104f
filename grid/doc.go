// Package grid is the power system and its plain adequacy: a generating
// fleet serving an hourly load, a discrete-event simulation of unit
// outages, the reliability indices it yields with their uncertainty, and
// the exact capacity outage probability table (COPT) as a cross-check.
//
// It is one room of the library because everything in it answers one
// question with one physics — can the available generation meet the
// load, hour by hour? — and everything that asks it (plain adequacy and
// the carve-out study of package study) must get the same answer from the
// same draws. What the
// carve-out is, how it is curtailed and what its results mean live in
// package study; the Monte Carlo engine lives in package montecarlo.
//
// A [System] is a list of [Unit]s (capacity, mean time to failure, mean
// time to repair, count, optionally partial outages and an availability
// [Class]) and an hourly load series, read from CSV with [ReadUnits] and
// [ReadLoad] or built in code. A zonal system gives each [Zone] its own
// load and joins zones with [Interface]s (see [Network]); its loads and
// interfaces are read with [ReadZoneLoads] and [ReadInterfaces], and
// [ReadZonalSystemFiles] reads and cross-checks the three files together.
// [Adequacy] runs the Monte Carlo simulation
// through package montecarlo and returns an [AdequacyResult], whose JSON
// form is what `carveout adequacy` prints and whose shard
// ([AdequacyResult.Shard], in montecarlo's one shard envelope) merges with
// the others of its run ([MergeAdequacyShards]). [NewCOPT] gives the exact
// hourly indices as the same [Indices] type, with zero errors
// ([COPT.Indices]; [COPT.IndicesLFU] under load forecast uncertainty),
// [NewClassCOPT] the same for a fleet with availability classes, and
// [AdequacyCOPT] either as an [AdequacyResult]. A zonal system (zones
// with their own loads and units, joined by interfaces; see [Network])
// has an exact method too when it is small: [NewZonalExact], or
// [AdequacyExact], which picks the exact method for any system (see
// Exact methods below). [EFC] and [ELCC] are the capacity credit of the
// resources one system adds to another, as PRAS defines them: bisections
// over Monte Carlo adequacy runs with PRAS's statistical stopping rule.
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
//   - The path is then scored against a load series ([Score]). A
//     stretch of constant capacity whose maximum load (an O(1) range
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
// # Variance reduction
//
// Shortfalls of an adequate system are rare, and crude Monte Carlo needs
// many trial-years for a tight LOLE: its relative variance per trial is
// about 1/P(year short). [AdequacyIS] offers importance sampling of the
// outage processes instead, opt-in, for a copper plate without
// availability classes (zones and classes are refused):
//
//   - Risk windows ([RiskWindows]). The hours at risk are those whose
//     exact LOLP (the COPT's) is at least a hundredth of the riskiest
//     hour's; they fall into episodes (a day's peak, or peaks less than
//     12 hours apart), and each episode's window opens one largest MTTR
//     before it, as the units down in an hour failed in the repair times
//     before it. Windows may overlap; each has a share, its episode's
//     part of the LOLE as the COPT sees it.
//   - The sampling law ([Tilt]) is a mixture: with probability d (0.1,
//     [DefaultDefensive]) a trial draws from the units' own processes;
//     otherwise it picks one window by share and, inside that window
//     only, every unit of entry i fails at Failure[i] times its rate
//     1/MTTF and is repaired at Repair[i] times its rate 1/MTTR. Tilting
//     one short window at a time, rather than every hour at risk at once,
//     keeps the likelihood ratio of a year's paths from spreading with
//     the length of the year. The mixture is defensive (T. Hesterberg,
//     "Weighted average importance sampling and defensive mixture
//     distributions", Technometrics 37(2), 1995): a trial's weight, the
//     likelihood ratio of its paths under the units' own processes f to
//     the mixture, 1/(d + (1−d)·Σ share_k·g_k/f), never exceeds 1/d.
//   - For exponential durations log(g_k/f) of a path is a sum over the
//     pieces of its sojourns inside window k: log(factor) for each change
//     of state, −(tilted rate − rate) × the time spent, a duration
//     censored at the horizon contributing its time alone (its
//     survivor-function ratio), and the log ratio of the initial state's
//     probabilities when the window opens at instant 0. It is summed per
//     time segment (the intervals between window bounds) in a fixed
//     order — units, then events in time order, then segments — so every
//     trial's weight is the same to the bit wherever it runs. The draw of
//     the mixture component has its own stream ("vr/mixture"); each
//     unit's stream is unchanged.
//   - Every index is estimated by the mean of w·X over the trials, its
//     standard error from the per-trial values w·X; LOLD and NEUE are
//     ratios of such means (the load energy, which no tilt touches, is
//     not weighted). The [WeightedTally] keeps exact sums, so workers and
//     shards merge to the bit: a shard of an importance-sampled run
//     ([AdequacyResult.ISShard], of its own kind, [ISShardKind]) holds the
//     tally with the method, the pilot's parameters, the tilt and the
//     pilot, which every shard reruns from the seed, and
//     [MergeISShards] merges the shards of a run into the unsharded
//     result, refusing shards whose tilts differ. The result reports the
//     effective sample
//     size (Σw)²/Σw² (Kish), the mean weight (1 in expectation) and, per
//     headline index, the measured variance-reduction factor against
//     crude Monte Carlo per trial ([Reduction]): the crude variance
//     E[X²] − E[X]² estimated from the same weighted draws, over the
//     variance of w·X.
//   - Unless a tilt is given, a multilevel cross-entropy pilot
//     (R. Y. Rubinstein and D. P. Kroese, The Cross-Entropy Method,
//     Springer 2004) chooses the factors and the shares ([ChooseTilt]).
//     Each iteration runs trials under the current tilt from seeds
//     derived from the run's seed ([PilotSeed]), sets the level (a scale
//     on the load) at which 2% of them are short, and takes the M step of
//     an EM fit of the mixture to the trials short at that level, each
//     weighted by its weight times its shortfall hours and split among
//     the windows by their responsibility for its path: a window's new
//     share is its part of the weighted responsibilities, an entry's new
//     rates are its failures over its up time and its repairs over its
//     down time inside the windows, weighted so. Shares are smoothed
//     (0.7) and keep a fifth of their COPT share, so that no window goes
//     unsampled; factors are smoothed in logarithms and clamped to
//     [1/MaxTiltFactor, MaxTiltFactor]. It stops after two iterations at
//     the system's own load.
//
// What it buys, measured on two cores shared with other work (so the
// times are noisy; the trial counts are not). On RTS-79 with its load
// scaled by 0.72 (exact LOLE 0.0077 h/yr, EUE 0.53 MWh/yr),
// BenchmarkTimeToPrecision stops both methods at a relative SE of the
// LOLE, checked every 10,000 trials: to 5%, crude Monte Carlo took
// 520,000–526,667 trials, importance sampling 65,000–80,000 with its
// pilot, and the latter was 2.0–2.4 times faster (3.0 s against 1.5 s
// in one run); to 2%, 3,246,667 trials against 720,000–825,000, 2.0–2.6
// times faster (19.9 s against 7.7 s). Per trial the variance falls by
// a factor of 4.5–6 for the LOLE and 7–15 for the EUE (the factors the
// runs report, and 100 runs of 20,000 trials: 6.1), but an
// importance-sampled trial costs about twice a crude one
// (BenchmarkTrialYearIS, 17.9 µs against 8.7: the time segments of
// every down sojourn and every change, the window ratios, the weighted
// tally; the up sojourns need none: each unit being up or down at every
// instant, the up rate's part of the ratio is the same in every path),
// and the pilot (about 46,000 trials, of which
// only those short at the level, a few percent, are drawn a second time
// to gather the cross-entropy statistics) weighs on short runs. The
// ten-fold speed-up the method was meant for is not reached. A first
// design
// tilted every hour at risk at once, all through the year: a year's
// weight was then a product over every unit's history in some 1,000
// hours, so dispersed that the cross-entropy tilts stayed mild and the
// gain was 1.3 times; without a defensive share its estimates were 4 SE
// off with plausible SEs (heavy-tailed weights). Indices that are not
// rare lose little: at their own loads RBTS and RTS-79 report factors of
// about 1.4, and whatever the system the defensive share bounds the loss,
// the variance of w·X being at most 1/d times the crude second moment
// E[X²]. The weighted standard errors need tens of thousands of trials
// before they can be trusted on a rare-event system (at 10,000 trials a
// run they understated the spread by 15–35%); the measured factors, the
// ESS and the mean weight in the report are there to judge a run by.
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
// # Availability classes
//
// A unit may belong to an availability [Class]: monthly multipliers (hydro
// capability, planned maintenance, seasonal plants), a month × hour
// capacity-factor profile (wind, solar), and a heat-wave thermal derate.
// A [Fleet] compiles units and classes over a horizon, and its
// [Availability] turns each trial's outage draws into every hour's
// available capacity. This is the one routine for that physics: plain
// [Adequacy] of a system with classes and every case of a carve-out study
// (package study) read their hourly capacity from it, in exact integer
// capacity units (see [Fleet]); a fleet without classes may also be
// scored from its sparse [Path], which holds the same integers at its
// change points. Grouping units into classes changes none of their draws.
//
// # Exact methods
//
// The exact methods compute the hour-by-hour indices (LOLE, LOLP, EUE,
// NEUE) without sampling: they are what the Monte Carlo is tested
// against. For a copper plate the [COPT] convolves the units into the
// distribution of available capacity and reads each hour off it. For a
// zonal system, [ZonalExact] enumerates the joint states of the network:
// each zone's capacity levels (the zone's own COPT, on the network's
// capacity grid) times, for each interface element row that fails, the
// binomial number of its elements up. In each hour, every state in which
// some zone is short is settled by the same routine that settles a
// sampled hour of the Monte Carlo (max-flow min-cut, shares by priority
// in declaration order; see [Network]), and its probability and unserved
// energy are summed exactly, for the system and each zone. Hours with
// the same loads are settled once, and states in which every zone covers
// its own load, which settle to zero, are skipped; no state of non-zero
// probability is dropped. Availability classes are handled as by the
// [ClassCOPT], with one table per zone and combination of class factors;
// load forecast uncertainty is not (use the Monte Carlo).
//
// The work grows with the states: the product of the zones' capacity
// levels and of count+1 for every failing element row. RBTS in two zones
// with three failing lines has 1,512 states and takes under a second for
// a year of hours; in three zones, 4,320 states take a few seconds. A
// system with more than [MaxExactStates] states is refused with an error
// that gives the count and its factors: the exact zonal method is for
// validation and small systems, and the Monte Carlo for the rest.
//
// # Economic dispatch
//
// A [Dispatch] serves each hour's zone loads at least cost from the same
// draws that adequacy scores: units alike in cost ([Unit.CostPerMWh]),
// CO₂ intensity and fuel group form tiers, ranked into a merit order
// (ties by fuel group, zone and declaration order); each tier's
// available capacity in an hour is what the zone's adequacy capacity
// counts for its units, and the tiers of a zone add up to it bit for
// bit (the heat-wave rounding is shared out in merit order). A
// [DispatchWorker], bound to a [NetworkAvailability], has the
// availability record each unit's changes by tier as it draws them,
// and dispatches hours into [DispatchTotals]: cost, CO₂, energy by fuel
// group and by marginal cost, the marginal-cost duration curve, and the
// unserved energy, which is always the adequacy settlement's
// ([NetworkAvailability.Settle]): an hour is short in the dispatch
// exactly when it is short in adequacy. Interfaces limit the flows
// between zones; on a radial network the least-cost dispatch is found
// exactly (a meshed network is refused). [DispatchExact] computes the
// expectation for a small copper plate by enumeration, as the test of
// the Monte Carlo.
//
// The model is a merit order and nothing more: no ramping limits, no
// unit commitment (start-up costs, minimum stable generation, minimum
// up and down times), no transmission losses, no must-run units, no
// limits on a fuel's energy over a month (a reservoir's water, a gas
// allocation) and no storage. Costs are constant per MWh; energy no load
// needs is curtailed.
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
// same sequence) and held in registers. Uniform draws use the high 53
// bits of an output (not the low 53 that (*rand.Rand).Float64 uses);
// exponential draws use a ziggurat (Marsaglia and Tsang, 2000) with
// tables built at start-up; both kernels are the module's internal
// variate package. This avoids an interface call per draw; gonum's
// distuv types with Src set would be slower still, as they call
// rand.New(Src), which allocates, on every draw. A trial allocates nothing
// once the worker's buffers have grown.
//
// # Errors
//
// Constructors and readers validate their input and return errors, never
// panic, for bad data: NaN, infinite, zero or negative capacity, MTTF or
// MTTR, negative or non-numeric load, an empty fleet or load, duplicate
// unit names, ragged CSV rows. Errors start with "grid: " once and hold an
// [*input.FieldError] naming the field by its path and the unit
// (grid: units[3].mttr_h = -5, want finite >= 0.1 (MinDurationHours)
// (unit "Tarbela-1")); [Unit.Validate] and [ValidateUnits] return the
// FieldError alone, for a caller to place in its own document with
// [input.In]. A CSV error is an [*input.CSVError] naming the file, line
// and column, around the FieldError of a bad value; a name that one file
// gives and another lacks (a unit's zone without a load column, an
// interface to an unknown zone) is located where it is written.
package grid
