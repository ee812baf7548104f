package study

import (
	"fmt"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// Risk is the paired measurement of what the carve-out does to other
// customers, from per-trial differences on common random numbers.
type Risk struct {
	// PCausesShedding is P(unserved energy of other customers with the
	// carve-out > without), per trial-year, with its Wilson interval.
	// Under the firm policy every trial-year that is short anyway counts
	// (the carve-out's pro-rata share raises what the others lose), so on
	// a tight grid it approaches P(any shortfall with the carve-out); see
	// PNewShortfall for the years the carve-out turns bad.
	PCausesShedding montecarlo.Estimate `json:"p_causes_shedding"`
	// PNewShortfall is P(the other customers have no unserved energy
	// without the carve-out and some with it), per trial-year, with its
	// Wilson interval: the carve-out turning a year without shortfall
	// into one with. It never exceeds PCausesShedding.
	PNewShortfall montecarlo.Estimate `json:"p_new_shortfall"`
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

// The paired measures of one trial of a case: the other customers with
// the carve-out against the baseline on the same draws. Every result that
// reports them (risk, convergence, sweep) takes them from here.

// causes reports whether the carve-out raised the other customers'
// unserved energy.
func (o *outcome) causes() bool { return o.others.UnservedMWh > o.base.UnservedMWh }

// newShortfall reports whether the other customers are short with the
// carve-out in a trial in which they are not without it.
func (o *outcome) newShortfall() bool { return o.base.UnservedMWh == 0 && o.others.UnservedMWh > 0 }

// deltaLOLE is the change in the other customers' hours with unserved
// load.
func (o *outcome) deltaLOLE() float64 { return float64(o.others.Hours - o.base.Hours) }

// deltaLOLF is the change in their number of loss-of-load events.
func (o *outcome) deltaLOLF() float64 { return float64(o.others.Events - o.base.Events) }

// deltaEUE is the change in their unserved energy, MWh.
func (o *outcome) deltaEUE() float64 { return o.others.UnservedMWh - o.base.UnservedMWh }

// riskAcc accumulates the paired measures of the main case ([Risk]).
type riskAcc struct {
	// Causes counts the trials in which the other customers' unserved
	// energy is greater with the carve-out than without.
	Causes montecarlo.Proportion `json:"causes"`
	// NewShortfall counts the trials in which the other customers are
	// short with the carve-out and not without it.
	NewShortfall montecarlo.Proportion `json:"new_shortfall"`
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
}

func (a *riskAcc) add(o *outcome) {
	dEUE := o.deltaEUE()
	a.Causes.Add(o.causes())
	a.NewShortfall.Add(o.newShortfall())
	a.DeltaLOLE.Add(o.deltaLOLE())
	a.DeltaLOLF.Add(o.deltaLOLF())
	a.DeltaEUE.Add(dEUE)
	a.Attributable.Add(dEUE, o.others.UnservedMWh)
}

func (a *riskAcc) merge(o *riskAcc) {
	a.Causes.Merge(&o.Causes)
	a.NewShortfall.Merge(&o.NewShortfall)
	a.DeltaLOLE.Merge(&o.DeltaLOLE)
	a.DeltaLOLF.Merge(&o.DeltaLOLF)
	a.DeltaEUE.Merge(&o.DeltaEUE)
	a.Attributable.Merge(&o.Attributable)
}

func (a *riskAcc) check(done int64) error {
	if err := checkProportion("causes", &a.Causes, done); err != nil {
		return err
	}
	if err := checkNewShortfall("new_shortfall", &a.NewShortfall, &a.Causes, done); err != nil {
		return err
	}
	return checkCounts(done, counted{"delta_lole_h", &a.DeltaLOLE}, counted{"delta_lolf", &a.DeltaLOLF},
		counted{"delta_eue_mwh", &a.DeltaEUE}, counted{"attributable", &a.Attributable})
}

func (a *riskAcc) finalize() Risk {
	return Risk{
		PCausesShedding:   a.Causes.Estimate(),
		PNewShortfall:     a.NewShortfall.Estimate(),
		DeltaLOLEHours:    a.DeltaLOLE.Estimate(),
		DeltaLOLF:         a.DeltaLOLF.Estimate(),
		DeltaEUEMWh:       a.DeltaEUE.Estimate(),
		ShareAttributable: a.Attributable.Estimate(),
	}
}

// incrementalAcc[m][h] counts the hours of month m (0 = January) at hour
// of day h, over all trials, in which the main case shed more of the
// other customers' load than the baseline
// ([Report.IncrementalShedding]).
type incrementalAcc [12][24]int64

func (a *incrementalAcc) add(o *outcome) {
	for _, h := range o.worse {
		a[o.st.months[h]][h%24]++
	}
}

func (a *incrementalAcc) merge(o *incrementalAcc) {
	for m := range a {
		for h := range a[m] {
			a[m][h] += o[m][h]
		}
	}
}

// check checks that each cell counts between none and all of its hours
// in done trials (cellHours[m][h] each), so that no count is negative and
// no probability exceeds 1.
func (a *incrementalAcc) check(cellHours *[12][24]int64, done int64) error {
	for m := range a {
		for h, c := range a[m] {
			if most := cellHours[m][h] * done; c < 0 || c > most {
				return input.Field(fmt.Sprintf("[%d][%d]", m, h), c, fmt.Sprintf("in [0, %d], the cell's hours in the trials done", most))
			}
		}
	}
	return nil
}

// finalize returns, for each month and hour of day, the probability that
// such an hour has incremental shedding: the count over the number of
// such hours in done trials.
func (a *incrementalAcc) finalize(cellHours *[12][24]int64, done int64) [12][24]float64 {
	var p [12][24]float64
	for m := range p {
		for h := range p[m] {
			if n := cellHours[m][h] * done; n > 0 {
				p[m][h] = float64(a[m][h]) / float64(n)
			}
		}
	}
	return p
}
