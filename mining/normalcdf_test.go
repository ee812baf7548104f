package mining

import (
	"math"
	"testing"
)

// TestNormalCDF checks the tabulated Φ against math.Erfc on a fine grid
// covering the table and beyond it, at the bound documented in
// normalcdf.go.
func TestNormalCDF(t *testing.T) {
	const n = 2_000_000
	var maxAbs, maxRel float64
	for k := 0; k <= n; k++ {
		z := -7 + 14*float64(k)/n
		want := normalCDFExact(z)
		d := math.Abs(normalCDF(z) - want)
		maxAbs = max(maxAbs, d)
		maxRel = max(maxRel, d/want)
	}
	if maxAbs > 2e-13 || maxRel > 1e-8 {
		t.Errorf("normalCDF: max abs error %.3g (want ≤ 2e-13), max rel error %.3g (want ≤ 1e-8)", maxAbs, maxRel)
	}
	for _, z := range []float64{math.Inf(-1), -40, phiZMax, 40, math.Inf(1)} {
		if got, want := normalCDF(z), normalCDFExact(z); got != want {
			t.Errorf("normalCDF(%v) = %v, want %v", z, got, want)
		}
	}
	if !math.IsNaN(normalCDF(math.NaN())) {
		t.Error("normalCDF(NaN) is not NaN")
	}
}
