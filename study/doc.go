// Package study runs carve-out studies: it estimates, with error bars,
// what setting aside a block of grid power for Bitcoin mining and AI data
// centres does to the other customers of a grid.
//
// It is a room of its own because the carve-out is not part of the power
// system: it is a question asked of one. Package grid says, for any fleet
// and load, which hours are short; this package adds the carve-out's load
// on top of the same draws, decides who is curtailed and who is shed
// under a policy, and measures the difference. Everything it knows about
// units, classes and available capacity it takes from grid (one
// availability routine, in exact integer capacity units), so a study's
// baseline is the plain adequacy of the same system, seed and trials, bit
// for bit.
//
// # The scenario
//
// A [Scenario] describes a whole study as one JSON document
// ([DecodeScenario] reads it strictly and names the path of a bad field):
// the fleet ([FleetUnit]: a grid.Unit, with its availability class, and
// its technology and source), the availability classes (grid.Class),
// stochastic demand (package demand), the [Carveout] (size, mining share,
// the Bitcoin model of package mining, and the AI data centres' load,
// [AI], which is the study's own: its draw does not depend on Bitcoin
// economics) with its curtailment
// [Policy], a [Sweep] of further sizes and policies, and the trials and
// seed. [FromSystem] makes a scenario of a grid.System. [NewStudy]
// compiles it; [Study.Run] runs it through package montecarlo and returns
// a [Result], from which the report ([Result.Report]) and the run's shard
// file ([Result.Shard]) follow. The scenario is the one source of the
// trial count and seed: Run refuses montecarlo options that would set
// others. Shards ([DecodeShard]) merge into the result of the whole run
// ([MergeShards]) with montecarlo's one set of checks.
//
// # The trial
//
// Each trial draws the outages of every unit, the demand of the year and
// the mining path once, then scores the baseline (no carve-out) and every
// carve-out case on those same draws. The carve-out adds load: under a
// [Firm] policy a shortfall is shed pro rata across all load, the
// carve-out included; under [Interruptible] the miners (and the AI load if
// so configured) are curtailed first — decided NoticeHours hours ahead on the
// margin then, delivered at a share Compliance, for at most MaxCurtailedHours
// hours a year — and what remains is shed pro rata. Economic miners run
// only in hours whose revenue covers their tariff and other costs.
//
// # Zones and sites
//
// A scenario with [ZoneSpec]s is zonal: each unit names its zone, each
// zone takes a share of the national demand (by month if the data say
// so), and interfaces (grid.Interface) join the zones, their elements
// failing and being repaired like units, on their own streams. Every hour
// is settled over the network (grid.Network: the least total unserved
// energy by max-flow min-cut, shared out by the zones' priority order),
// and the report adds each zone's indices and paired measures
// ([ZoneResult]). The carve-out sits in one zone ([Carveout].Site) or in
// shares across several ([SiteShare]); within its zone it is shed pro
// rata with the zone's other customers, or curtailed first under
// [Interruptible] by what its flexible load adds to the network's
// shortfall. [Sweep].Sites scores every size and policy at every
// candidate site on the same draws, and each point carries its paired
// difference from the first site ([SiteComparison]), whose interval is
// far narrower than the two points' own. Hours are screened a day at a
// time, then hour by hour, by the headroom the network leaves at each
// site (grid.NetworkAvailability.HeadroomOver), so that only the hours
// in which some carve-out could be short are settled. A scenario without
// zones is a copper plate, as before, and a zonal scenario whose
// interfaces never bind gives the copper plate's numbers.
//
// # Measures
//
// "The carve-out causes load-shedding" is measured per trial: the other
// customers' unserved energy with the carve-out exceeds that without it on
// the same draws. P(causes shedding), ΔLOLE, ΔLOLF and ΔEUE are estimated
// from these paired differences, so most of the sampling noise of the
// baseline cancels. Under the firm policy every year that is short anyway
// counts as caused, because the carve-out's pro-rata share raises what
// the others lose. The arithmetic keeps the invariants exact: a fully
// curtailed carve-out leaves the other customers exactly at their
// baseline; an interruptible carve-out with no notice, full compliance and
// no cap causes no incremental shedding; with always-running miners risk
// never decreases with size, trial by trial.
//
// # Samples
//
// [Study.RunWithSamples] also passes each trial's outcome of the main case
// — the other customers' unserved energy, hours and events without and
// with the carve-out, what became of the carve-out's own load, the
// miners' energy and revenue, the year's mean BTC price and hashprice,
// and each zone's part — as a [Sample] to a [SampleWriter], in trial
// order, while the run streams: nothing of size trials is kept.
// [SamplesCSV] writes them as a CSV table ([Study.SampleColumns]) whose
// column means are the report's estimates to the bit, and which is the
// same to the byte for any number of workers; a shard's table is the
// unsharded table's rows of the shard.
//
// The report's own tables are views of it: [Report.Months] (the other
// customers' LOLE and EUE month by month, without and with the
// carve-out, and the paired changes) as months.csv, and a zonal study's
// zones and zones by month, written by [WriteTables].
//
// # Streams and reproducibility
//
// Units draw their outages from their own streams, as in package grid.
// Demand and the mining market draw from the streams named by the Stream…
// constants ([StreamDemandLFU] and the rest), one per component, so
// changing one model leaves the others' draws unchanged (common random
// numbers), and the carve-out's size, policy and mining parameters leave
// the baseline bit-identical. Accumulators keep exact sums and integer
// counts: the same scenario, seed and trial count give the same report to
// the byte for any number of workers and any split into shards, and a
// shard carries its scenario document so that shards merge with nothing
// else.
//
// # Errors
//
// Errors of decoding, validating and compiling a scenario and of reading
// and merging shards start with "study: ". Validation names the JSON path
// of a bad field, as in "study: scenario: fleet[12].mttr_h = -5, want finite
// >= 0.1 (MinDurationHours) (unit …)", an [input.FieldError] that
// errors.As finds; a document that does not
// decode (syntax, a value of the wrong type, an unknown field, trailing
// data) is an [input.JSONError] naming line, column and path. Nothing
// panics through the API, and a panic inside a trial comes back as an
// error with its trial index and seed.
package study
