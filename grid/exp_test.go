package grid

import (
	"math"
	"testing"
)

// TestExpFloat64 checks the exponential sampler's moments and tail against
// the standard exponential over 2,000,000 draws, each within 4 standard
// errors: E[X] = 1 (Var 1), E[X²] = 2 (Var 20), P(X > 3) = e^-3 and
// P(X > 8) = e^-8 (binomial). The draws pass through the ziggurat's
// wedges and tail (about 1% of draws) tens of thousands of times.
func TestExpFloat64(t *testing.T) {
	p := pcg{1, 2}
	const n = 2_000_000
	var s1, s2 float64
	var over3, over8 int
	for range n {
		x := expFloat64(&p)
		if !(x >= 0) {
			t.Fatalf("draw %v", x)
		}
		s1 += x
		s2 += x * x
		if x > 3 {
			over3++
		}
		if x > 8 {
			over8++
		}
	}
	check := func(name string, got, want, variance float64) {
		if se := math.Sqrt(variance / n); math.Abs(got-want) > 4*se {
			t.Errorf("%s = %v, want %v within 4 SE (%v)", name, got, want, se)
		}
	}
	check("mean", s1/n, 1, 1)
	check("E[X²]", s2/n, 2, 24-4) // Var(X²) = E[X⁴] − E[X²]² = 24 − 4
	p3, p8 := math.Exp(-3), math.Exp(-8)
	check("P(X > 3)", float64(over3)/n, p3, p3*(1-p3))
	check("P(X > 8)", float64(over8)/n, p8, p8*(1-p8))
}

// TestUniform checks uniform's range and mean.
func TestUniform(t *testing.T) {
	p := pcg{3, 4}
	const n = 1_000_000
	var s float64
	for range n {
		u := p.uniform()
		if u < 0 || u >= 1 {
			t.Fatalf("uniform %v", u)
		}
		s += u
	}
	if se := math.Sqrt(1.0 / 12 / n); math.Abs(s/n-0.5) > 4*se {
		t.Errorf("mean %v, want 0.5 within 4 SE", s/n)
	}
}

// TestWedgeExpMatchesExp checks that the squeezed wedge test decides
// exactly as the plain test y < math.Exp(−x) does: for random points of
// every layer, and for points placed within a few units in the last
// place of the curve, where only math.Exp can decide. It also checks that
// the squeeze decides most random wedge points by itself.
func TestWedgeExpMatchesExp(t *testing.T) {
	p := pcg{5, 6}
	decided := 0
	const n = 2_000_000
	for range n {
		i := uint8(1 + p.next()%255)
		// The table lets x fall up to about 1e-9 below the inner edge.
		lo := zigX[i-1] - 1e-8
		x := lo + p.uniform()*(zigX[i]-lo)
		y := zigF[i] + p.uniform()*(zigF[i-1]-zigF[i])
		if got, want := wedgeExp(i, x, y), y < math.Exp(-x); got != want {
			t.Fatalf("layer %d, x = %v, y = %v: %v, want %v", i, x, y, got, want)
		}
		e := math.Exp(-x)
		for _, y := range []float64{e * (1 - 0x1p-50), e * (1 - 0x1p-52), e, e * (1 + 0x1p-52), e * (1 + 0x1p-50), zigF[i], zigF[i-1]} {
			if y > zigF[i-1] {
				continue // above the wedge: never passed
			}
			if got, want := wedgeExp(i, x, y), y < e; got != want {
				t.Fatalf("layer %d, x = %v, y = %v (exp(−x) = %v): %v, want %v", i, x, y, e, got, want)
			}
		}
		if _, ok := squeezeExp(i, x, y); ok {
			decided++
		}
	}
	if decided < n*8/10 {
		t.Errorf("squeeze decided %d of %d wedge points, want most", decided, n)
	}
	t.Logf("squeeze decided %.1f%% of wedge points", 100*float64(decided)/n)
}
