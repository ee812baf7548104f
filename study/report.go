package study

import (
	"math"

	"github.com/carveout/carveout"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
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
}

// ScenarioRef names the scenario and its content hash.
type ScenarioRef struct {
	// Name is the scenario's name.
	Name string `json:"name"`
	// Hash is the scenario's [Scenario.Hash], the SHA-256 of its
	// canonical JSON with defaults filled in, in hex.
	Hash string `json:"hash"`
}

// Risk is the paired measurement of what the carve-out does to other
// customers, from per-trial differences on common random numbers.
type Risk struct {
	// PCausesShedding is P(unserved energy of other customers with the
	// carve-out > without), per trial-year, with its Wilson interval.
	PCausesShedding montecarlo.Estimate `json:"p_causes_shedding"`
	// DeltaLOLEHours is the expected change (with minus without the
	// carve-out) in the other customers' hours with unserved load, per
	// trial-year.
	DeltaLOLEHours montecarlo.Estimate `json:"delta_lole_h"`
	// DeltaLOLF is the expected change in the other customers' number of
	// loss-of-load events, per trial-year.
	DeltaLOLF montecarlo.Estimate `json:"delta_lolf"`
	// DeltaEUEMWh is the expected change in the other customers' unserved
	// energy, MWh per trial-year.
	DeltaEUEMWh montecarlo.Estimate `json:"delta_eue_mwh"`
	// ShareAttributable is ΔEUE / EUE with the carve-out: the share of the
	// other customers' shed energy the carve-out adds (a ratio estimate).
	ShareAttributable montecarlo.Estimate `json:"share_attributable"`
}

// CarveoutLoad describes what happened to the carve-out's own load.
type CarveoutLoad struct {
	// CurtailedMWh is the carve-out energy curtailed under an
	// interruptible policy (the request times the compliance), MWh per
	// trial-year.
	CurtailedMWh montecarlo.Estimate `json:"curtailed_mwh"`
	// CurtailedHours is the number of hours a trial-year in which
	// curtailment was requested.
	CurtailedHours montecarlo.Estimate `json:"curtailed_h"`
	// ShedMWh is the carve-out's share of the energy shed pro rata in
	// shortfalls, MWh per trial-year.
	ShedMWh montecarlo.Estimate `json:"shed_mwh"`
	// ServedMWh is the carve-out energy served (miners and AI), net of
	// curtailment and shedding, MWh per trial-year.
	ServedMWh montecarlo.Estimate `json:"served_mwh"`
	// MinerMWh is the miners' served energy, MWh per trial-year.
	MinerMWh montecarlo.Estimate `json:"miner_mwh"`
	// MinerRevenueUSD is the miners' mining revenue less what they lost in
	// hours curtailed or shed, USD per trial-year.
	MinerRevenueUSD montecarlo.Estimate `json:"miner_revenue_usd"`
	// MinerUtilisation is MinerMWh over the miners' energy at full power
	// for the whole horizon: the share left after idling, curtailment and
	// shedding.
	MinerUtilisation montecarlo.Estimate `json:"miner_utilisation"`
}

// DemandSummary reports the demand draws' averages.
type DemandSummary struct {
	// HeatWaveHours is the expected number of distinct heat-wave hours
	// per trial-year.
	HeatWaveHours montecarlo.Estimate `json:"heatwave_hours"`
	// LFUScale is the mean of the drawn load forecast uncertainty scale
	// (1 when it is off).
	LFUScale montecarlo.Estimate `json:"lfu_scale"`
}

// Distributions holds the histograms of annual unserved energy of other
// customers, binned on log10(1 + MWh).
type Distributions struct {
	// Transform names the binned quantity, "log10(1 + MWh)".
	Transform string `json:"transform"`
	// Baseline counts trial-years without the carve-out.
	Baseline montecarlo.Histogram `json:"baseline_eue"`
	// Carveout counts trial-years with the main carve-out case.
	Carveout montecarlo.Histogram `json:"carveout_eue"`
}

// Market holds weekly quantiles of the BTC price and hashprice and the
// miners' utilisation, for fan charts.
type Market struct {
	// Weeks holds the week numbers 0, 1, …; week k starts on day 7k.
	Weeks []float64 `json:"weeks"`
	// PriceUSD is the BTC price in USD on the first day of each week, read
	// from histograms with 1% bins.
	PriceUSD montecarlo.Quantiles `json:"btc_price_usd"`
	// Hashprice is the hashprice in USD per PH/s per day on the first day
	// of each week, read from histograms with 1% bins.
	Hashprice montecarlo.Quantiles `json:"hashprice_usd_per_ph_day"`
	// Utilisation is the expected share of each week's hours in which the
	// mining fleet chose to run.
	Utilisation []montecarlo.Estimate `json:"utilisation"`
}

