// Package stattest holds the statistical checks shared by the tests of
// several packages.
package stattest

import (
	"math"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// CheckEstimate fails t unless the estimate e lies within 4 standard
// errors of the exact value, and its standard error is at most maxRSE of
// its mean (so that the check cannot pass by being vague).
func CheckEstimate(t *testing.T, name string, e montecarlo.Estimate, exact, maxRSE float64) {
	t.Helper()
	z := (e.Mean - exact) / e.SE
	t.Logf("%-23s %.5f ± %.5f (exact %.5f, z = %+.2f, SE/mean %.1f%%)", name, e.Mean, e.SE, exact, z, 100*e.SE/e.Mean)
	if math.Abs(z) > 4 || math.IsNaN(z) {
		t.Errorf("%s = %v ± %v, exact %v: %.1f SE away, want within 4", name, e.Mean, e.SE, exact, z)
	}
	if e.SE > maxRSE*e.Mean {
		t.Errorf("%s: SE %v is more than %g%% of %v: too few trials for the test to mean anything", name, e.SE, 100*maxRSE, e.Mean)
	}
}
