package demand

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGammaDraw checks the mean and variance of Gamma(k, 1) draws within
// 4 SE for shapes below, at and above 1. For Gamma(k, 1) the mean and
// variance are k, and the central fourth moment is 3k² + 6k, so the
// sample variance has variance ≈ (3k² + 6k − k²)/n.
func TestGammaDraw(t *testing.T) {
	const n = 200_000
	for i, k := range []float64{0.3, 1, 2.5, 9} {
		g := newGammaDraw(k)
		r := rand.New(rand.NewPCG(21, uint64(i)))
		var s1, s2 float64
		xs := make([]float64, n)
		for j := range xs {
			x := g.draw(r)
			if !(x >= 0) || math.IsInf(x, 1) {
				t.Fatalf("k = %v: draw %v", k, x)
			}
			xs[j] = x
			s1 += x
		}
		mean := s1 / n
		for _, x := range xs {
			s2 += (x - mean) * (x - mean)
		}
		variance := s2 / (n - 1)
		if se := math.Sqrt(k / n); math.Abs(mean-k) > 4*se {
			t.Errorf("k = %v: mean %.5g, want %v ± %.3g (4 SE)", k, mean, k, 4*se)
		}
		if se := math.Sqrt((2*k*k + 6*k) / n); math.Abs(variance-k) > 4*se {
			t.Errorf("k = %v: variance %.5g, want %v ± %.3g (4 SE)", k, variance, k, 4*se)
		}
	}
}
