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

// CheckMeanVar fails t unless the sample mean and unbiased sample variance
// of xs lie within 4 standard errors of their exact values wantMean and
// wantVar. The SE of the mean is √(wantVar/n); that of the variance is
// √((μ₄ − s⁴)/n), with the sample's fourth central moment μ₄ and
// variance s².
func CheckMeanVar(t *testing.T, name string, xs []float64, wantMean, wantVar float64) {
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
