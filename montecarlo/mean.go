package montecarlo

import (
	"math"
	"math/big"
)

// Mean accumulates one value per trial and estimates its expectation. Sums
// are exact ([ExactSum]), so merging in any order gives identical bits, and
// the variance suffers no cancellation. The zero value is empty.
type Mean struct {
	// Count is the number of values recorded.
	Count int64 `json:"n"`
	// Sum is the exact sum of the values.
	Sum ExactSum `json:"sum"`
	// SumSq is the exact sum of the squares of the values.
	SumSq ExactSum `json:"sum_sq"`
}

// Add records one trial's value. It does not allocate.
func (m *Mean) Add(x float64) {
	m.Count++
	m.Sum.Add(x)
	m.SumSq.Add(x * x)
}

// Merge adds the trials recorded in o. A nil o, a negative count or a
// total beyond int64 is an error, and leaves m as it was.
func (m *Mean) Merge(o *Mean) error {
	if err := mergeCount("mean", m.Count, o == nil, func() int64 { return o.Count }); err != nil {
		return err
	}
	m.Count += o.Count
	m.Sum.Merge(&o.Sum)
	m.SumSq.Merge(&o.SumSq)
	return nil
}

// N returns the number of values recorded.
func (m *Mean) N() int64 { return m.Count }

// Estimate returns the sample mean, its standard error s/√n and the normal
// 95% interval. With fewer than two values the error is NaN (one value) or
// everything is NaN (none, or a negative count).
func (m *Mean) Estimate() Estimate {
	n := m.Count
	if n <= 0 {
		return Estimate{Mean: math.NaN(), SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	if v, ok := m.Sum.special(); ok {
		return Estimate{Mean: v, SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	s1 := m.Sum.scaled()
	mean := scaledToFloat(new(big.Int).Quo(new(big.Int).Lsh(s1, 64), big.NewInt(n)), exactMinExp-64)
	if n == 1 {
		return Estimate{Mean: mean, SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	if _, ok := m.SumSq.special(); ok {
		return Estimate{Mean: mean, SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	// n·Σx² − (Σx)², exactly, in units of 2^-2148.
	s2 := m.SumSq.scaled()
	num := new(big.Int).Mul(s2, big.NewInt(n))
	num.Lsh(num, -exactMinExp)
	num.Sub(num, new(big.Int).Mul(s1, s1))
	if num.Sign() < 0 { // impossible for exact sums; guards rounding of x*x
		num.SetInt64(0)
	}
	variance := new(big.Float).SetPrec(128).SetInt(num)
	variance.SetMantExp(variance, 2*exactMinExp)
	variance.Quo(variance, new(big.Float).SetPrec(128).SetInt64(n))
	variance.Quo(variance, new(big.Float).SetPrec(128).SetInt64(n-1))
	v, _ := variance.Float64()
	se := math.Sqrt(v / float64(n))
	return NormalEstimate(mean, se)
}

// RelativeSE returns the relative standard error of the mean, for
// [WithTargetRSE].
func (m *Mean) RelativeSE() float64 { return m.Estimate().RelativeSE() }
