package grid

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// CreditMetric names the risk index a capacity credit holds fixed.
type CreditMetric string

// The metrics of a capacity credit.
const (
	// CreditEUE holds the expected unserved energy fixed.
	CreditEUE CreditMetric = "eue"
	// CreditLOLE holds the loss-of-load expectation (hours) fixed.
	CreditLOLE CreditMetric = "lole"
)

// Capacity credit statuses.
const (
	// CreditConverged: the bracket is at most GapMW wide.
	CreditConverged = "converged"
	// CreditNotSignificant: the metrics at the bracket's two ends no
	// longer differ significantly (their one-sided p-value is at least
	// PValue), so bisecting further would not be supported by the trials;
	// the bracket is wider than GapMW.
	CreditNotSignificant = "not significant"
)

// CreditSpec sets up a capacity credit assessment ([EFC], [ELCC]) as PRAS
// does (PRASCapacityCredits: the EFC and ELCC methods): a bisection over
// whole multiples of a megawatt between 0 and MaxMW, with a statistical
// stopping rule.
type CreditSpec struct {
	// Metric is the index held fixed: CreditEUE or CreditLOLE.
	Metric CreditMetric `json:"metric"`
	// MaxMW is the upper end of the search, a whole number of MW > 0
	// (PRAS's capacity_max).
	MaxMW int `json:"max_mw"`
	// GapMW stops the bisection when the bracket is this narrow, a whole
	// number of MW (0: 1, PRAS's capacity_gap default).
	GapMW int `json:"gap_mw,omitempty"`
	// PValue stops the bisection when the one-sided z-test that the
	// metric differs between the bracket's ends has a p-value at least
	// this (0: 0.05, PRAS's default); in (0, 1).
	PValue float64 `json:"p_value,omitempty"`
	// Zone is where the firm capacity (EFC) or the extra load (ELCC) goes
	// in a zonal system: required there, empty for a copper plate.
	Zone string `json:"zone,omitempty"`
}

// CreditPoint is one assessment of a capacity credit search: the firm
// capacity added (EFC) or load added (ELCC), and the metric with it.
type CreditPoint struct {
	MW     int                 `json:"mw"`
	Metric montecarlo.Estimate `json:"metric"`
}

// CreditResult is a capacity credit: it lies in [LoMW, HiMW].
type CreditResult struct {
	Spec CreditSpec `json:"spec"`
	// Target is the metric to reach: the augmented system's for EFC, the
	// base system's for ELCC.
	Target montecarlo.Estimate `json:"target"`
	// LoMW and HiMW bracket the credit.
	LoMW int `json:"lo_mw"`
	HiMW int `json:"hi_mw"`
	// Status is CreditConverged or CreditNotSignificant.
	Status string `json:"status"`
	// PValue is the last p-value computed between the bracket's ends
	// (NaN if the bracket converged before any was needed).
	PValue float64 `json:"p_value"`
	// Points are the assessments, in order: 0, MaxMW, then the
	// midpoints.
	Points []CreditPoint `json:"points"`
}

// checkCredit validates spec and the two systems, with defaults filled
// in, and returns the zone's index (−1 for a copper plate).
func checkCredit(spec *CreditSpec, base, aug *System) (int, error) {
	if base == nil || aug == nil {
		return 0, errors.New("nil system")
	}
	if spec.Metric != CreditEUE && spec.Metric != CreditLOLE {
		return 0, input.Field("metric", fmt.Sprintf("%q", spec.Metric), fmt.Sprintf("%q or %q", CreditEUE, CreditLOLE))
	}
	if spec.MaxMW <= 0 {
		return 0, input.Field("max_mw", spec.MaxMW, "> 0")
	}
	if spec.GapMW == 0 {
		spec.GapMW = 1
	}
	if spec.GapMW < 0 {
		return 0, input.Field("gap_mw", spec.GapMW, "> 0 (0 means 1)")
	}
	if spec.PValue == 0 {
		spec.PValue = 0.05
	}
	if !(spec.PValue > 0 && spec.PValue < 1) {
		return 0, input.Field("p_value", spec.PValue, "in (0, 1) (0 means 0.05)")
	}
	for _, s := range []*System{base, aug} {
		if err := s.Validate(); err != nil {
			return 0, err
		}
		if s.LFUSigma != 0 {
			return 0, input.Field("lfu_sigma", s.LFUSigma, "0: a firm block or a constant extra load under load forecast uncertainty is not modelled")
		}
	}
	if base.hours() != aug.hours() {
		return 0, input.Field("load_mw", fmt.Sprintf("%d hours in the augmented system", aug.hours()), fmt.Sprintf("%d hours, as the base system", base.hours()))
	}
	if base.Zoned() != aug.Zoned() {
		return 0, errors.New("one system is zonal and the other is not")
	}
	if !base.Zoned() {
		if spec.Zone != "" {
			return 0, input.Field("zone", fmt.Sprintf("%q", spec.Zone), `"" (the systems have no zones)`)
		}
		return -1, nil
	}
	names := make([]string, len(base.Zones))
	for i, z := range base.Zones {
		names[i] = z.Name
		if i >= len(aug.Zones) || aug.Zones[i].Name != z.Name || len(aug.Zones) != len(base.Zones) {
			return 0, input.Field("zones", "different zones in the augmented system", "the base system's zones, in order")
		}
	}
	k := slices.Index(names, spec.Zone)
	if k < 0 {
		return 0, input.Field("zone", fmt.Sprintf("%q", spec.Zone), fmt.Sprintf("the name of a zone (one of %q)", names))
	}
	return k, nil
}

