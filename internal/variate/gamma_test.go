package variate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/internal/stattest"
)

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
		stattest.CheckMeanVar(t, fmt.Sprintf("Gamma(%g)", k), xs, k, k)
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
		stattest.CheckMeanVar(t, fmt.Sprintf("Beta(%g,%g)", c.a, c.b), xs, c.a/s, c.a*c.b/(s*s*(s+1)))
	}
	for _, k := range []float64{1, 2, 150} {
		for i := range xs {
			xs[i] = MinUniform(r, k)
		}
		// The minimum of k uniforms is Beta(1, k).
		s := 1 + k
		stattest.CheckMeanVar(t, fmt.Sprintf("min of %g uniforms", k), xs, 1/s, k/(s*s*(s+1)))
	}
}
