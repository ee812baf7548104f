package variate

import (
	"math"
	"testing"
)

// TestPhi checks the tabulated Φ against math.Erfc on a fine grid
// covering the table and beyond it, at the bound documented in
// phi.go.
func TestPhi(t *testing.T) {
	const n = 2_000_000
	var maxAbs, maxRel float64
	for k := 0; k <= n; k++ {
		z := -7 + 14*float64(k)/n
		want := PhiExact(z)
		d := math.Abs(Phi(z) - want)
		maxAbs = max(maxAbs, d)
		maxRel = max(maxRel, d/want)
	}
	if maxAbs > 2e-13 || maxRel > 1e-8 {
		t.Errorf("Phi: max abs error %.3g (want ≤ 2e-13), max rel error %.3g (want ≤ 1e-8)", maxAbs, maxRel)
	}
	for _, z := range []float64{math.Inf(-1), -40, phiZMax, 40, math.Inf(1)} {
		if got, want := Phi(z), PhiExact(z); got != want {
			t.Errorf("Phi(%v) = %v, want %v", z, got, want)
		}
	}
	if !math.IsNaN(Phi(math.NaN())) {
		t.Error("Phi(NaN) is not NaN")
	}
}

// TestPhiExact checks PhiExact at reference values of Φ (Abramowitz and
// Stegun, Table 26.1, to the 15 digits given there) and that its upper
// tail PhiExact(−z) is bit for bit 0.5·erfc(z/√2), as documented.
func TestPhiExact(t *testing.T) {
	for _, c := range []struct{ z, want float64 }{
		{0, 0.5},
		{1, 0.841344746068543},
		{2, 0.977249868051821},
		{-3, 1 - 0.998650101968370},
	} {
		if got := PhiExact(c.z); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("PhiExact(%v) = %.16g, want %.15g", c.z, got, c.want)
		}
	}
	for _, z := range []float64{0, 0.3, 1, 2.5, 8, 38, -1, -7} {
		if got, want := PhiExact(-z), 0.5*math.Erfc(z/math.Sqrt2); got != want {
			t.Errorf("PhiExact(−%v) = %v, want 0.5·erfc(%v/√2) = %v", z, got, z, want)
		}
	}
}
