package variate

import (
	"math"
	"testing"
)

// TestExponential checks the exponential sampler's moments and tail
// against the standard exponential over 2,000,000 draws, each within 4
// standard errors: E[X] = 1 (Var 1), E[X²] = 2 (Var 20), P(X > 3) = e^-3
// and P(X > 8) = e^-8 (binomial). The draws pass through the ziggurat's
// wedges and tail (about 1% of draws) tens of thousands of times.
func TestExponential(t *testing.T) {
	p := NewPCG(1, 2)
	const n = 2_000_000
	var s1, s2 float64
	var over3, over8 int
	for range n {
		x := Exponential(&p)
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

// TestExponentialWrittenOut checks that the written-out form documented on
// Exponential (ExponentialRect, then ExponentialSlow on a generator held
// by value) gives the same draws and leaves the generator in the same
// state, over enough draws to take the slow path thousands of times, and
// that the slow path's share is the documented 2.2%.
func TestExponentialWrittenOut(t *testing.T) {
	p, q := NewPCG(9, 10), NewPCG(9, 10)
	slow := 0
	for i := range 1_000_000 {
		want := Exponential(&p)
		w := q.Uint64()
		got, ok := ExponentialRect(w)
		if !ok {
			got, q = ExponentialSlow(q, uint32(w), uint8(w>>32))
			slow++
		}
		if got != want || p != q {
			t.Fatalf("draw %d: %v, want %v (generators equal: %v)", i, got, want, p == q)
		}
	}
	// The rectangles hold 97.8% of the points (the mean of expZigK/2^32).
	if f := float64(slow) / 1e6; f < 0.020 || f > 0.025 {
		t.Errorf("slow path taken for %.4f of draws, want about 0.022", f)
	}
}

// TestWedgeExpMatchesExp checks that the squeezed wedge test decides
// exactly as the plain test y < math.Exp(−x) does: for random points of
// every layer, and for points placed within a few units in the last
// place of the curve, where only math.Exp can decide. It also checks that
// the squeeze decides most random wedge points by itself.
func TestWedgeExpMatchesExp(t *testing.T) {
	p := NewPCG(5, 6)
	decided := 0
	const n = 2_000_000
	for range n {
		i := uint8(1 + p.Uint64()%255)
		// The table lets x fall up to about 1e-9 below the inner edge.
		lo := expZigX[i-1] - 1e-8
		x := lo + p.Uniform()*(expZigX[i]-lo)
		y := expZigF[i] + p.Uniform()*(expZigF[i-1]-expZigF[i])
		checkWedgePoint(t, int(i), x, y, math.Exp(-x), expZigF[i], expZigF[i-1], func(x, y float64) bool { return wedgeExp(i, x, y) })
		if _, ok := squeezeExp(i, x, y); ok {
			decided++
		}
	}
	if decided < n*8/10 {
		t.Errorf("squeeze decided %d of %d wedge points, want most", decided, n)
	}
	t.Logf("squeeze decided %.1f%% of wedge points", 100*float64(decided)/n)
}

// checkWedgePoint checks that wedge, the squeezed wedge test of one layer,
// whose curve is f at x and whose wedge spans bottom to top, decides as
// the plain test y < f does: at the point (x, y), and at points placed
// within a few units in the last place of the curve or on the wedge's top
// and bottom, where only math.Exp can decide.
func checkWedgePoint(t *testing.T, layer int, x, y, f, bottom, top float64, wedge func(x, y float64) bool) {
	t.Helper()
	for _, y := range []float64{y, f * (1 - 0x1p-50), f * (1 - 0x1p-52), f, f * (1 + 0x1p-52), f * (1 + 0x1p-50), bottom, top} {
		if y > top {
			continue // above the wedge: never passed
		}
		if got, want := wedge(x, y), y < f; got != want {
			t.Fatalf("layer %d, x = %v, y = %v (curve %v): %v, want %v", layer, x, y, f, got, want)
		}
	}
}
