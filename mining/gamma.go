package mining

import (
	"math"
	"math/rand/v2"
)

// gammaVariate draws a Gamma(shape, 1) variate for shape ≥ 1 by the method
// of Marsaglia and Tsang, "A simple method for generating gamma variables",
// ACM TOMS 26(3) (2000) 363–372: one normal and one uniform per try, with
// acceptance above 95% for every shape ≥ 1. It uses the caller's *rand.Rand
// so that it does not allocate (see poisson).
func gammaVariate(r *rand.Rand, shape float64) float64 {
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		x2 := x * x
		if u < 1-0.0331*x2*x2 {
			return d * v
		}
		if math.Log(u) < 0.5*x2+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// betaVariate draws a Beta(a, b) variate for integer-valued a, b ≥ 1 as
// X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). Beta(k, n−k+1) is the law of the
// k-th smallest of n independent uniforms, which the block process uses to
// place the k-th of n Poisson arrivals in an interval. Beta(a, 1) is drawn
// directly as U^(1/a).
func betaVariate(r *rand.Rand, a, b float64) float64 {
	if b == 1 {
		return math.Pow(1-r.Float64(), 1/a)
	}
	x := gammaVariate(r, a)
	y := gammaVariate(r, b)
	return x / (x + y)
}

// minUniform returns the smallest of n ≥ 1 independent Uniform(0,1)
// variates, 1 − U^(1/n), computed as −expm1(log(U)/n) for accuracy when n is
// large.
func minUniform(r *rand.Rand, n float64) float64 {
	return -math.Expm1(math.Log(1-r.Float64()) / n)
}
