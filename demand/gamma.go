package demand

import (
	"math"
	"math/rand/v2"
)

// gammaDraw draws Gamma(shape, 1) variates from a caller's *rand.Rand.
// gonum's distuv.Gamma with Src set calls rand.New on every draw and so
// allocates; this type holds only constants and draws through the
// caller's *rand.Rand, which does not.
type gammaDraw struct {
	shape float64
	// d and c are Marsaglia and Tsang's constants for shape max(k, k+1).
	d, c float64
	// invShape is 1/k, used when k < 1.
	invShape float64
}

func newGammaDraw(k float64) gammaDraw {
	a := k
	if k < 1 {
		a = k + 1
	}
	d := a - 1.0/3
	return gammaDraw{shape: k, d: d, c: 1 / math.Sqrt(9*d), invShape: 1 / k}
}

// draw returns one Gamma(shape, 1) variate. Shape 1 is an exponential and
// uses r.ExpFloat64 directly. Other shapes use G. Marsaglia and W. W.
// Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3),
// 2000, with the squeeze constant 0.0331 from that paper; shapes below 1
// use their boost G(k) = G(k+1)·U^(1/k) (same paper, section 6).
func (g gammaDraw) draw(r *rand.Rand) float64 {
	if g.shape == 1 {
		return r.ExpFloat64()
	}
	var v float64
	for {
		x := r.NormFloat64()
		v = 1 + g.c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		x2 := x * x
		if u < 1-0.0331*x2*x2 || math.Log(u) < 0.5*x2+g.d*(1-v+math.Log(v)) {
			break
		}
	}
	y := g.d * v
	if g.shape < 1 {
		y *= math.Pow(r.Float64(), g.invShape)
	}
	return y
}
