package montecarlo

import (
	"math"
	"testing"
)

// TestPrecisionRSE checks that a precision target sees +Inf until an
// estimate says something about its precision, and SE/|mean| after.
func TestPrecisionRSE(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		e    Estimate
		want float64
	}{
		{Estimate{Mean: 0, SE: 0}, inf},          // zero with zero error: RelativeSE gives 0
		{Estimate{Mean: 0, SE: 1}, inf},          // zero with an error
		{Estimate{Mean: 2, SE: math.NaN()}, inf}, // one trial
		{Estimate{Mean: -4, SE: 1}, 0.25},
	} {
		if got := c.e.PrecisionRSE(); got != c.want {
			t.Errorf("%+v: PrecisionRSE = %v, want %v", c.e, got, c.want)
		}
	}
}
