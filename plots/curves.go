package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"

	"github.com/carveout/carveout/montecarlo"
)

// CurveSeries is one line of [EstimateCurves]: estimates at increasing
// values of x.
type CurveSeries struct {
	// Label names the series in the legend.
	Label string
	// X are finite and strictly increasing.
	X []float64
	// Y[i] is the estimate at X[i].
	Y []montecarlo.Estimate
}

// EstimateCurves draws estimates against a quantity, one line per
// series with a dot at each estimate and its 95% interval shaded, as the
// risk curves do ([RiskCurve]) for any estimate: the extra CO₂ of a
// carve-out by size and site, say. The y axis holds 0.
//
// It returns an error if series is empty, a label is empty or repeats,
// X is empty, not finite or not strictly increasing, Y has not one
// estimate per X, or an estimate is bad (see [EstimateBars]).
func EstimateCurves(series []CurveSeries, title, xlabel, ylabel string) (*plot.Plot, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("plots: curves: no series")
	}
	seen := map[string]int{}
	ss := make([]*estimateSeries, len(series))
	lo, hi := 0.0, 0.0
	for i, s := range series {
		name := fmt.Sprintf("plots: curves: series %d (%q)", i, s.Label)
		if s.Label == "" {
			return nil, fmt.Errorf("plots: curves: series %d: empty label", i)
		}
		if j, ok := seen[s.Label]; ok {
			return nil, fmt.Errorf("%s: label duplicates series %d", name, j)
		}
		seen[s.Label] = i
		if len(s.X) == 0 {
			return nil, fmt.Errorf("%s: X is empty", name)
		}
		if err := checkIncreasing(name, "X", s.X); err != nil {
			return nil, err
		}
		if len(s.Y) != len(s.X) {
			return nil, fmt.Errorf("%s: len(Y) = %d, want len(X) = %d", name, len(s.Y), len(s.X))
		}
		for k, e := range s.Y {
			if err := checkEstimate(fmt.Sprintf("%s: Y[%d] (at %v)", name, k, s.X[k]), e); err != nil {
				return nil, err
			}
			for _, v := range []float64{e.Mean, e.Lo, e.Hi} {
				if !math.IsNaN(v) {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
		}
		var err error
		if ss[i], err = newEstimateSeries(estimateLine(i), s.Label, s.X, s.Y, 1, true); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	p := newPlot(title, xlabel, ylabel)
	p.X.Tick.Marker = CommaTicks{}
	p.Y.Tick.Marker = CommaTicks{}
	addSeries(p, ss)
	if lo == hi {
		hi = lo + 1
	}
	p.Y.Min, p.Y.Max = lo, hi
	roundAxis(&p.Y, lo, math.Inf(1))
	addSeriesLegend(p, ss, anyBandVisible([]*plot.Plot{p}, [][]*estimateSeries{ss}))
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = 6, -4
	return p, nil
}
