package study

import (
	"fmt"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// ConvergencePoint is the main estimates after the first Trials trials.
type ConvergencePoint struct {
	// Trials is the number of trials the point rests on.
	Trials int64 `json:"trials"`
	// PCausesShedding is [Risk.PCausesShedding] after Trials trials.
	PCausesShedding montecarlo.Estimate `json:"p_causes_shedding"`
	// DeltaEUEMWh is [Risk.DeltaEUEMWh] after Trials trials.
	DeltaEUEMWh montecarlo.Estimate `json:"delta_eue_mwh"`
}

// convergenceAcc[b] accumulates the main case's block b of consecutive
// trials, by global trial index ([Report.Convergence]). Blocks are exact,
// so any split of the trials fills them alike.
type convergenceAcc []convBlock

// convBlock accumulates one block of consecutive trials.
type convBlock struct {
	// Causes is [riskAcc.Causes] over the block's trials.
	Causes montecarlo.Proportion `json:"causes"`
	// DeltaEUE is [riskAcc.DeltaEUE] over the block's trials.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
}

// add records the outcome in the block of its trial.
func (a convergenceAcc) add(o *outcome) {
	if b := o.trial / o.st.convBlock; b < int64(len(a)) {
		a[b].Causes.Add(o.causes())
		a[b].DeltaEUE.Add(o.deltaEUE())
	}
}

func (a convergenceAcc) merge(o convergenceAcc) error {
	if len(a) != len(o) {
		return input.Field("convergence", fmt.Sprintf("%d blocks", len(o)), fmt.Sprintf("%d blocks", len(a)))
	}
	for b := range a {
		a[b].Causes.Merge(&o[b].Causes)
		a[b].DeltaEUE.Merge(&o[b].DeltaEUE)
	}
	return nil
}

// check checks that a has the study's blocks of size trials each, and in
// each block the trials of [start, start+done) that fall in it, with
// consistent counts.
func (a convergenceAcc) check(blocks int, size, start, done int64) error {
	if len(a) != blocks {
		return input.Field("", fmt.Sprintf("%d blocks", len(a)), fmt.Sprintf("%d blocks", blocks))
	}
	for b := range a {
		c := &a[b]
		path := fmt.Sprintf("[%d]", b)
		lo, hi := max(start, int64(b)*size), min(start+done, int64(b+1)*size)
		in := max(0, hi-lo) // the trials done in the block
		if err := checkProportion(input.JoinPath(path, "causes"), &c.Causes, in); err != nil {
			return err
		}
		if err := checkCounts(in, counted{input.JoinPath(path, "delta_eue_mwh"), &c.DeltaEUE}); err != nil {
			return err
		}
	}
	return nil
}

// finalize returns the estimates after each block with trials, of the
// trials up to its end.
func (a convergenceAcc) finalize() []ConvergencePoint {
	var pts []ConvergencePoint
	var cum convBlock
	for b := range a {
		c := &a[b]
		if c.Causes.N == 0 {
			continue
		}
		cum.Causes.Merge(&c.Causes)
		cum.DeltaEUE.Merge(&c.DeltaEUE)
		pts = append(pts, ConvergencePoint{
			Trials:          cum.Causes.N,
			PCausesShedding: cum.Causes.Estimate(),
			DeltaEUEMWh:     cum.DeltaEUE.Estimate(),
		})
	}
	return pts
}
