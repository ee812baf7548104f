package montecarlo

import "math"

// z95 is the standard normal 0.975 quantile, for two-sided 95% intervals.
const z95 = 1.959963984540054

// Estimate is a point estimate with its standard error and 95% interval.
// It is what every index the library reports looks like:
//
//	{"mean": 1.0903, "se": 0.0281, "lo": 1.0352, "hi": 1.1454}
type Estimate struct {
	Mean float64 `json:"mean"`
	SE   float64 `json:"se"`
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
}

// Scale returns the estimate of c times the quantity (c >= 0): mean, error
// and interval all scale by c.
func (e Estimate) Scale(c float64) Estimate {
	return Estimate{Mean: c * e.Mean, SE: math.Abs(c) * e.SE, Lo: c * e.Lo, Hi: c * e.Hi}
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

// Contains reports whether x lies in the closed interval [Lo, Hi].
func (e Estimate) Contains(x float64) bool { return x >= e.Lo && x <= e.Hi }

// normalEstimate returns mean ± z95·se.
func normalEstimate(mean, se float64) Estimate {
	return Estimate{Mean: mean, SE: se, Lo: mean - z95*se, Hi: mean + z95*se}
}
