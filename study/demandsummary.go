package study

import "github.com/carveout/carveout/montecarlo"

// DemandSummary reports the demand draws' averages.
type DemandSummary struct {
	// HeatWaveHours is the expected number of distinct heat-wave hours
	// per trial-year.
	HeatWaveHours montecarlo.Estimate `json:"heatwave_hours"`
	// LFUScale is the mean of the drawn load forecast uncertainty scale
	// (1 when it is off).
	LFUScale montecarlo.Estimate `json:"lfu_scale"`
}

// demandAcc accumulates the demand draws ([DemandSummary]).
type demandAcc struct {
	// HeatWaveHours accumulates each trial's number of distinct heat-wave
	// hours.
	HeatWaveHours montecarlo.Mean `json:"heatwave_hours"`
	// LFUScale accumulates each trial's load forecast uncertainty scale.
	LFUScale montecarlo.Mean `json:"lfu_scale"`
}

func (a *demandAcc) add(o *outcome) {
	a.HeatWaveHours.Add(float64(o.sample.HeatWaveHours))
	a.LFUScale.Add(o.sample.LFUScale)
}

func (a *demandAcc) merge(o *demandAcc) {
	a.HeatWaveHours.Merge(&o.HeatWaveHours)
	a.LFUScale.Merge(&o.LFUScale)
}

func (a *demandAcc) check(done int64) error {
	return checkCounts(done, counted{"heatwave_hours", &a.HeatWaveHours}, counted{"lfu_scale", &a.LFUScale})
}

func (a *demandAcc) finalize() DemandSummary {
	return DemandSummary{HeatWaveHours: a.HeatWaveHours.Estimate(), LFUScale: a.LFUScale.Estimate()}
}
