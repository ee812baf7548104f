package plots

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/montecarlo"
)

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkIncreasing checks that xs is finite and strictly increasing; name
// names the slice and prefix the chart and series in the error.
func checkIncreasing(prefix, name string, xs []float64) error {
	for i, x := range xs {
		if !finite(x) {
			return fmt.Errorf("%s: %s[%d] = %v, want finite", prefix, name, i, x)
		}
		if i > 0 && x <= xs[i-1] {
			return fmt.Errorf("%s: %s[%d] = %v, want > %s[%d] = %v (strictly increasing)", prefix, name, i, x, name, i-1, xs[i-1])
		}
	}
	return nil
}

// checkInterval checks an interval [lo, hi]: both finite with lo <= hi, or
// at least one NaN (no interval). what names the point in the error.
func checkInterval(what string, lo, hi float64) error {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return nil
	}
	switch {
	case math.IsInf(lo, 0):
		return fmt.Errorf("%s: lo = %v, want finite or NaN", what, lo)
	case math.IsInf(hi, 0):
		return fmt.Errorf("%s: hi = %v, want finite or NaN", what, hi)
	case lo > hi:
		return fmt.Errorf("%s: lo = %v > hi = %v", what, lo, hi)
	}
	return nil
}

// checkEstimate checks one estimate: a finite mean, and an interval that is
// either absent (a NaN bound: SE undefined) or finite with Lo <= Hi.
func checkEstimate(what string, e montecarlo.Estimate) error {
	if !finite(e.Mean) {
		return fmt.Errorf("%s: mean = %v, want finite", what, e.Mean)
	}
	return checkInterval(what, e.Lo, e.Hi)
}

// estimateBand splits estimates into means and the bounds of a [Band].
func estimateBand(es []montecarlo.Estimate) (mean, lo, hi []float64) {
	mean = make([]float64, len(es))
	lo = make([]float64, len(es))
	hi = make([]float64, len(es))
	for i, e := range es {
		mean[i], lo[i], hi[i] = e.Mean, e.Lo, e.Hi
	}
	return mean, lo, hi
}
