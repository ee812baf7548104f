package variate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// checkMeanVar checks the mean and unbiased variance of xs against their
// exact values within 4 standard errors. The SE of the mean is √(σ²/n)
// with the exact σ²; the SE of the variance is √((μ₄ − σ⁴)/n) with the
// sample fourth central moment μ₄.
func checkMeanVar(t *testing.T, name string, xs []float64, wantMean, wantVar float64) {
	t.Helper()
	n := float64(len(xs))
	var s float64
	for _, x := range xs {
		s += x
	}
	mean := s / n
	var s2, s4 float64
	for _, x := range xs {
		d := x - mean
		s2 += d * d
		s4 += d * d * d * d
	}
	v, m4 := s2/(n-1), s4/n
	seMean := math.Sqrt(wantVar / n)
	seVar := math.Sqrt((m4 - v*v) / n)
	if math.Abs(mean-wantMean) > 4*seMean {
		t.Errorf("%s: mean = %.6g, want %.6g ± 4×%.3g (%.1f SE)", name, mean, wantMean, seMean, (mean-wantMean)/seMean)
	}
	if math.Abs(v-wantVar) > 4*seVar {
		t.Errorf("%s: variance = %.6g, want %.6g ± 4×%.3g (%.1f SE)", name, v, wantVar, seVar, (v-wantVar)/seVar)
	}
}

// TestGamma checks the mean and variance of Gamma(k, 1) draws (both k)
// within 4 SE for shapes below, at and above 1, up to the 2015 of a
// difficulty epoch's last block, and that every draw is finite and ≥ 0.
func TestGamma(t *testing.T) {
	const n = 200_000
	for i, k := range []float64{0.3, 1, 2, 2.5, 5.5, 9, 2015} {
		g := NewGamma(k)
		r := rand.New(rand.NewPCG(21, uint64(i)))
		xs := make([]float64, n)
		for j := range xs {
			x := g.Draw(r)
			if !(x >= 0) || math.IsInf(x, 1) {
				t.Fatalf("k = %v: draw %v", k, x)
			}
			xs[j] = x
		}
		checkMeanVar(t, fmt.Sprintf("Gamma(%g)", k), xs, k, k)
	}
}

// TestBeta checks the mean a/(a+b) and variance ab/((a+b)²(a+b+1)) of
// Beta(a, b) draws within 4 SE, by both of its methods (b = 1 and the
// gamma ratio), and MinUniform's against Beta(1, k).
func TestBeta(t *testing.T) {
	const n = 100_000
	r := rand.New(rand.NewPCG(5, 5))
	xs := make([]float64, n)
	for _, c := range []struct{ a, b float64 }{{1, 1}, {3, 1}, {1, 7}, {5, 20}, {150, 3}} {
		for i := range xs {
			xs[i] = Beta(r, c.a, c.b)
		}
		s := c.a + c.b
		checkMeanVar(t, fmt.Sprintf("Beta(%g,%g)", c.a, c.b), xs, c.a/s, c.a*c.b/(s*s*(s+1)))
	}
	for _, k := range []float64{1, 2, 150} {
		for i := range xs {
			xs[i] = MinUniform(r, k)
		}
		// The minimum of k uniforms is Beta(1, k).
		s := 1 + k
		checkMeanVar(t, fmt.Sprintf("min of %g uniforms", k), xs, 1/s, k/(s*s*(s+1)))
	}
}
