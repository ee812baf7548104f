package montecarlo

import (
	"encoding/json"
	"math"
)

// z95 is the standard normal 0.975 quantile, for two-sided 95% intervals.
const z95 = 1.959963984540054

// Estimate is a point estimate with its standard error and 95% interval.
// It is what every index the library reports looks like:
//
//	{"mean": 1.0903, "se": 0.0281, "lo": 1.0352, "hi": 1.1454}
type Estimate struct {
	// Mean is the point estimate.
	Mean float64 `json:"mean"`
	// SE is the standard error of Mean.
	SE float64 `json:"se"`
	// Lo is the lower end of the 95% interval.
	Lo float64 `json:"lo"`
	// Hi is the upper end of the 95% interval.
	Hi float64 `json:"hi"`
}

// Scale returns the estimate of c times the quantity: mean, error and
// interval all scale by c (the interval's ends swap for c < 0; a NaN c
// gives NaNs).
func (e Estimate) Scale(c float64) Estimate {
	lo, hi := c*e.Lo, c*e.Hi
	if c < 0 {
		lo, hi = hi, lo
	}
	return Estimate{Mean: c * e.Mean, SE: math.Abs(c) * e.SE, Lo: lo, Hi: hi}
}

// RelativeSE returns SE/|Mean|: +Inf when the mean is 0 and the error is
// not, and 0 when both are 0.
func (e Estimate) RelativeSE() float64 {
	if e.Mean == 0 {
		if e.SE == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return e.SE / math.Abs(e.Mean)
}

// PrecisionRSE returns the relative standard error of e as a precision
// target ([WithTargetRSE]) reads it: SE/|Mean|, but +Inf while the
// estimate says nothing about its precision — while its mean is 0 (an
// estimate of zero with zero error is no sign of precision) or its error
// is undefined (fewer than two trials). Accumulators implement their
// RelativeSE method with it on their main estimate.
func (e Estimate) PrecisionRSE() float64 {
	if e.Mean == 0 || math.IsNaN(e.SE) {
		return math.Inf(1)
	}
	return e.RelativeSE()
}

// Contains reports whether x lies in the closed interval [Lo, Hi].
func (e Estimate) Contains(x float64) bool { return x >= e.Lo && x <= e.Hi }

// NormalEstimate returns the estimate mean ± z·se with z the standard
// normal 0.975 quantile: a two-sided 95% interval from an asymptotically
// normal estimator, for estimators the package's accumulators do not
// cover (such as control-variate adjusted means).
func NormalEstimate(mean, se float64) Estimate {
	return Estimate{Mean: mean, SE: se, Lo: mean - z95*se, Hi: mean + z95*se}
}

// estimateJSON is the wire form of an Estimate: null stands for a value
// that is undefined (NaN, e.g. the error of a single trial) or infinite,
// which JSON cannot carry.
type estimateJSON struct {
	Mean *float64 `json:"mean"`
	SE   *float64 `json:"se"`
	Lo   *float64 `json:"lo"`
	Hi   *float64 `json:"hi"`
}

func finiteOrNil(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func nilToNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// MarshalJSON writes {"mean","se","lo","hi"}, with null for an undefined
// (NaN) or infinite value.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return json.Marshal(estimateJSON{finiteOrNil(e.Mean), finiteOrNil(e.SE), finiteOrNil(e.Lo), finiteOrNil(e.Hi)})
}

// UnmarshalJSON reads the form written by MarshalJSON; null reads as NaN.
func (e *Estimate) UnmarshalJSON(b []byte) error {
	var j estimateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Estimate{nilToNaN(j.Mean), nilToNaN(j.SE), nilToNaN(j.Lo), nilToNaN(j.Hi)}
	return nil
}
