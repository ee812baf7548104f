package study

import (
	"fmt"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

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

// sweepAcc[i] accumulates the sweep's case i, a further size and policy
// ([Report.Sweep]).
type sweepAcc []pointAcc

// pointAcc accumulates one case of the sweep ([SweepPoint]): of a case's
// outcome it keeps three of the paired measures of [riskAcc].
type pointAcc struct {
	// Causes is as in [riskAcc], for this size and policy.
	Causes montecarlo.Proportion `json:"causes"`
	// DeltaLOLE is as in [riskAcc], for this size and policy.
	DeltaLOLE montecarlo.Mean `json:"delta_lole_h"`
	// DeltaEUE is as in [riskAcc], for this size and policy.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
}

// point is what the sweep keeps of a case's outcome in one trial.
type point struct {
	causes              bool
	deltaLOLE, deltaEUE float64
}

// pointOf returns the sweep's measures of outcome o.
func pointOf(o *outcome) point {
	return point{causes: o.causes(), deltaLOLE: o.deltaLOLE(), deltaEUE: o.deltaEUE()}
}

func (a *pointAcc) add(p point) {
	a.Causes.Add(p.causes)
	a.DeltaLOLE.Add(p.deltaLOLE)
	a.DeltaEUE.Add(p.deltaEUE)
}

func (a sweepAcc) merge(o sweepAcc) error {
	if len(a) != len(o) {
		return input.Field("sweep", fmt.Sprintf("%d cases", len(o)), fmt.Sprintf("%d cases", len(a)))
	}
	for i := range a {
		a[i].Causes.Merge(&o[i].Causes)
		a[i].DeltaLOLE.Merge(&o[i].DeltaLOLE)
		a[i].DeltaEUE.Merge(&o[i].DeltaEUE)
	}
	return nil
}

// check checks that a has the sweep's number of cases, each with done
// trials.
func (a sweepAcc) check(cases int, done int64) error {
	if len(a) != cases {
		return input.Field("", fmt.Sprintf("%d cases", len(a)), fmt.Sprintf("%d cases", cases))
	}
	for i := range a {
		path := fmt.Sprintf("[%d]", i)
		if err := checkProportion(input.JoinPath(path, "causes"), &a[i].Causes, done); err != nil {
			return err
		}
		if err := checkCounts(done, counted{input.JoinPath(path, "delta_lole_h"), &a[i].DeltaLOLE},
			counted{input.JoinPath(path, "delta_eue_mwh"), &a[i].DeltaEUE}); err != nil {
			return err
		}
	}
	return nil
}

// finalize returns the sweep's points, one per case.
func (a sweepAcc) finalize(cases []caseSpec) []SweepPoint {
	var pts []SweepPoint
	for i := range cases {
		s, c := &a[i], &cases[i]
		pts = append(pts, SweepPoint{
			MW: c.mw, Policy: c.policy.Name(),
			PCausesShedding: s.Causes.Estimate(),
			DeltaLOLEHours:  s.DeltaLOLE.Estimate(),
			DeltaEUEMWh:     s.DeltaEUE.Estimate(),
		})
	}
	return pts
}