// ConvergencePoint is the main estimates after the first Trials trials.
type ConvergencePoint struct {
	// Trials is the number of trials the point rests on.
	Trials int64 `json:"trials"`
	// PCausesShedding is [Risk.PCausesShedding] after Trials trials.
	PCausesShedding montecarlo.Estimate `json:"p_causes_shedding"`
	// DeltaEUEMWh is [Risk.DeltaEUEMWh] after Trials trials.
	DeltaEUEMWh montecarlo.Estimate `json:"delta_eue_mwh"`
}

// SweepPoint is the risk at one carve-out size under one policy (named by
// its label, or its kind).
type SweepPoint struct {
	// MW is the carve-out size.
	MW float64 `json:"mw"`
	// Policy is the policy's label, or its kind when it has none.
	Policy string `json:"policy"`
	// PCausesShedding is as in [Risk], at this size and policy.
	PCausesShedding montecarlo.Estimate `json:"p_causes_shedding"`
	// DeltaLOLEHours is as in [Risk], at this size and policy.
	DeltaLOLEHours montecarlo.Estimate `json:"delta_lole_h"`
	// DeltaEUEMWh is as in [Risk], at this size and policy.
	DeltaEUEMWh montecarlo.Estimate `json:"delta_eue_mwh"`
}

// report computes the report of the trials in acc, of a run of the given
// seed and trial count. The number of trials done is the state's own.
func (st *Study) report(acc *StudyAcc, seed uint64, trials int64) *Report {
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
		Economic:    st.cases[0].economy,
		Policy:      d.Carveout.Policy,
		Baseline:    acc.Baseline.Indices(st.hours),
		Carveout:    acc.Main.Others.Indices(st.hours),
	}
	m := &acc.Main
	r.Risk = Risk{
		PCausesShedding:   m.Causes.Estimate(),
		DeltaLOLEHours:    m.DeltaLOLE.Estimate(),
		DeltaLOLF:         m.DeltaLOLF.Estimate(),
		DeltaEUEMWh:       m.DeltaEUE.Estimate(),
		ShareAttributable: m.Attributable.Estimate(),
	}
	r.Load = CarveoutLoad{
		CurtailedMWh:     m.CurtailedMWh.Estimate(),
		CurtailedHours:   m.CurtailedHours.Estimate(),
		ShedMWh:          m.ShedMWh.Estimate(),
		ServedMWh:        m.ServedMWh.Estimate(),
		MinerMWh:         m.MinerMWh.Estimate(),
		MinerRevenueUSD:  m.MinerRevenueUSD.Estimate(),
		MinerUtilisation: m.MinerUtilisation.Estimate(),
	}
	r.Demand = DemandSummary{HeatWaveHours: acc.HeatWaveHours.Estimate(), LFUScale: acc.LFUScale.Estimate()}
	for mo := range r.IncrementalShedding {
		for h := range r.IncrementalShedding[mo] {
			if n := st.cellHours[mo][h] * done; n > 0 {
				r.IncrementalShedding[mo][h] = float64(acc.Incremental[mo][h]) / float64(n)
			}
		}
	}
	r.Distributions = Distributions{Transform: "log10(1 + MWh)", Baseline: acc.EUEBase, Carveout: acc.EUECarve}
	if acc.Utilisation != nil && acc.Price[0].N() > 0 {
		mk := &Market{}
		for k := range acc.Price {
			if acc.Price[k].N() == 0 {
				break
			}
			mk.Weeks = append(mk.Weeks, float64(k))
			addQuantiles(&mk.PriceUSD, &acc.Price[k])
			addQuantiles(&mk.Hashprice, &acc.Hashprice[k])
			mk.Utilisation = append(mk.Utilisation, acc.Utilisation[k].Estimate())
		}
		r.Market = mk
	}
	var cum ConvAcc
	for b := range acc.Conv {
		c := &acc.Conv[b]
		if c.Causes.N == 0 {
			continue
		}
		cum.Causes.Merge(&c.Causes)
		cum.DeltaEUE.Merge(&c.DeltaEUE)
		r.Convergence = append(r.Convergence, ConvergencePoint{
			Trials:          cum.Causes.N,
			PCausesShedding: cum.Causes.Estimate(),
			DeltaEUEMWh:     cum.DeltaEUE.Estimate(),
		})
	}
	for i, c := range st.cases[1:] {
		s := &acc.Sweep[i]
		r.Sweep = append(r.Sweep, SweepPoint{
			MW: c.mw, Policy: c.policy.Name(),
			PCausesShedding: s.Causes.Estimate(),
			DeltaLOLEHours:  s.DeltaLOLE.Estimate(),
			DeltaEUEMWh:     s.DeltaEUE.Estimate(),
		})
	}
	return r
}

// addQuantiles appends the quantiles of a log10-binned histogram.
func addQuantiles(q *montecarlo.Quantiles, h *montecarlo.Histogram) {
	q.Append(func(p float64) float64 { return math.Pow(10, h.Quantile(p)) })
}
