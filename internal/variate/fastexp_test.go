package variate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ulpDist is the number of float64 values between a and b (both > 0).
func ulpDist(a, b float64) uint64 {
	x, y := math.Float64bits(a), math.Float64bits(b)
	if x > y {
		return x - y
	}
	return y - x
}

// TestFastExp checks FastExp, with math.Exp outside its domain
// (expSmall), against math.Exp. Bound: the table entry is within 1 ulp of
// exp (it is math.Exp's value, documented as accurate to 1 ulp), the
// final addition rounds by at most 0.5 ulp, and the correction e·q
// (|q| < 0.001) and the polynomial's truncation (below 10⁻¹⁷) add well
// under 0.1 ulp; math.Exp is itself within 1 ulp, so the two differ by
// less than 2.6 ulp: at most 3 representable steps.
func TestFastExp(t *testing.T) {
	const maxULP = 3
	worst := uint64(0)
	try := func(x float64) {
		got, want := expSmall(x), math.Exp(x)
		d := ulpDist(got, want)
		worst = max(worst, d)
		if d > maxULP {
			t.Fatalf("expSmall(%v) = %v, math.Exp = %v: %d ulp apart, want <= %d", x, got, want, d, maxULP)
		}
	}
	// Table nodes, their neighbours and the midpoints between nodes.
	for i := -fastExpOff; i <= fastExpOff; i++ {
		x := float64(i) / fastExpSteps
		try(x)
		try(math.Nextafter(x, 2))
		try(math.Nextafter(x, -2))
		try(x + 0.5/fastExpSteps)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 1_000_000 {
		try(2*r.Float64() - 1)
		try(0.05 * r.NormFloat64())
	}
	// The edges of the table's domain, inside and out.
	for _, x := range []float64{-1 - 2.0/fastExpSteps, -1 - 1.0/1024, -1, -1 + 1.0/2048, 1 - 1e-9, 1, 1 + 1.0/2048, 1 + 1.0/1024, 1.01} {
		try(x)
	}
	// Far outside the table: math.Exp itself.
	for _, x := range []float64{-1.5, 3, -700, 1e300, math.Inf(1), math.Inf(-1)} {
		if got, want := expSmall(x), math.Exp(x); got != want {
			t.Errorf("expSmall(%v) = %v, want math.Exp = %v", x, got, want)
		}
	}
	if got := expSmall(math.NaN()); !math.IsNaN(got) {
		t.Errorf("expSmall(NaN) = %v, want NaN", got)
	}
	t.Logf("largest difference from math.Exp: %d ulp", worst)
}

// expSmall returns exp(x) to within 2 ulp of math.Exp: FastExp, and
// math.Exp outside its domain, as a caller uses them.
func expSmall(x float64) float64 {
	if e, ok := FastExp(x); ok {
		return e
	}
	return math.Exp(x)
}
