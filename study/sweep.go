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
	// PNewShortfall is as in [Risk], at this size and policy.
	PNewShortfall montecarlo.Estimate `json:"p_new_shortfall"`
	// DeltaLOLEHours is as in [Risk], at this size and policy.
	DeltaLOLEHours montecarlo.Estimate `json:"delta_lole_h"`
	// DeltaEUEMWh is as in [Risk], at this size and policy.
	DeltaEUEMWh montecarlo.Estimate `json:"delta_eue_mwh"`
	// LOLEHours and LOLEDays are the other customers' LOLE with the
	// carve-out, hours and days with unserved load per trial-year (the
	// standards a hosting criterion may bound).
	LOLEHours montecarlo.Estimate `json:"lole_h"`
	LOLEDays  montecarlo.Estimate `json:"lole_days"`
	// OffsetMW is the firm capacity added with the carve-out ([Offset]),
	// 0 without one; the paired measures then compare the carve-out with
	// the offset against the baseline without either.
	OffsetMW float64 `json:"offset_mw,omitempty"`
	// Site is where the carve-out sits in a zonal study (a zone, or
	// "zone:share,…"); empty without zones.
	Site string `json:"site,omitempty"`
	// VsFirstSite compares this point with the same size and policy at
	// the sweep's first site, trial by trial on the same draws; nil at
	// the first site and without a siting sweep.
	VsFirstSite *SiteComparison `json:"vs_first_site,omitempty"`
}

// SiteComparison is the paired difference between two sites of the same
// carve-out: this site's measure minus the first site's, from per-trial
// differences on common random numbers, so that its interval is far
// narrower than the two points' intervals would suggest.
type SiteComparison struct {
	// Site is the site compared against (the sweep's first).
	Site string `json:"site"`
	// DiffPCausesShedding is the difference in P(causes shedding).
	DiffPCausesShedding montecarlo.Estimate `json:"diff_p_causes_shedding"`
	// DiffPNewShortfall is the difference in P(new shortfall).
	DiffPNewShortfall montecarlo.Estimate `json:"diff_p_new_shortfall"`
	// DiffDeltaLOLEHours is the difference in ΔLOLE, hours per
	// trial-year.
	DiffDeltaLOLEHours montecarlo.Estimate `json:"diff_delta_lole_h"`
	// DiffDeltaEUEMWh is the difference in ΔEUE, MWh per trial-year.
	DiffDeltaEUEMWh montecarlo.Estimate `json:"diff_delta_eue_mwh"`
}

// sweepAcc[i] accumulates the sweep's case i, a further size and policy
// ([Report.Sweep]).
type sweepAcc []pointAcc

// pointAcc accumulates one case of the sweep ([SweepPoint]): of a case's
// outcome it keeps four of the paired measures of [riskAcc].
type pointAcc struct {
	// Causes is as in [riskAcc], for this size and policy.
	Causes montecarlo.Proportion `json:"causes"`
	// NewShortfall is as in [riskAcc], for this size and policy.
	NewShortfall montecarlo.Proportion `json:"new_shortfall"`
	// DeltaLOLE is as in [riskAcc], for this size and policy.
	DeltaLOLE montecarlo.Mean `json:"delta_lole_h"`
	// DeltaEUE is as in [riskAcc], for this size and policy.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
	// LOLEHours and LOLEDays accumulate the other customers' hours and
	// days with unserved load, with the carve-out.
	LOLEHours montecarlo.Mean `json:"lole_h"`
	LOLEDays  montecarlo.Mean `json:"lole_days"`
	// Vs accumulates the paired differences against the first site of
	// a siting sweep; nil for a point without one.
	Vs *vsAcc `json:"vs_first_site,omitempty"`
}

// vsAcc accumulates the per-trial differences between a point of a
// siting sweep and the same size and policy at the first site.
type vsAcc struct {
	// Causes accumulates the difference of the two indicators of
	// causing shedding (−1, 0 or 1).
	Causes montecarlo.Mean `json:"causes"`
	// NewShortfall accumulates the difference of the two indicators of
	// a new shortfall (−1, 0 or 1).
	NewShortfall montecarlo.Mean `json:"new_shortfall"`
	// DeltaLOLE accumulates the difference in ΔLOLE.
	DeltaLOLE montecarlo.Mean `json:"delta_lole_h"`
	// DeltaEUE accumulates the difference in ΔEUE.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
}

// point is what the sweep keeps of a case's outcome in one trial.
type point struct {
	causes, newShortfall bool
	deltaLOLE, deltaEUE  float64
	hours, days          int
}

// pointOf returns the sweep's measures of outcome o.
func pointOf(o *outcome) point {
	return point{causes: o.causes(), newShortfall: o.newShortfall(), deltaLOLE: o.deltaLOLE(), deltaEUE: o.deltaEUE(),
		hours: o.others.Hours, days: o.others.Days}
}

func (a *pointAcc) add(p point) {
	a.Causes.Add(p.causes)
	a.NewShortfall.Add(p.newShortfall)
	a.DeltaLOLE.Add(p.deltaLOLE)
	a.DeltaEUE.Add(p.deltaEUE)
	a.LOLEHours.Add(float64(p.hours))
	a.LOLEDays.Add(float64(p.days))
}

