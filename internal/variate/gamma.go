package variate

import (
	"math"
	"math/rand/v2"
)

// Gamma draws Gamma(shape, 1) variates by the method of G. Marsaglia and
// W. W. Tsang, "A simple method for generating gamma variables", ACM
// TOMS 26(3) (2000) 363–372: for shape a ≥ 1, with d = a − 1/3 and
// c = 1/√(9d), draw a normal x and a uniform u until v = (1 + c·x)³ > 0
// and u passes the squeeze u < 1 − 0.0331·x⁴ (the paper's constant) or
// the full test log u < x²/2 + d·(1 − v + log v); the draw is d·v. A try
// costs one normal and one uniform, and is accepted with probability
// above 95% for every shape ≥ 1. Shapes below 1 use the paper's boost
// (section 6): G(k) = G(k+1)·U^(1/k), one more uniform.
//
// Shape 1 is drawn by the same method, not as an exponential: a caller
// that wants exponential draws for shape 1 draws them itself.
//
// It holds only constants and draws through the caller's *rand.Rand, so
// it does not allocate. (gonum's distuv.Gamma with Src set calls rand.New
// on every draw and so allocates.)
type Gamma struct {
	shape float64
	// d and c are Marsaglia and Tsang's constants for shape max(k, k+1).
	d, c float64
	// invShape is 1/k, used when k < 1.
	invShape float64
}

// NewGamma returns a sampler of Gamma(shape, 1) for a finite shape > 0.
func NewGamma(shape float64) Gamma {
	a := shape
	if shape < 1 {
		a = shape + 1
	}
	d := a - 1.0/3
	return Gamma{shape: shape, d: d, c: 1 / math.Sqrt(9*d), invShape: 1 / shape}
}

// Draw returns one Gamma(shape, 1) variate from r.
func (g Gamma) Draw(r *rand.Rand) float64 {
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

// Beta draws a Beta(a, b) variate from r for integer-valued a, b ≥ 1 as
// X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b), X drawn first. Beta(k, n−k+1)
// is the law of the k-th smallest of n independent uniforms. Beta(a, 1) is
// drawn directly as U^(1/a), from one uniform.
func Beta(r *rand.Rand, a, b float64) float64 {
	if b == 1 {
		return math.Pow(1-r.Float64(), 1/a)
	}
	x := NewGamma(a).Draw(r)
	y := NewGamma(b).Draw(r)
	return x / (x + y)
}

// MinUniform returns the smallest of n ≥ 1 independent Uniform(0,1)
// variates, 1 − U^(1/n), computed as −expm1(log(U)/n) for accuracy when n
// is large, from one uniform.
func MinUniform(r *rand.Rand, n float64) float64 {
	return -math.Expm1(math.Log(1-r.Float64()) / n)
}
