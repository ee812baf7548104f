package study

import (
	"github.com/carveout/carveout"
	"github.com/carveout/carveout/grid"
)

// Report is the outcome of a study: the baseline and carve-out indices of
// the other customers, the paired risk that the carve-out causes shedding,
// and the data of the charts. Every estimate carries its standard error
// and 95% interval. It is deterministic for a scenario, seed and trial
// count, and serialises to JSON.
type Report struct {
	// Version is the library version ([carveout.Version]) that produced
	// the report.
	Version string `json:"version"`
	// Scenario names the scenario and its content hash.
	Scenario ScenarioRef `json:"scenario"`
	// Seed is the run's seed.
	Seed uint64 `json:"seed"`
	// Trials is the run's trial count.
	Trials int64 `json:"trials"`
	// Done is the number of trials the estimates rest on; less than
	// Trials when the run was cancelled (Partial) or met its precision
	// target (Converged).
	Done int64 `json:"done"`
	// Partial marks a run stopped early by cancellation or an error.
	Partial bool `json:"partial,omitempty"`
	// Converged marks a run stopped because its precision target was met.
	Converged bool `json:"converged,omitempty"`
	// Hours is the horizon of each trial, in hours.
	Hours int `json:"hours"`

	// CarveoutMW is the size of the main carve-out case, in MW.
	CarveoutMW float64 `json:"carveout_mw"`
	// MiningShare is the share of CarveoutMW drawn by miners, in [0, 1].
	MiningShare float64 `json:"mining_share"`
	// Economic reports whether the main case's miners run only when
	// revenue covers their costs.
	Economic bool `json:"economic"`
	// Policy is the main case's curtailment policy.
	Policy Policy `json:"policy"`

	// Baseline are the indices without the carve-out.
	Baseline grid.Indices `json:"baseline"`
	// Carveout are the indices of the other customers (the carve-out's own
	// load excluded) with the carve-out.
	Carveout grid.Indices `json:"carveout"`
	// Risk is the paired risk the carve-out adds for other customers.
	Risk Risk `json:"risk"`
	// Load is what happened to the carve-out's own load.
	Load CarveoutLoad `json:"carveout_load"`
	// Demand summarises the demand draws.
	Demand DemandSummary `json:"demand"`

	// IncrementalShedding[m][h] is the probability that an hour of month m
	// (0 = January) at hour of day h has more shedding of other customers
	// with the carve-out than without.
	IncrementalShedding [12][24]float64 `json:"incremental_shedding_probability"`
	// DeltaLOLEByMonthHour[m][h] is the part of Risk.DeltaLOLEHours that
	// falls in hours of month m at hour of day h: the expected number of
	// such hours per trial-year in which the other customers are short
	// with the carve-out and not without it, less those in which they are
	// short without it and not with it (none on a copper plate, where the
	// carve-out only adds load, but for rounding; in a zonal study a
	// zone's may, as the network shares its shortfall anew), with its
	// standard error. The cells add up to ΔLOLE: their sums over trials
	// are integers whose total is the sum behind ΔLOLE, exactly, and their
	// means add up to ΔLOLE's to rounding.
	DeltaLOLEByMonthHour MonthHourMap `json:"delta_lole_by_month_hour"`
	// Distributions are the histograms of the other customers' annual
	// unserved energy, without and with the carve-out.
	Distributions Distributions `json:"distributions"`
	// Market holds the weekly BTC price, hashprice and miner utilisation
	// series; nil when no trial was recorded.
	Market *Market `json:"market,omitempty"`
	// Convergence is the main estimates after growing numbers of trials,
	// one point per block of consecutive trials.
	Convergence []ConvergencePoint `json:"convergence"`
	// Sweep is the risk at each further size and policy of the scenario's
	// sweep, policy by policy and size by size within each policy.
	Sweep []SweepPoint `json:"sweep,omitempty"`
	// Site is where the main carve-out sits in a zonal study (a zone, or
	// "zone:share,…"); empty without zones.
	Site string `json:"site,omitempty"`
	// Zones are each zone's results for the main case of a zonal study,
	// in priority order; Baseline, Carveout and Risk above are then the
	// system's (an hour counts if any zone is short; unserved energy is
	// the least the network allows).
	Zones []ZoneResult `json:"zones,omitempty"`
	// Cost is what the main case costs and who carries it, from
	// economic dispatch of every hour (see [CostResult]); nil without
	// economics ([Scenario.Economics]).
	Cost *CostResult `json:"cost,omitempty"`
	// ControlVariates holds the headline indices adjusted by control
	// variates, when the scenario asks for them
	// ([Scenario.VarianceReduction]); nil otherwise.
	ControlVariates *ControlVariateResult `json:"control_variates,omitempty"`
	// Months are the other customers' LOLE and EUE without and with the
	// carve-out, and their paired changes, month by month (the months
	// the horizon has hours in).
	Months []MonthIndices `json:"months"`
}

// ScenarioRef names the scenario and its content hash.
type ScenarioRef struct {
	// Name is the scenario's name.
	Name string `json:"name"`
	// Hash is the scenario's [Scenario.Hash], the SHA-256 of its
	// canonical JSON with defaults filled in, in hex.
	Hash string `json:"hash"`
}

// report computes the report of the trials in acc, of a run of the given
// seed and trial count: each result finalised from its accumulator. The
// number of trials done is the state's own.
func (st *Study) report(acc *State, seed uint64, trials int64) *Report {
	done := acc.Trials()
	d := st.sc
	r := &Report{
		Version:     carveout.Version,
		Scenario:    ScenarioRef{Name: d.Name, Hash: st.hash},
		Seed:        seed,
		Trials:      trials,
		Done:        done,
		Hours:       st.hours,
		CarveoutMW:  d.Carveout.MW,
		MiningShare: d.Carveout.MiningShare,
		Economic:    st.mainCase().economy,
		Policy:      d.Carveout.Policy,

		Baseline:             acc.Baseline.finalize(st.hours),
		Carveout:             acc.Main.Others.finalize(st.hours),
		Risk:                 acc.Main.riskAcc.finalize(),
		Load:                 acc.Main.loadAcc.finalize(),
		Demand:               acc.demandAcc.finalize(),
		IncrementalShedding:  acc.Incremental.finalize(&st.cellHours, done),
		DeltaLOLEByMonthHour: acc.DeltaLOLE.finalize(done),
		Distributions:        acc.distributionsAcc.finalize(),
		Market:               acc.marketAcc.finalize(),
		Convergence:          acc.Convergence.finalize(),
		Sweep:                acc.Sweep.finalize(st.sweepCases()),
	}
	if st.z != nil {
		main := st.mainCase()
		r.Site = main.siteName
		for k, name := range st.z.names {
			r.Zones = append(r.Zones, acc.Zones[k].finalize(name, main.site[k], &st.cellHours, st.hours, done))
		}
	}
	r.Months = acc.Months.finalize(&st.cellHours)
	if acc.Cost != nil && done > 0 {
		r.Cost = acc.Cost.finalize(st.cost, done)
	}
	if acc.ControlVariates != nil && done > 0 {
		r.ControlVariates = acc.ControlVariates.finalize(st.cv)
	}
	return r
}
