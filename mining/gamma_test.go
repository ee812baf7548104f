package mining

import (
	"fmt"
	"testing"
)

func TestGammaMoments(t *testing.T) {
	const n = 100_000
	r := newRand(4, 4)
	for _, shape := range []float64{1, 2, 5.5, 2015} {
		var m moments
		for range n {
			m.add(gammaVariate(r, shape))
		}
		checkMeanVar(t, fmt.Sprintf("Gamma(%g)", shape), &m, shape, shape)
	}
}

func TestBetaMoments(t *testing.T) {
	const n = 100_000
	r := newRand(5, 5)
	for _, c := range []struct{ a, b float64 }{{1, 1}, {3, 1}, {1, 7}, {5, 20}, {150, 3}} {
		var m moments
		for range n {
			m.add(betaVariate(r, c.a, c.b))
		}
		s := c.a + c.b
		checkMeanVar(t, fmt.Sprintf("Beta(%g,%g)", c.a, c.b), &m, c.a/s, c.a*c.b/(s*s*(s+1)))
	}
	for _, k := range []float64{1, 2, 150} {
		var m moments
		for range n {
			m.add(minUniform(r, k))
		}
		// The minimum of k uniforms is Beta(1, k).
		s := 1 + k
		checkMeanVar(t, fmt.Sprintf("min of %g uniforms", k), &m, 1/s, k/(s*s*(s+1)))
	}
}