// addVs records the trial's difference between point p and the same
// case at the first site, ref.
func (a *pointAcc) addVs(p, ref point) {
	a.Vs.Causes.Add(float64(b2f(p.causes) - b2f(ref.causes)))
	a.Vs.NewShortfall.Add(float64(b2f(p.newShortfall) - b2f(ref.newShortfall)))
	a.Vs.DeltaLOLE.Add(p.deltaLOLE - ref.deltaLOLE)
	a.Vs.DeltaEUE.Add(p.deltaEUE - ref.deltaEUE)
}

// b2f is 1 for true, 0 for false.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (a sweepAcc) merge(o sweepAcc) error {
	if len(a) != len(o) {
		return input.Field("sweep", fmt.Sprintf("%d cases", len(o)), fmt.Sprintf("%d cases", len(a)))
	}
	for i := range a {
		if (a[i].Vs == nil) != (o[i].Vs == nil) {
			return input.Field(fmt.Sprintf("sweep[%d].vs_first_site", i), "present in one state only", "the same shape in both")
		}
	}
	for i := range a {
		a[i].Causes.Merge(&o[i].Causes)
		a[i].NewShortfall.Merge(&o[i].NewShortfall)
		a[i].DeltaLOLE.Merge(&o[i].DeltaLOLE)
		a[i].DeltaEUE.Merge(&o[i].DeltaEUE)
		a[i].LOLEHours.Merge(&o[i].LOLEHours)
		a[i].LOLEDays.Merge(&o[i].LOLEDays)
		if v := a[i].Vs; v != nil {
			v.Causes.Merge(&o[i].Vs.Causes)
			v.NewShortfall.Merge(&o[i].Vs.NewShortfall)
			v.DeltaLOLE.Merge(&o[i].Vs.DeltaLOLE)
			v.DeltaEUE.Merge(&o[i].Vs.DeltaEUE)
		}
	}
	return nil
}

// check checks that a has the sweep's cases, each with done trials, and
// a paired comparison exactly where the case has a first site to compare
// with.
func (a sweepAcc) check(cases []caseSpec, done int64) error {
	if len(a) != len(cases) {
		return input.Field("", fmt.Sprintf("%d cases", len(a)), fmt.Sprintf("%d cases", len(cases)))
	}
	for i := range a {
		path := fmt.Sprintf("[%d]", i)
		if v := a[i].Vs; (v != nil) != (cases[i].ref >= 0) {
			return input.Field(input.JoinPath(path, "vs_first_site"), fmt.Sprintf("present = %v", v != nil), fmt.Sprintf("present = %v (the case's siting)", cases[i].ref >= 0))
		} else if v != nil {
			vp := input.JoinPath(path, "vs_first_site")
			if err := checkCounts(done, counted{input.JoinPath(vp, "causes"), &v.Causes}, counted{input.JoinPath(vp, "new_shortfall"), &v.NewShortfall},
				counted{input.JoinPath(vp, "delta_lole_h"), &v.DeltaLOLE}, counted{input.JoinPath(vp, "delta_eue_mwh"), &v.DeltaEUE}); err != nil {
				return err
			}
		}
		if err := checkProportion(input.JoinPath(path, "causes"), &a[i].Causes, done); err != nil {
			return err
		}
		if err := checkNewShortfall(input.JoinPath(path, "new_shortfall"), &a[i].NewShortfall, &a[i].Causes, done); err != nil {
			return err
		}
		if err := checkCounts(done, counted{input.JoinPath(path, "delta_lole_h"), &a[i].DeltaLOLE},
			counted{input.JoinPath(path, "delta_eue_mwh"), &a[i].DeltaEUE},
			counted{input.JoinPath(path, "lole_h"), &a[i].LOLEHours}, counted{input.JoinPath(path, "lole_days"), &a[i].LOLEDays}); err != nil {
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
		p := SweepPoint{
			MW: c.mw, Policy: c.policy.Name(),
			PCausesShedding: s.Causes.Estimate(),
			PNewShortfall:   s.NewShortfall.Estimate(),
			DeltaLOLEHours:  s.DeltaLOLE.Estimate(),
			DeltaEUEMWh:     s.DeltaEUE.Estimate(),
			LOLEHours:       s.LOLEHours.Estimate(),
			LOLEDays:        s.LOLEDays.Estimate(),
			Site:            c.siteName,
			OffsetMW:        c.off,
		}
		if v := s.Vs; v != nil {
			p.VsFirstSite = &SiteComparison{
				Site:                cases[c.ref].siteName,
				DiffPCausesShedding: v.Causes.Estimate(),
				DiffPNewShortfall:   v.NewShortfall.Estimate(),
				DiffDeltaLOLEHours:  v.DeltaLOLE.Estimate(),
				DiffDeltaEUEMWh:     v.DeltaEUE.Estimate(),
			}
		}
		pts = append(pts, p)
	}
	return pts
}
