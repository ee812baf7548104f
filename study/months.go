package study

import (
	"fmt"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// MonthIndices are the other customers' shortfall in one calendar month
// of the trial horizon, without and with the main carve-out, and the
// paired differences: when in the year the shedding, and the carve-out's
// addition to it, falls. Each is per trial horizon (a horizon longer than
// a year counts every January in January) and carries its standard
// error and 95% interval. A month's values sum, over the months, to the
// year's LOLE and EUE (to rounding in the unserved energy).
type MonthIndices struct {
	// Month is the month, 1 = January.
	Month int `json:"month"`
	// BaselineLOLEHours and BaselineEUEMWh are the expected hours with
	// unserved load and the expected unserved energy in the month,
	// without the carve-out.
	BaselineLOLEHours montecarlo.Estimate `json:"baseline_lole_h"`
	BaselineEUEMWh    montecarlo.Estimate `json:"baseline_eue_mwh"`
	// WithLOLEHours and WithEUEMWh are the same for the other customers
	// with the carve-out.
	WithLOLEHours montecarlo.Estimate `json:"with_lole_h"`
	WithEUEMWh    montecarlo.Estimate `json:"with_eue_mwh"`
	// DeltaLOLEHours and DeltaEUEMWh are the expected paired changes
	// (with minus without) in the month.
	DeltaLOLEHours montecarlo.Estimate `json:"delta_lole_h"`
	DeltaEUEMWh    montecarlo.Estimate `json:"delta_eue_mwh"`
}

// monthTally is one trial's shortfall of a group of customers by month
// (0 = January): hours with unserved load and unserved energy.
type monthTally struct {
	hours [12]int32
	mwh   [12]float64
}

func (t *monthTally) reset() { *t = monthTally{} }

// add records an hour of month m with unserved energy u > 0.
func (t *monthTally) add(m int8, u float64) {
	t.hours[m]++
	t.mwh[m] += u
}

// monthAcc accumulates one month of [MonthIndices].
type monthAcc struct {
	BaselineLOLE montecarlo.Mean `json:"baseline_lole_h"`
	BaselineEUE  montecarlo.Mean `json:"baseline_eue_mwh"`
	WithLOLE     montecarlo.Mean `json:"with_lole_h"`
	WithEUE      montecarlo.Mean `json:"with_eue_mwh"`
	DeltaLOLE    montecarlo.Mean `json:"delta_lole_h"`
	DeltaEUE     montecarlo.Mean `json:"delta_eue_mwh"`
}

// monthsAcc accumulates [MonthIndices] of every month, January first.
type monthsAcc [12]monthAcc

// add records one trial's shortfall by month, without (base) and with
// (with) the carve-out.
func (a *monthsAcc) add(base, with *monthTally) {
	for m := range a {
		c := &a[m]
		bh, wh := float64(base.hours[m]), float64(with.hours[m])
		bu, wu := base.mwh[m], with.mwh[m]
		c.BaselineLOLE.Add(bh)
		c.BaselineEUE.Add(bu)
		c.WithLOLE.Add(wh)
		c.WithEUE.Add(wu)
		c.DeltaLOLE.Add(wh - bh)
		c.DeltaEUE.Add(wu - bu)
	}
}

func (a *monthsAcc) merge(o *monthsAcc) {
	for m := range a {
		c, d := &a[m], &o[m]
		c.BaselineLOLE.Merge(&d.BaselineLOLE)
		c.BaselineEUE.Merge(&d.BaselineEUE)
		c.WithLOLE.Merge(&d.WithLOLE)
		c.WithEUE.Merge(&d.WithEUE)
		c.DeltaLOLE.Merge(&d.DeltaLOLE)
		c.DeltaEUE.Merge(&d.DeltaEUE)
	}
}

// check checks that every month's measures have seen done trials, with
// finite sums.
func (a *monthsAcc) check(done int64) error {
	for m := range a {
		c := &a[m]
		if err := checkCounts(done,
			counted{"baseline_lole_h", &c.BaselineLOLE}, counted{"baseline_eue_mwh", &c.BaselineEUE},
			counted{"with_lole_h", &c.WithLOLE}, counted{"with_eue_mwh", &c.WithEUE},
			counted{"delta_lole_h", &c.DeltaLOLE}, counted{"delta_eue_mwh", &c.DeltaEUE}); err != nil {
			return input.In(err, fmt.Sprintf("[%d]", m))
		}
	}
	return nil
}

// finalize returns the months that the horizon has hours in
// (cellHours[m][h] hours of month m at hour of day h), January first.
// The intervals of the indices, which cannot be negative, are clipped at
// 0, as the year's are.
func (a *monthsAcc) finalize(cellHours *[12][24]int64) []MonthIndices {
	var out []MonthIndices
	for m := range a {
		n := int64(0)
		for _, c := range cellHours[m] {
			n += c
		}
		if n == 0 {
			continue
		}
		c := &a[m]
		out = append(out, MonthIndices{
			Month:             m + 1,
			BaselineLOLEHours: clipAtZero(c.BaselineLOLE.Estimate()),
			BaselineEUEMWh:    clipAtZero(c.BaselineEUE.Estimate()),
			WithLOLEHours:     clipAtZero(c.WithLOLE.Estimate()),
			WithEUEMWh:        clipAtZero(c.WithEUE.Estimate()),
			DeltaLOLEHours:    c.DeltaLOLE.Estimate(),
			DeltaEUEMWh:       c.DeltaEUE.Estimate(),
		})
	}
	return out
}

// clipAtZero clips the interval of an estimate of a quantity that cannot
// be negative at 0 (as grid's indices are).
func clipAtZero(e montecarlo.Estimate) montecarlo.Estimate {
	if e.Lo < 0 {
		e.Lo = 0
	}
	return e
}
