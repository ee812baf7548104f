package study

import (
	"fmt"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

// Bins of the study's histograms. Annual unserved energy is binned as
// log10(1 + MWh) over [0, 8) (up to 100 TWh) in 80 bins, ten a decade:
// coarse enough to show a shape from the few percent of years with
// shedding. BTC price is binned as log10(USD) over [3, 7) and hashprice as
// log10(USD per PH/s per day) over [0, 4), 400 bins each: 1% steps in
// price, fine enough for fan-chart quantiles.
const (
	eueBins, eueLo, eueHi       = 80, 0, 8
	priceBins, priceLo, priceHi = 400, 3, 7
	hpBins, hpLo, hpHi          = 400, 0, 4
)

// StudyAcc is the mergeable state of a study run: every count and exact
// sum from which the report is computed. It is what shards write and merge
// combines; its merge is exact, so any split gives the same report bytes.
type StudyAcc struct {
	// Baseline accumulates the indices without the carve-out.
	Baseline grid.IndexAcc `json:"baseline"`
	// Main accumulates the main carve-out case.
	Main CaseAcc `json:"main"`
	// Sweep accumulates the sweep's cases, in the order of
	// [Report.Sweep].
	Sweep []SweepAcc `json:"sweep"`
	// Incremental[m][h] counts the hours of month m (0 = January) at hour
	// of day h, over all trials, in which the main case shed more of the
	// other customers' load than the baseline.
	Incremental [12][24]int64 `json:"incremental_hours"`
	// EUEBase counts trial-years by log10(1 + MWh) of the other
	// customers' unserved energy without the carve-out.
	EUEBase montecarlo.Histogram `json:"eue_baseline_hist"`
	// EUECarve counts trial-years by log10(1 + MWh) of the other
	// customers' unserved energy with the main carve-out case.
	EUECarve montecarlo.Histogram `json:"eue_carveout_hist"`
	// HeatWaveHours accumulates each trial's number of distinct heat-wave
	// hours.
	HeatWaveHours montecarlo.Mean `json:"heatwave_hours"`
	// LFUScale accumulates each trial's load forecast uncertainty scale.
	LFUScale montecarlo.Mean `json:"lfu_scale"`
	// Price[k] counts trials by log10 of the BTC price in USD on the first
	// day of week k.
	Price []montecarlo.Histogram `json:"price_hist"`
	// Hashprice[k] counts trials by log10 of the hashprice in USD per PH/s
	// per day on the first day of week k.
	Hashprice []montecarlo.Histogram `json:"hashprice_hist"`
	// Utilisation[k] accumulates the share of week k's hours in which the
	// mining fleet chose to run.
	Utilisation []montecarlo.Mean `json:"utilisation"`
	// Conv[b] accumulates the block b of consecutive trials, by global
	// trial index, for the convergence chart.
	Conv []ConvAcc `json:"convergence"`
}

// CaseAcc accumulates the main carve-out case.
type CaseAcc struct {
	// Others accumulates the other customers' indices with the carve-out.
	Others grid.IndexAcc `json:"others"`
	// Causes counts the trials in which the other customers' unserved
	// energy is greater with the carve-out than without.
	Causes montecarlo.Proportion `json:"causes"`
	// DeltaLOLE accumulates each trial's change (with minus without) in
	// the other customers' hours with unserved load.
	DeltaLOLE montecarlo.Mean `json:"delta_lole_h"`
	// DeltaLOLF accumulates each trial's change in the other customers'
	// number of loss-of-load events.
	DeltaLOLF montecarlo.Mean `json:"delta_lolf"`
	// DeltaEUE accumulates each trial's change in the other customers'
	// unserved energy, MWh.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
	// Attributable accumulates the pairs (ΔEUE, EUE with the carve-out)
	// behind [Risk.ShareAttributable].
	Attributable montecarlo.Ratio `json:"attributable"`
	// CurtailedMWh accumulates each trial's curtailed carve-out energy,
	// MWh.
	CurtailedMWh montecarlo.Mean `json:"curtailed_mwh"`
	// CurtailedHours accumulates each trial's number of hours with a
	// curtailment request.
	CurtailedHours montecarlo.Mean `json:"curtailed_h"`
	// ShedMWh accumulates each trial's shed carve-out energy, MWh.
	ShedMWh montecarlo.Mean `json:"shed_mwh"`
	// ServedMWh accumulates each trial's served carve-out energy, MWh.
	ServedMWh montecarlo.Mean `json:"served_mwh"`
	// MinerMWh accumulates each trial's served miner energy, MWh.
	MinerMWh montecarlo.Mean `json:"miner_mwh"`
	// MinerRevenueUSD accumulates each trial's miner revenue net of
	// curtailment and shedding, USD.
	MinerRevenueUSD montecarlo.Mean `json:"miner_revenue_usd"`
	// MinerUtilisation accumulates each trial's served miner energy over
	// their energy at full power; it stays empty when the case has no
	// miners.
	MinerUtilisation montecarlo.Mean `json:"miner_utilisation"`
}

// SweepAcc accumulates one further size and policy of the sweep.
type SweepAcc struct {
	// Causes is as in [CaseAcc], for this size and policy.
	Causes montecarlo.Proportion `json:"causes"`
	// DeltaLOLE is as in [CaseAcc], for this size and policy.
	DeltaLOLE montecarlo.Mean `json:"delta_lole_h"`
	// DeltaEUE is as in [CaseAcc], for this size and policy.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
}

// ConvAcc accumulates one block of consecutive trials, for the
// convergence chart.
type ConvAcc struct {
	// Causes is [CaseAcc.Causes] over the block's trials.
	Causes montecarlo.Proportion `json:"causes"`
	// DeltaEUE is [CaseAcc.DeltaEUE] over the block's trials.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
}

// NewAccumulator returns an empty accumulator shaped for the study.
func (st *Study) NewAccumulator() *StudyAcc {
	hist := func(bins int, lo, hi float64) montecarlo.Histogram {
		h, _ := montecarlo.NewHistogram(lo, hi, bins) // constant, valid bins
		return *h
	}
	weeks := (st.hours/24 + 6) / 7
	a := &StudyAcc{
		Sweep:       make([]SweepAcc, len(st.cases)-1),
		EUEBase:     hist(eueBins, eueLo, eueHi),
		EUECarve:    hist(eueBins, eueLo, eueHi),
		Price:       make([]montecarlo.Histogram, weeks),
		Hashprice:   make([]montecarlo.Histogram, weeks),
		Utilisation: make([]montecarlo.Mean, weeks),
		Conv:        make([]ConvAcc, (st.sc.Trials+st.convBlock-1)/st.convBlock),
	}
	for k := range a.Price {
		a.Price[k] = hist(priceBins, priceLo, priceHi)
		a.Hashprice[k] = hist(hpBins, hpLo, hpHi)
	}
	return a
}

// Merge adds the trials of o exactly. Both must come from the same study.
func (a *StudyAcc) Merge(o *StudyAcc) error {
	if len(a.Sweep) != len(o.Sweep) || len(a.Price) != len(o.Price) || len(a.Conv) != len(o.Conv) {
		return fmt.Errorf("study: merging study states of different shapes (sweep %d/%d, weeks %d/%d, blocks %d/%d)",
			len(a.Sweep), len(o.Sweep), len(a.Price), len(o.Price), len(a.Conv), len(o.Conv))
	}
	a.Baseline.Merge(&o.Baseline)
	a.Main.merge(&o.Main)
	for i := range a.Sweep {
		s, t := &a.Sweep[i], &o.Sweep[i]
		s.Causes.Merge(&t.Causes)
		s.DeltaLOLE.Merge(&t.DeltaLOLE)
		s.DeltaEUE.Merge(&t.DeltaEUE)
	}
	for m := range a.Incremental {
		for h := range a.Incremental[m] {
			a.Incremental[m][h] += o.Incremental[m][h]
		}
	}
	if err := a.EUEBase.Merge(&o.EUEBase); err != nil {
		return err
	}
	if err := a.EUECarve.Merge(&o.EUECarve); err != nil {
		return err
	}
	a.HeatWaveHours.Merge(&o.HeatWaveHours)
	a.LFUScale.Merge(&o.LFUScale)
	for k := range a.Price {
		if err := a.Price[k].Merge(&o.Price[k]); err != nil {
			return err
		}
		if err := a.Hashprice[k].Merge(&o.Hashprice[k]); err != nil {
			return err
		}
		a.Utilisation[k].Merge(&o.Utilisation[k])
	}
	for b := range a.Conv {
		a.Conv[b].Causes.Merge(&o.Conv[b].Causes)
		a.Conv[b].DeltaEUE.Merge(&o.Conv[b].DeltaEUE)
	}
	return nil
}

func (c *CaseAcc) merge(o *CaseAcc) {
	c.Others.Merge(&o.Others)
	c.Causes.Merge(&o.Causes)
	c.DeltaLOLE.Merge(&o.DeltaLOLE)
	c.DeltaLOLF.Merge(&o.DeltaLOLF)
	c.DeltaEUE.Merge(&o.DeltaEUE)
	c.Attributable.Merge(&o.Attributable)
	c.CurtailedMWh.Merge(&o.CurtailedMWh)
	c.CurtailedHours.Merge(&o.CurtailedHours)
	c.ShedMWh.Merge(&o.ShedMWh)
	c.ServedMWh.Merge(&o.ServedMWh)
	c.MinerMWh.Merge(&o.MinerMWh)
	c.MinerRevenueUSD.Merge(&o.MinerRevenueUSD)
	c.MinerUtilisation.Merge(&o.MinerUtilisation)
}

// Trials returns the number of trials recorded.
func (a *StudyAcc) Trials() int64 { return a.Baseline.Any.N }

// RelativeSE is the relative standard error of the main estimate, ΔEUE of
// other customers, used by a precision target. Until some trial has a
// non-zero ΔEUE it is +Inf: an estimate of zero with zero error says
// nothing about precision.
func (a *StudyAcc) RelativeSE() float64 { return a.Main.DeltaEUE.Estimate().PrecisionRSE() }