// withLoad returns sys with mw MW added to the load of every hour, in
// zone z of a zonal system: a negative mw is firm capacity, as a load
// reduction. On a copper plate a load below 0 is 0 (the surplus serves
// nothing); in a zone the firm capacity may not exceed the zone's load,
// as its surplus could serve other zones.
func withLoad(sys *System, z int, mw float64) (*System, error) {
	s := *sys
	add := func(load []float64) ([]float64, error) {
		out := make([]float64, len(load))
		for h, l := range load {
			v := l + mw
			if v < 0 {
				if z >= 0 {
					return nil, fmt.Errorf("firm capacity of %v MW exceeds zone %q's load of %v MW in hour %d: a zone's surplus serving others is not modelled", -mw, sys.Zones[z].Name, l, h)
				}
				v = 0
			}
			out[h] = v
		}
		return out, nil
	}
	var err error
	if z < 0 {
		s.Load, err = add(sys.Load)
		return &s, err
	}
	s.Zones = slices.Clone(sys.Zones)
	s.Zones[z].Load, err = add(sys.Zones[z].Load)
	return &s, err
}

// creditMetric runs the adequacy of sys and returns the metric.
func creditMetric(ctx context.Context, sys *System, m CreditMetric, opts []montecarlo.Option) (montecarlo.Estimate, error) {
	r, err := Adequacy(ctx, sys, opts...)
	if err != nil {
		return montecarlo.Estimate{}, err
	}
	if m == CreditLOLE {
		return r.Indices.LOLEHours, nil
	}
	return r.Indices.EUEMWh, nil
}

// creditPValue is the p-value of the one-sided z-test that the metric
// at hi exceeds the metric at lo, the two treated as independent
// estimates; with no standard errors, 1 if their means are equal (within
// a relative 1e-12) and 0 otherwise. With common random numbers the
// estimates are positively correlated, so the test is conservative: it
// stops sooner than one on the paired difference would.
func creditPValue(lo, hi montecarlo.Estimate) float64 {
	if lo.SE == 0 && hi.SE == 0 {
		if math.Abs(hi.Mean-lo.Mean) <= 1e-12*math.Max(math.Abs(hi.Mean), math.Abs(lo.Mean)) {
			return 1
		}
		return 0
	}
	z := (hi.Mean - lo.Mean) / math.Hypot(hi.SE, lo.SE)
	return 0.5 * math.Erfc(z/math.Sqrt2)
}

// EFC is the equivalent firm capacity of the resources that augmented
// adds to base, as PRAS defines it (PRASCapacityCredits.EFC): the
// perfectly reliable capacity that, added to base (in spec.Zone of a
// zonal system), gives the metric of augmented. It bisects over whole
// MW between 0 and spec.MaxMW, each point a Monte Carlo adequacy run with
// opts (the same seed for every run: common random numbers), keeping as
// the lower end the capacities whose metric is above the target and as
// the upper end those at or below it; it stops when the bracket is at
// most GapMW wide, or when the metric at the lower end is no longer
// significantly above the metric at the upper end (PRAS's one-sided
// z-test at PValue). The two systems must have the same hours and
// zones. Firm capacity is a reduction of the load (of the zone); a zone's
// firm capacity larger than its load in some hour is an error.
//
// The metric at 0 must be above the target and the metric at MaxMW at or
// below it, or EFC returns an error saying which end to move.
func EFC(ctx context.Context, base, augmented *System, spec CreditSpec, opts ...montecarlo.Option) (*CreditResult, error) {
	z, err := checkCredit(&spec, base, augmented)
	if err != nil {
		return nil, fmt.Errorf("grid: efc: %w", err)
	}
	target, err := creditMetric(ctx, augmented, spec.Metric, opts)
	if err != nil {
		return nil, fmt.Errorf("grid: efc: augmented system: %w", err)
	}
	at := func(mw int) (montecarlo.Estimate, error) {
		s, err := withLoad(base, z, -float64(mw))
		if err != nil {
			return montecarlo.Estimate{}, err
		}
		return creditMetric(ctx, s, spec.Metric, opts)
	}
	return bisectCredit(spec, target, at, true)
}

