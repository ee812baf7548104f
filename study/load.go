package study

import (
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

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

// loadAcc accumulates what happened to the main case's own load
// ([CarveoutLoad]).
type loadAcc struct {
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

func (a *loadAcc) add(o *outcome) {
	a.CurtailedMWh.Add(o.curtailedMWh)
	a.CurtailedHours.Add(float64(o.curtailedHours))
	a.ShedMWh.Add(o.shedMWh)
	a.ServedMWh.Add(o.servedMWh)
	a.MinerMWh.Add(o.minerMWh)
	a.MinerRevenueUSD.Add(o.minerRevenueUSD)
	if o.minerFullMWh > 0 {
		a.MinerUtilisation.Add(o.minerMWh / o.minerFullMWh)
	}
}

func (a *loadAcc) merge(o *loadAcc) {
	a.CurtailedMWh.Merge(&o.CurtailedMWh)
	a.CurtailedHours.Merge(&o.CurtailedHours)
	a.ShedMWh.Merge(&o.ShedMWh)
	a.ServedMWh.Merge(&o.ServedMWh)
	a.MinerMWh.Merge(&o.MinerMWh)
	a.MinerRevenueUSD.Merge(&o.MinerRevenueUSD)
	a.MinerUtilisation.Merge(&o.MinerUtilisation)
}

// check checks that every measure has seen done trials, and the miners'
// utilisation none when the case has no miners.
func (a *loadAcc) check(done int64, miners bool) error {
	err := checkCounts(done, counted{"curtailed_mwh", &a.CurtailedMWh}, counted{"curtailed_h", &a.CurtailedHours},
		counted{"shed_mwh", &a.ShedMWh}, counted{"served_mwh", &a.ServedMWh}, counted{"miner_mwh", &a.MinerMWh},
		counted{"miner_revenue_usd", &a.MinerRevenueUSD})
	switch {
	case err != nil:
		return err
	case miners:
		return checkCounts(done, counted{"miner_utilisation", &a.MinerUtilisation})
	case a.MinerUtilisation.Count != 0:
		return input.Field("miner_utilisation.n", a.MinerUtilisation.Count, "0 (the case has no miners)")
	}
	return nil
}

func (a *loadAcc) finalize() CarveoutLoad {
	return CarveoutLoad{
		CurtailedMWh:     a.CurtailedMWh.Estimate(),
		CurtailedHours:   a.CurtailedHours.Estimate(),
		ShedMWh:          a.ShedMWh.Estimate(),
		ServedMWh:        a.ServedMWh.Estimate(),
		MinerMWh:         a.MinerMWh.Estimate(),
		MinerRevenueUSD:  a.MinerRevenueUSD.Estimate(),
		MinerUtilisation: a.MinerUtilisation.Estimate(),
	}
}
