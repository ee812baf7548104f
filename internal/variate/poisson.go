package variate

import (
	"math"
	"math/rand/v2"
)

// ptrsMin is the mean above which Poisson switches from the multiplication
// method to PTRS. Hörmann (1993) states PTRS for means ≥ 10; numpy uses the
// same threshold (random_poisson in distributions.c).
const ptrsMin = 10

// Poisson draws a Poisson variate with the given mean from r without
// allocating. gonum's distuv.Poisson with Src set builds a new rand.Rand on
// every draw, which allocates; this sampler uses the caller's *rand.Rand
// directly.
//
// For mean < 10 it multiplies uniforms until the product falls below
// exp(−mean) (Knuth, TAOCP vol. 2, 3.4.1), costing about mean+1 uniforms.
// For larger means it uses PTRS, the transformed rejection method with
// squeeze of Hörmann, "The transformed rejection method for generating
// Poisson random variables", Insurance: Mathematics and Economics 12 (1993)
// 39–45, whose expected number of uniform pairs is below 1.2 for every mean.
// The constants are those of the paper (as in numpy's
// random_poisson_ptrs). A mean ≤ 0 or NaN gives 0.
func Poisson(r *rand.Rand, mean float64) int64 {
	if !(mean > 0) {
		return 0
	}
	if mean < ptrsMin {
		limit := math.Exp(-mean)
		var k int64
		prod := r.Float64()
		for prod > limit {
			k++
			prod *= r.Float64()
		}
		return k
	}
	slam := math.Sqrt(mean)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invalpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	var loglam float64 // log(mean), computed on first use (mean ≥ 10, so never 0)
	for {
		u := r.Float64() - 0.5
		v := r.Float64()
		us := 0.5 - math.Abs(u)
		kf := math.Floor((2*a/us+b)*u + mean + 0.43)
		if us >= 0.07 && v <= vr {
			return int64(kf)
		}
		// kf < 0 also catches −Inf when u = −0.5 exactly (us = 0).
		if kf < 0 || (us < 0.013 && v > us) {
			continue
		}
		// The logarithms are needed only here, on the slow path (about a
		// quarter of tries at the means of mining's block process).
		if loglam == 0 {
			loglam = math.Log(mean)
		}
		if math.Log(v*invalpha/(a/(us*us)+b)) <= -mean+kf*loglam-logFactorial(kf) {
			return int64(kf)
		}
	}
}

// logFactorials holds log(k!) for k < len(logFactorials); it is computed
// once and never written again.
var logFactorials = func() (t [1024]float64) {
	for k := 1; k < len(t); k++ {
		t[k] = t[k-1] + math.Log(float64(k))
	}
	return t
}()

// logFactorial returns log(k!) for an integer-valued k ≥ 0, from the table
// for small k and from math.Lgamma otherwise.
func logFactorial(k float64) float64 {
	if k < float64(len(logFactorials)) {
		return logFactorials[int(k)]
	}
	lg, _ := math.Lgamma(k + 1)
	return lg
}
