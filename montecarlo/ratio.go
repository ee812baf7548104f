package montecarlo

import (
	"math"
	"math/big"
)

// Ratio estimates a ratio of expectations E[X]/E[Y] from per-trial pairs
// (x, y), such as the mean duration of loss-of-load events (hours over
// events). The standard error comes from the delta method,
// Var(R̂) ≈ Var(X − R·Y)/(n·Ȳ²). Sums are exact, so merging is exact.
type Ratio struct {
	// Count is the number of pairs recorded.
	Count int64 `json:"n"`
	// SX is the exact sum of x.
	SX ExactSum `json:"sum_x"`
	// SY is the exact sum of y.
	SY ExactSum `json:"sum_y"`
	// SXX is the exact sum of x².
	SXX ExactSum `json:"sum_xx"`
	// SYY is the exact sum of y².
	SYY ExactSum `json:"sum_yy"`
	// SXY is the exact sum of x·y.
	SXY ExactSum `json:"sum_xy"`
}

// Add records one trial's pair. It does not allocate.
func (r *Ratio) Add(x, y float64) {
	r.Count++
	r.SX.Add(x)
	r.SY.Add(y)
	r.SXX.Add(x * x)
	r.SYY.Add(y * y)
	r.SXY.Add(x * y)
}

// Merge adds the trials recorded in o. A nil o, a negative count or a
// total beyond int64 is an error, and leaves r as it was.
func (r *Ratio) Merge(o *Ratio) error {
	if err := mergeCount("ratio", r.Count, o == nil, func() int64 { return o.Count }); err != nil {
		return err
	}
	r.Count += o.Count
	r.SX.Merge(&o.SX)
	r.SY.Merge(&o.SY)
	r.SXX.Merge(&o.SXX)
	r.SYY.Merge(&o.SYY)
	r.SXY.Merge(&o.SXY)
	return nil
}

// Estimate returns ΣX/ΣY with its delta-method standard error and normal
// 95% interval. The mean is NaN when ΣY is 0 or the count is not
// positive.
func (r *Ratio) Estimate() Estimate {
	nan := math.NaN()
	sy := r.SY.bigFloat()
	if r.Count <= 0 || sy.Sign() == 0 {
		return Estimate{Mean: nan, SE: nan, Lo: nan, Hi: nan}
	}
	for _, s := range []*ExactSum{&r.SX, &r.SY, &r.SXX, &r.SYY, &r.SXY} {
		if _, ok := s.special(); ok {
			return Estimate{Mean: nan, SE: nan, Lo: nan, Hi: nan}
		}
	}
	const prec = 4400 // enough for any product of two exact sums
	sx := r.SX.bigFloat()
	ratio := new(big.Float).SetPrec(prec).Quo(sx, sy)
	mean, _ := ratio.Float64()
	n := r.Count
	if n < 2 {
		return Estimate{Mean: mean, SE: nan, Lo: nan, Hi: nan}
	}
	// Σ(x − R y)² = Σx² − 2RΣxy + R²Σy²
	ss := new(big.Float).SetPrec(prec).Set(r.SXX.bigFloat())
	t := new(big.Float).SetPrec(prec).Mul(ratio, r.SXY.bigFloat())
	t.Mul(t, big.NewFloat(2))
	ss.Sub(ss, t)
	t.Mul(ratio, ratio)
	t.Mul(t, r.SYY.bigFloat())
	ss.Add(ss, t)
	if ss.Sign() < 0 {
		ss.SetInt64(0)
	}
	// Var(R̂) = ss/(n−1) / (n · ȳ²) = ss · n / ((n−1) · (Σy)²)
	v := new(big.Float).SetPrec(prec).Mul(ss, new(big.Float).SetInt64(n))
	d := new(big.Float).SetPrec(prec).Mul(sy, sy)
	d.Mul(d, new(big.Float).SetInt64(n-1))
	v.Quo(v, d)
	vf, _ := v.Float64()
	return NormalEstimate(mean, math.Sqrt(vf))
}
