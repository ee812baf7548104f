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
	// Cost is the point's cost and emissions; nil unless the scenario's
	// economics dispatch the sweep ([Economics.Sweep]).
	Cost *PointCost `json:"cost,omitempty"`
}

// PointCost is the cost of one point of the sweep, per trial-year, as
// in [CostResult]: the short-run cost (and per MWh of the carve-out's
// served energy), the margin at the tariff, the extra CO₂ (and per MWh)
// and the stranded low-cost energy.
type PointCost struct {
	ShortRunCost            montecarlo.Estimate `json:"short_run_cost"`
	ShortRunCostPerMWh      montecarlo.Estimate `json:"short_run_cost_per_mwh"`
	Margin                  montecarlo.Estimate `json:"margin"`
	DeltaCO2T               montecarlo.Estimate `json:"delta_co2_t"`
	MarginalEmissionTPerMWh montecarlo.Estimate `json:"marginal_emission_t_per_mwh"`
	StrandedMWh             montecarlo.Estimate `json:"stranded_mwh"`
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
	// DiffShortRunCost and DiffDeltaCO2T are the differences in the
	// short-run cost and the extra CO₂, with [Economics.Sweep]; nil
	// without.
	DiffShortRunCost *montecarlo.Estimate `json:"diff_short_run_cost,omitempty"`
	DiffDeltaCO2T    *montecarlo.Estimate `json:"diff_delta_co2_t,omitempty"`
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
	// Cost accumulates the point's economics; nil unless the sweep is
	// dispatched.
	Cost *pointCostAcc `json:"cost,omitempty"`
}

// pointCostAcc accumulates a [PointCost].
type pointCostAcc struct {
	ShortRun montecarlo.Mean  `json:"short_run"`
	PerMWh   montecarlo.Ratio `json:"per_mwh"`
	Margin   montecarlo.Mean  `json:"margin"`
	CO2      montecarlo.Mean  `json:"co2"`
	Emission montecarlo.Ratio `json:"emission"`
	Stranded montecarlo.Mean  `json:"stranded"`
}

func (a *pointCostAcc) add(p *point) {
	a.ShortRun.Add(p.src)
	a.PerMWh.Add(p.src, p.served)
	a.Margin.Add(p.margin)
	a.CO2.Add(p.co2)
	a.Emission.Add(p.co2, p.served)
	a.Stranded.Add(p.stranded)
}

func (a *pointCostAcc) merge(o *pointCostAcc) {
	a.ShortRun.Merge(&o.ShortRun)
	a.PerMWh.Merge(&o.PerMWh)
	a.Margin.Merge(&o.Margin)
	a.CO2.Merge(&o.CO2)
	a.Emission.Merge(&o.Emission)
	a.Stranded.Merge(&o.Stranded)
}

func (a *pointCostAcc) check(path string, done int64) error {
	return checkCounts(done, counted{input.JoinPath(path, "short_run"), &a.ShortRun}, counted{input.JoinPath(path, "per_mwh"), &a.PerMWh},
		counted{input.JoinPath(path, "margin"), &a.Margin}, counted{input.JoinPath(path, "co2"), &a.CO2},
		counted{input.JoinPath(path, "emission"), &a.Emission}, counted{input.JoinPath(path, "stranded"), &a.Stranded})
}

func (a *pointCostAcc) finalize() *PointCost {
	return &PointCost{ShortRunCost: a.ShortRun.Estimate(), ShortRunCostPerMWh: a.PerMWh.Estimate(), Margin: a.Margin.Estimate(),
		DeltaCO2T: a.CO2.Estimate(), MarginalEmissionTPerMWh: a.Emission.Estimate(), StrandedMWh: a.Stranded.Estimate()}
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
	// ShortRun and CO2 accumulate the differences in short-run cost and
	// extra CO₂ when the sweep is dispatched; nil otherwise.
	ShortRun *montecarlo.Mean `json:"short_run,omitempty"`
	CO2      *montecarlo.Mean `json:"co2,omitempty"`
}

// point is what the sweep keeps of a case's outcome in one trial; the
// cost fields are set when the sweep is dispatched.
type point struct {
	causes, newShortfall bool
	deltaLOLE, deltaEUE  float64
	hours, days          int
	src, co2, served     float64
	margin, stranded     float64
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
	if a.Cost != nil {
		a.Cost.add(&p)
	}
}

// addVs records the trial's difference between point p and the same
// case at the first site, ref.
func (a *pointAcc) addVs(p, ref point) {
	a.Vs.Causes.Add(float64(b2f(p.causes) - b2f(ref.causes)))
	a.Vs.NewShortfall.Add(float64(b2f(p.newShortfall) - b2f(ref.newShortfall)))
	a.Vs.DeltaLOLE.Add(p.deltaLOLE - ref.deltaLOLE)
	a.Vs.DeltaEUE.Add(p.deltaEUE - ref.deltaEUE)
	if a.Vs.ShortRun != nil {
		a.Vs.ShortRun.Add(p.src - ref.src)
		a.Vs.CO2.Add(p.co2 - ref.co2)
	}
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
		if (a[i].Cost == nil) != (o[i].Cost == nil) || (a[i].Vs != nil && (a[i].Vs.ShortRun == nil) != (o[i].Vs.ShortRun == nil)) {
			return input.Field(fmt.Sprintf("sweep[%d].cost", i), "present in one state only", "the same shape in both")
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
			if v.ShortRun != nil {
				v.ShortRun.Merge(o[i].Vs.ShortRun)
				v.CO2.Merge(o[i].Vs.CO2)
			}
		}
		if c := a[i].Cost; c != nil {
			c.merge(o[i].Cost)
		}
	}
	return nil
}

// check checks that a has the sweep's cases, each with done trials, and
// a paired comparison exactly where the case has a first site to compare
// with.
func (a sweepAcc) check(cases []caseSpec, costed bool, done int64) error {
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
			if (v.ShortRun != nil) != costed || (v.CO2 != nil) != costed {
				return input.Field(input.JoinPath(vp, "short_run"), fmt.Sprintf("present = %v", v.ShortRun != nil), fmt.Sprintf("present = %v (economics.sweep)", costed))
			}
			if costed {
				if err := checkCounts(done, counted{input.JoinPath(vp, "short_run"), v.ShortRun}, counted{input.JoinPath(vp, "co2"), v.CO2}); err != nil {
					return err
				}
			}
		}
		if (a[i].Cost != nil) != costed {
			return input.Field(input.JoinPath(path, "cost"), fmt.Sprintf("present = %v", a[i].Cost != nil), fmt.Sprintf("present = %v (economics.sweep)", costed))
		} else if costed {
			if err := a[i].Cost.check(input.JoinPath(path, "cost"), done); err != nil {
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
			if v.ShortRun != nil {
				d, c := v.ShortRun.Estimate(), v.CO2.Estimate()
				p.VsFirstSite.DiffShortRunCost, p.VsFirstSite.DiffDeltaCO2T = &d, &c
			}
		}
		if s.Cost != nil {
			p.Cost = s.Cost.finalize()
		}
		pts = append(pts, p)
	}
	return pts
}
