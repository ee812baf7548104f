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
// # Several sizes in one run
//
// To compare carve-out sizes, policies or sites, list them in the
// scenario's [Sweep] and run the study once:
//
//	sc.Sweep = study.Sweep{SizesMW: []float64{1000, 2000, 3000}}
//	st, err := study.NewStudy(sc)
//	…
//	res, err := st.Run(ctx)
//	…
//	for _, p := range res.Report().Sweep {
//		fmt.Println(p.MW, p.Policy, p.PNewShortfall.Mean, p.DeltaLOLEHours.Mean)
//	}
//
// (ExampleSweep runs it on RBTS). Every case is scored on the same draws
// as the main case, so the run
// draws outages, demand and markets once for all of them — three sizes of
// the Pakistan scenario take about half the time of three separate runs —
// and the differences between sizes are paired, not noise between runs.
// Each point of [Report].Sweep has P(causes shedding), P(new shortfall),
// ΔLOLE and ΔEUE with their intervals. A scenario's sweep runs with every
// study of it (the Pakistan scenario's has 36 cases); clear it
// (sc.Sweep = study.Sweep{}) to run the main case alone.
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
// zones is a copper plate, as before. A zonal scenario whose interfaces
// never bind gives the copper plate's baseline; its carve-out measures
// differ, as the network's shortfall falls on the zones short of their
// own load (those that cover it are not shed to serve others) and the
// carve-out shares it pro rata with its own zone's load only, where a
// copper plate shares it with the whole system's.
//
// # Hosting capacity
//
// [Hosting] finds the largest carve-out that meets [Criterion]s on other
// customers — a bound on a change it makes (P(causes shedding), P(new
// shortfall), ΔLOLE, ΔEUE) or on a standard they must still meet with it
// (LOLE in hours or days, LOLP) — at a site and
// under a policy: rounds of sweeps over a shrinking bracket of sizes, all
// on the scenario's trial-years, each round keeping the largest size that
// meets every criterion with confidence and the smallest that fails one
// with it. It says when the trials cannot narrow the bracket further
// (unresolved) rather than report a false precision. [HostingCOPT] is the
// exact answer for a constant firm carve-out on a copper plate, by
// bisection on the capacity outage probability table.
//
// [FCE] asks the converse: the firm capacity equivalent of a carve-out,
// the least firm capacity that, added in a zone (the carve-out's by
// default) with the carve-out in place, brings the other customers' LOLE
// or EUE back to its baseline. The capacity is perfectly reliable, or
// units of a type ([OffsetUnit]) that fail and are repaired on their own
// streams. A sweep with an [Offset] scores each case with each offset on
// the same draws; FCE searches those offsets in rounds as Hosting
// searches sizes, with brackets from the paired change against the
// baseline, and [FCECOPT] is its exact answer on a copper plate. Both
// searches can run each round as shards (FCESpec.Shards,
// HostingSpec.Shards) with the same answer to the bit.
//
// # What the carve-out costs
//
// A scenario with [Economics] (a currency, exchange rate, the
// carve-out's tariff, the average power purchase price, the consumer
// tariff and a value of lost load) dispatches every hour of every trial
// in merit order, at the units' marginal costs ([grid.Unit.CostPerMWh],
// CO2TPerMWh, Fuel), within the interface limits ([grid.NewDispatch]),
// on the adequacy model's own draws: once without the carve-out and once
// with the main case's load (less what it curtailed). Dispatch and
// adequacy agree on every short hour. The per-trial differences give
// [Report.Cost], a [CostResult]: the short-run cost, revenue and margin,
// the subsidy against three benchmarks, the value of other customers'
// extra lost load, extra CO₂, stranded low-cost energy, the miners'
// profit and who carries each, by fuel and by month, with intervals.
// Economics.Sweep dispatches the sweep's cases too ([PointCost]), so that
// sites compare in cost and CO₂ with paired intervals. Dispatch costs
// about 3 ms a trial-year on Pakistan's zonal grid, ten times the
// reliability trial, so cost runs usually take fewer trials; reliability
// results are byte-identical with or without economics.
//
// # Energy-limited fuels
//
// [Scenario.FuelBudgets] limit what a fuel's units send out in each
// month: gas deliveries, a mine's output, a reservoir's water. In a month
// where a fuel's merit-order use on the trial's own load would exceed
// its budget, it runs as if the load were θ lower, θ the least that
// fits, so that it keeps its energy for the hours of highest net load;
// what it cannot run is withheld from the adequacy model (a budget that
// binds can cause shortfall) and from the dispatch alike, case by case
// on each case's own load ([FuelBudget] states the rule and its
// approximations). [Scenario.FuelShocks] cut a budget at random, on
// their own stream ([StreamFuelShock]). A budget that never binds leaves
// every result bit-identical; scheduling the budgets costs a few
// milliseconds a trial-year for each distinct carve-out load.
//
// # Measures
//
// Every measure compares, trial by trial on the same draws, the other
// customers (everyone but the carve-out) with the carve-out and without
// it, so most of the sampling noise of the baseline cancels:
//
//   - P(causes shedding) ([Risk].PCausesShedding): the probability that a
//     trial-year's unserved energy of other customers is greater with the
//     carve-out than without. Under the firm policy every year that is
//     short anyway counts, because the carve-out's pro-rata share raises
//     what the others lose: on a tight grid it is close to P(any
//     shortfall with the carve-out), and says more about the grid than
//     about the carve-out (RTS-79 with 50 MW: 66.9%, both).
//   - P(new shortfall) ([Risk].PNewShortfall): the probability that a
//     trial-year without any unserved energy of other customers becomes
//     one with some: the carve-out turning a good year bad. Years short
//     anyway do not count, so it never exceeds P(causes shedding).
//   - ΔLOLE, ΔLOLF and ΔEUE: the expected change in the other customers'
//     hours with unserved energy, loss-of-load events and unserved energy
//     a trial-year.
//   - ΔLOLE by month and hour of day ([Report].DeltaLOLEByMonthHour): the
//     part of ΔLOLE in each month × hour cell, with its standard error.
//     An hour that becomes short counts +1 in its cell, and an hour short
//     without the carve-out but not with it −1, so the cells add up to
//     ΔLOLE (their integer sums exactly). On a copper plate the carve-out
//     only adds load and curtailment takes off at most its own, so under
//     no policy does an hour stop being short (under the firm policy not
//     even by rounding; under an interruptible one only in an hour short
//     by a rounding error). In a zone of a zonal study the network's
//     shortfall may fall elsewhere once load is added, so a zone's cells
//     may be negative, and the map's colours then diverge about 0.
//   - The incremental shedding probability ([Report].IncrementalShedding):
//     the share of each cell's hours in which the other customers lose
//     more with the carve-out than without; like P(causes shedding) it
//     counts hours short anyway, so it does not add up to ΔLOLE.
//
// Each zone of a zonal study has these measures too ([ZoneResult]), and
// each point of a sweep ([SweepPoint]) P(causes shedding), P(new
// shortfall), ΔLOLE and ΔEUE. The arithmetic keeps the invariants exact: a fully
// curtailed carve-out leaves the other customers exactly at their
// baseline; an interruptible carve-out with no notice, full compliance and
// no cap causes no incremental shedding; with always-running miners risk
// never decreases with size, trial by trial.
//
// # Control variates
//
// Rare shortfalls make crude Monte Carlo slow to converge. With
// [Scenario.VarianceReduction] set to [ControlVariates], the report adds
// the headline indices (baseline and with-carve-out LOLE and EUE, ΔLOLE,
// ΔEUE, P(causes shedding)) estimated by regression on control variates
// ([ControlVariateResult]), beside their crude estimates, with the
// variance reduction each achieved and the effective trials it is worth.
// Every other result stays crude, and the draws are unchanged.
//
// A control is a function of the trial's draws whose mean is computed
// exactly rather than sampled. Two kinds are used:
//
//   - Load controls: for each zone (the system on a copper plate), the
//     hours in a trial when the zone's load exceeds its supply limit —
//     all its units up at their class factor and every interface into it
//     up in full — and the energy above that limit. In those hours the
//     zone is short whatever the outages. Their means are sums over hours
//     of [demand.Marginal]'s tails of one hour's load (closed forms and
//     Gauss–Hermite quadrature, exact to about 1e-10). A zone whose limit
//     the load exceeds with expected hours below 1e-9 a trial gives none.
//   - Outage controls: a copper plate's unserved energy and short hours,
//     without and with the main case's carve-out (its AI load and its
//     miners' load of the hour, before curtailment), on a proxy of the
//     fleet — every unit at its capacity times its class factor in the
//     month of the highest base load, rounded to a whole MW, drawing the
//     trial's own outages from the units' streams, shifted by the real
//     fleet's expected capacity in the hour's month, hour of day and heat
//     state — less their expectation given the demand and mining draws,
//     which the proxy's capacity outage probability table gives exactly
//     (levels its capacity falls below with probability under 1e-15 count
//     as never reached). Their means are 0.
//
// The estimator is cross-fitted: the trials of even and of odd index are
// each adjusted by θ_a = ȳ_a − β̂_bᵀ(c̄_a − μ) with the regression
// coefficients β̂_b fitted on the other half, μ the exact means, and the
// two averaged; its standard error comes from each half's residuals about
// the other half's coefficients, so a fit to a few rare trials shows as a
// large error, not a small one. Its sums are exact, so the adjusted
// estimates are the same bits for any worker count and shard split;
// controls that never varied in a half are left out of its regression.
//
// The load controls help where the load alone makes the shortfall: a zone
// that imports everything over a fixed link (on the Pakistan scenario,
// K-Electric's draw). The outage controls help where the outages decide
// it: on a copper plate with a fixed load they take out nearly all the
// variance. What neither takes out is the load-driven part of a
// shortfall that also needs outages (load forecast uncertainty, weather
// and heat waves at summer peaks), and the zonal part a copper plate
// misses; the README gives the factors measured on Pakistan. The outage
// controls cost a second draw of every unit's outages and a table lookup
// per hour: on Pakistan's lean main case most of a trial's time again,
// with the sweep about a sixth. With few trials the normal intervals of
// rare-event sums under-cover whichever estimator is used; the adjusted
// ones too, since their residuals are rarer events still (over 100 seeds
// of 4,000 trial-years, spread over reported error up to 1.37 for the
// unserved energy; of 20,000, 0.97–1.22, coverage 90–97%).
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
// carve-out, and the paired changes) as months.csv, a zonal study's
// zones and zones by month, and, with economics, the carve-out's cost
// ([CostResult.Measures], in the currency and in dollars), its fuel
// groups, its months and the marginal-cost duration curve, written by
// [WriteTables].
//
// # Streams and reproducibility
//
// Units draw their outages from their own streams, as in package grid.
// Demand and the mining market draw from the streams named by the Stream…
// constants ([StreamDemandLFU] and the rest), fuel shocks from
// [StreamFuelShock]'s, one per component, so
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