// ELCC is the effective load carrying capability of the resources that
// augmented adds to base, as PRAS defines it (PRASCapacityCredits.ELCC):
// the constant load that, added to augmented in every hour (in spec.Zone
// of a zonal system), gives the metric of base. The bisection and its
// stopping rule are [EFC]'s, with the lower end the loads whose metric is
// below the target. The metric at 0 must be below the target and the
// metric at MaxMW at or above it, or ELCC returns an error saying which
// end to move.
func ELCC(ctx context.Context, base, augmented *System, spec CreditSpec, opts ...montecarlo.Option) (*CreditResult, error) {
	z, err := checkCredit(&spec, base, augmented)
	if err != nil {
		return nil, fmt.Errorf("grid: elcc: %w", err)
	}
	target, err := creditMetric(ctx, base, spec.Metric, opts)
	if err != nil {
		return nil, fmt.Errorf("grid: elcc: base system: %w", err)
	}
	at := func(mw int) (montecarlo.Estimate, error) {
		s, err := withLoad(augmented, z, float64(mw))
		if err != nil {
			return montecarlo.Estimate{}, err
		}
		return creditMetric(ctx, s, spec.Metric, opts)
	}
	return bisectCredit(spec, target, at, false)
}

// bisectCredit runs PRAS's bisection: falling set for EFC (the metric
// falls as capacity is added), else rising (ELCC: it rises with load).
func bisectCredit(spec CreditSpec, target montecarlo.Estimate, at func(int) (montecarlo.Estimate, error), falling bool) (*CreditResult, error) {
	name := "efc"
	if !falling {
		name = "elcc"
	}
	res := &CreditResult{Spec: spec, Target: target, PValue: math.NaN()}
	// beyond reports whether metric v lies on the lower end's side of the
	// target: above it for EFC, below it for ELCC.
	beyond := func(v float64) bool {
		if falling {
			return v > target.Mean
		}
		return v < target.Mean
	}
	lo, hi := 0, spec.MaxMW
	loM, err := at(lo)
	if err != nil {
		return nil, fmt.Errorf("grid: %s: %w", name, err)
	}
	hiM, err := at(hi)
	if err != nil {
		return nil, fmt.Errorf("grid: %s: %w", name, err)
	}
	res.Points = append(res.Points, CreditPoint{lo, loM}, CreditPoint{hi, hiM})
	if !beyond(loM.Mean) {
		return nil, fmt.Errorf("grid: %s: metric %.6g at 0 MW against a target of %.6g: the resource adds no capacity credit", name, loM.Mean, target.Mean)
	}
	if beyond(hiM.Mean) {
		return nil, fmt.Errorf("grid: %s: %w", name, input.Field("max_mw", spec.MaxMW, fmt.Sprintf("larger: the metric there, %.6g, has not reached the target %.6g", hiM.Mean, target.Mean)))
	}
	for {
		if hi-lo <= spec.GapMW {
			res.Status = CreditConverged
			break
		}
		if falling {
			res.PValue = creditPValue(hiM, loM)
		} else {
			res.PValue = creditPValue(loM, hiM)
		}
		if res.PValue >= spec.PValue {
			res.Status = CreditNotSignificant
			break
		}
		mid := (lo + hi) / 2
		m, err := at(mid)
		if err != nil {
			return nil, fmt.Errorf("grid: %s: %w", name, err)
		}
		res.Points = append(res.Points, CreditPoint{mid, m})
		if beyond(m.Mean) {
			lo, loM = mid, m
		} else {
			hi, hiM = mid, m
		}
	}
	res.LoMW, res.HiMW = lo, hi
	return res, nil
}
